import { kilobytes } from '../../../../shared/documents/limits';
import type { KycImage } from '../../../../shared/record/kyc-record';
import { GroupError, useFields } from '../fields';
import { DocumentAttach, StoredImage } from '../images';

/**
 * One image of the UAE customer at `path` (an id's front or back, the profile photograph): the one
 * attached, with a way to remove it, and a file picker whose new image replaces it. Its problem
 * (missing, or refused by main) shows under it.
 */
export function UaeImageSlot({ path, code, label }: { path: string; code: string; label: string }) {
  const { record, change } = useFields();
  const image = path.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], record) as KycImage | undefined;
  return (
    <div className="uae-image" data-path={path} tabIndex={-1}>
      {image ? (
        <div className="image-list__item">
          <StoredImage hash={image.documentHash} mime={image.mime} alt={label} />
          <span className="muted">
            {label} attached ({kilobytes(image.bytes)}). Attaching another replaces it.
          </span>
          <button type="button" className="small secondary" onClick={() => change(path, undefined)}>
            Remove the {label.toLowerCase()}
          </button>
        </div>
      ) : null}
      <DocumentAttach imageCode={code} label={image ? `Replace the ${label.toLowerCase()}` : `Attach the ${label.toLowerCase()}`} onAttached={(attached) => change(path, { ...attached, code })} />
      <GroupError path={path} />
    </div>
  );
}

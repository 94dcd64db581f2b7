import { useId, useState } from 'react';
import { IMAGE_CODE_AADHAAR, IMAGE_CODE_PHOTOGRAPH, IMAGE_CODE_SIGNATURE, IMAGE_TYPES, codeLabel } from '../../../../shared/codes/ckyc-codes';
import { kilobytes } from '../../../../shared/documents/limits';
import type { KycImage } from '../../../../shared/record/kyc-record';
import { useAppStore } from '../../state/app-store';
import { CodeSelect, FieldError, GroupError, useFields } from '../fields';
import { DocumentAttach, PhotoCapture, SignaturePad, StoredImage } from '../images';
import { InPersonVideoField } from '../video';

const MAX_IMAGES = 20;
/** Types offered under "Add a document image": the photograph and the signature have their own slots. */
const OTHER_IMAGE_TYPES = IMAGE_TYPES.filter(([code]) => code !== IMAGE_CODE_PHOTOGRAPH && code !== IMAGE_CODE_SIGNATURE);

function imageLabel(code: string): string {
  return codeLabel(IMAGE_TYPES, code) ?? `Image type ${code}`;
}

export function DocumentsStep() {
  const { record, update, errorOf } = useFields();
  const recordLimit = useAppStore((s) => s.info?.documentLimits.recordBytes);
  const [otherType, setOtherType] = useState('');
  const typeId = useId();
  const images = record.images;
  const photo = images.find((image) => image.code === IMAGE_CODE_PHOTOGRAPH);
  const signature = images.find((image) => image.code === IMAGE_CODE_SIGNATURE);
  const total = images.reduce((sum, image) => sum + image.bytes, 0);
  const over = recordLimit !== undefined && total > recordLimit;

  /** One photograph and one signature: a new one replaces the old. */
  const put = (image: KycImage, replaceSameCode: boolean) =>
    update((r) => {
      const kept = replaceSameCode ? r.images.filter((existing) => existing.code !== image.code) : r.images;
      return kept.length >= MAX_IMAGES ? r : { ...r, images: [...kept, image] };
    });
  const remove = (index: number) => update((r) => ({ ...r, images: r.images.filter((_, i) => i !== index) }));

  return (
    <>
      <fieldset data-path="images" tabIndex={-1}>
        <legend>Photograph (mandatory)</legend>
        <GroupError path="images" />
        {photo ? (
          <p className="muted">The photograph is attached ({kilobytes(photo.bytes)}). Taking another replaces it.</p>
        ) : (
          <p className="muted">No photograph yet.</p>
        )}
        <PhotoCapture onCaptured={(image) => put({ ...image, code: IMAGE_CODE_PHOTOGRAPH }, true)} />
      </fieldset>

      <fieldset>
        <legend>Signature (optional)</legend>
        {signature && <p className="muted">The signature is attached ({kilobytes(signature.bytes)}). Signing again or attaching another replaces it.</p>}
        <SignaturePad onSigned={(image) => put({ ...image, code: IMAGE_CODE_SIGNATURE }, true)} />
        <DocumentAttach imageCode={IMAGE_CODE_SIGNATURE} label="Or attach a scanned signature" onAttached={(image) => put({ ...image, code: IMAGE_CODE_SIGNATURE }, true)} />
      </fieldset>

      <InPersonVideoField />

      <fieldset>
        <legend>Add a document image</legend>
        <div className="grid">
          <div className="field">
            <label htmlFor={typeId}>Document image type</label>
            <CodeSelect
              control={{ id: typeId, name: 'newImageType', 'aria-invalid': false, 'aria-describedby': undefined, onBlur: () => undefined }}
              value={otherType}
              options={OTHER_IMAGE_TYPES}
              onChange={setOtherType}
            />
          </div>
        </div>
        {otherType !== '' && images.length < MAX_IMAGES && (
          <DocumentAttach key={otherType} imageCode={otherType} label={imageLabel(otherType)} onAttached={(image) => put({ ...image, code: otherType }, false)} />
        )}
        {images.length >= MAX_IMAGES && <p className="muted">A record can carry at most {MAX_IMAGES} images.</p>}
      </fieldset>

      <section className="attached" aria-labelledby={`${typeId}-attached`}>
        <h4 id={`${typeId}-attached`}>Attached images</h4>
        {images.length === 0 ? (
          <p className="muted">Nothing attached yet.</p>
        ) : (
          <ul className="image-list" data-testid="image-list">
            {images.map((image, i) => {
              const label = imageLabel(image.code);
              const problems = ['code', 'mime', 'bytes', 'masked', 'documentHash'].map((part) => errorOf(`images.${i}.${part}`)).filter((e): e is string => Boolean(e));
              return (
                <li key={`${image.documentHash}-${i}`} className="image-list__item" data-path={`images.${i}`} tabIndex={-1}>
                  <StoredImage hash={image.documentHash} mime={image.mime} alt={`${label} (image ${i + 1})`} />
                  <div className="image-list__about">
                    <strong>{label}</strong>
                    <span className="muted"> · {kilobytes(image.bytes)}</span>
                    {image.code === IMAGE_CODE_AADHAAR && (
                      <span className={`tag${image.masked ? '' : ' tag--bad'}`}>{image.masked ? 'masked' : 'not masked'}</span>
                    )}
                    {problems.map((message) => (
                      <FieldError key={message} message={message} />
                    ))}
                  </div>
                  <button type="button" className="small secondary" onClick={() => remove(i)}>
                    Remove {label.toLowerCase()} (image {i + 1})
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <p className={over ? 'notice notice--warning' : 'muted'} role={over ? 'alert' : undefined} data-testid="images-total">
          Images in this record: {kilobytes(total)}
          {recordLimit !== undefined ? ` of ${kilobytes(recordLimit)} allowed` : ''}.
          {over ? ' That is over the limit for one record: remove an image or attach a smaller scan.' : ''}
        </p>
      </section>
    </>
  );
}

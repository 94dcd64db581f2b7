import { megabytes } from '../../../../shared/documents/in-person-video';
import { GroupError, useFields } from '../fields';
import { InPersonVideoRecorder } from './InPersonVideoRecorder';
import { StoredVideo } from './StoredVideo';

/**
 * The record's in-person verification video on the documents step: optional for CKYC (the
 * digital-KYC push asks for it), one per record — a new take replaces the old.
 */
export function InPersonVideoField() {
  const { record, update } = useFields();
  const video = record.inPersonVideo;
  return (
    <fieldset data-path="inPersonVideo" tabIndex={-1}>
      <legend>In-person verification video (optional)</legend>
      <GroupError path="inPersonVideo" />
      {video ? (
        <div className="in-person-video" data-testid="in-person-video">
          <p className="muted">The video is attached ({megabytes(video.bytes)}). Recording another replaces it.</p>
          <StoredVideo hash={video.documentHash} label="In-person verification video" />
          <button
            type="button"
            className="small secondary"
            onClick={() =>
              update((r) => {
                const { inPersonVideo: _removed, ...rest } = r;
                return rest;
              })
            }
          >
            Remove the video
          </button>
        </div>
      ) : (
        <p className="muted">No video yet.</p>
      )}
      <InPersonVideoRecorder onRecorded={(kept) => update((r) => ({ ...r, inPersonVideo: kept }))} />
    </fieldset>
  );
}

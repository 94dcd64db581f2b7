import { IMAGE_TYPES, codeLabel } from '../../../shared/codes/ckyc-codes';
import { can } from '../../../shared/operators/roles';
import { ApprovalActions } from '../queue/ApprovalActions';
import { captureKind, unknownFormMessage } from '../capture/capture-kinds';
import { StoredImage } from '../capture/images';
import { StoredVideo } from '../capture/video';
import { IN_PERSON_VIDEO_CODE } from '../../../shared/documents/in-person-video';
import { RecordStateBadge } from '../shell/StateBadge';
import { formatTime } from '../shell/formatting';
import { useAppStore } from '../state/app-store';
import type { ResponseOf } from '../../../shared/contract';
import { RecordVideoKyc } from '../video-kyc/RecordVideoKyc';
import { RecordDigitalKyc } from '../digital-kyc/RecordDigitalKyc';
import { RecordUpdates } from '../bulk-update/RecordUpdates';
import { RecordCdpEnrolment } from '../uae-cdp/RecordCdpEnrolment';
import { ApplicationFormButton } from './ApplicationFormButton';

/**
 * One record opened from the queue: its fields beside its photograph and document images, so a
 * checker compares what was typed with what the customer showed before approving. The maker who
 * captured it may change it here until it is sent.
 */
export function RecordReview() {
  const open = useAppStore((s) => s.openRecord);
  if (!open) return null;
  // Keyed by the record: moving to another customer starts every block afresh, so nothing one
  // customer's page held (a half-typed refusal reason, a PDF's outcome, what a service said of
  // them) ever shows under another's name while the new answers are on the way.
  return <OpenRecordReview key={open.summary.id} open={open} />;
}

function OpenRecordReview({ open }: { open: ResponseOf<'records.get'> }) {
  const showRecord = useAppStore((s) => s.showRecord);
  const editRecord = useAppStore((s) => s.editRecord);
  const mayApprove = useAppStore((s) => (s.session?.operator ? can(s.session.operator.role, 'records.approve') : false));
  const { summary, record } = open;
  // The record's kind shows its fields and labels them; a kind this version cannot show is said so.
  const form = captureKind(open.kind);
  return (
    <section className="record-review" aria-labelledby="record-review-title" data-testid="record-review">
      <div className="screen-head">
        <h3 id="record-review-title">
          Record {summary.reference} <RecordStateBadge state={summary.state} />
        </h3>
        <button type="button" className="secondary" onClick={() => void showRecord(null)}>
          Close
        </button>
      </div>
      <p className="muted">
        Captured by {open.capturedBy ?? 'an operator no longer on this PC'} on {formatTime(summary.createdAt)}
        {open.approvedBy ? `; approved by ${open.approvedBy}` : ''}.
        {summary.message ? ` ${summary.message}` : ''}
      </p>
      {open.registryErrors && Object.keys(open.registryErrors).length > 0 && (
        <div className="alert alert--inline" data-testid="registry-errors">
          <p>These fields must change before this record can be sent (the registry refused them, or they fail today’s checks). Its maker can change the record (the fields are marked there) and it goes for approval again:</p>
          <ul>
            {Object.entries(open.registryErrors).map(([path, message]) => (
              <li key={path}>
                <strong>{form ? form.kind.fieldLabel(path) : path}</strong>: {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="record-review__sides">
        <div className="record-review__fields">{form ? <form.Details record={record} /> : <p className="alert alert--inline">{unknownFormMessage(open.kind)}</p>}</div>
        <ul className="record-review__images" aria-label="Photograph and documents">
          {(form?.kind.images(record) ?? []).map((image) => {
            // The in-person video plays from memory; the player (and its blob: URL) goes when Review closes.
            if (image.code === IN_PERSON_VIDEO_CODE) {
              return (
                <li key={image.documentHash} className="record-review__video">
                  <StoredVideo hash={image.documentHash} label={`In-person verification video of ${summary.reference}`} />
                  <span>In-person verification video</span>
                </li>
              );
            }
            const name = form?.imageName?.(image.code) ?? codeLabel(IMAGE_TYPES, image.code) ?? `Image ${image.code}`;
            return (
              <li key={image.documentHash}>
                <StoredImage hash={image.documentHash} mime={image.mime} alt={`${name} of ${summary.reference}`} />
                <span>
                  {name}
                  {image.masked ? ' (Aadhaar masked)' : ''}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
      <div className="actions">
        {mayApprove && summary.state === 'awaiting_approval' && <ApprovalActions record={summary} />}
        {open.editable && (
          <button type="button" className="secondary" onClick={() => void editRecord(summary.id)}>
            Change this record
          </button>
        )}
        {open.editable && summary.state === 'ready' && <p className="muted">Changing it sends it back for approval.</p>}
        {open.kind === 'ckyc-individual' && <ApplicationFormButton recordId={summary.id} />}
      </div>
      {open.kind === 'ckyc-individual' && <RecordVideoKyc recordId={summary.id} reference={summary.reference} />}
      {open.kind === 'ckyc-individual' && <RecordDigitalKyc recordId={summary.id} state={summary.state} editable={open.editable} />}
      {open.kind === 'ckyc-individual' && <RecordUpdates recordId={summary.id} />}
      {open.kind === 'uae-customer' && <RecordCdpEnrolment recordId={summary.id} />}
    </section>
  );
}


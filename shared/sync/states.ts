/**
 * The record and batch lifecycles as explicit state machines. Both sides use these tables: main
 * to refuse an illegal move before it is written, the renderer to label states for people.
 */
export const RECORD_STATES = ['draft', 'awaiting_approval', 'rejected', 'ready', 'submitted', 'succeeded', 'failed'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

export const RECORD_STATE_LABELS: Record<RecordState, string> = {
  draft: 'Draft',
  awaiting_approval: 'Awaiting approval',
  rejected: 'Rejected',
  ready: 'Ready to sync',
  submitted: 'Submitted',
  succeeded: 'Upload succeeded',
  failed: 'Upload failed',
};

const RECORD_TRANSITIONS: Record<RecordState, readonly RecordState[]> = {
  draft: ['awaiting_approval', 'ready'],
  awaiting_approval: ['ready', 'rejected', 'draft'],
  rejected: ['draft', 'awaiting_approval'],
  // back for approval when the maker changes it before it is sent
  ready: ['submitted', 'draft', 'awaiting_approval'],
  // back to ready only when the registry provably never took the batch
  submitted: ['succeeded', 'failed', 'ready'],
  succeeded: [],
  // sent again as it is (ready), or changed by its maker to fix what the registry refused
  failed: ['draft', 'ready', 'awaiting_approval'],
};

export function canMoveRecord(from: RecordState, to: RecordState): boolean {
  return RECORD_TRANSITIONS[from].includes(to);
}

/**
 * sending              the initialize request (or the records API request) is about to leave,
 *                      or left with no answer yet
 * uploading            the registry registered the batch (client_id known) and waits for its ZIP:
 *                      through upload-file or the SFTP input folder; repeating it is safe (same
 *                      name, same bytes: the registry and the transport both recognise a repeat)
 * polling              the batch is at the registry; status is followed
 * succeeded / failed   the registry's terminal answer; never polled again
 * send_failed          the registry provably did not take the batch; its records are ready again
 * needs_reconciliation the request may have reached the registry but no answer was stored;
 *                      the batch is never re-sent blindly — it is looked up first
 * needs_attention      the registry answered something KYC Desk cannot act on by itself (a state it
 *                      does not know, a refusal to say how the batch is, a batch it no longer has):
 *                      nothing is asked or sent again until a person follows it again or closes it;
 *                      its records keep their last known state
 */
export const BATCH_STATES = ['sending', 'uploading', 'polling', 'succeeded', 'failed', 'send_failed', 'needs_reconciliation', 'needs_attention'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export const BATCH_STATE_LABELS: Record<BatchState, string> = {
  sending: 'Sending',
  uploading: 'Sending file',
  polling: 'Processing at registry',
  succeeded: 'Upload succeeded',
  failed: 'Upload failed',
  send_failed: 'Not sent',
  needs_reconciliation: 'Outcome unknown — checking',
  needs_attention: 'Needs attention',
};

const BATCH_TRANSITIONS: Record<BatchState, readonly BatchState[]> = {
  // records API: answered at once, so straight to an end
  // sending → sending: offline or rate-limited, the batch waits whole (nothing was taken)
  sending: ['sending', 'uploading', 'polling', 'succeeded', 'failed', 'send_failed', 'needs_reconciliation'],
  // uploading → uploading records one more try; failed: the registry refused the file for good
  uploading: ['uploading', 'polling', 'failed'],
  polling: ['polling', 'succeeded', 'failed', 'needs_attention'],
  succeeded: [],
  failed: [],
  send_failed: [],
  // looked up again (still unknown, or the look-up failed) before it is settled
  // (records API: the re-send is answered at once)
  needs_reconciliation: ['needs_reconciliation', 'uploading', 'polling', 'succeeded', 'failed', 'send_failed', 'needs_attention'],
  // a person follows it again (polling, or looked up if it was in doubt) or closes it as failed
  needs_attention: ['polling', 'needs_reconciliation', 'failed'],
};

export function canMoveBatch(from: BatchState, to: BatchState): boolean {
  return BATCH_TRANSITIONS[from].includes(to);
}

export function isTerminalBatchState(state: BatchState): boolean {
  return BATCH_TRANSITIONS[state].length === 0;
}

import { CKYC_DOWNLOAD_REQUEST_KIND_ID } from '../../../shared/record-kinds/ckyc-download-request';
import type { CkycDownloadClient } from '../../connectors/ckyc-bulk/download-client';
import type { DownloadStatusResponse } from '../../connectors/ckyc-bulk/download-wire';
import { isKnownRemoteState, TERMINAL_REMOTE_STATES } from '../../connectors/ckyc-bulk/wire';
import type { FetchedAnswer } from '../../fetch/keep-fetched';
import type { StoredRecord } from '../../records/record-repository';
import type { BatchRow } from '../../sync/batch-repository';
import type { FollowOutcome, FormedBatches, LookUpOutcome, StepContext, SubmissionService, SubmitOutcome } from '../../sync/submission-service';
import { mayHaveReachedRegistry, stepFailure } from '../ckyc/failures';
import { asksOf, formDownloadBatches } from './download-forming';
import { allFailed, readTerminalDownload } from './download-settling';

/** The engine's id for this service: each download batch stores it. */
export const CKYC_DOWNLOAD_SERVICE_ID = 'ckyc-download';

export interface DownloadServiceOptions {
  client: CkycDownloadClient;
  /** One cheap request while offline (the bulk client's). */
  probe: () => Promise<boolean>;
  /** Keeps each person's answer (electron/fetch/keep-fetched.ts); the same answers again change nothing. */
  keep: (answers: readonly FetchedAnswer[]) => void;
}

/**
 * CKYC's bulk download (docs/apis/ckyc-bulk.md, "Bulk download") as a submission service: approved
 * download requests (records of kind ckyc-download-request) go as batches of people.
 *
 *   submit   initialize with our batch file name; a lost answer is doubt, never a second initialize;
 *   lookUp   the download found by that name (get-bulk-download-clients?search=); absent twice: not sent;
 *   follow   status on the engine's poll schedule (never faster than 30 s against a real registry)
 *            until terminal; each person is kept, then the requests settle. A state KYC Desk does not
 *            know, or a 4xx to status, waits for a person (needs attention), never asked again alone.
 */
export function ckycDownloadService(options: DownloadServiceOptions): SubmissionService {
  return {
    id: CKYC_DOWNLOAD_SERVICE_ID,
    separateDelivery: false,
    recordKind: CKYC_DOWNLOAD_REQUEST_KIND_ID,
    form: (ready: readonly StoredRecord[], caps: { maxRecords: number }): FormedBatches => formDownloadBatches(ready, caps),
    probe: options.probe,
    submit: (batch, context) => submit(options, batch, context),
    follow: (batch, context) => follow(options, batch, context),
    lookUp: (batch) => lookUp(options, batch),
  };
}

async function submit({ client }: DownloadServiceOptions, batch: BatchRow, context: StepContext): Promise<SubmitOutcome> {
  const individuals = asksOf(context.members).map((ask) => ask.individual);
  const outcome = await client.initialize({ data: { batch_file_name: batch.batchFileName, individuals } });
  if (outcome.ok) return { kind: 'accepted', remoteId: outcome.body.data.client_id, remoteState: outcome.body.data.state, next: 'follow' };
  const failure = outcome.failure;
  context.logger.warn('download initialize failed', { batchId: batch.id, kind: failure.kind, message: failure.message });
  // 409: the registry already has a download by this name — our own, whose answer was lost.
  if (mayHaveReachedRegistry(failure) || (failure.kind === 'rejected' && failure.status === 409)) {
    return { kind: 'doubt', message: `${failure.message} The registry may have received this download; it will be looked up by name before anything is sent again.` };
  }
  if (failure.kind === 'unreachable' || failure.kind === 'rate_limited') return { kind: 'retry', failure: stepFailure(failure) };
  return { kind: 'refused', message: `The registry refused this download: ${failure.message}` };
}

async function follow({ client, keep }: DownloadServiceOptions, batch: BatchRow, context: StepContext): Promise<FollowOutcome> {
  const outcome = await client.status(batch.clientId!);
  if (!outcome.ok) {
    const failure = outcome.failure;
    // A 4xx other than a token or rate problem: the registry will not say (a download past its
    // 180 days, deleted). Asking again would get the same: a person decides.
    if (failure.kind === 'rejected' && failure.status !== 401 && failure.status !== 403) {
      return { kind: 'attention', message: `The registry refused to say how this download is (HTTP ${failure.status}): ${failure.message}`, ...(failure.raw !== undefined ? { answer: failure.raw } : {}) };
    }
    return { kind: 'retry', failure: stepFailure(failure) };
  }
  const data = outcome.body.data;
  if (!isKnownRemoteState(data.state)) return { kind: 'attention', message: `The registry says this download is "${data.state}", which KYC Desk does not know. A person decides: follow it again or close it.`, answer: summaryOf(data) };
  if (!TERMINAL_REMOTE_STATES.includes(data.state)) return { kind: 'pending', remoteState: data.state, answer: summaryOf(data) };
  const asks = asksOf(context.members);
  const failedBatch = data.state === 'upload_failed';
  if (data.individuals === undefined) {
    if (!failedBatch) return { kind: 'attention', message: 'The registry says this download is finished but sent no people with it. A person decides: follow it again or close it.', answer: summaryOf(data) };
    const message = data.error ?? 'The registry refused this download without giving a reason.';
    keep(allFailed(asks, message, data.state));
    return { kind: 'settled', settlement: { state: 'failed', remoteState: data.state, lastError: message, results: new Map(), unreported: { state: 'failed', message } }, answer: summaryOf(data) };
  }
  const read = readTerminalDownload(asks, data, failedBatch);
  keep(read.answers);
  if (read.unknown) return { kind: 'attention', message: `${read.unknown}, which KYC Desk does not know. The others are kept; a person decides: follow it again or close it.`, answer: summaryOf(data) };
  return { kind: 'settled', settlement: read.settlement, answer: summaryOf(data) };
}

async function lookUp({ client }: DownloadServiceOptions, batch: BatchRow): Promise<LookUpOutcome> {
  const found = await client.findByName(batch.batchFileName);
  if (!found.ok) return { kind: 'retry', failure: stepFailure(found.failure), prefix: 'Looking this download up at the registry failed; it will be tried again. Nothing is sent until then. ' };
  if (found.download) return { kind: 'accepted', remoteId: found.download.client_id, remoteState: found.download.state, next: 'follow' };
  return {
    kind: 'absent',
    firstMessage: 'The registry does not know this download (looked up by its name). It will be looked up once more before it is sent again.',
    message: 'The registry never received this download (looked up twice by its name). Its requests are ready to go in the next batch.',
    recordMessage: 'Not received by the registry; it goes in the next download.',
  };
}

/**
 * The answer as kept on the batch for an admin: the registry's words about the download and each
 * person's state and reason, never the people's data (that is kept, Aadhaar cut, in fetched_people).
 */
function summaryOf(data: DownloadStatusResponse['data']): string {
  const { individuals, ...rest } = data;
  return JSON.stringify({ ...rest, ...(individuals ? { individuals: individuals.map(({ ckyc_id, state, error }) => ({ ckyc_id, state, error: error ?? null })) } : {}) });
}

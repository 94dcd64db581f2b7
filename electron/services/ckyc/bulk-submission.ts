import { imageFileName, type InstitutionCodes } from '../../connectors/ckyc-bulk/batch-csv';
import { DEFAULT_BATCH_CAPS } from '../../connectors/ckyc-bulk/batch-zip';
import { CKYC_INDIVIDUAL_KIND_ID } from '../../../shared/record-kinds/ckyc-individual';
import type { CkycBulkClient } from '../../connectors/ckyc-bulk/client';
import { bulkErrorFields } from '../../connectors/ckyc-bulk/error-fields';
import { toWireIndividual } from '../../connectors/ckyc-bulk/map-individual';
import { INDIVIDUAL_STATES, isKnownRemoteState, TERMINAL_REMOTE_STATES, type InitializeRequest } from '../../connectors/ckyc-bulk/wire';
import type { HttpFailure } from '../../transport/http-client';
import type { BatchRow } from '../../sync/batch-repository';
import type { StoredRecord } from '../../records/record-repository';
import type { DeliverOutcome, FollowOutcome, FormedBatches, LookUpOutcome, RecordResult, ResponseCollector, StepContext, SubmissionService, SubmitOutcome } from '../../sync/submission-service';
import { outboxBatchFiles, type BatchFiles } from './batch-files';
import { bulkKindOf, formBatches } from './batch-forming';
import { mayHaveReachedRegistry, stepFailure } from './failures';
import type { BatchFileSource, FileDelivery } from './file-delivery';

/**
 * CKYC's bulk upload (docs/apis/ckyc-bulk.md) as a submission service. Both bulk routes share it
 * and differ only in how the batch ZIP travels (`delivery`): through upload-file, or dropped in
 * the SFTP input folder, whose health the indicator shows and whose response files are read once
 * the batch has ended.
 *
 *   submit   the ZIP built into the outbox (once, from the records and the stored verifier), then
 *            initialize with the batch's individuals;
 *   deliver  the ZIP, rebuilt byte for byte if the outbox lost it;
 *   follow   status until terminal, then status-check for each individual's end;
 *   lookUp   the batch found by its file name (the registry's only way to be asked after doubt).
 */
export interface BulkRouteOptions {
  id: 'bulk-api' | 'bulk-sftp';
  client: CkycBulkClient;
  delivery: FileDelivery;
  separateDelivery: boolean;
  /** DocumentStore.get: each image decrypted into memory, one at a time, as the ZIP is built. */
  readDocument: (documentHash: string) => Uint8Array;
  /** The institution's CERSAI codes for batch-details.csv. */
  institution?: () => InstitutionCodes;
  /** Cap of one batch ZIP (KYC_DESK_BATCH_MAX_BYTES). */
  maxBatchBytes?: number;
  responses?: ResponseCollector;
  /**
   * For a separate delivery: the registry's sftp-health is asked before every transfer; a server
   * it reports down is not tried (the batch waits and tries again), and each answer is handed here
   * (the Registry screen's history).
   */
  onDeliveryHealth?: (health: 'up' | 'down', at: Date) => void;
}

const UNREPORTED = 'The registry did not report on this record; it is not counted as accepted.';

export function bulkSubmission(options: BulkRouteOptions): SubmissionService {
  return new BulkSubmission(options);
}

class BulkSubmission implements SubmissionService {
  readonly id: string;
  readonly separateDelivery: boolean;
  readonly recordKind = CKYC_INDIVIDUAL_KIND_ID;
  readonly responses?: ResponseCollector;
  readonly deliveryHealth?: () => Promise<'up' | 'down' | null>;
  private readonly client: CkycBulkClient;
  private readonly maxBytes: number;

  constructor(private readonly options: BulkRouteOptions) {
    this.id = options.id;
    this.separateDelivery = options.separateDelivery;
    this.client = options.client;
    this.maxBytes = options.maxBatchBytes ?? DEFAULT_BATCH_CAPS.maxBytes;
    if (options.responses) this.responses = options.responses;
    if (options.separateDelivery) this.deliveryHealth = () => this.health();
  }

  form(ready: readonly StoredRecord[], caps: { maxRecords: number }): FormedBatches {
    return formBatches(ready, { maxRecords: caps.maxRecords, maxBytes: this.maxBytes }, true);
  }

  probe(): Promise<boolean> {
    return this.client.reachable();
  }

  private filesOf(context: StepContext): BatchFiles {
    return outboxBatchFiles(context.outbox, this.options.readDocument);
  }

  /** The batch's ZIP in the outbox: built once, from the records and the verifier stored with the batch. */
  private ensureZip(batch: BatchRow, context: StepContext): { bytes: number; sha256: string } {
    const files = this.filesOf(context);
    const existing = files.source(batch.batchFileName);
    if (existing && (batch.fileSha256 === null || batch.fileSha256 === existing.sha256)) {
      if (batch.fileSha256 === null) context.noteFile(existing);
      return existing;
    }
    const built = files.build(batch.batchFileName, {
      header: {
        batchFileName: batch.batchFileName,
        kind: bulkKindOf(batch),
        verifier: context.verifier(),
        // The batch's own creation time: a rebuilt ZIP is byte for byte the first one.
        createdAt: new Date(batch.createdAt),
        ...(this.options.institution ? { institution: this.options.institution() } : {}),
      },
      records: context.members.map((record) => ({ reference: record.reference, record: record.record })),
      maxBytes: this.maxBytes,
    });
    context.noteFile(built);
    return built;
  }

  async submit(batch: BatchRow, context: StepContext): Promise<SubmitOutcome> {
    try {
      this.ensureZip(batch, context);
    } catch (error) {
      // Nothing left the PC: the records go back to ready with the reason.
      context.logger.error('batch ZIP could not be built', { batchId: batch.id, error });
      return { kind: 'refused', message: `The batch file could not be made: ${(error as Error).message}` };
    }
    const outcome = await this.client.initialize(bulkKindOf(batch), this.initializeRequest(batch, context));
    if (outcome.ok) return { kind: 'accepted', remoteId: outcome.body.data.client_id, remoteState: outcome.body.data.state, next: 'deliver' };
    const failure = outcome.failure;
    context.logger.warn('batch initialize failed', { batchId: batch.id, kind: failure.kind, message: failure.message });
    if (mayHaveReachedRegistry(failure)) return { kind: 'doubt', message: `${failure.message} The registry may have received this batch; it will be looked up before anything is sent again.` };
    // Provably not taken: the batch waits, whole, and goes when the registry can take it.
    if (failure.kind === 'unreachable' || failure.kind === 'rate_limited') return { kind: 'retry', failure: stepFailure(failure) };
    // A definite refusal of the request: nothing was accepted; the records say why.
    return { kind: 'refused', message: `The registry refused this batch: ${failure.message}` };
  }

  private initializeRequest(batch: BatchRow, context: StepContext): InitializeRequest {
    const verifier = context.verifier();
    const update = bulkKindOf(batch) === 'update';
    return {
      data: {
        purpose: update ? 'kyc_update' : 'new_kyc_upload',
        batch_file_name: batch.batchFileName,
        verifier: { name: verifier.name, designation: verifier.designation, branch: verifier.branch, employment_code: verifier.employmentCode, organization: verifier.organization },
        individuals: context.members.map((record) => ({
          ...toWireIndividual(record.reference, record.record),
          image_files: record.record.images.map((image, index) => imageFileName(record.reference, image, index)),
          ...(update && record.record.ckycNumber !== '' ? { ckyc_number: record.record.ckycNumber } : {}),
        })),
      },
    };
  }

  /** The ZIP from the outbox, made again (same bytes) if it was lost or damaged there. */
  private fileFor(batch: BatchRow, context: StepContext): BatchFileSource | null {
    const files = this.filesOf(context);
    const file = files.source(batch.batchFileName);
    if (file && (batch.fileSha256 === null || file.sha256 === batch.fileSha256)) return file;
    try {
      files.remove(batch.batchFileName);
      this.ensureZip({ ...batch, fileSha256: null }, context);
      return files.source(batch.batchFileName);
    } catch (error) {
      context.logger.error('batch ZIP could not be rebuilt', { batchId: batch.id, error });
      return null;
    }
  }

  async deliver(batch: BatchRow, context: StepContext, onProgress: (sent: number, total: number) => void): Promise<DeliverOutcome> {
    if (this.separateDelivery && (await this.health()) === 'down') {
      // The registry says its SFTP server is down: no transfer is tried until it says otherwise.
      return { kind: 'retry', failure: { message: 'The registry reports its SFTP server down (sftp-health); the file waits and is tried again.', unreachable: false, retryAfterMs: null } };
    }
    const file = this.fileFor(batch, context);
    if (!file) return { kind: 'refused', message: 'The batch file on this PC was lost or damaged and could not be made again; the registry has the batch but not its file.' };
    const outcome = await this.options.delivery.deliver(batch, file, onProgress);
    switch (outcome.kind) {
      case 'delivered':
        return { kind: 'delivered', sentBytes: file.bytes };
      case 'retry':
        return { kind: 'retry', failure: { message: outcome.message, unreachable: outcome.unreachable, retryAfterMs: outcome.retryAfterMs } };
      default:
        return outcome;
    }
  }

  async follow(batch: BatchRow): Promise<FollowOutcome> {
    const outcome = await this.client.status(batch.clientId!);
    if (!outcome.ok) return statusRefusal(outcome.failure) ?? { kind: 'retry', failure: stepFailure(outcome.failure) };
    const remote = outcome.body.data;
    const answer = outcome.raw;
    if (!isKnownRemoteState(remote.state)) return unknownState(`The registry says this batch is "${remote.state}"`, answer);
    if (!TERMINAL_REMOTE_STATES.includes(remote.state)) return { kind: 'pending', remoteState: remote.state, ...(answer !== undefined ? { answer } : {}) };
    if (remote.state === 'upload_failed' && remote.individuals_failed === null) {
      // Refused as a whole: the registry's message is kept verbatim, it is what the operator needs.
      const message = remote.error ?? 'The registry rejected this batch without giving a reason.';
      return { kind: 'settled', settlement: { state: 'failed', lastError: message, results: new Map(), unreported: { state: 'failed', message } }, ...(answer !== undefined ? { answer } : {}) };
    }
    return this.settleEachIndividual(batch, remote.state, remote.error ?? null);
  }

  /**
   * The registry finished the batch: status-check says, for each individual, accepted (with its
   * CKYC number) or refused (with the registry's reason) — one bad record never takes the good
   * ones down with it. Until status-check answers, the batch keeps being followed.
   */
  private async settleEachIndividual(batch: BatchRow, remoteState: string, batchError: string | null): Promise<FollowOutcome> {
    const outcome = await this.client.statusCheck(bulkKindOf(batch), batch.clientId!);
    if (!outcome.ok) return { kind: 'retry', failure: stepFailure(outcome.failure), prefix: 'The registry finished this batch, but which records it accepted could not be read yet: ' };
    const unknown = outcome.body.data.individuals.find((individual) => !(INDIVIDUAL_STATES as readonly string[]).includes(individual.state));
    if (unknown) return unknownState(`The registry says record ${unknown.kyc_ref_no} is "${unknown.state}"`, outcome.raw);
    const results = new Map<string, RecordResult>();
    for (const individual of outcome.body.data.individuals) {
      if (individual.state === 'succeeded') results.set(individual.kyc_ref_no, { state: 'succeeded', message: null, issuedNumber: individual.ckyc_number ?? null });
      else results.set(individual.kyc_ref_no, refusedRecord(individual.error ?? UNREPORTED));
    }
    const failedCount = [...results.values()].filter((result) => result.state !== 'succeeded').length;
    return {
      kind: 'settled',
      settlement: {
        state: remoteState === 'upload_failed' ? 'failed' : 'succeeded',
        remoteState,
        lastError: failedCount === 0 ? null : (batchError ?? `${failedCount} of ${results.size} records were refused by the registry; see each record's reason.`),
        results,
        unreported: refusedRecord(UNREPORTED),
      },
    };
  }

  /**
   * A batch that may or may not have reached the registry is looked up by its file name. Found: it
   * is followed like any other (its file sent first, if the registry still waits for it).
   */
  async lookUp(batch: BatchRow): Promise<LookUpOutcome> {
    const found = await this.client.findBatch(bulkKindOf(batch), batch.batchFileName);
    if (!found.ok) return { kind: 'retry', failure: stepFailure(found.failure), prefix: 'Looking this batch up at the registry failed; it will be tried again. Nothing is sent until then. ' };
    if (found.batch) {
      // A vendor that does not say whether the file is needed or has come: a pending batch is sent its
      // file (the same bytes again are recognised; a batch that needs none answers "not pending").
      const waitsForFile = found.batch.file_required !== false && found.batch.file_received !== true && found.batch.state === 'pending';
      return { kind: 'accepted', remoteId: found.batch.client_id, remoteState: found.batch.state, next: waitsForFile ? 'deliver' : 'follow' };
    }
    return {
      kind: 'absent',
      firstMessage: 'The registry does not know this batch (looked up by its name). It will be looked up once more before its records are sent again.',
      message: 'The registry never received this batch (looked up twice by its name). Its records are ready to go in the next batch.',
      recordMessage: 'Not received by the registry; it goes in the next batch.',
    };
  }

  /** The SFTP route's health (seed 000's sftp-health), before any transfer has said. */
  private async health(): Promise<'up' | 'down' | null> {
    const outcome = await this.client.health();
    if (!outcome.ok) return null; // the question went unanswered: the transfer itself will tell
    this.options.onDeliveryHealth?.(outcome.body.data.status, new Date());
    return outcome.body.data.status;
  }
}

/** A state KYC Desk does not know is never guessed at: the batch waits for a person. */
function unknownState(said: string, answer: string | undefined): FollowOutcome {
  return {
    kind: 'attention',
    message: `${said}, a state KYC Desk does not know. Nothing more is asked until a person looks at the registry's answer and follows the batch again or closes it.`,
    ...(answer !== undefined ? { answer } : {}),
  };
}

/**
 * A refusal to say how a batch is (4xx other than credentials, timeouts and rate limits): the
 * batch may be older than the registry keeps batches (180 days) or deleted by the vendor. Asking
 * again will not change that, so a person decides; the records keep their last known state.
 */
function statusRefusal(failure: HttpFailure): FollowOutcome | null {
  if (failure.kind !== 'rejected' || [401, 403, 408, 429].includes(failure.status)) return null;
  const gone = failure.status === 404 || failure.status === 410;
  const message = gone
    ? `The registry no longer has this batch (HTTP ${failure.status}: ${failure.message}). It may be older than the 180 days the registry keeps batches, or deleted by the vendor. Its records keep their last known state; a person decides what to do.`
    : `The registry refused to say how this batch is (HTTP ${failure.status}: ${failure.message}). Its records keep their last known state; a person decides what to do.`;
  return { kind: 'attention', message, ...(failure.raw !== undefined ? { answer: failure.raw } : {}) };
}

function refusedRecord(message: string): RecordResult {
  const fields = bulkErrorFields(message);
  return { state: 'failed', message, ...(fields ? { fields } : {}) };
}

import { randomBytes } from 'node:crypto';
import type { ResponseOf, SyncStatus } from '../../shared/contract';
import { isTerminalBatchState, type BatchState } from '../../shared/sync/states';
import type { SubmissionRoute } from '../../shared/sync/routes';
import type { Verifier } from '../../shared/sync/verifier';
import type { EventHub } from '../events/event-hub';
import type { Logger } from '../logging/logger';
import type { CkycBulkClient } from '../connectors/ckyc-bulk/client';
import { toWireIndividual } from '../connectors/ckyc-bulk/map-individual';
import { bulkErrorFields } from '../connectors/ckyc-bulk/error-fields';
import { imageFileName, type BatchHeader, type BatchRecord, type InstitutionCodes } from '../connectors/ckyc-bulk/batch-csv';
import { DEFAULT_BATCH_CAPS } from '../connectors/ckyc-bulk/batch-zip';
import { TERMINAL_REMOTE_STATES, type InitializeRequest } from '../connectors/ckyc-bulk/wire';
import type { HttpFailure } from '../transport/http-client';
import { newId } from '../records/reference';
import type { RecordRepository, StoredRecord } from '../records/record-repository';
import type { Store } from '../store/database';
import type { BatchRepository, BatchRow } from './batch-repository';
import { backoffMs } from './poll-schedule';
import { formBatches } from './batch-forming';
import { Connectivity } from './connectivity';
import type { BatchFileSource, DeliveryOutcome, FileDelivery } from './file-delivery';
import type { RecordsApiRoute } from './records-api-route';
import type { ResponseFileRecord } from './sftp-responses';

export type { Verifier };

/** The sealed outbox of batch ZIPs (outbox.ts), as the engine uses it; keyed by batch file name. */
export interface BatchFiles {
  build(name: string, input: { header: BatchHeader; records: readonly BatchRecord[]; maxBytes: number }): { bytes: number; sha256: string };
  source(name: string): BatchFileSource | null;
  remove(name: string): void;
}

export interface SyncEngineOptions {
  store: Store;
  records: RecordRepository;
  batches: BatchRepository;
  client: CkycBulkClient;
  events: EventHub;
  logger: Logger;
  pollIntervalMs: number;
  maxBatchRecords: number;
  /** Cap of one batch ZIP (KYC_DESK_BATCH_MAX_BYTES). */
  maxBatchBytes?: number;
  /** The route new batches take (an admin's choice; read at each sync). */
  route: () => SubmissionRoute;
  files: BatchFiles;
  /** How the ZIP reaches the registry on each bulk route. */
  deliveries: Record<'bulk-api' | 'bulk-sftp', FileDelivery>;
  recordsApi: RecordsApiRoute;
  /** The institution's CERSAI codes for batch-details.csv. */
  institution?: () => InstitutionCodes;
  /**
   * The SFTP route's response files for an ended batch (sftp-responses.ts): read, judged against
   * the records' settled states, archived on the server.
   */
  collectResponses?: (batch: BatchRow, settled: ReadonlyMap<string, 'succeeded' | 'failed'>) => Promise<ResponseFileRecord[]>;
  /** Why no batch may be made now (Live mode without a connection), or null. */
  blocked?: () => string | null;
  /** One cheap request while offline: true when the registry answered at all. */
  probe?: () => Promise<boolean>;
  clock?: () => Date;
  random?: () => number;
}

/** Did the registry possibly act on a request that failed this way? */
function mayHaveReachedRegistry(failure: HttpFailure): boolean {
  return failure.kind === 'timeout' || failure.kind === 'server_error' || failure.kind === 'invalid_response';
}

/** The batch's remote state after one look-up by name found nothing at the registry. */
const NOT_KNOWN_BY_NAME = 'not_known_by_name';
/** Looks at the response folder for an ended SFTP batch before settling for "the registry left none". */
const RESPONSE_LOOKS = 5;
/** Progress events at most this often per batch. */
const PROGRESS_EVERY_MS = 250;

export function newBatchFileName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15); // 20261122T071500
  return `KD_${stamp}_${randomBytes(4).toString('hex').toUpperCase()}`;
}

type Step = () => Promise<void>;

/**
 * Groups ready records into batches, sends them by the route in force, and follows each to its
 * end. Every state change is on disk before the network call it leads to, so after a crash the
 * engine knows exactly which batches might already be at the registry and never sends those
 * blindly again:
 *
 *   sending ──initialize──▶ uploading ──ZIP (upload-file | SFTP)──▶ polling ──▶ succeeded | failed
 *      │ (records API: answered at once) ─────────────────────────────────────▶ succeeded | failed
 *      ├─ no answer ──▶ needs_reconciliation ──looked up by name──▶ uploading | polling | send_failed
 *      └─ provably not taken ──▶ send_failed (records ready again)
 *
 * Offline (a request could not reach the registry at all): the step is parked, a probe watches
 * for the network, and every parked step runs when it is back. A changed SFTP host key blocks
 * every SFTP transfer until an admin confirms the key (`unblockSftp`).
 */
export class SyncEngine {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly parked = new Map<string, Step>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly progress = new Map<string, { sent: number; total: number; emittedAt: number }>();
  private readonly connectivity: Connectivity;
  private sftpBlock: { reason: 'host_key_changed' | 'not_configured'; message: string } | null = null;
  private sftpHealth: 'up' | 'down' | 'unknown' = 'unknown';
  private stopped = false;

  constructor(private readonly options: SyncEngineOptions) {
    this.connectivity = new Connectivity({
      probe: options.probe ?? (() => Promise.resolve(true)),
      baseDelayMs: options.pollIntervalMs,
      onChange: () => this.emitStatus(),
      onBackOnline: () => this.runParked(),
      ...(options.random ? { random: options.random } : {}),
    });
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  // ---------------------------------------------------------------------------------------------
  // Status for the global indicator

  status(): SyncStatus {
    const route = this.options.route();
    let sftp: SyncStatus['sftp'] = 'not_used';
    if (route === 'bulk-sftp') sftp = this.sftpBlock ? (this.sftpBlock.reason === 'host_key_changed' ? 'host_key_changed' : 'not_configured') : this.sftpHealth;
    const message = this.connectivity.message ?? (route === 'bulk-sftp' && this.sftpBlock ? this.sftpBlock.message : null);
    return {
      route,
      connectivity: this.connectivity.state,
      sftp,
      message,
      checkedAt: this.connectivity.checkedAt?.toISOString() ?? null,
      nextCheckAt: this.connectivity.state === 'offline' ? (this.connectivity.nextCheckAt?.toISOString() ?? null) : null,
      activeBatches: this.options.batches.activeCount(),
    };
  }

  private emitStatus(): void {
    if (this.stopped) return;
    this.options.events.emit('sync-status', this.status());
  }

  /** Bytes acknowledged so far for a batch being uploaded (for the batch list). */
  liveSentBytes(batchId: string): number | undefined {
    return this.progress.get(batchId)?.sent;
  }

  /** An admin confirmed a new host key or changed the SFTP settings: let SFTP transfers try again. */
  unblockSftp(): void {
    if (!this.sftpBlock) return;
    this.sftpBlock = null;
    this.emitStatus();
    for (const batch of this.options.batches.inStates(['uploading'])) if (batch.route === 'bulk-sftp') this.scheduleUpload(batch.id, 0);
  }

  /** The route changed: the indicator says so at once, and on the SFTP route asks after the SFTP server. */
  routeChanged(): void {
    this.emitStatus();
    this.checkSftpHealth();
  }

  /**
   * Seed 000's sftp-health, for the indicator on the SFTP route before any transfer has said how
   * the server is. What a transfer finds later takes over.
   */
  private checkSftpHealth(): void {
    if (this.options.route() !== 'bulk-sftp' || this.sftpHealth !== 'unknown') return;
    this.track(
      this.options.client.health().then((outcome) => {
        if (this.stopped || !outcome.ok || this.sftpHealth !== 'unknown') return;
        this.sftpHealth = outcome.body.data.status;
        this.connectivity.reached();
        this.emitStatus();
      }),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Starting

  /** Pick up where the last run left off. */
  resume(): void {
    const { batches, store, logger } = this.options;
    for (const batch of batches.inStates(['sending'])) {
      // Stopped between "about to send" and "answer stored": the registry may hold it.
      store.write(() =>
        batches.move(
          batch.id,
          'needs_reconciliation',
          { lastError: 'KYC Desk stopped while this batch was being sent. It will be looked up at the registry before anything is sent again.' },
          this.now().toISOString(),
        ),
      );
      logger.warn('batch interrupted while sending', { batchId: batch.id });
    }
    for (const batch of batches.inStates(['needs_reconciliation'])) this.scheduleReconcile(batch.id, 0);
    for (const batch of batches.inStates(['uploading'])) this.scheduleUpload(batch.id, 0);
    for (const batch of batches.inStates(['polling'])) {
      const at = batch.nextPollAt ? Date.parse(batch.nextPollAt) : Date.now();
      this.schedulePoll(batch.id, Math.max(0, at - Date.now()));
    }
    for (const batch of batches.inStates(['succeeded', 'failed'])) if (this.awaitsResponses(batch)) this.scheduleCollect(batch.id, 0, 0);
    this.checkSftpHealth();
  }

  /**
   * Make batches of the ready records durable, then send them in the background. `verifier` is
   * the operator who authorised the submission (seed 000's batch-level data.verifier).
   */
  startSync(verifier: Verifier): ResponseOf<'sync.start'> {
    const { store, records, batches, maxBatchRecords, events } = this.options;
    const blocked = this.options.blocked?.();
    if (blocked) return { batchId: null, recordCount: 0, message: blocked };
    const route = this.options.route();
    const now = this.now().toISOString();
    const caps = { maxRecords: maxBatchRecords, maxBytes: this.options.maxBatchBytes ?? DEFAULT_BATCH_CAPS.maxBytes };
    let returned: string[] = [];
    const made = store.write(() => {
      // Bounded: at most this many records per press of Sync; the rest wait for the next.
      const ready = records.inState('ready', maxBatchRecords * 20);
      const forming = formBatches(ready, caps, route !== 'records-api');
      for (const { record, message } of forming.leftOut) records.setMessage(record.id, message, now);
      // Its approval was given under older rules: it goes back to its maker, and a checker approves the change.
      for (const { record, refusal } of forming.refused) {
        records.returnForApproval(record.id, { fields: refusal.fields, message: `Back for approval, not sent. ${refusal.message}`, now });
      }
      returned = forming.refused.map(({ record }) => record.id);
      return forming.batches.map((formed) => {
        const batchId = newId('bat');
        batches.insert({
          id: batchId,
          batchFileName: newBatchFileName(this.now()),
          route,
          kind: formed.kind,
          state: 'sending',
          recordCount: formed.records.length,
          verifier: JSON.stringify(verifier),
          now,
        });
        for (const record of formed.records) records.move(record.id, 'submitted', { batchId, message: null, now });
        return { batchId, count: formed.records.length };
      });
    });
    const taken = made.reduce((sum, batch) => sum + batch.count, 0);
    for (const id of returned) events.emit('record-saved', { id, state: 'awaiting_approval' });
    const back = returned.length === 0 ? '' : ` ${returned.length === 1 ? 'One record went' : `${returned.length} records went`} back for approval: today's checks refuse ${returned.length === 1 ? 'it' : 'them'} (the reason is on each).`;
    if (taken === 0) return { batchId: null, recordCount: 0, message: `No records are ready to sync.${back}` };
    for (const { batchId } of made) {
      events.emit('batch-updated', { id: batchId, state: 'sending' });
      // After this call has answered: building a ZIP takes a while, and the operator is waiting.
      setImmediate(() => {
        if (!this.stopped) this.runStep(batchId, () => this.send(batchId));
      });
    }
    this.emitStatus();
    const batchWord = made.length === 1 ? 'one batch' : `${made.length} batches`;
    return { batchId: made[0]!.batchId, recordCount: taken, message: `Sending ${taken} record${taken === 1 ? '' : 's'} to the registry in ${batchWord}.${back}` };
  }

  // ---------------------------------------------------------------------------------------------
  // sending: build the ZIP (bulk routes), then initialize — or the whole records API request

  private async send(batchId: string): Promise<void> {
    const batch = this.options.batches.find(batchId);
    if (!batch || batch.state !== 'sending') return;
    if (batch.route === 'records-api') return this.sendRecords(batch);
    const { records, client } = this.options;
    const members = records.inBatch(batchId);
    let file: { bytes: number; sha256: string };
    try {
      file = this.ensureZip(batch, members);
    } catch (error) {
      // Nothing left the PC: the records go back to ready with the reason.
      const message = `The batch file could not be made: ${(error as Error).message}`;
      this.options.logger.error('batch ZIP could not be built', { batchId, error });
      this.finish(batch, 'send_failed', { lastError: message }, () => this.returnToReady(batchId, message));
      return;
    }
    const verifier = this.verifierOf(batch);
    const request: InitializeRequest = {
      data: {
        purpose: batch.kind === 'upload' ? 'new_kyc_upload' : 'kyc_update',
        batch_file_name: batch.batchFileName,
        verifier: { name: verifier.name, designation: verifier.designation, branch: verifier.branch, employment_code: verifier.employmentCode, organization: verifier.organization },
        individuals: members.map((record) => ({
          ...toWireIndividual(record.reference, record.record),
          image_files: record.record.images.map((image, index) => imageFileName(record.reference, image, index)),
          ...(batch.kind === 'update' && record.record.ckycNumber !== '' ? { ckyc_number: record.record.ckycNumber } : {}),
        })),
      },
    };
    const outcome = await client.initialize(batch.kind, request);
    if (this.stopped) return; // the next start reconciles this batch
    if (outcome.ok) {
      this.connectivity.reached();
      this.transition(batch, 'uploading', { clientId: outcome.body.data.client_id, remoteState: outcome.body.data.state, lastError: null, attempts: 0, fileBytes: file.bytes, fileSha256: file.sha256, sentBytes: 0, nextPollAt: null });
      this.scheduleUpload(batchId, 0);
      return;
    }
    const failure = outcome.failure;
    this.options.logger.warn('batch initialize failed', { batchId, kind: failure.kind, message: failure.message });
    if (mayHaveReachedRegistry(failure)) {
      this.connectivity.reached();
      this.transition(batch, 'needs_reconciliation', {
        attempts: 0,
        lastError: `${failure.message} The registry may have received this batch; it will be looked up before anything is sent again.`,
      });
      this.scheduleReconcile(batchId, this.options.pollIntervalMs);
      return;
    }
    if (failure.kind === 'unreachable' || failure.kind === 'rate_limited') {
      // Provably not taken: the batch waits, whole, and goes when the registry can take it.
      this.retryLater(batch, 'sending', failure, () => this.send(batchId));
      return;
    }
    // A definite refusal of the request: nothing was accepted; the records say why.
    this.connectivity.reached();
    const message = `The registry refused this batch: ${failure.message}`;
    this.finish(batch, 'send_failed', { lastError: message }, () => this.returnToReady(batchId, message));
  }

  /** The batch's ZIP in the outbox: built once, from the records and the verifier stored with the batch. */
  private ensureZip(batch: BatchRow, members: readonly StoredRecord[]): { bytes: number; sha256: string } {
    const { files, store, batches } = this.options;
    const existing = files.source(batch.batchFileName);
    if (existing && (batch.fileSha256 === null || batch.fileSha256 === existing.sha256)) return existing;
    const built = files.build(batch.batchFileName, {
      header: {
        batchFileName: batch.batchFileName,
        kind: batch.kind,
        verifier: this.verifierOf(batch),
        // The batch's own creation time: a rebuilt ZIP is byte for byte the first one.
        createdAt: new Date(batch.createdAt),
        ...(this.options.institution ? { institution: this.options.institution() } : {}),
      },
      records: members.map((record) => ({ reference: record.reference, record: record.record })),
      maxBytes: this.options.maxBatchBytes ?? DEFAULT_BATCH_CAPS.maxBytes,
    });
    store.write(() => batches.note(batch.id, { fileBytes: built.bytes, fileSha256: built.sha256 }, this.now().toISOString()));
    return built;
  }

  private verifierOf(batch: BatchRow): Verifier {
    if (!batch.verifier) throw new Error('This batch was made before KYC Desk kept its verifier; it cannot be built again.');
    return JSON.parse(batch.verifier) as Verifier;
  }

  // ---------------------------------------------------------------------------------------------
  // records API (seed 001): one request, answered at once

  private async sendRecords(batch: BatchRow): Promise<void> {
    const { records } = this.options;
    const members = records.inBatch(batch.id);
    const outcome = await this.options.recordsApi.send(members, this.verifierOf(batch), batch.state === 'needs_reconciliation');
    if (this.stopped) return;
    if (outcome.kind === 'retry') {
      this.retryLater(batch, batch.state, outcome.failure, () => (batch.state === 'sending' ? this.send(batch.id) : this.reconcile(batch.id)));
      return;
    }
    this.connectivity.reached();
    if (outcome.kind === 'unknown') {
      this.transition(batch, 'needs_reconciliation', {
        attempts: batch.state === 'needs_reconciliation' ? batch.attempts + 1 : 0,
        lastError: `${outcome.message} The registry may have taken these records; they are sent again with the same references, and a reference it already holds counts as accepted.`,
        nextPollAt: new Date(Date.now() + this.options.pollIntervalMs).toISOString(),
      });
      this.scheduleReconcile(batch.id, this.options.pollIntervalMs);
      return;
    }
    const results = outcome.results;
    const failed = [...results.values()].filter((r) => r.state === 'failed').length;
    const returned = [...results.values()].filter((r) => r.state === 'ready').length;
    const accepted = results.size - failed - returned;
    const to: BatchState = accepted > 0 ? 'succeeded' : 'failed';
    const lastError = failed + returned === 0 ? null : outcome.message;
    this.finish(batch, to, { lastError, nextPollAt: null, attempts: 0 }, () => {
      const now = this.now().toISOString();
      for (const record of members) {
        if (record.state !== 'submitted') continue;
        const result = results.get(record.reference) ?? { state: 'ready' as const, message: 'The registry did not report on this record; it goes in the next batch.' };
        records.move(record.id, result.state, { message: result.state === 'succeeded' ? null : result.message, ...(result.fields ? { registryErrors: result.fields } : {}), now });
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // uploading: the ZIP through upload-file or SFTP

  private async upload(batchId: string): Promise<void> {
    const { batches } = this.options;
    const batch = batches.find(batchId);
    if (!batch || batch.state !== 'uploading' || !batch.clientId) return;
    if (batch.route === 'bulk-sftp' && this.sftpBlock) return; // unblockSftp() resumes it
    let file = this.options.files.source(batch.batchFileName);
    if (!file || (batch.fileSha256 !== null && file.sha256 !== batch.fileSha256)) {
      try {
        this.options.files.remove(batch.batchFileName);
        this.ensureZip({ ...batch, fileSha256: null }, this.options.records.inBatch(batchId));
        file = this.options.files.source(batch.batchFileName);
      } catch (error) {
        this.options.logger.error('batch ZIP could not be rebuilt', { batchId, error });
        file = null;
      }
      if (!file) {
        this.failBatch(batch, `The batch file on this PC was lost or damaged and could not be made again; the registry has the batch but not its file.`);
        return;
      }
    }
    const delivery = this.options.deliveries[batch.route as 'bulk-api' | 'bulk-sftp'];
    const outcome: DeliveryOutcome = await delivery.deliver(batch, file, (sent, total) => this.onProgress(batchId, sent, total));
    this.progress.delete(batchId);
    if (this.stopped) return;
    if (batch.route === 'bulk-sftp') this.sftpHealth = outcome.kind === 'delivered' ? 'up' : outcome.kind === 'retry' ? 'down' : this.sftpHealth;
    switch (outcome.kind) {
      case 'delivered':
        this.connectivity.reached();
        this.transition(batch, 'polling', { sentBytes: file.bytes, attempts: 0, lastError: null, nextPollAt: new Date(Date.now() + this.options.pollIntervalMs).toISOString() });
        this.schedulePoll(batchId, this.options.pollIntervalMs);
        return;
      case 'retry': {
        // The registry's API down: pause everything until it is back. The SFTP server down (the
        // API may be fine): this batch backs off on its own, and the indicator shows SFTP down.
        if (outcome.unreachable && batch.route === 'bulk-api') {
          this.transition(batch, 'uploading', { lastError: outcome.message, attempts: batch.attempts + 1, nextPollAt: null });
          this.park(batchId, () => this.upload(batchId));
          this.connectivity.unreachable(outcome.message);
          return;
        }
        if (batch.route === 'bulk-sftp') this.emitStatus();
        const failures = batch.attempts + 1;
        const delay = backoffMs(this.options.pollIntervalMs, failures, outcome.retryAfterMs, this.options.random);
        this.transition(batch, 'uploading', { lastError: outcome.message, attempts: failures, nextPollAt: new Date(Date.now() + delay).toISOString() });
        this.scheduleUpload(batchId, delay);
        return;
      }
      case 'blocked':
        this.transition(batch, 'uploading', { lastError: outcome.message, nextPollAt: null });
        if (batch.route === 'bulk-sftp') {
          this.sftpBlock = { reason: outcome.reason, message: outcome.message };
          this.options.logger.warn('SFTP transfers stopped', { reason: outcome.reason });
        }
        this.emitStatus();
        return;
      case 'refused':
        this.failBatch(batch, outcome.message);
        return;
    }
  }

  private onProgress(batchId: string, sent: number, total: number): void {
    const last = this.progress.get(batchId);
    const now = Date.now();
    const due = !last || now - last.emittedAt >= PROGRESS_EVERY_MS || sent >= total;
    this.progress.set(batchId, { sent, total, emittedAt: due ? now : last.emittedAt });
    if (due) this.options.events.emit('batch-progress', { id: batchId, sentBytes: sent, totalBytes: total });
  }

  /** The registry will never take this batch's file: the batch fails, its records say why. */
  private failBatch(batch: BatchRow, message: string): void {
    this.finish(batch, 'failed', { lastError: message, nextPollAt: null }, () => {
      const now = this.now().toISOString();
      for (const record of this.options.records.inBatch(batch.id)) if (record.state === 'submitted') this.options.records.move(record.id, 'failed', { message, now });
    });
  }

  // ---------------------------------------------------------------------------------------------
  // polling: status until terminal, then status-check for each individual

  private async poll(batchId: string): Promise<void> {
    const { batches, client, pollIntervalMs } = this.options;
    const batch = batches.find(batchId);
    if (!batch || batch.state !== 'polling' || !batch.clientId) return;
    const outcome = await client.status(batch.clientId);
    if (this.stopped) return;
    if (!outcome.ok) {
      this.retryLater(batch, 'polling', outcome.failure, () => this.poll(batchId));
      return;
    }
    this.connectivity.reached();
    const remote = outcome.body.data;
    if (!TERMINAL_REMOTE_STATES.includes(remote.state)) {
      this.transition(batch, 'polling', { remoteState: remote.state, attempts: 0, lastError: null, nextPollAt: new Date(Date.now() + pollIntervalMs).toISOString() });
      this.schedulePoll(batchId, pollIntervalMs);
      return;
    }
    if (remote.state === 'upload_failed' && remote.individuals_failed === null) {
      // Refused as a whole: the registry's message is kept verbatim, it is what the operator needs.
      this.failBatch({ ...batch, remoteState: remote.state }, remote.error ?? 'The registry rejected this batch without giving a reason.');
      return;
    }
    await this.settleEachIndividual(batch, remote.state, remote.error);
  }

  /**
   * The registry finished the batch: status-check says, for each individual, accepted (with its
   * CKYC number) or refused (with the registry's reason) — one bad record never takes the good
   * ones down with it. Until status-check answers, the batch keeps being followed.
   */
  private async settleEachIndividual(batch: BatchRow, remoteState: string, batchError: string | null): Promise<void> {
    const { records, client } = this.options;
    const outcome = await client.statusCheck(batch.kind, batch.clientId!);
    if (this.stopped) return;
    if (!outcome.ok) {
      this.retryLater(batch, 'polling', outcome.failure, () => this.poll(batch.id), 'The registry finished this batch, but which records it accepted could not be read yet: ');
      return;
    }
    const results = new Map(outcome.body.data.individuals.map((individual) => [individual.kyc_ref_no, individual]));
    const failedCount = [...results.values()].filter((individual) => individual.state !== 'succeeded').length;
    const to: BatchState = remoteState === 'upload_failed' ? 'failed' : 'succeeded';
    const lastError = failedCount === 0 ? null : (batchError ?? `${failedCount} of ${results.size} records were refused by the registry; see each record's reason.`);
    this.finish(batch, to, { remoteState, lastError, nextPollAt: null, attempts: 0 }, () => {
      const now = this.now().toISOString();
      for (const record of records.inBatch(batch.id)) {
        if (record.state !== 'submitted') continue;
        const result = results.get(record.reference);
        if (result?.state === 'succeeded') records.move(record.id, 'succeeded', { message: null, ckycNumber: result.ckyc_number, now });
        else {
          const message = result?.error ?? 'The registry did not report on this record; it is not counted as accepted.';
          const fields = bulkErrorFields(message);
          records.move(record.id, 'failed', { message, ...(fields ? { registryErrors: fields } : {}), now });
        }
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // needs_reconciliation: look the batch up before anything is sent again

  /**
   * A batch that may or may not have reached the registry is looked up by its file name. Found: it
   * is followed like any other (its file sent first, if the registry still waits for it). Not
   * found twice, a poll interval apart: the registry never got it, and its records are ready for
   * the next batch. The records API has no look-up: its records are sent again (records-api-route.ts).
   */
  private async reconcile(batchId: string): Promise<void> {
    const { batches, client, pollIntervalMs } = this.options;
    const batch = batches.find(batchId);
    if (!batch || batch.state !== 'needs_reconciliation') return;
    if (batch.route === 'records-api') return this.sendRecords(batch);
    const found = await client.findBatch(batch.kind, batch.batchFileName);
    if (this.stopped) return;
    if (!found.ok) {
      this.retryLater(batch, 'needs_reconciliation', found.failure, () => this.reconcile(batchId), 'Looking this batch up at the registry failed; it will be tried again. Nothing is sent until then. ');
      return;
    }
    this.connectivity.reached();
    if (found.batch) {
      const waitsForFile = found.batch.file_required && !found.batch.file_received && found.batch.state === 'pending';
      this.options.logger.info('reconciled batch: the registry has it', { batchId, clientId: found.batch.client_id, waitsForFile });
      const to = waitsForFile ? 'uploading' : 'polling';
      this.transition(batch, to, { clientId: found.batch.client_id, remoteState: found.batch.state, attempts: 0, lastError: null, nextPollAt: new Date().toISOString() });
      if (to === 'uploading') this.scheduleUpload(batchId, 0);
      else this.schedulePoll(batchId, 0);
      return;
    }
    // What the registry last said of it is "not known": a second such answer settles it.
    if (batch.remoteState !== NOT_KNOWN_BY_NAME) {
      this.transition(batch, 'needs_reconciliation', {
        attempts: 0,
        remoteState: NOT_KNOWN_BY_NAME,
        lastError: 'The registry does not know this batch (looked up by its name). It will be looked up once more before its records are sent again.',
        nextPollAt: new Date(Date.now() + pollIntervalMs).toISOString(),
      });
      this.scheduleReconcile(batchId, pollIntervalMs);
      return;
    }
    this.options.logger.info('reconciled batch: the registry never received it', { batchId });
    this.finish(batch, 'send_failed', { remoteState: NOT_KNOWN_BY_NAME, lastError: 'The registry never received this batch (looked up twice by its name). Its records are ready to go in the next batch.', nextPollAt: null }, () =>
      this.returnToReady(batchId, 'Not received by the registry; it goes in the next batch.'),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // The SFTP response folder, once a batch has ended

  /** An SFTP batch whose file reached the server and whose response files were not read yet. */
  private awaitsResponses(batch: BatchRow): boolean {
    return batch.route === 'bulk-sftp' && batch.responseFiles === null && batch.fileBytes !== null && batch.sentBytes === batch.fileBytes && this.options.collectResponses !== undefined;
  }

  private scheduleCollect(batchId: string, delayMs: number, looks: number): void {
    this.schedule(batchId, delayMs, () => this.collect(batchId, looks));
  }

  /**
   * Read the batch's result and error files. None there yet: look again a poll later, a few times,
   * then record that the registry left none. The server unusable: try again later (the batch's
   * outcome does not wait for this — status-check settled it).
   */
  private async collect(batchId: string, looks: number): Promise<void> {
    const { batches, records, store, collectResponses, pollIntervalMs } = this.options;
    const batch = batches.find(batchId);
    if (!batch || !collectResponses || !this.awaitsResponses(batch)) return;
    if (this.sftpBlock) return; // unblockSftp() → the next resume or end tries again
    const settled = new Map<string, 'succeeded' | 'failed'>();
    for (const record of records.inBatch(batchId)) if (record.state === 'succeeded' || record.state === 'failed') settled.set(record.reference, record.state);
    let found: ResponseFileRecord[];
    try {
      found = await collectResponses(batch, settled);
    } catch (error) {
      this.options.logger.warn('could not read the SFTP response folder', { batchId, error });
      if (looks + 1 < RESPONSE_LOOKS * 2) this.scheduleCollect(batchId, backoffMs(pollIntervalMs, looks + 1, null, this.options.random), looks + 1);
      return;
    }
    if (this.stopped) return;
    if (found.length === 0 && looks + 1 < RESPONSE_LOOKS) {
      this.scheduleCollect(batchId, pollIntervalMs, looks + 1);
      return;
    }
    const odd = found.filter((file) => file.problem !== undefined || (file.disagreements?.length ?? 0) > 0);
    if (odd.length > 0) this.options.logger.warn('SFTP response files need a look', { batchId, files: odd.map((file) => file.name) });
    store.write(() => batches.note(batchId, { responseFiles: JSON.stringify(found) }, this.now().toISOString()));
    this.options.events.emit('batch-updated', { id: batchId, state: batch.state });
  }

  // ---------------------------------------------------------------------------------------------
  // Moving batches and records

  private returnToReady(batchId: string, message: string): void {
    const now = this.now().toISOString();
    for (const record of this.options.records.inBatch(batchId)) if (record.state === 'submitted') this.options.records.move(record.id, 'ready', { message, now });
  }

  /**
   * After a failed request: offline parks the step until the network is back; anything else
   * tries again after jittered backoff by failures in a row, or the registry's Retry-After.
   */
  private retryLater(batch: BatchRow, state: BatchState, failure: HttpFailure, step: Step, prefix = ''): void {
    const failures = batch.attempts + 1;
    if (failure.kind === 'unreachable') {
      this.transition(batch, state, { attempts: failures, lastError: `${prefix}${failure.message}`, nextPollAt: null });
      this.park(batch.id, step);
      this.connectivity.unreachable(failure.message);
      return;
    }
    this.connectivity.reached();
    const retryAfter = failure.kind === 'rate_limited' ? failure.retryAfterMs : null;
    const delay = backoffMs(this.options.pollIntervalMs, failures, retryAfter, this.options.random);
    this.transition(batch, state, { attempts: failures, lastError: `${prefix}${failure.message}`, nextPollAt: new Date(Date.now() + delay).toISOString() });
    this.schedule(batch.id, delay, step);
  }

  private transition(batch: BatchRow, to: BatchState, patch: Parameters<BatchRepository['move']>[2]): void {
    const { store, batches, events } = this.options;
    store.write(() => batches.move(batch.id, to, patch, this.now().toISOString()));
    events.emit('batch-updated', { id: batch.id, state: to });
  }

  /** A terminal transition and the records' outcomes, durable together in one write. */
  private finish(batch: BatchRow, to: BatchState, patch: Parameters<BatchRepository['move']>[2], settleRecords: () => void): void {
    const { store, batches, records, events } = this.options;
    store.write(() => {
      batches.move(batch.id, to, patch, this.now().toISOString());
      settleRecords();
    });
    if (isTerminalBatchState(to)) {
      // The file is at the registry or will never go: nothing of it stays on this PC.
      this.options.files.remove(batch.batchFileName);
      const ended = batches.find(batch.id);
      if (ended && this.awaitsResponses(ended)) this.scheduleCollect(batch.id, 0, 0);
    }
    const outcomes = records.inBatch(batch.id);
    events.emit('batch-updated', { id: batch.id, state: to });
    if (isTerminalBatchState(to)) {
      events.emit('sync-finished', {
        batchId: batch.id,
        state: to,
        succeeded: outcomes.filter((r) => r.state === 'succeeded').length,
        failed: outcomes.filter((r) => r.state === 'failed').length,
      });
      this.emitStatus();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Scheduling

  private scheduleReconcile(batchId: string, delayMs: number): void {
    this.schedule(batchId, delayMs, () => this.reconcile(batchId));
  }

  private scheduleUpload(batchId: string, delayMs: number): void {
    this.schedule(batchId, delayMs, () => this.upload(batchId));
  }

  private schedulePoll(batchId: string, delayMs: number): void {
    this.schedule(batchId, delayMs, () => this.poll(batchId));
  }

  /** Hold a step until the registry can be reached again. */
  private park(batchId: string, step: Step): void {
    clearTimeout(this.timers.get(batchId));
    this.timers.delete(batchId);
    this.parked.set(batchId, step);
  }

  private runParked(): void {
    const steps = [...this.parked.entries()];
    this.parked.clear();
    for (const [batchId, step] of steps) this.runStep(batchId, step);
  }

  /** One timer per batch: its next step. A step found offline waits, parked, for the network. */
  private schedule(batchId: string, delayMs: number, step: Step): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(batchId));
    this.parked.delete(batchId);
    const timer = setTimeout(() => {
      this.timers.delete(batchId);
      if (this.connectivity.state === 'offline') {
        this.parked.set(batchId, step);
        return;
      }
      this.runStep(batchId, step);
    }, delayMs);
    this.timers.set(batchId, timer);
  }

  private runStep(batchId: string, step: Step): void {
    this.track(
      step().catch((error: unknown) => {
        // e.g. the disk refused the write: keep following the batch rather than fall silent.
        this.options.logger.error('sync step failed; will retry', { batchId, error });
        this.schedule(batchId, backoffMs(this.options.pollIntervalMs, 3, null, this.options.random), step);
      }),
    );
  }

  private track(work: Promise<void>): void {
    const guarded = work.catch((error: unknown) => this.options.logger.error('sync step failed', { error }));
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
  }

  /** Stop polling and wait for requests under way; their batches are reconciled on next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.connectivity.stop();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.parked.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}

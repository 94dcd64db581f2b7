import { randomBytes } from 'node:crypto';
import type { ResponseOf } from '../../shared/contract';
import { isTerminalBatchState, type BatchState } from '../../shared/sync/states';
import type { EventHub } from '../app/event-hub';
import type { Logger } from '../logging/logger';
import type { CkycBulkClient } from '../connectors/ckyc-bulk/client';
import { toWireIndividual } from '../connectors/ckyc-bulk/map-individual';
import { TERMINAL_REMOTE_STATES, type InitializeRequest } from '../connectors/ckyc-bulk/wire';
import type { HttpFailure } from '../transport/http-client';
import { newId } from '../records/reference';
import type { RecordRepository } from '../records/record-repository';
import type { Store } from '../store/database';
import type { BatchRepository, BatchRow } from './batch-repository';
import { backoffMs } from './poll-schedule';

export interface Verifier {
  name: string;
  designation: string;
  branch: string;
  employmentCode: string;
  organization: string;
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
  clock?: () => Date;
  random?: () => number;
}

/** Did the registry possibly act on a request that failed this way? */
function mayHaveReachedRegistry(failure: HttpFailure): boolean {
  return failure.kind === 'timeout' || failure.kind === 'server_error' || failure.kind === 'invalid_response';
}

/** The batch's remote state after one look-up by name found nothing at the registry. */
const NOT_KNOWN_BY_NAME = 'not_known_by_name';

export function newBatchFileName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15); // 20261122T071500
  return `KD_${stamp}_${randomBytes(4).toString('hex').toUpperCase()}`;
}

/**
 * Groups ready records into a batch, sends it, and follows it to its end. Every state change is
 * on disk before the network call it leads to, so after a crash the engine knows exactly which
 * batches might already be at the registry and never sends those blindly again.
 */
export class SyncEngine {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly options: SyncEngineOptions) {}

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

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
    for (const batch of batches.inStates(['polling'])) {
      const at = batch.nextPollAt ? Date.parse(batch.nextPollAt) : Date.now();
      this.schedulePoll(batch.id, Math.max(0, at - Date.now()));
    }
  }

  /**
   * Make a batch of ready records durable, then send it in the background. `verifier` is the
   * operator who authorised the submission (seed 000's batch-level data.verifier).
   */
  startSync(verifier: Verifier): ResponseOf<'sync.start'> {
    const { store, records, batches, maxBatchRecords, events } = this.options;
    const batchId = newId('bat');
    const now = this.now().toISOString();
    const taken = store.write(() => {
      const ready = records.inState('ready', maxBatchRecords);
      if (ready.length === 0) return 0;
      batches.insert({ id: batchId, batchFileName: newBatchFileName(this.now()), route: 'bulk-api', kind: 'upload', state: 'sending', recordCount: ready.length, now });
      for (const record of ready) records.move(record.id, 'submitted', { batchId, message: null, now });
      return ready.length;
    });
    if (taken === 0) return { batchId: null, recordCount: 0, message: 'No records are ready to sync.' };
    events.emit('batch-updated', { id: batchId, state: 'sending' });
    this.track(this.send(batchId, verifier));
    return { batchId, recordCount: taken, message: `Sending ${taken} record${taken === 1 ? '' : 's'} to the registry.` };
  }

  private async send(batchId: string, v: Verifier): Promise<void> {
    const { records, batches, client } = this.options;
    const batch = batches.find(batchId);
    if (!batch || batch.state !== 'sending') return;
    const request: InitializeRequest = {
      data: {
        purpose: 'new_kyc_upload',
        batch_file_name: batch.batchFileName,
        verifier: { name: v.name, designation: v.designation, branch: v.branch, employment_code: v.employmentCode, organization: v.organization },
        individuals: records.inBatch(batchId).map((record) => toWireIndividual(record.reference, record.record)),
      },
    };
    const outcome = await client.initialize(batch.kind, request);
    if (this.stopped) return; // the next start reconciles this batch
    if (outcome.ok) {
      const accepted = outcome.body.data;
      this.transition(batch, 'polling', {
        clientId: accepted.client_id,
        remoteState: accepted.state,
        lastError: null,
        attempts: 0,
        nextPollAt: new Date(Date.now() + this.options.pollIntervalMs).toISOString(),
      });
      this.schedulePoll(batchId, this.options.pollIntervalMs);
      return;
    }
    const failure = outcome.failure;
    this.options.logger.warn('batch initialize failed', { batchId, kind: failure.kind, message: failure.message });
    if (mayHaveReachedRegistry(failure)) {
      this.transition(batch, 'needs_reconciliation', {
        attempts: 0,
        lastError: `${failure.message} The registry may have received this batch; it will be looked up before anything is sent again.`,
      });
      this.scheduleReconcile(batchId, this.options.pollIntervalMs);
      return;
    }
    // Unreachable, refused or rate-limited: the registry holds nothing, so the records go back to ready.
    this.finish(batch, 'send_failed', { lastError: failure.message }, () => {
      for (const record of records.inBatch(batchId)) {
        if (record.state === 'submitted') records.move(record.id, 'ready', { message: `Not sent: ${failure.message}`, now: this.now().toISOString() });
      }
    });
  }

  private async poll(batchId: string): Promise<void> {
    const { batches, records, client, pollIntervalMs } = this.options;
    const batch = batches.find(batchId);
    if (!batch || batch.state !== 'polling' || !batch.clientId) return;
    const outcome = await client.status(batch.clientId);
    if (this.stopped) return;
    if (!outcome.ok) {
      const { failures, delay } = this.retryAfterFailure(batch, outcome.failure);
      this.transition(batch, 'polling', { attempts: failures, lastError: outcome.failure.message, nextPollAt: new Date(Date.now() + delay).toISOString() });
      this.schedulePoll(batchId, delay);
      return;
    }
    const remote = outcome.body.data;
    if (!TERMINAL_REMOTE_STATES.includes(remote.state)) {
      this.transition(batch, 'polling', {
        remoteState: remote.state,
        attempts: 0,
        lastError: null,
        nextPollAt: new Date(Date.now() + pollIntervalMs).toISOString(),
      });
      this.schedulePoll(batchId, pollIntervalMs);
      return;
    }
    if (remote.state === 'upload_failed') {
      // Nothing was accepted. The registry's message is kept verbatim: it is what the operator needs to fix the record.
      const message = remote.error ?? 'The registry rejected this batch without giving a reason.';
      this.finish(batch, 'failed', { remoteState: remote.state, lastError: message, nextPollAt: null, attempts: 0 }, () => {
        const now = this.now().toISOString();
        for (const record of records.inBatch(batchId)) if (record.state === 'submitted') records.move(record.id, 'failed', { message, now });
      });
      return;
    }
    if ((remote.individuals_failed ?? 0) === 0) {
      this.finish(batch, 'succeeded', { remoteState: remote.state, lastError: null, nextPollAt: null, attempts: 0 }, () => {
        const now = this.now().toISOString();
        for (const record of records.inBatch(batchId)) if (record.state === 'submitted') records.move(record.id, 'succeeded', { message: null, now });
      });
      return;
    }
    await this.settleEachIndividual(batch, remote.state);
  }

  /**
   * The registry accepted some individuals of the batch and refused others: status-check says which,
   * and each record gets its own outcome — one bad record never takes the good ones down with it.
   * Until status-check answers, the batch keeps being followed; nothing is settled by guessing.
   */
  private async settleEachIndividual(batch: BatchRow, remoteState: string): Promise<void> {
    const { records, client } = this.options;
    const outcome = await client.statusCheck(batch.kind, batch.clientId!);
    if (this.stopped) return;
    if (!outcome.ok) {
      const { failures, delay } = this.retryAfterFailure(batch, outcome.failure);
      this.transition(batch, 'polling', {
        remoteState,
        attempts: failures,
        lastError: `The registry finished this batch, but which records it accepted could not be read yet: ${outcome.failure.message}`,
        nextPollAt: new Date(Date.now() + delay).toISOString(),
      });
      this.schedulePoll(batch.id, delay);
      return;
    }
    const results = new Map(outcome.body.data.individuals.map((individual) => [individual.kyc_ref_no, individual]));
    const failedCount = [...results.values()].filter((individual) => individual.state === 'failed').length;
    this.finish(
      batch,
      'succeeded',
      { remoteState, lastError: `${failedCount} of ${results.size} records were refused by the registry; see each record's reason.`, nextPollAt: null, attempts: 0 },
      () => {
        const now = this.now().toISOString();
        for (const record of records.inBatch(batch.id)) {
          if (record.state !== 'submitted') continue;
          const result = results.get(record.reference);
          if (result?.state === 'succeeded') records.move(record.id, 'succeeded', { message: null, now });
          else records.move(record.id, 'failed', { message: result?.error ?? 'The registry did not report on this record; it is not counted as accepted.', now });
        }
      },
    );
  }

  /**
   * A batch that may or may not have reached the registry is looked up by its file name before
   * anything is sent again. Found: it is followed like any other. Not found twice, a poll interval
   * apart: the registry never got it, and its records are ready for the next batch.
   */
  private async reconcile(batchId: string): Promise<void> {
    const { batches, records, client, pollIntervalMs } = this.options;
    const batch = batches.find(batchId);
    if (!batch || batch.state !== 'needs_reconciliation') return;
    const found = await client.findBatch(batch.kind, batch.batchFileName);
    if (this.stopped) return;
    if (!found.ok) {
      const { failures, delay } = this.retryAfterFailure(batch, found.failure);
      this.transition(batch, 'needs_reconciliation', {
        attempts: failures,
        lastError: `Looking this batch up at the registry failed (${found.failure.message}); it will be tried again. Nothing is sent until then.`,
        nextPollAt: new Date(Date.now() + delay).toISOString(),
      });
      this.scheduleReconcile(batchId, delay);
      return;
    }
    if (found.batch) {
      this.options.logger.info('reconciled batch: the registry has it', { batchId, clientId: found.batch.client_id });
      this.transition(batch, 'polling', {
        clientId: found.batch.client_id,
        remoteState: found.batch.state,
        attempts: 0,
        lastError: null,
        nextPollAt: new Date(Date.now()).toISOString(),
      });
      this.schedulePoll(batchId, 0);
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
    this.finish(batch, 'send_failed', { remoteState: NOT_KNOWN_BY_NAME, lastError: 'The registry never received this batch (looked up twice by its name). Its records are ready to go in the next batch.', nextPollAt: null }, () => {
      for (const record of records.inBatch(batchId)) {
        if (record.state === 'submitted') records.move(record.id, 'ready', { message: 'Not received by the registry; it goes in the next batch.', now: this.now().toISOString() });
      }
    });
  }

  private scheduleReconcile(batchId: string, delayMs: number): void {
    this.schedule(batchId, delayMs, () => this.reconcile(batchId));
  }

  /** The next try after a failed request: jittered backoff by failures in a row, or the registry's Retry-After. */
  private retryAfterFailure(batch: BatchRow, failure: HttpFailure): { failures: number; delay: number } {
    const failures = batch.attempts + 1;
    const retryAfter = failure.kind === 'rate_limited' ? failure.retryAfterMs : null;
    return { failures, delay: backoffMs(this.options.pollIntervalMs, failures, retryAfter, this.options.random) };
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
    const outcomes = records.inBatch(batch.id);
    events.emit('batch-updated', { id: batch.id, state: to });
    if (isTerminalBatchState(to)) {
      events.emit('sync-finished', {
        batchId: batch.id,
        state: to,
        succeeded: outcomes.filter((r) => r.state === 'succeeded').length,
        failed: outcomes.filter((r) => r.state === 'failed').length,
      });
    }
  }

  private schedulePoll(batchId: string, delayMs: number): void {
    this.schedule(batchId, delayMs, () => this.poll(batchId));
  }

  /** One timer per batch: its next poll or look-up. A failed step is tried again, never dropped. */
  private schedule(batchId: string, delayMs: number, step: () => Promise<void>): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(batchId));
    const timer = setTimeout(() => {
      this.timers.delete(batchId);
      this.track(
        step().catch((error: unknown) => {
          // e.g. the disk refused the write: keep following the batch rather than fall silent.
          this.options.logger.error('sync step failed; will retry', { batchId, error });
          this.schedule(batchId, backoffMs(this.options.pollIntervalMs, 3, null, this.options.random), step);
        }),
      );
    }, delayMs);
    this.timers.set(batchId, timer);
  }

  private track(work: Promise<void>): void {
    const guarded = work.catch((error: unknown) => this.options.logger.error('sync step failed', { error }));
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
  }

  /** Stop polling and wait for requests under way; their batches are reconciled on next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}

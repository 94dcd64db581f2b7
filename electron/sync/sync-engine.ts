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
        lastError: `${failure.message} The registry may have received this batch; it will be looked up before anything is sent again.`,
      });
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
      const failures = batch.attempts + 1;
      const retryAfter = outcome.failure.kind === 'rate_limited' ? outcome.failure.retryAfterMs : null;
      const delay = backoffMs(pollIntervalMs, failures, retryAfter, this.options.random);
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
    const succeeded = remote.state === 'upload_succeeded';
    // The registry's message is kept verbatim: it is what the operator needs to fix the record.
    const message = succeeded ? null : (remote.error ?? 'The registry rejected this batch without giving a reason.');
    this.finish(batch, succeeded ? 'succeeded' : 'failed', { remoteState: remote.state, lastError: message, nextPollAt: null, attempts: 0 }, () => {
      const now = this.now().toISOString();
      for (const record of records.inBatch(batchId)) {
        if (record.state === 'submitted') records.move(record.id, succeeded ? 'succeeded' : 'failed', { message, now });
      }
    });
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
    if (this.stopped) return;
    clearTimeout(this.timers.get(batchId));
    const timer = setTimeout(() => {
      this.timers.delete(batchId);
      this.track(
        this.poll(batchId).catch((error: unknown) => {
          // e.g. the disk refused the write: keep following the batch rather than fall silent.
          this.options.logger.error('poll step failed; will retry', { batchId, error });
          this.schedulePoll(batchId, backoffMs(this.options.pollIntervalMs, 3, null, this.options.random));
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

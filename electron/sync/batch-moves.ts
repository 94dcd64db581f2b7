import { isTerminalBatchState, type BatchState } from '../../shared/sync/states';
import type { EventHub } from '../events/event-hub';
import type { RecordRepository } from '../records/record-repository';
import type { Store } from '../store/database';
import type { BatchPatch, BatchRepository, BatchRow } from './batch-repository';
import type { Settlement } from './submission-service';

/**
 * Moving a batch, and its records with it, durably: each move is written before the engine acts
 * on it, and a batch's end and its records' ends are one write. Every move is announced
 * (batch-updated; sync-finished at an end).
 */
export class BatchMoves {
  constructor(
    private readonly options: {
      store: Store;
      batches: BatchRepository;
      records: RecordRepository;
      events: EventHub;
      now: () => Date;
      /** After a batch's end is on disk, before it is announced (its file can go; its papers can be collected). */
      onEnded: (batch: BatchRow) => void;
      /** After a batch's end is announced: the indicator's count of batches under way changed. */
      afterEndAnnounced: () => void;
    },
  ) {}

  private stamp(): string {
    return this.options.now().toISOString();
  }

  transition(batch: BatchRow, to: BatchState, patch: BatchPatch): void {
    const { store, batches, events } = this.options;
    store.write(() => batches.move(batch.id, to, patch, this.stamp()));
    events.emit('batch-updated', { id: batch.id, state: to });
  }

  /** A move and the records' outcomes, durable together in one write. */
  finish(batch: BatchRow, to: BatchState, patch: BatchPatch, settleRecords: () => void): void {
    const { store, batches, records, events } = this.options;
    store.write(() => {
      batches.move(batch.id, to, patch, this.stamp());
      settleRecords();
    });
    const ended = isTerminalBatchState(to) ? batches.find(batch.id) : undefined;
    if (ended) this.options.onEnded(ended);
    const outcomes = records.inBatch(batch.id);
    events.emit('batch-updated', { id: batch.id, state: to });
    if (ended) {
      events.emit('sync-finished', {
        batchId: batch.id,
        state: to,
        succeeded: outcomes.filter((r) => r.state === 'succeeded').length,
        failed: outcomes.filter((r) => r.state === 'failed').length,
      });
      this.options.afterEndAnnounced();
    }
  }

  /** The other side answered for every record: the batch and each submitted record end. */
  settle(batch: BatchRow, settlement: Settlement, extra: BatchPatch = {}): void {
    const { records } = this.options;
    const patch: BatchPatch = { lastError: settlement.lastError, nextPollAt: null, attempts: 0, ...(settlement.remoteState !== undefined ? { remoteState: settlement.remoteState } : {}) };
    this.finish(batch, settlement.state, { ...patch, ...extra }, () => {
      const now = this.stamp();
      for (const record of records.inBatch(batch.id)) {
        if (record.state !== 'submitted') continue;
        const result = settlement.results.get(record.reference) ?? settlement.unreported;
        records.move(record.id, result.state, {
          message: result.message,
          ...(result.fields ? { registryErrors: result.fields } : {}),
          ...(result.issuedNumber !== undefined ? { ckycNumber: result.issuedNumber } : {}),
          now,
        });
      }
      settlement.alongside?.({ store: this.options.store, now });
    });
  }

  /** A person closed a batch that needed attention: it fails, and each record still submitted says why. */
  close(batch: BatchRow, message: string): void {
    this.settle(batch, { state: 'failed', lastError: message, results: new Map(), unreported: { state: 'failed', message } });
  }

  /** The batch will never be taken as it is: it ends as not sent, its records ready again. */
  notSent(batch: BatchRow, patch: BatchPatch, recordMessage: string): void {
    this.finish(batch, 'send_failed', patch, () => this.returnToReady(batch.id, recordMessage));
  }

  private returnToReady(batchId: string, message: string): void {
    const now = this.stamp();
    for (const record of this.options.records.inBatch(batchId)) if (record.state === 'submitted') this.options.records.move(record.id, 'ready', { message, now });
  }
}

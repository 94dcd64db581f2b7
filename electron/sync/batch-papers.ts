import type { EventHub } from '../events/event-hub';
import type { Logger } from '../logging/logger';
import type { RecordRepository } from '../records/record-repository';
import type { Store } from '../store/database';
import type { BatchRepository, BatchRow } from './batch-repository';
import { backoffMs } from './poll-schedule';
import type { StepScheduler } from './step-scheduler';
import type { ResponseCollector } from './submission-service';

/** Looks for an ended batch's papers before settling for "the other side left none". */
const RESPONSE_LOOKS = 5;

/**
 * Papers the other side leaves after a batch ends (CKYC's SFTP response files), read once and
 * kept on the batch. None there yet: look again a poll later, a few times, then record that it
 * left none. The channel unusable: try again later. The batch's outcome never waits for this —
 * it is settled already.
 */
export class BatchPapers {
  constructor(
    private readonly options: {
      store: Store;
      batches: BatchRepository;
      records: RecordRepository;
      events: EventHub;
      logger: Logger;
      steps: StepScheduler;
      pollIntervalMs: number;
      random?: () => number;
      now: () => Date;
      collectorOf: (batch: BatchRow) => ResponseCollector | undefined;
      /** The batch's service may not use its channel now (an admin must act first). */
      channelBlocked: (batch: BatchRow) => boolean;
    },
  ) {}

  awaits(batch: BatchRow): boolean {
    return this.options.collectorOf(batch)?.awaits(batch) ?? false;
  }

  schedule(batchId: string, delayMs: number, looks: number): void {
    this.options.steps.schedule(batchId, delayMs, () => this.collect(batchId, looks));
  }

  private async collect(batchId: string, looks: number): Promise<void> {
    const { batches, records, store, pollIntervalMs, logger } = this.options;
    const batch = batches.find(batchId);
    const collector = batch ? this.options.collectorOf(batch) : undefined;
    if (!batch || !collector || !collector.awaits(batch)) return;
    if (this.options.channelBlocked(batch)) return; // once unblocked, the next resume or end tries again
    const settled = new Map<string, 'succeeded' | 'failed'>();
    for (const record of records.inBatch(batchId)) if (record.state === 'succeeded' || record.state === 'failed') settled.set(record.reference, record.state);
    let found;
    try {
      found = await collector.collect(batch, settled);
    } catch (error) {
      logger.warn('could not read the papers of an ended batch', { batchId, error });
      if (looks + 1 < RESPONSE_LOOKS * 2) this.schedule(batchId, backoffMs(pollIntervalMs, looks + 1, null, this.options.random), looks + 1);
      return;
    }
    if (this.options.steps.isStopped) return;
    if (found.length === 0 && looks + 1 < RESPONSE_LOOKS) {
      this.schedule(batchId, pollIntervalMs, looks + 1);
      return;
    }
    const odd = found.filter((paper) => paper.problem !== undefined || (paper.disagreements?.length ?? 0) > 0);
    if (odd.length > 0) logger.warn('papers of an ended batch need a look', { batchId, files: odd.map((paper) => paper.name) });
    store.write(() => batches.note(batchId, { responseFiles: JSON.stringify(found) }, this.options.now().toISOString()));
    this.options.events.emit('batch-updated', { id: batchId, state: batch.state });
  }
}

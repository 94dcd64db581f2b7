import type { Logger } from '../logging/logger';
import type { Connectivity } from './connectivity';
import { backoffMs } from './poll-schedule';

/** One step of one batch: the engine's next move for it (send, deliver, follow, look up, collect). */
export type Step = () => Promise<void>;

/**
 * Each batch has at most one next step, waiting on a timer or parked until the network is back.
 * A step that throws (the disk refused a write, a bug) is tried again later rather than left to
 * fall silent; `stop()` cancels every timer and waits for the steps under way.
 */
export class StepScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly parked = new Map<string, Step>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly options: {
      connectivity: () => Connectivity;
      logger: Logger;
      pollIntervalMs: number;
      random?: () => number;
    },
  ) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Run `step` for `batchId` after `delayMs`; a step found offline waits, parked, for the network. */
  schedule(batchId: string, delayMs: number, step: Step): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(batchId));
    this.parked.delete(batchId);
    const timer = setTimeout(() => {
      this.timers.delete(batchId);
      if (this.options.connectivity().state === 'offline') {
        this.parked.set(batchId, step);
        return;
      }
      this.run(batchId, step);
    }, delayMs);
    this.timers.set(batchId, timer);
  }

  /** Hold a step until the other side can be reached again. */
  park(batchId: string, step: Step): void {
    clearTimeout(this.timers.get(batchId));
    this.timers.delete(batchId);
    this.parked.set(batchId, step);
  }

  /** The network is back: every parked step runs now. */
  runParked(): void {
    const steps = [...this.parked.entries()];
    this.parked.clear();
    for (const [batchId, step] of steps) this.run(batchId, step);
  }

  run(batchId: string, step: Step): void {
    this.track(
      step().catch((error: unknown) => {
        this.options.logger.error('sync step failed; will retry', { batchId, error });
        this.schedule(batchId, backoffMs(this.options.pollIntervalMs, 3, null, this.options.random), step);
      }),
    );
  }

  /** Work the engine waits for on stop (a step, or a health check). */
  track(work: Promise<void>): void {
    const guarded = work.catch((error: unknown) => this.options.logger.error('sync step failed', { error }));
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.parked.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}

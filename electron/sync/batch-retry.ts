import type { BatchState } from '../../shared/sync/states';
import type { BatchMoves } from './batch-moves';
import type { BatchRow } from './batch-repository';
import type { Connectivity } from './connectivity';
import { backoffMs } from './poll-schedule';
import type { Step, StepScheduler } from './step-scheduler';
import type { StepFailure } from './submission-service';

/**
 * After a failed request: offline parks the step until the network is back; anything else tries
 * again after jittered backoff by failures in a row, or the other side's Retry-After. The failure
 * and the next try are on the batch before the step waits.
 */
export class BatchRetry {
  constructor(
    private readonly options: {
      moves: BatchMoves;
      steps: StepScheduler;
      connectivity: () => Connectivity;
      pollIntervalMs: number;
      random?: () => number;
    },
  ) {}

  /**
   * `pauseWhenUnreachable`: an unreachable other side pauses all sync (false for a separate
   * delivery channel, whose failure says nothing of the service). `proveOnline`: any other failure
   * was still an answer, so the network is up (false when the channel is not the service's own).
   * `minDelayMs`: the service's own least wait between requests about the batch, when longer.
   */
  later(batch: BatchRow, state: BatchState, failure: StepFailure, step: Step, prefix = '', how: { pauseWhenUnreachable?: boolean; proveOnline?: boolean; minDelayMs?: number } = {}): void {
    const { moves, steps } = this.options;
    const pollIntervalMs = Math.max(this.options.pollIntervalMs, how.minDelayMs ?? 0);
    const failures = batch.attempts + 1;
    const lastError = `${prefix}${failure.message}`;
    if (failure.unreachable && (how.pauseWhenUnreachable ?? true)) {
      moves.transition(batch, state, { attempts: failures, lastError, nextPollAt: null });
      steps.park(batch.id, step);
      this.options.connectivity().unreachable(failure.message);
      return;
    }
    if (how.proveOnline ?? true) this.options.connectivity().reached();
    const delay = backoffMs(pollIntervalMs, failures, failure.retryAfterMs, this.options.random);
    moves.transition(batch, state, { attempts: failures, lastError, nextPollAt: new Date(Date.now() + delay).toISOString() });
    steps.schedule(batch.id, delay, step);
  }
}

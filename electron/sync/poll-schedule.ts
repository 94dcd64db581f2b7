/**
 * When to ask again. A real registry is never polled faster than every 30 s (seed 000's rule);
 * the training sandbox may go faster so practice runs take seconds.
 */
export const REAL_MIN_POLL_MS = 30_000;
export const MAX_BACKOFF_MS = 10 * 60_000;

export function pollIntervalMs(target: 'sandbox' | 'real', requestedSeconds: number | undefined): number {
  const fallback = target === 'sandbox' ? 2_000 : REAL_MIN_POLL_MS;
  const requested = requestedSeconds !== undefined && Number.isFinite(requestedSeconds) && requestedSeconds > 0 ? requestedSeconds * 1000 : fallback;
  return target === 'real' ? Math.max(REAL_MIN_POLL_MS, requested) : Math.max(100, requested);
}

/**
 * Delay after `failures` consecutive failed polls: doubling from the base interval, capped, with
 * full jitter on the upper half so many branch PCs coming back online do not poll in step.
 * A server's Retry-After is a floor.
 */
export function backoffMs(baseMs: number, failures: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.min(failures, 20));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.max(baseMs, jittered, retryAfterMs ?? 0);
}

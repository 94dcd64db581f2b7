import type { HttpFailure } from '../../transport/http-client';
import type { StepFailure } from '../../sync/submission-service';

/** Did the registry possibly act on a request that failed this way? */
export function mayHaveReachedRegistry(failure: HttpFailure): boolean {
  return failure.kind === 'timeout' || failure.kind === 'server_error' || failure.kind === 'invalid_response';
}

/** A failed request in the engine's terms: offline pauses sync; the registry's Retry-After is a floor. */
export function stepFailure(failure: HttpFailure): StepFailure {
  return { message: failure.message, unreachable: failure.kind === 'unreachable', retryAfterMs: failure.kind === 'rate_limited' ? failure.retryAfterMs : null };
}

import { AppFailure } from '../../shared/errors';
import type { AppMode } from '../../shared/mode';

/**
 * Training data may only ever reach the in-process sandbox, and real data never the sandbox.
 * Checked where a connector is built, so no code path can pair the wrong store and target.
 */
export function assertConnectionAllowed(mode: AppMode, baseUrl: string, sandboxUrl: string | null): void {
  const target = new URL(baseUrl).origin;
  const sandbox = sandboxUrl ? new URL(sandboxUrl).origin : null;
  if (mode === 'training' && target !== sandbox) {
    throw new AppFailure('CONNECTION_NOT_ALLOWED', 'Training mode can only send to the built-in training sandbox, never to a real registry connection.');
  }
  if (mode === 'live' && target === sandbox) {
    throw new AppFailure('CONNECTION_NOT_ALLOWED', 'Real records cannot be sent to the training sandbox.');
  }
}

import type { AppMode } from '../../shared/mode';
import type { ApiSettings } from '../../shared/connections/settings';
import { BULK_PATHS, sftpHealthResponseSchema } from '../connectors/ckyc-bulk/wire';
import { assertConnectionAllowed } from '../connectors/connection-guard';
import { requestJson } from '../transport/http-client';
import type { ApiTestResult } from './connection-service';

export interface ApiTestTarget {
  mode: AppMode;
  /** The built-in training sandbox (Training mode) — the only connection KYC Desk uses today. */
  sandboxUrl: string;
  sandboxToken: string;
  timeoutMs: number;
}

/**
 * "Test connection": one cheap authenticated GET (`/ckyc-upload/sftp-health`, seed 000) against the
 * connection in force. In Training mode that is always the sandbox — the guard refuses anything
 * else — so the saved settings are only described, never contacted. Messages are plain words and
 * never carry a token or password.
 */
export function apiTester(target: ApiTestTarget): (saved: ApiSettings | null) => Promise<ApiTestResult> {
  return async (saved) => {
    assertConnectionAllowed(target.mode, target.sandboxUrl, target.sandboxUrl);
    const outcome = await requestJson(
      { url: `${target.sandboxUrl}${BULK_PATHS.sftpHealth}`, method: 'GET', headers: { authorization: `Bearer ${target.sandboxToken}` }, timeoutMs: target.timeoutMs },
      sftpHealthResponseSchema,
    );
    const savedNote = saved
      ? ` Your saved address (${saved.baseUrl}) was not contacted: Training mode never sends to a real registry.`
      : ' No registry address is saved yet.';
    if (outcome.ok) {
      const sftp = outcome.body.data.status === 'up' ? 'its SFTP service is up' : 'its SFTP service is down';
      return { ok: true, message: `The training sandbox answered and accepted KYC Desk's credentials; ${sftp}.${savedNote}` };
    }
    const failure = outcome.failure;
    const why =
      failure.kind === 'rejected' && (failure.status === 401 || failure.status === 403)
        ? 'it refused KYC Desk’s credentials'
        : failure.kind === 'unreachable'
          ? 'it could not be reached'
          : failure.kind === 'timeout'
            ? 'it did not answer in time'
            : 'its answer was not what KYC Desk expected';
    return { ok: false, message: `The training sandbox did not pass the test: ${why}.${savedNote}` };
  };
}

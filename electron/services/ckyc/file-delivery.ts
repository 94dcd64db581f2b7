import type { Readable } from 'node:stream';
import type { CkycBulkClient } from '../../connectors/ckyc-bulk/client';
import { errorResponseSchema } from '../../connectors/ckyc-bulk/wire';
import { SftpError, SftpTransport, type SftpConnectionSettings } from '../../transport/sftp';
import type { BatchRow } from '../../sync/batch-repository';
import { bulkKindOf } from './batch-forming';

/** A batch ZIP ready to go: its plaintext, read from the sealed outbox as it is sent. */
export interface BatchFileSource {
  /** The name it has at the registry: `<batch file name>.zip`. */
  name: string;
  bytes: number;
  sha256: string;
  open(): Readable;
}

/**
 * What became of one attempt to hand a batch's ZIP over (bulk-submission.ts turns it into the engine's terms):
 * - delivered: the registry holds it (or provably had it already);
 * - retry: try again later — the transport is idempotent (same name, same bytes); `unreachable`
 *   means the way out is down (the engine pauses and watches for it to come back);
 * - refused: it will never be taken as it is — the batch fails with this reason;
 * - blocked: no transfer may happen until an admin acts (a changed SFTP host key, refused
 *   credentials); every batch on this route waits.
 */
export type DeliveryOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; message: string; retryAfterMs: number | null; unreachable: boolean }
  | { kind: 'refused'; message: string }
  | { kind: 'blocked'; message: string; reason: 'host_key_changed' | 'not_configured' };

export interface FileDelivery {
  deliver(batch: BatchRow, file: BatchFileSource, onProgress: (sentBytes: number, totalBytes: number) => void): Promise<DeliveryOutcome>;
}

/** Route 1: `upload/upload-file` or `update/upload-file` (seed 000), multipart, streamed. */
export function httpFileDelivery(client: CkycBulkClient): FileDelivery {
  return {
    async deliver(batch, file, onProgress) {
      const outcome = await client.uploadFile(bulkKindOf(batch), batch.clientId!, file, onProgress);
      if (outcome.ok) return { kind: 'delivered' };
      const failure = outcome.failure;
      switch (failure.kind) {
        case 'unreachable':
          return { kind: 'retry', message: failure.message, retryAfterMs: null, unreachable: true };
        case 'rate_limited':
          return { kind: 'retry', message: failure.message, retryAfterMs: failure.retryAfterMs, unreachable: false };
        case 'timeout':
        case 'server_error':
        case 'invalid_response':
          return { kind: 'retry', message: failure.message, retryAfterMs: null, unreachable: false };
        case 'rejected': {
          const code = errorResponseSchema.safeParse(failure.body).data?.error.code;
          // No longer pending: our earlier attempt was taken and processing began (or it needed none).
          if (code === 'BATCH_NOT_PENDING') return { kind: 'delivered' };
          // Damaged on the way: the registry kept nothing, so the same bytes go again.
          if (code === 'CHECKSUM_MISMATCH') return { kind: 'retry', message: failure.message, retryAfterMs: null, unreachable: false };
          if (failure.status === 401) return { kind: 'blocked', reason: 'not_configured', message: `The registry refused our credentials (HTTP 401): ${failure.message}` };
          return { kind: 'refused', message: `The registry refused the batch file: ${failure.message}` };
        }
      }
    },
  };
}

/**
 * Route 2: the ZIP put in the SFTP input folder (`.part`, size check, rename, trigger). A fresh
 * connection per attempt; `settings()` reads the connection (and its secret) each time, so an
 * admin's fix applies to the next attempt.
 */
export function sftpFileDelivery(settings: () => Promise<SftpConnectionSettings | { problem: string }>): FileDelivery {
  return {
    async deliver(_batch, file, onProgress) {
      const connection = await settings();
      if ('problem' in connection) return { kind: 'blocked', reason: 'not_configured', message: connection.problem };
      try {
        await SftpTransport.with(connection, (sftp) => sftp.uploadBatch(file, file.name, { onProgress }));
        return { kind: 'delivered' };
      } catch (error) {
        if (!(error instanceof SftpError)) throw error;
        return sftpOutcome(error);
      }
    },
  };
}

export function sftpOutcome(error: SftpError): DeliveryOutcome {
  switch (error.kind) {
    case 'host_key_changed':
      return { kind: 'blocked', reason: 'host_key_changed', message: error.message };
    case 'host_key_unknown':
    case 'auth_failed':
    case 'permission_denied':
      return { kind: 'blocked', reason: 'not_configured', message: error.message };
    case 'unreachable':
      return { kind: 'retry', message: error.message, retryAfterMs: null, unreachable: true };
    case 'dropped':
    case 'timeout':
    case 'failed':
    case 'verify_failed':
    case 'disk_full':
      return { kind: 'retry', message: error.message, retryAfterMs: null, unreachable: false };
    case 'conflict':
    case 'invalid_name':
    case 'too_large':
    case 'not_found':
      return { kind: 'refused', message: error.message };
  }
}

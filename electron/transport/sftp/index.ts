/**
 * SFTP transport for the bulk route (issue 5, route 2): plain Node, no Electron. One `SftpTransport`
 * is one connection — open it, do the work, close it; the sync engine retries with a new one.
 *
 *   const sftp = await SftpTransport.connect(settings);      // throws SftpError (typed)
 *   try { await sftp.uploadBatch(zipPath, 'BATCH_123.zip'); } finally { await sftp.close(); }
 *
 * The batch file is an `UploadSource` (its plaintext as a stream, e.g. decrypted as it is read:
 * `{ bytes, sha256?, open() }`) or a local path (`fileSource(path)`, which a plain string means).
 *
 * `probeHostKey(settings)` only reads the server's fingerprint for the confirm-on-first-use screen.
 */
import { SftpSession } from './session';
import type { SftpConnectionSettings } from './settings';
import { uploadBatch, type UploadBatchOptions, type UploadBatchResult } from './upload-batch';
import type { UploadSource } from './upload-source';
import { archiveResponse, listResponses, readResponse, type ResponseFile } from './responses';

export { probeHostKey } from './session';
export { fingerprintOfHostKey, isFingerprint } from './host-key';
export { SftpError, HostKeyUnknownError, HostKeyChangedError, type SftpFailure, type SftpFailureKind, type SftpDelivery } from './errors';
export { checkSftpSettings, DEFAULT_SFTP_TIMEOUTS, type SftpConnectionSettings, type SftpAuth } from './settings';
export { DEFAULT_RESPONSE_MAX_BYTES, ARCHIVE_FOLDER, type ResponseFile } from './responses';
export { PART_SUFFIX, TRIGGER_SUFFIX, triggerNameFor, type UploadBatchOptions, type UploadBatchResult } from './upload-batch';
export { type UploadSource } from './upload-source';
export { fileSource } from './local-file';

export class SftpTransport {
  private constructor(private readonly session: SftpSession) {}

  static async connect(settings: SftpConnectionSettings): Promise<SftpTransport> {
    return new SftpTransport(await SftpSession.open(settings));
  }

  /** Connects, runs `work`, always closes. */
  static async with<T>(settings: SftpConnectionSettings, work: (sftp: SftpTransport) => Promise<T>): Promise<T> {
    const sftp = await SftpTransport.connect(settings);
    try {
      return await work(sftp);
    } finally {
      await sftp.close();
    }
  }

  get hostFingerprint(): string {
    return this.session.hostFingerprint;
  }

  get isOpen(): boolean {
    return this.session.isOpen;
  }

  /** Puts the batch file in the input folder (`.part`, size check, rename, trigger); `source` a string: a local path. */
  uploadBatch(source: UploadSource | string, finalName: string, options?: UploadBatchOptions): Promise<UploadBatchResult> {
    return uploadBatch(this.session, source, finalName, options);
  }

  listResponses(): Promise<ResponseFile[]> {
    return listResponses(this.session);
  }

  readResponse(name: string, maxBytes?: number): Promise<Buffer> {
    return readResponse(this.session, name, maxBytes);
  }

  archiveResponse(name: string): Promise<string> {
    return archiveResponse(this.session, name);
  }

  close(): Promise<void> {
    return this.session.close();
  }
}

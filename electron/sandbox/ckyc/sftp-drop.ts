import { createHash } from 'node:crypto';
import type { Logger } from '../../logging/logger';
import { HttpProblem } from '../shell/http';
import type { BatchLifecycle } from './batch-lifecycle';
import type { SandboxRequest } from './batch-state';
import type { SftpDrop, SftpDropOutcome, SftpSandbox } from './sftp/server';

/** Columns of an SFTP drop's `<file>.result.csv` (see SftpDropDesk.writeResult). */
export const SFTP_RESULT_COLUMNS = ['kyc_ref_no', 'state', 'ckyc_number', 'error'] as const;

/**
 * The registry's side of the SFTP route: a batch ZIP dropped in the input folder (sftp/server.ts)
 * is taken as upload-file takes it, and a settled batch that came that way gets its result file.
 */
export class SftpDropDesk {
  /** The SFTP server, once started (null: the sandbox runs without one). */
  server: SftpSandbox | null = null;

  constructor(
    private readonly batches: BatchLifecycle,
    private readonly logger: Logger,
    private readonly maxBytes: number,
  ) {}

  /**
   * Found by batch file name: the file's name, or that name without `.zip` (the app initializes
   * with the ZIP's base name). Then judged as upload-file judges it. Refusals are answered as
   * `<file>.errors.csv` lines (the SFTP server writes them); a batch refused as a whole also gets
   * them, and its result file follows.
   */
  receiveDrop(drop: SftpDrop): SftpDropOutcome {
    const { state } = this.batches;
    const clientId = state.clientIdForBatch(drop.fileName) ?? state.clientIdForBatch(drop.fileName.replace(/\.zip$/i, ''));
    if (!clientId) {
      return { known: false, errors: [`No batch was initialized with batch_file_name ${drop.fileName.replace(/\.zip$/i, '')}: initialize it over the API first, then drop its file. The file was left in the input folder.`] };
    }
    if (drop.bytes === null) return { known: true, errors: [`The batch file is larger than ${this.maxBytes} bytes; it was not read.`] };
    try {
      const request = this.batches.settle(this.batches.find(clientId));
      const sha256 = createHash('sha256').update(drop.bytes).digest('hex');
      if (request.file) {
        if (request.file.sha256 === sha256) return { known: true, errors: [] }; // a repeat of the same file: already taken
        return { known: true, errors: [`${clientId} already has its batch file (SHA-256 ${request.file.sha256}); a batch takes one file.`] };
      }
      const taken = this.batches.takeFile(request, drop.bytes, sha256, drop.fileName, 'sftp');
      this.logger.info('sandbox took a batch file over SFTP', { clientId, bytes: drop.bytes.length });
      return { known: true, errors: taken.file?.batchProblems ?? [] };
    } catch (error) {
      if (error instanceof HttpProblem) return { known: true, errors: [error.message] };
      throw error;
    }
  }

  /**
   * `response/<file>.result.csv` for a terminal batch whose file came over SFTP: a header, then one
   * row per individual in initialize order — `kyc_ref_no, state (succeeded | failed), ckyc_number,
   * error` (empty cells where none). Written once; the flag is stored after the file, so a crash in
   * between writes the same file again, never a different one.
   */
  writeResult(request: SandboxRequest): void {
    const sftp = this.server;
    const file = request.file;
    if (!sftp || !request.terminal || file?.via !== 'sftp' || file.resultWritten) return;
    const rows = request.terminal.results.map((r) => [r.kycRefNo, r.state, r.ckycNumber ?? '', r.error ?? '']);
    sftp.writeResponse(`${file.fileName ?? request.batchFileName}.result.csv`, SFTP_RESULT_COLUMNS, rows);
    this.batches.state.update({ ...request, file: { ...file, resultWritten: true } });
  }
}

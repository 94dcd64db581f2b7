import fs from 'node:fs';
import { SftpError } from './errors';
import { DEFAULT_WRITE_BYTES, type UploadSource } from './upload-source';

/**
 * A local regular file as an upload source: its size now (a file that then changes size is caught
 * as `verify_failed`), no SHA-256 up front (a skipped upload hashes the file). Missing or not a
 * regular file: a typed error a person can act on (nothing was sent).
 */
export async function fileSource(localPath: string): Promise<UploadSource> {
  let bytes: number;
  try {
    const stats = await fs.promises.stat(localPath);
    if (!stats.isFile()) throw new Error('not a file');
    bytes = stats.size;
  } catch {
    throw new SftpError('not_found', 'The local batch file to upload is missing or not a regular file.', 'not_sent');
  }
  return { bytes, open: () => fs.createReadStream(localPath, { highWaterMark: DEFAULT_WRITE_BYTES /* one WRITE each: sent without a copy */ }) };
}

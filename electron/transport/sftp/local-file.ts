import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { SftpError } from './errors';

/** Size of a local regular file, or a typed error a person can act on (nothing was sent). */
export async function localFileSize(localPath: string): Promise<number> {
  try {
    const stats = await fs.promises.stat(localPath);
    if (!stats.isFile()) throw new Error('not a file');
    return stats.size;
  } catch {
    throw new SftpError('not_found', 'The local batch file to upload is missing or not a regular file.', 'not_sent');
  }
}

/** SHA-256 (hex) of a local file, streamed. */
export async function sha256OfFile(localPath: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(localPath, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

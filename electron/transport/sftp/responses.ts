import { SftpError } from './errors';
import { checkRemoteName, remoteJoin } from './remote-names';
import { ensureRemoteDir, renameRemote, statOrNull } from './remote-ops';
import type { SftpSession } from './session';

/**
 * The response folder: result and error files the server leaves for us.
 * - Listing shows regular files only, without hidden names and without `.part` files the server
 *   may still be writing; sorted by name, so the caller's order is stable.
 * - Reading is into memory, with a byte cap checked before (stat) and while reading (a file that
 *   grows past the cap mid-read is refused too).
 * - Archiving moves the file to `<response>/archive/<name>` on the server (the folder is created
 *   when missing), so the next listing does not show it again and the server's copy is kept for
 *   an auditor. Idempotent: already archived → done. A same-named file already in the archive (the
 *   server reused a name) is never overwritten: the newcomer becomes `<name>.1`, `<name>.2`, ….
 * Every name is checked: no `/`, `\`, `..`, NUL or control characters.
 */
export const ARCHIVE_FOLDER = 'archive';
export const DEFAULT_RESPONSE_MAX_BYTES = 20 * 1024 * 1024;
const MAX_ARCHIVE_SUFFIX = 99;

export interface ResponseFile {
  name: string;
  size: number;
  modifiedAt: number;
}

export async function listResponses(session: SftpSession): Promise<ResponseFile[]> {
  const folder = session.settings.responseFolder;
  const entries = await session.request('listing the response folder', () => session.library.list(folder));
  return entries
    .filter((entry) => entry.type === '-' && !entry.name.startsWith('.') && !entry.name.endsWith('.part') && isSafeName(entry.name))
    .map((entry) => ({ name: entry.name, size: entry.size, modifiedAt: entry.modifyTime }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function readResponse(session: SftpSession, name: string, maxBytes = DEFAULT_RESPONSE_MAX_BYTES): Promise<Buffer> {
  const remotePath = remoteJoin(session.settings.responseFolder, name);
  const entry = await statOrNull(session, remotePath, 'reading a response file');
  if (!entry || !entry.isFile) throw new SftpError('not_found', `The response file ${name} is not in the response folder.`, 'not_sent');
  if (entry.size > maxBytes) throw tooLarge(name, maxBytes);
  return session.request('reading a response file', () => {
    const channel = session.channel;
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let total = 0;
      const source = channel.createReadStream(remotePath, { highWaterMark: 256 * 1024 });
      source.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes) {
          source.destroy();
          reject(tooLarge(name, maxBytes));
          return;
        }
        chunks.push(chunk);
      });
      source.once('error', reject);
      source.once('end', () => resolve(Buffer.concat(chunks, total)));
    });
  });
}

/** Moves a response file into the archive folder; returns where it went. */
export async function archiveResponse(session: SftpSession, name: string): Promise<string> {
  const folder = session.settings.responseFolder;
  const from = remoteJoin(folder, name);
  const archive = remoteJoin(folder, ARCHIVE_FOLDER);
  const source = await statOrNull(session, from, 'archiving a response file');
  if (!source) {
    if (await statOrNull(session, remoteJoin(archive, name), 'archiving a response file')) return remoteJoin(archive, name);
    throw new SftpError('not_found', `The response file ${name} is not in the response folder.`, 'not_sent');
  }
  await ensureRemoteDir(session, archive, 'creating the archive folder');
  for (let suffix = 0; suffix <= MAX_ARCHIVE_SUFFIX; suffix++) {
    const to = remoteJoin(archive, suffix === 0 ? name : `${name}.${suffix}`);
    if (await statOrNull(session, to, 'archiving a response file')) continue;
    await renameRemote(session, from, to, 'archiving a response file');
    return to;
  }
  throw new SftpError('conflict', `The archive already holds ${MAX_ARCHIVE_SUFFIX + 1} files named ${name}.`, 'not_sent');
}

function isSafeName(name: string): boolean {
  try {
    checkRemoteName(name);
    return true;
  } catch {
    return false;
  }
}

function tooLarge(name: string, maxBytes: number): SftpError {
  return new SftpError('too_large', `The response file ${name} is larger than the ${Math.round(maxBytes / 1024)} KB allowed; it was not read.`, 'not_sent');
}

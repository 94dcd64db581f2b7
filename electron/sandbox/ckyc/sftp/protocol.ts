import fs from 'node:fs';
import type { Socket } from 'node:net';
import type { Attributes, Connection } from 'ssh2';

/** SFTPv3 status codes and open flags, and the small helpers the session's handlers share. */
export const STATUS = { OK: 0, EOF: 1, NO_SUCH_FILE: 2, PERMISSION_DENIED: 3, FAILURE: 4, BAD_MESSAGE: 5, OP_UNSUPPORTED: 8 } as const;
export const OPEN = { READ: 0x01, WRITE: 0x02, APPEND: 0x04, CREAT: 0x08, TRUNC: 0x10, EXCL: 0x20 } as const;

/** A request refused with an SFTP status (a path outside the jail, a symbolic link, …). */
export class Refused extends Error {
  constructor(readonly status: number) {
    super(`status ${status}`);
  }
}

export function statusOf(error: unknown): number {
  if (error instanceof Refused) return error.status;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return STATUS.NO_SUCH_FILE;
  if (code === 'EACCES' || code === 'EPERM' || code === 'ELOOP') return STATUS.PERMISSION_DENIED;
  return STATUS.FAILURE;
}

export function attrsOf(stats: fs.Stats): Attributes {
  return { mode: stats.mode, uid: stats.uid, gid: stats.gid, size: stats.size, atime: Math.floor(stats.atimeMs / 1000), mtime: Math.floor(stats.mtimeMs / 1000) };
}

export function longname(name: string, stats: fs.Stats): string {
  const type = stats.isDirectory() ? 'd' : stats.isFile() ? '-' : stats.isSymbolicLink() ? 'l' : '?';
  const bits = 'rwxrwxrwx'
    .split('')
    .map((c, i) => (stats.mode & (0o400 >> i) ? c : '-'))
    .join('');
  const date = new Date(stats.mtimeMs).toISOString().slice(0, 16).replace('T', ' ');
  return `${type}${bits} 1 ${stats.uid} ${stats.gid} ${stats.size} ${date} ${name}`;
}

/** `<len><utf8>` strings of an EXTENDED request's data. */
export function readStrings(data: Buffer | undefined, count: number): string[] | null {
  if (!data) return null;
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 4 > data.length) return null;
    const length = data.readUInt32BE(at);
    at += 4;
    if (at + length > data.length) return null;
    out.push(data.subarray(at, at + length).toString('utf8'));
    at += length;
  }
  return out;
}

export function readNoFollow(file: string): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  try {
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Ends a client's connection at once: the socket is destroyed, no SSH goodbye (a real drop). */
export function cut(client: Connection): void {
  const socket = (client as unknown as { _sock?: Socket })._sock;
  if (socket) socket.destroy();
  else client.end();
}

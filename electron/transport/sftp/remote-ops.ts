import type { Stats } from 'ssh2';
import { SftpError } from './errors';
import type { SftpSession } from './session';

/**
 * Small requests on an open session, each bounded by the operation timeout and classified. Built on
 * the raw ssh2 channel so "does not exist" stays a value (null) instead of a parsed message.
 */
export interface RemoteEntry {
  size: number;
  isFile: boolean;
  isDirectory: boolean;
  modifiedAt: number;
}

const NO_SUCH_FILE = 2;

export function statOrNull(session: SftpSession, remotePath: string, what: string): Promise<RemoteEntry | null> {
  return session.request(what, () => {
    const channel = session.channel;
    return new Promise<RemoteEntry | null>((resolve, reject) => {
      channel.stat(remotePath, (error: (Error & { code?: number }) | undefined, stats: Stats) => {
        if (error) {
          if (error.code === NO_SUCH_FILE) resolve(null);
          else reject(error);
          return;
        }
        resolve({ size: stats.size, isFile: stats.isFile(), isDirectory: stats.isDirectory(), modifiedAt: stats.mtime * 1000 });
      });
    });
  });
}

/**
 * Atomic rename: `posix-rename@openssh.com` where the server offers it (replaces nothing we would
 * not have replaced: the caller checked the target first), else SFTPv3 RENAME, which fails when
 * the target exists — the caller then re-checks the target instead of deleting anything.
 */
export function renameRemote(session: SftpSession, from: string, to: string, what: string): Promise<void> {
  const posix = session.supports('posix-rename@openssh.com');
  return session.request(what, () => {
    const channel = session.channel;
    return new Promise<void>((resolve, reject) => {
      const done = (error: Error | undefined | null) => (error ? reject(error) : resolve());
      if (posix) channel.ext_openssh_rename(from, to, done);
      else channel.rename(from, to, done);
    });
  });
}

export function removeRemote(session: SftpSession, remotePath: string, what: string): Promise<void> {
  return session.request(what, () => {
    const channel = session.channel;
    return new Promise<void>((resolve, reject) => {
      channel.unlink(remotePath, (error?: Error | null) => (error && (error as { code?: unknown }).code !== NO_SUCH_FILE ? reject(error) : resolve()));
    });
  });
}

export async function ensureRemoteDir(session: SftpSession, remotePath: string, what: string): Promise<void> {
  const existing = await statOrNull(session, remotePath, what);
  if (existing?.isDirectory) return;
  if (existing) throw new SftpError('conflict', 'A remote file stands where the archive folder should be.', 'not_sent');
  await session.request(what, () => {
    const channel = session.channel;
    return new Promise<void>((resolve, reject) => {
      channel.mkdir(remotePath, (error?: Error | null) => (error ? reject(error) : resolve()));
    });
  });
}

/** Free bytes in a remote folder (statvfs@openssh.com), or null where the server cannot tell. */
export async function remoteFreeBytes(session: SftpSession, remotePath: string): Promise<number | null> {
  if (!session.isOpen || !session.supports('statvfs@openssh.com')) return null;
  try {
    return await session.request('checking free space', () => {
      const channel = session.channel;
      return new Promise<number>((resolve, reject) => {
        // ssh2 names the fields after statvfs(3) and may hand out bigints for 64-bit values.
        channel.ext_openssh_statvfs(remotePath, (error: Error | undefined, info: { f_bavail: number | bigint; f_frsize: number | bigint }) =>
          error ? reject(error) : resolve(Number(info.f_bavail) * Number(info.f_frsize)),
        );
      });
    });
  } catch {
    return null;
  }
}

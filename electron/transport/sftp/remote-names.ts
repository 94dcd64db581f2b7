import { SftpError } from './errors';

/**
 * Remote names and paths. Names come from the batch identity and from the server's own listing of
 * the response folder; either way a name is one path segment: no `/` or `\`, no `..`, no NUL or
 * other control characters, not empty, at most 255 bytes. Paths are POSIX (SFTP's), never `path.join`.
 */
export function checkRemoteName(name: string): string {
  const bad =
    typeof name !== 'string' ||
    name.length === 0 ||
    name === '.' ||
    name.includes('/') ||
    name.includes('\\') ||
    name.includes('..') ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/.test(name) ||
    Buffer.byteLength(name) > 255;
  if (bad) throw new SftpError('invalid_name', 'That remote file name is not allowed (it must be a plain file name without "/", "..", or control characters).', 'not_sent');
  return name;
}

export function remoteJoin(folder: string, name: string): string {
  const base = folder.replace(/\/+$/, '');
  return `${base === '' ? '/' : base}${base === '' ? '' : '/'}${checkRemoteName(name)}`;
}

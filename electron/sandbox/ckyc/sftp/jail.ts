import fs from 'node:fs';
import path from 'node:path';
import { Refused, STATUS } from './protocol';
import { SFTP_SANDBOX_FOLDERS, TRIGGER_SUFFIX } from './layout';

/**
 * The SFTP client's view of the disk: paths absolute or relative to `/` (the jail root, which is
 * also the home); a `..` segment, NUL or a backslash is refused (PERMISSION_DENIED), and every
 * existing component is lstat'ed: a symbolic link anywhere on the path is refused.
 */
export class Jail {
  constructor(private readonly root: string) {}

  /** The jail path (`/a/b`) for a client's path, or Refused. */
  path(requested: string): string {
    if (requested.includes('\u0000') || requested.includes('\\')) throw new Refused(STATUS.PERMISSION_DENIED);
    const segments = requested.split('/').filter((s) => s !== '' && s !== '.');
    if (segments.includes('..')) throw new Refused(STATUS.PERMISSION_DENIED);
    return `/${segments.join('/')}`;
  }

  /** The local path for a jail path, after checking no existing component is a symbolic link. */
  local(jail: string): string {
    let at = this.root;
    for (const segment of jail.split('/').filter(Boolean)) {
      at = path.join(at, segment);
      let stats: fs.Stats;
      try {
        stats = fs.lstatSync(at);
      } catch {
        break; // the rest does not exist (yet): nothing to follow
      }
      if (stats.isSymbolicLink()) throw new Refused(STATUS.PERMISSION_DENIED);
    }
    const resolved = path.join(this.root, ...jail.split('/').filter(Boolean));
    const relative = path.relative(this.root, resolved);
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Refused(STATUS.PERMISSION_DENIED);
    return resolved;
  }

  /** The local path of a client's path: `local(path(requested))`. */
  resolve(requested: string): string {
    return this.local(this.path(requested));
  }

  isTrigger(jail: string): boolean {
    return path.posix.dirname(jail) === SFTP_SANDBOX_FOLDERS.input && jail.endsWith(TRIGGER_SUFFIX) && path.posix.basename(jail).length > TRIGGER_SUFFIX.length;
  }
}

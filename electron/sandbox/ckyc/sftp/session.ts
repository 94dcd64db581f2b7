import fs from 'node:fs';
import path from 'node:path';
import type { Attributes, Connection, SFTPWrapper } from 'ssh2';
import type { Logger } from '../../../logging/logger';
import type { Jail } from './jail';
import { SFTP_SANDBOX_FOLDERS } from './layout';
import { attrsOf, cut, longname, OPEN, readStrings, Refused, STATUS, statusOf } from './protocol';

/**
 * One client's SFTP subsystem: the operations electron/transport/sftp uses (via ssh2 and
 * ssh2-sftp-client), each in its own handler, over the jail. Everything else — SYMLINK, READLINK,
 * statvfs, other extensions — answers OP_UNSUPPORTED. Files are opened with O_NOFOLLOW.
 *
 * Fault `sftp_drop`: drawn once per file opened for writing; when it fires the connection is cut
 * (socket destroyed, no goodbye) at the first WRITE reaching 128 KB, or at the CLOSE of a smaller
 * file — the upload is left as a partial `.part`, as a real network drop would.
 */
export interface SessionHooks {
  logger: Logger;
  /** Fault `sftp_drop`: one draw per file opened for writing. */
  drawDrop?: () => boolean;
  /** A trigger file appeared in input/ (closed after writing, or renamed onto). */
  triggered: (triggerJail: string) => void;
}

interface FileHandle {
  kind: 'file';
  fd: number;
  remote: string;
  writable: boolean;
  /** sftp_drop fired for this handle: cut the connection at DROP_AT_BYTES or at CLOSE. */
  cut: boolean;
}

interface DirHandle {
  kind: 'dir';
  entries: { filename: string; longname: string; attrs: Attributes }[];
  sent: boolean;
}

const DROP_AT_BYTES = 128 * 1024;
const READDIR_BATCH = 64;
const MAX_READ_BYTES = 256 * 1024;

export class SftpSession {
  private readonly handles = new Map<number, FileHandle | DirHandle>();
  private nextHandle = 1;

  constructor(
    private readonly sftp: SFTPWrapper,
    private readonly client: Connection,
    private readonly jail: Jail,
    private readonly hooks: SessionHooks,
  ) {}

  /** Answer the client's requests until it goes away. */
  serve(): void {
    const { sftp } = this;
    sftp.on('end', () => this.closeAll());
    sftp.on('close', () => this.closeAll());
    sftp.on('REALPATH', (reqId, requested) => this.run(reqId, () => this.realpath(reqId, requested)));
    sftp.on('OPEN', (reqId, filename, flags) => this.run(reqId, () => this.open(reqId, filename, flags)));
    sftp.on('WRITE', (reqId, buffer, offset, data) => this.write(reqId, buffer, offset, data));
    sftp.on('READ', (reqId, buffer, offset, length) => this.read(reqId, buffer, offset, length));
    sftp.on('CLOSE', (reqId, buffer) => this.close(reqId, buffer));
    sftp.on('FSTAT', (reqId, buffer) => this.fstat(reqId, buffer));
    sftp.on('STAT', (reqId, requested) => this.run(reqId, () => this.stat(reqId, requested)));
    sftp.on('LSTAT', (reqId, requested) => this.run(reqId, () => this.stat(reqId, requested)));
    sftp.on('FSETSTAT', (reqId, buffer, attrs) => this.fsetstat(reqId, buffer, attrs));
    sftp.on('SETSTAT', (reqId, requested, attrs) => this.run(reqId, () => this.setstat(reqId, requested, attrs)));
    sftp.on('OPENDIR', (reqId, requested) => this.run(reqId, () => this.opendir(reqId, requested)));
    sftp.on('READDIR', (reqId, buffer) => this.readdir(reqId, buffer));
    sftp.on('REMOVE', (reqId, requested) => this.run(reqId, () => this.remove(reqId, requested)));
    sftp.on('MKDIR', (reqId, requested) => this.run(reqId, () => this.mkdir(reqId, requested)));
    sftp.on('RMDIR', (reqId, requested) => this.run(reqId, () => this.rmdir(reqId, requested)));
    sftp.on('RENAME', (reqId, from, to) => this.run(reqId, () => this.rename(reqId, from, to, false)));
    sftp.on('EXTENDED', (reqId, name, data) => this.extended(reqId, name, data));
  }

  // --- handles and answers ------------------------------------------------------------------

  private newHandle(value: FileHandle | DirHandle): Buffer {
    const id = this.nextHandle++;
    this.handles.set(id, value);
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(id);
    return buffer;
  }

  private handleOf(buffer: Buffer): FileHandle | DirHandle | undefined {
    return buffer.length === 4 ? this.handles.get(buffer.readUInt32BE(0)) : undefined;
  }

  private fail(reqId: number, error: unknown): void {
    this.sftp.status(reqId, statusOf(error));
  }

  private done(reqId: number): (error: NodeJS.ErrnoException | null) => void {
    return (error) => (error ? this.fail(reqId, error) : this.sftp.status(reqId, STATUS.OK));
  }

  private run(reqId: number, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.fail(reqId, error);
    }
  }

  private cutNow(): void {
    this.hooks.logger.info('sandbox fault injected', { fault: 'sftp_drop' });
    cut(this.client);
  }

  private closeAll(): void {
    for (const handle of this.handles.values()) if (handle.kind === 'file') fs.close(handle.fd, () => undefined);
    this.handles.clear();
  }

  // --- files ----------------------------------------------------------------------------------

  private realpath(reqId: number, requested: string): void {
    const jail = this.jail.path(requested);
    this.sftp.name(reqId, [{ filename: jail, longname: jail, attrs: {} as Attributes }]);
  }

  private open(reqId: number, filename: string, flags: number): void {
    const jail = this.jail.path(filename);
    const file = this.jail.local(jail);
    const writable = (flags & OPEN.WRITE) !== 0;
    if (!writable && (flags & OPEN.READ) === 0) throw new Refused(STATUS.BAD_MESSAGE);
    let mode = writable ? ((flags & OPEN.READ) !== 0 ? fs.constants.O_RDWR : fs.constants.O_WRONLY) : fs.constants.O_RDONLY;
    if (flags & OPEN.CREAT) mode |= fs.constants.O_CREAT;
    if (flags & OPEN.TRUNC) mode |= fs.constants.O_TRUNC;
    if (flags & OPEN.EXCL) mode |= fs.constants.O_EXCL;
    if (flags & OPEN.APPEND) mode |= fs.constants.O_APPEND;
    mode |= fs.constants.O_NOFOLLOW ?? 0;
    if (jail === '/') throw new Refused(STATUS.FAILURE);
    fs.open(file, mode, 0o600, (error, fd) => {
      if (error) return this.fail(reqId, error);
      fs.fstat(fd, (statError, stats) => {
        if (statError || !stats.isFile()) {
          fs.close(fd, () => undefined);
          return this.fail(reqId, statError ?? new Refused(STATUS.FAILURE));
        }
        const cutThis = writable && (this.hooks.drawDrop?.() ?? false);
        this.sftp.handle(reqId, this.newHandle({ kind: 'file', fd, remote: jail, writable, cut: cutThis }));
      });
    });
  }

  private write(reqId: number, buffer: Buffer, offset: number, data: Buffer): void {
    const handle = this.handleOf(buffer);
    if (handle?.kind !== 'file' || !handle.writable) return void this.sftp.status(reqId, STATUS.FAILURE);
    if (handle.cut && offset + data.length >= DROP_AT_BYTES) return this.cutNow();
    fs.write(handle.fd, data, 0, data.length, offset, (error) => this.done(reqId)(error));
  }

  private read(reqId: number, buffer: Buffer, offset: number, length: number): void {
    const handle = this.handleOf(buffer);
    if (handle?.kind !== 'file') return void this.sftp.status(reqId, STATUS.FAILURE);
    const chunk = Buffer.alloc(Math.min(length, MAX_READ_BYTES));
    fs.read(handle.fd, chunk, 0, chunk.length, offset, (error, bytesRead) => {
      if (error) return this.fail(reqId, error);
      if (bytesRead === 0) return void this.sftp.status(reqId, STATUS.EOF);
      this.sftp.data(reqId, chunk.subarray(0, bytesRead));
    });
  }

  private close(reqId: number, buffer: Buffer): void {
    const handle = this.handleOf(buffer);
    if (!handle) return void this.sftp.status(reqId, STATUS.FAILURE);
    this.handles.delete(buffer.readUInt32BE(0));
    if (handle.kind === 'dir') return void this.sftp.status(reqId, STATUS.OK);
    if (handle.cut) {
      fs.close(handle.fd, () => undefined);
      return this.cutNow();
    }
    fs.close(handle.fd, (error) => {
      if (error) return this.fail(reqId, error);
      this.sftp.status(reqId, STATUS.OK);
      if (handle.writable && this.jail.isTrigger(handle.remote)) this.hooks.triggered(handle.remote);
    });
  }

  // --- attributes -----------------------------------------------------------------------------

  private fstat(reqId: number, buffer: Buffer): void {
    const handle = this.handleOf(buffer);
    if (handle?.kind !== 'file') return void this.sftp.status(reqId, STATUS.FAILURE);
    fs.fstat(handle.fd, (error, stats) => (error ? this.fail(reqId, error) : this.sftp.attrs(reqId, attrsOf(stats))));
  }

  private stat(reqId: number, requested: string): void {
    const file = this.jail.resolve(requested);
    fs.lstat(file, (error, stats) => {
      if (error) return this.fail(reqId, error);
      if (stats.isSymbolicLink()) return void this.sftp.status(reqId, STATUS.PERMISSION_DENIED);
      this.sftp.attrs(reqId, attrsOf(stats));
    });
  }

  private fsetstat(reqId: number, buffer: Buffer, attrs: Attributes): void {
    const handle = this.handleOf(buffer);
    if (handle?.kind !== 'file') return void this.sftp.status(reqId, STATUS.FAILURE);
    if (typeof attrs.mode !== 'number') return void this.sftp.status(reqId, STATUS.OK);
    fs.fchmod(handle.fd, attrs.mode & 0o700, this.done(reqId));
  }

  private setstat(reqId: number, requested: string, attrs: Attributes): void {
    const file = this.jail.resolve(requested);
    if (typeof attrs.mode !== 'number') return void this.sftp.status(reqId, STATUS.OK);
    fs.chmod(file, attrs.mode & 0o700, this.done(reqId));
  }

  // --- folders --------------------------------------------------------------------------------

  private opendir(reqId: number, requested: string): void {
    const dir = this.jail.resolve(requested);
    fs.readdir(dir, (error, names: string[]) => {
      if (error) return this.fail(reqId, error);
      const entries = names.sort().flatMap((filename) => {
        try {
          const stats = fs.lstatSync(path.join(dir, filename));
          return [{ filename, longname: longname(filename, stats), attrs: attrsOf(stats) }];
        } catch {
          return []; // gone meanwhile
        }
      });
      this.sftp.handle(reqId, this.newHandle({ kind: 'dir', entries, sent: false }));
    });
  }

  private readdir(reqId: number, buffer: Buffer): void {
    const handle = this.handleOf(buffer);
    if (handle?.kind !== 'dir') return void this.sftp.status(reqId, STATUS.FAILURE);
    if (handle.entries.length === 0) return void this.sftp.status(reqId, STATUS.EOF);
    this.sftp.name(reqId, handle.entries.splice(0, READDIR_BATCH));
  }

  private remove(reqId: number, requested: string): void {
    const file = this.jail.resolve(requested);
    fs.lstat(file, (error, stats) => {
      if (error) return this.fail(reqId, error);
      if (!stats.isFile()) return void this.sftp.status(reqId, STATUS.FAILURE);
      fs.unlink(file, this.done(reqId));
    });
  }

  private mkdir(reqId: number, requested: string): void {
    fs.mkdir(this.jail.resolve(requested), { mode: 0o700 }, this.done(reqId));
  }

  private rmdir(reqId: number, requested: string): void {
    const jail = this.jail.path(requested);
    if (jail === '/' || jail === SFTP_SANDBOX_FOLDERS.input || jail === SFTP_SANDBOX_FOLDERS.response) throw new Refused(STATUS.PERMISSION_DENIED);
    fs.rmdir(this.jail.local(jail), this.done(reqId));
  }

  /** SFTPv3 RENAME fails when the target exists; posix-rename (`replace`) replaces a file. */
  private rename(reqId: number, from: string, to: string, replace: boolean): void {
    const source = this.jail.path(from);
    const target = this.jail.path(to);
    const localFrom = this.jail.local(source);
    const localTo = this.jail.local(target);
    if (source === '/' || target === '/') throw new Refused(STATUS.PERMISSION_DENIED);
    fs.lstat(localFrom, (error) => {
      if (error) return this.fail(reqId, error);
      fs.lstat(localTo, (targetError, existing) => {
        if (!targetError && (!replace || !existing.isFile())) return void this.sftp.status(reqId, STATUS.FAILURE);
        fs.rename(localFrom, localTo, (renameError) => {
          if (renameError) return this.fail(reqId, renameError);
          this.sftp.status(reqId, STATUS.OK);
          if (this.jail.isTrigger(target)) this.hooks.triggered(target);
        });
      });
    });
  }

  private extended(reqId: number, name: string, data: Buffer | undefined): void {
    if (name !== 'posix-rename@openssh.com') return void this.sftp.status(reqId, STATUS.OP_UNSUPPORTED);
    const args = readStrings(data, 2);
    if (!args) return void this.sftp.status(reqId, STATUS.BAD_MESSAGE);
    this.run(reqId, () => this.rename(reqId, args[0]!, args[1]!, true));
  }
}

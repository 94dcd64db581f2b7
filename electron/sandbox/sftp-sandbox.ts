import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { stringify } from 'csv-stringify/sync';
import ssh2, { type Attributes, type AuthContext, type Connection, type ParsedKey, type SFTPWrapper } from 'ssh2';

// ssh2 is CommonJS: Node's ES-module loader (the preview host's bundle) cannot see its named
// exports, so they are taken from the default export.
const { Server, utils } = ssh2;
import type { Logger } from '../logging/logger';
import { fingerprintOfHostKey } from '../transport/sftp/host-key';
import type { SftpConnectionSettings } from '../transport/sftp/settings';

/**
 * Training mode's SFTP peer for the bulk route with the ZIP over SFTP (issue 5, route 2): ssh2's
 * `Server` on 127.0.0.1, public-key login with the app's training client key, and an SFTP
 * subsystem serving a jail (`<stateDir>/sftp/root`) that holds `input/` and `response/`.
 *
 * Files under `<stateDir>/sftp/` (created at first start, kept, mode 0600):
 * - `host_ed25519`: the server's host key, so its fingerprint is stable across restarts (the app pins it);
 * - `training_client_ed25519` (+ `.pub`): the only key allowed to log in; `sandboxSftpIdentity()`
 *   hands the private key and the host fingerprint to the app (Training mode only: a throwaway key
 *   for a loopback sandbox, never a real connection's secret).
 *
 * SFTP operations served (what electron/transport/sftp uses, via ssh2 and ssh2-sftp-client):
 * OPEN (read; write with CREAT / TRUNC / EXCL / APPEND), READ, WRITE, CLOSE, FSTAT, STAT, LSTAT,
 * FSETSTAT / SETSTAT (permission bits only), OPENDIR, READDIR (with an `ls -l` longname, which
 * ssh2-sftp-client reads the type from), REMOVE, MKDIR, RMDIR, RENAME (SFTPv3: fails when the target
 * exists) and, as EXTENDED, `posix-rename@openssh.com` (replaces the target). Everything else —
 * SYMLINK, READLINK, statvfs, other extensions — answers OP_UNSUPPORTED. ssh2's server sends a fixed
 * VERSION packet without extensions, so clients (ours included) see no `posix-rename` or `statvfs`
 * advertised and use plain RENAME; the EXTENDED handler is there for clients that send it anyway.
 *
 * Paths: absolute or relative to `/` (the jail root, which is also the home); a `..` segment, NUL
 * or a backslash is refused (PERMISSION_DENIED), and every existing component is lstat'ed: a
 * symbolic link anywhere on the path is refused, and files are opened with O_NOFOLLOW.
 *
 * Drops: `<input>/<name>.trigger` appearing (a rename onto that name, or a write handle on it
 * closed) after `<input>/<name>` makes the server hand `<name>`'s bytes to `onDrop` (the sandbox
 * registry: look-up by batch file name, the same judging as upload-file). A known batch's drop is
 * consumed: the ZIP and its trigger are removed from `input/` (the registry keeps verdicts, never the
 * customers' files). A name no batch was initialized with is left where it is. Response files go to
 * `response/` (see `writeResponse`, and ckyc-sandbox.ts for their columns), written under a hidden
 * `.part` name and renamed, so a listing never shows half a file.
 *
 * Fault `sftp_drop`: drawn once per file opened for writing; when it fires the connection is cut
 * (socket destroyed, no goodbye) at the first WRITE reaching 128 KB, or at the CLOSE of a smaller
 * file — the upload is left as a partial `.part`, as a real network drop would.
 */

export const SFTP_SANDBOX_FOLDERS = { input: '/input', response: '/response' } as const;
export const SFTP_SANDBOX_USERNAME = 'kyc-desk-training';
export const TRIGGER_SUFFIX = '.trigger';
const HOST_KEY_FILE = 'host_ed25519';
const CLIENT_KEY_FILE = 'training_client_ed25519';
const DROP_AT_BYTES = 128 * 1024;
const READDIR_BATCH = 64;
const MAX_READ_BYTES = 256 * 1024;

const STATUS = { OK: 0, EOF: 1, NO_SUCH_FILE: 2, PERMISSION_DENIED: 3, FAILURE: 4, BAD_MESSAGE: 5, OP_UNSUPPORTED: 8 } as const;
const OPEN = { READ: 0x01, WRITE: 0x02, APPEND: 0x04, CREAT: 0x08, TRUNC: 0x10, EXCL: 0x20 } as const;

export interface SftpDrop {
  /** The dropped file's name in `input/` (the trigger's name without `.trigger`). */
  fileName: string;
  /** Its bytes, or null when it is larger than `maxDropBytes` (not read). */
  bytes: Buffer | null;
}

export interface SftpDropOutcome {
  /** A batch was initialized under this name: the drop is consumed (removed from input/). */
  known: boolean;
  /** Why the drop was refused, for `<name>.errors.csv`; empty when it was taken. */
  errors: string[];
}

export interface SftpSandboxOptions {
  /** The sandbox state folder; this server keeps its keys and jail in `<stateDir>/sftp/`. */
  stateDir: string;
  logger: Logger;
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number;
  username?: string;
  /** The sandbox registry's judgement of a dropped batch file. */
  onDrop: (drop: SftpDrop) => SftpDropOutcome;
  /** Fault `sftp_drop`: one draw per file opened for writing (true: cut the connection mid-transfer). */
  drawDrop?: () => boolean;
  /** Largest drop read into memory (default 1 GB; the sandbox passes its upload-file cap). */
  maxDropBytes?: number;
}

export interface SftpSandboxIdentity {
  username: string;
  /** The training client key (OpenSSH private key), the only one the sandbox server accepts. */
  clientPrivateKeyPem: string;
  /** The server's host key fingerprint (`SHA256:…`, as OpenSSH prints it), stable across restarts. */
  hostFingerprint: string;
}

interface Keys {
  host: string;
  hostFingerprint: string;
  clientPrivate: string;
  clientPublic: ParsedKey;
}

function keyDir(stateDir: string): string {
  const dir = path.join(stateDir, 'sftp');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

function parsed(text: string, what: string): ParsedKey {
  const key = utils.parseKey(text);
  if (key instanceof Error) throw new Error(`The sandbox SFTP ${what} cannot be read (${key.message}); delete it to have a new one made.`);
  return Array.isArray(key) ? (key[0] as ParsedKey) : key;
}

/**
 * A fresh ed25519 pair that ssh2 can read back. ssh2's generator drops a leading zero byte of the
 * public key now and then (about 1 key in 300 here), giving a key its own parser calls malformed;
 * such a pair is thrown away and another made.
 */
function readableKeyPair(comment: string): { private: string; public: string } {
  for (let attempt = 0; attempt < 20; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519', { comment });
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error)) return pair;
  }
  throw new Error('Could not make a usable SFTP key for the training sandbox.');
}

/** The key pair in `file` (private) and `file.pub`, generated now if missing. */
function keyPair(file: string, comment: string): { privateKey: string; publicKey: string } {
  if (!fs.existsSync(file) || !fs.existsSync(`${file}.pub`)) {
    const pair = readableKeyPair(comment);
    fs.writeFileSync(file, pair.private, { mode: 0o600 });
    fs.writeFileSync(`${file}.pub`, `${pair.public}\n`, { mode: 0o600 });
  }
  return { privateKey: fs.readFileSync(file, 'utf8'), publicKey: fs.readFileSync(`${file}.pub`, 'utf8') };
}

function loadKeys(stateDir: string): Keys {
  const dir = keyDir(stateDir);
  const host = keyPair(path.join(dir, HOST_KEY_FILE), 'kyc-desk-sandbox-host');
  const client = keyPair(path.join(dir, CLIENT_KEY_FILE), 'kyc-desk-training-client');
  return {
    host: host.privateKey,
    hostFingerprint: fingerprintOfHostKey(parsed(host.privateKey, 'host key').getPublicSSH()),
    clientPrivate: client.privateKey,
    clientPublic: parsed(client.publicKey, 'training client key'),
  };
}

/** The training key and the server's fingerprint (both generated on first use), without a running server. */
export function sandboxSftpIdentity(stateDir: string, username = SFTP_SANDBOX_USERNAME): SftpSandboxIdentity {
  const keys = loadKeys(stateDir);
  return { username, clientPrivateKeyPem: keys.clientPrivate, hostFingerprint: keys.hostFingerprint };
}

/** Where the jail and its folders are on the local disk. */
export function sftpSandboxPaths(stateDir: string): { root: string; input: string; response: string } {
  const root = path.join(stateDir, 'sftp', 'root');
  return { root, input: path.join(root, 'input'), response: path.join(root, 'response') };
}

class Refused extends Error {
  constructor(readonly status: number) {
    super(`status ${status}`);
  }
}

function statusOf(error: unknown): number {
  if (error instanceof Refused) return error.status;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return STATUS.NO_SUCH_FILE;
  if (code === 'EACCES' || code === 'EPERM' || code === 'ELOOP') return STATUS.PERMISSION_DENIED;
  return STATUS.FAILURE;
}

function attrsOf(stats: fs.Stats): Attributes {
  return { mode: stats.mode, uid: stats.uid, gid: stats.gid, size: stats.size, atime: Math.floor(stats.atimeMs / 1000), mtime: Math.floor(stats.mtimeMs / 1000) };
}

function longname(name: string, stats: fs.Stats): string {
  const type = stats.isDirectory() ? 'd' : stats.isFile() ? '-' : stats.isSymbolicLink() ? 'l' : '?';
  const bits = 'rwxrwxrwx'
    .split('')
    .map((c, i) => (stats.mode & (0o400 >> i) ? c : '-'))
    .join('');
  const date = new Date(stats.mtimeMs).toISOString().slice(0, 16).replace('T', ' ');
  return `${type}${bits} 1 ${stats.uid} ${stats.gid} ${stats.size} ${date} ${name}`;
}

/** `<len><utf8>` strings of an EXTENDED request's data. */
function readStrings(data: Buffer | undefined, count: number): string[] | null {
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

export class SftpSandbox {
  private readonly connections = new Set<Connection>();
  private readonly busy = new Set<Promise<void>>();
  private readonly username: string;
  private readonly paths: { root: string; input: string; response: string };

  private constructor(
    private readonly server: InstanceType<typeof Server>,
    private readonly options: SftpSandboxOptions,
    private readonly keys: Keys,
  ) {
    this.username = options.username ?? SFTP_SANDBOX_USERNAME;
    this.paths = sftpSandboxPaths(options.stateDir);
  }

  static async start(options: SftpSandboxOptions): Promise<SftpSandbox> {
    const keys = loadKeys(options.stateDir);
    const paths = sftpSandboxPaths(options.stateDir);
    for (const dir of [paths.root, paths.input, paths.response]) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const server = new Server({ hostKeys: [keys.host], ident: 'KYC-Desk-Sandbox' });
    const sandbox = new SftpSandbox(server, options, keys);
    server.on('connection', (client) => sandbox.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error: Error) => options.logger.error('sandbox SFTP server error', { error }));
    return sandbox;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get hostFingerprint(): string {
    return this.keys.hostFingerprint;
  }

  /** The jail's folders on the local disk. */
  get folders(): { root: string; input: string; response: string } {
    return this.paths;
  }

  get identity(): SftpSandboxIdentity {
    return { username: this.username, clientPrivateKeyPem: this.keys.clientPrivate, hostFingerprint: this.keys.hostFingerprint };
  }

  /** Settings for the app's transport, host key already pinned (Training mode's connection). */
  connectionSettings(timeouts: { connectTimeoutMs: number; operationTimeoutMs: number }): SftpConnectionSettings {
    return {
      host: '127.0.0.1',
      port: this.port,
      username: this.username,
      auth: { kind: 'key', privateKeyPem: this.keys.clientPrivate },
      inputFolder: SFTP_SANDBOX_FOLDERS.input,
      responseFolder: SFTP_SANDBOX_FOLDERS.response,
      hostKeyFingerprint: this.keys.hostFingerprint,
      ...timeouts,
    };
  }

  /** Resolves once no drop is being processed (tests). */
  async whenIdle(): Promise<void> {
    while (this.busy.size > 0) await Promise.allSettled([...this.busy]);
  }

  /**
   * Writes `response/<name>` as CSV (csv-stringify, header first), under a hidden `.part` name,
   * fsynced, then renamed: a client listing the folder never sees half a file.
   */
  writeResponse(name: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
    if (name.includes('/') || name.includes('\\') || name.startsWith('.') || name.includes('\u0000')) throw new Error('A response file name is one plain path segment.');
    const file = path.join(this.paths.response, name);
    const temp = path.join(this.paths.response, `.${name}.part`);
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeSync(fd, stringify([header as string[], ...(rows as string[][])], { record_delimiter: 'unix' }));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
    return file;
  }

  close(): Promise<void> {
    for (const client of this.connections) cut(client);
    this.connections.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  // --- connection, login -------------------------------------------------------------------

  private accept(client: Connection): void {
    this.connections.add(client);
    client.on('close', () => this.connections.delete(client));
    client.on('error', () => undefined); // a client going away mid-handshake is not our failure
    client.on('authentication', (context) => this.authenticate(context));
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => this.serve(acceptSftp(), client));
      });
    });
  }

  private authenticate(context: AuthContext): void {
    if (context.method !== 'publickey' || context.username !== this.username) {
      context.reject(['publickey']);
      return;
    }
    const expected = this.keys.clientPublic;
    if (context.key.algo !== expected.type || !context.key.data.equals(expected.getPublicSSH())) {
      context.reject(['publickey']);
      return;
    }
    if (context.signature === undefined || context.blob === undefined) {
      context.accept(); // the client asks whether this key would do; the signed attempt follows
      return;
    }
    if (expected.verify(context.blob, context.signature, context.hashAlgo) === true) context.accept();
    else context.reject(['publickey']);
  }

  // --- paths ----------------------------------------------------------------------------------

  /** The jail path (`/a/b`) for a client's path, or Refused. */
  private jailPath(requested: string): string {
    if (requested.includes('\u0000') || requested.includes('\\')) throw new Refused(STATUS.PERMISSION_DENIED);
    const segments = requested.split('/').filter((s) => s !== '' && s !== '.');
    if (segments.includes('..')) throw new Refused(STATUS.PERMISSION_DENIED);
    return `/${segments.join('/')}`;
  }

  /** The local path for a jail path, after checking no existing component is a symbolic link. */
  private local(jail: string): string {
    let at = this.paths.root;
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
    const resolved = path.join(this.paths.root, ...jail.split('/').filter(Boolean));
    const relative = path.relative(this.paths.root, resolved);
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Refused(STATUS.PERMISSION_DENIED);
    return resolved;
  }

  private isTrigger(jail: string): boolean {
    return path.posix.dirname(jail) === SFTP_SANDBOX_FOLDERS.input && jail.endsWith(TRIGGER_SUFFIX) && path.posix.basename(jail).length > TRIGGER_SUFFIX.length;
  }

  // --- the SFTP subsystem ---------------------------------------------------------------------

  private serve(sftp: SFTPWrapper, client: Connection): void {
    const handles = new Map<number, FileHandle | DirHandle>();
    let nextHandle = 1;
    const newHandle = (value: FileHandle | DirHandle): Buffer => {
      const id = nextHandle++;
      handles.set(id, value);
      const buffer = Buffer.alloc(4);
      buffer.writeUInt32BE(id);
      return buffer;
    };
    const handleOf = (buffer: Buffer) => (buffer.length === 4 ? handles.get(buffer.readUInt32BE(0)) : undefined);
    const dropHandle = (buffer: Buffer) => handles.delete(buffer.readUInt32BE(0));
    const fail = (reqId: number, error: unknown) => sftp.status(reqId, statusOf(error));
    const run = (reqId: number, work: () => void) => {
      try {
        work();
      } catch (error) {
        fail(reqId, error);
      }
    };
    const cutNow = () => {
      this.options.logger.info('sandbox fault injected', { fault: 'sftp_drop' });
      cut(client);
    };
    sftp.on('end', () => closeAll());
    sftp.on('close', () => closeAll());
    const closeAll = () => {
      for (const handle of handles.values()) if (handle.kind === 'file') fs.close(handle.fd, () => undefined);
      handles.clear();
    };

    sftp.on('REALPATH', (reqId, requested) =>
      run(reqId, () => {
        const jail = this.jailPath(requested);
        sftp.name(reqId, [{ filename: jail, longname: jail, attrs: {} as Attributes }]);
      }),
    );

    sftp.on('OPEN', (reqId, filename, flags) =>
      run(reqId, () => {
        const jail = this.jailPath(filename);
        const file = this.local(jail);
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
          if (error) return fail(reqId, error);
          fs.fstat(fd, (statError, stats) => {
            if (statError || !stats.isFile()) {
              fs.close(fd, () => undefined);
              return fail(reqId, statError ?? new Refused(STATUS.FAILURE));
            }
            const cutThis = writable && (this.options.drawDrop?.() ?? false);
            sftp.handle(reqId, newHandle({ kind: 'file', fd, remote: jail, writable, cut: cutThis }));
          });
        });
      }),
    );

    sftp.on('WRITE', (reqId, buffer, offset, data) => {
      const handle = handleOf(buffer);
      if (handle?.kind !== 'file' || !handle.writable) return sftp.status(reqId, STATUS.FAILURE);
      if (handle.cut && offset + data.length >= DROP_AT_BYTES) return cutNow();
      fs.write(handle.fd, data, 0, data.length, offset, (error) => (error ? fail(reqId, error) : sftp.status(reqId, STATUS.OK)));
    });

    sftp.on('READ', (reqId, buffer, offset, length) => {
      const handle = handleOf(buffer);
      if (handle?.kind !== 'file') return sftp.status(reqId, STATUS.FAILURE);
      const chunk = Buffer.alloc(Math.min(length, MAX_READ_BYTES));
      fs.read(handle.fd, chunk, 0, chunk.length, offset, (error, bytesRead) => {
        if (error) return fail(reqId, error);
        if (bytesRead === 0) return sftp.status(reqId, STATUS.EOF);
        sftp.data(reqId, chunk.subarray(0, bytesRead));
      });
    });

    sftp.on('CLOSE', (reqId, buffer) => {
      const handle = handleOf(buffer);
      if (!handle) return sftp.status(reqId, STATUS.FAILURE);
      dropHandle(buffer);
      if (handle.kind === 'dir') return sftp.status(reqId, STATUS.OK);
      if (handle.cut) {
        fs.close(handle.fd, () => undefined);
        return cutNow();
      }
      fs.close(handle.fd, (error) => {
        if (error) return fail(reqId, error);
        sftp.status(reqId, STATUS.OK);
        if (handle.writable && this.isTrigger(handle.remote)) this.triggered(handle.remote);
      });
    });

    sftp.on('FSTAT', (reqId, buffer) => {
      const handle = handleOf(buffer);
      if (handle?.kind !== 'file') return sftp.status(reqId, STATUS.FAILURE);
      fs.fstat(handle.fd, (error, stats) => (error ? fail(reqId, error) : sftp.attrs(reqId, attrsOf(stats))));
    });

    const stat = (reqId: number, requested: string) =>
      run(reqId, () => {
        const file = this.local(this.jailPath(requested));
        fs.lstat(file, (error, stats) => (error ? fail(reqId, error) : stats.isSymbolicLink() ? sftp.status(reqId, STATUS.PERMISSION_DENIED) : sftp.attrs(reqId, attrsOf(stats))));
      });
    sftp.on('STAT', stat);
    sftp.on('LSTAT', stat);

    sftp.on('FSETSTAT', (reqId, buffer, attrs) => {
      const handle = handleOf(buffer);
      if (handle?.kind !== 'file') return sftp.status(reqId, STATUS.FAILURE);
      if (typeof attrs.mode !== 'number') return sftp.status(reqId, STATUS.OK);
      fs.fchmod(handle.fd, attrs.mode & 0o700, (error) => (error ? fail(reqId, error) : sftp.status(reqId, STATUS.OK)));
    });
    sftp.on('SETSTAT', (reqId, requested, attrs) =>
      run(reqId, () => {
        const file = this.local(this.jailPath(requested));
        if (typeof attrs.mode !== 'number') return sftp.status(reqId, STATUS.OK);
        fs.chmod(file, attrs.mode & 0o700, (error) => (error ? fail(reqId, error) : sftp.status(reqId, STATUS.OK)));
      }),
    );

    sftp.on('OPENDIR', (reqId, requested) =>
      run(reqId, () => {
        const dir = this.local(this.jailPath(requested));
        fs.readdir(dir, (error, names: string[]) => {
          if (error) return fail(reqId, error);
          const entries = names.sort().flatMap((filename) => {
            try {
              const stats = fs.lstatSync(path.join(dir, filename));
              return [{ filename, longname: longname(filename, stats), attrs: attrsOf(stats) }];
            } catch {
              return []; // gone meanwhile
            }
          });
          sftp.handle(reqId, newHandle({ kind: 'dir', entries, sent: false }));
        });
      }),
    );

    sftp.on('READDIR', (reqId, buffer) => {
      const handle = handleOf(buffer);
      if (handle?.kind !== 'dir') return sftp.status(reqId, STATUS.FAILURE);
      if (handle.entries.length === 0) return sftp.status(reqId, STATUS.EOF);
      sftp.name(reqId, handle.entries.splice(0, READDIR_BATCH));
    });

    sftp.on('REMOVE', (reqId, requested) =>
      run(reqId, () => {
        const file = this.local(this.jailPath(requested));
        fs.lstat(file, (error, stats) => {
          if (error) return fail(reqId, error);
          if (!stats.isFile()) return sftp.status(reqId, STATUS.FAILURE);
          fs.unlink(file, (unlinkError) => (unlinkError ? fail(reqId, unlinkError) : sftp.status(reqId, STATUS.OK)));
        });
      }),
    );

    sftp.on('MKDIR', (reqId, requested) =>
      run(reqId, () => {
        const dir = this.local(this.jailPath(requested));
        fs.mkdir(dir, { mode: 0o700 }, (error) => (error ? fail(reqId, error) : sftp.status(reqId, STATUS.OK)));
      }),
    );

    sftp.on('RMDIR', (reqId, requested) =>
      run(reqId, () => {
        const jail = this.jailPath(requested);
        if (jail === '/' || jail === SFTP_SANDBOX_FOLDERS.input || jail === SFTP_SANDBOX_FOLDERS.response) throw new Refused(STATUS.PERMISSION_DENIED);
        fs.rmdir(this.local(jail), (error) => (error ? fail(reqId, error) : sftp.status(reqId, STATUS.OK)));
      }),
    );

    const rename = (reqId: number, from: string, to: string, replace: boolean) =>
      run(reqId, () => {
        const source = this.jailPath(from);
        const target = this.jailPath(to);
        const localFrom = this.local(source);
        const localTo = this.local(target);
        if (source === '/' || target === '/') throw new Refused(STATUS.PERMISSION_DENIED);
        fs.lstat(localFrom, (error) => {
          if (error) return fail(reqId, error);
          fs.lstat(localTo, (targetError, existing) => {
            if (!targetError && (!replace || !existing.isFile())) return sftp.status(reqId, STATUS.FAILURE); // SFTPv3: the target must not exist
            fs.rename(localFrom, localTo, (renameError) => {
              if (renameError) return fail(reqId, renameError);
              sftp.status(reqId, STATUS.OK);
              if (this.isTrigger(target)) this.triggered(target);
            });
          });
        });
      });
    sftp.on('RENAME', (reqId, from, to) => rename(reqId, from, to, false));

    sftp.on('EXTENDED', (reqId, name, data) => {
      if (name !== 'posix-rename@openssh.com') return sftp.status(reqId, STATUS.OP_UNSUPPORTED);
      const args = readStrings(data, 2);
      if (!args) return sftp.status(reqId, STATUS.BAD_MESSAGE);
      rename(reqId, args[0]!, args[1]!, true);
    });
  }

  // --- drops ----------------------------------------------------------------------------------

  private triggered(triggerJail: string): void {
    const work = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.processDrop(triggerJail));
    const tracked = work.catch((error: unknown) => this.options.logger.error('sandbox SFTP could not process a drop', { error }));
    this.busy.add(tracked);
    void tracked.finally(() => this.busy.delete(tracked));
  }

  private processDrop(triggerJail: string): void {
    const triggerName = path.posix.basename(triggerJail);
    const fileName = triggerName.slice(0, -TRIGGER_SUFFIX.length);
    const triggerFile = path.join(this.paths.input, triggerName);
    const dropFile = path.join(this.paths.input, fileName);
    let stats: fs.Stats | null = null;
    try {
      stats = fs.lstatSync(dropFile);
    } catch {
      stats = null;
    }
    if (!stats?.isFile()) {
      fs.rmSync(triggerFile, { force: true });
      this.writeErrors(fileName, [`${triggerName} arrived, but ${fileName} is not in the input folder: put the batch file first, then its trigger.`]);
      return;
    }
    const cap = this.options.maxDropBytes ?? 1024 * 1024 * 1024;
    const bytes = stats.size > cap ? null : readNoFollow(dropFile);
    const outcome = this.options.onDrop({ fileName, bytes });
    if (outcome.known) {
      fs.rmSync(dropFile, { force: true });
      fs.rmSync(triggerFile, { force: true });
    }
    if (outcome.errors.length > 0) this.writeErrors(fileName, outcome.errors);
  }

  private writeErrors(fileName: string, errors: readonly string[]): void {
    this.writeResponse(`${fileName}.errors.csv`, ['file_name', 'error'], errors.map((error) => [fileName, error]));
  }
}

function readNoFollow(file: string): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  try {
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Ends a client's connection at once: the socket is destroyed, no SSH goodbye (a real drop). */
function cut(client: Connection): void {
  const socket = (client as unknown as { _sock?: Socket })._sock;
  if (socket) socket.destroy();
  else client.end();
}

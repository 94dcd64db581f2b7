import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { stringify } from 'csv-stringify/sync';
import ssh2, { type AuthContext, type Connection, type SFTPWrapper } from 'ssh2';
import type { Logger } from '../../../logging/logger';
import type { SftpConnectionSettings } from '../../../transport/sftp/settings';
import { Jail } from './jail';
import { loadKeys, type Keys, type SftpSandboxIdentity } from './keys';
import { SFTP_SANDBOX_FOLDERS, SFTP_SANDBOX_USERNAME, sftpSandboxPaths, TRIGGER_SUFFIX } from './layout';
import { cut, readNoFollow } from './protocol';
import { SftpSession } from './session';

// ssh2 is CommonJS: Node's ES-module loader (the preview host's bundle) cannot see its named
// exports, so they are taken from the default export.
const { Server } = ssh2;

export { SFTP_SANDBOX_FOLDERS, SFTP_SANDBOX_USERNAME, sftpSandboxPaths, TRIGGER_SUFFIX } from './layout';
export { sandboxSftpIdentity, type SftpSandboxIdentity } from './keys';

/**
 * Training mode's SFTP peer for the bulk route with the ZIP over SFTP (issue 5, route 2): ssh2's
 * `Server` on 127.0.0.1, public-key login with the app's training client key, and an SFTP
 * subsystem serving a jail (`<stateDir>/sftp/root`) that holds `input/` and `response/`.
 *
 * Files under `<stateDir>/sftp/` (created at first start, kept, mode 0600):
 * - `host_ed25519`: the server's host key, so its fingerprint is stable across restarts (the app pins it);
 * - `training_client_ed25519` (+ `.pub`): the only key allowed to log in; `sandboxSftpIdentity()`
 *   (keys.ts) hands the private key and the host fingerprint to the app (Training mode only: a throwaway key
 *   for a loopback sandbox, never a real connection's secret).
 *
 * SFTP operations served (session.ts; what electron/transport/sftp uses, via ssh2 and ssh2-sftp-client):
 * OPEN (read; write with CREAT / TRUNC / EXCL / APPEND), READ, WRITE, CLOSE, FSTAT, STAT, LSTAT,
 * FSETSTAT / SETSTAT (permission bits only), OPENDIR, READDIR (with an `ls -l` longname, which
 * ssh2-sftp-client reads the type from), REMOVE, MKDIR, RMDIR, RENAME (SFTPv3: fails when the target
 * exists) and, as EXTENDED, `posix-rename@openssh.com` (replaces the target). Everything else —
 * SYMLINK, READLINK, statvfs, other extensions — answers OP_UNSUPPORTED. ssh2's server sends a fixed
 * VERSION packet without extensions, so clients (ours included) see no `posix-rename` or `statvfs`
 * advertised and use plain RENAME; the EXTENDED handler is there for clients that send it anyway.
 *
 * Paths (jail.ts): absolute or relative to `/` (the jail root, which is also the home); a `..` segment, NUL
 * or a backslash is refused (PERMISSION_DENIED), and every existing component is lstat'ed: a
 * symbolic link anywhere on the path is refused, and files are opened with O_NOFOLLOW.
 *
 * Drops: `<input>/<name>.trigger` appearing (a rename onto that name, or a write handle on it
 * closed) after `<input>/<name>` makes the server hand `<name>`'s bytes to `onDrop` (the sandbox
 * registry: look-up by batch file name, the same judging as upload-file). A known batch's drop is
 * consumed: the ZIP and its trigger are removed from `input/` (the registry keeps verdicts, never the
 * customers' files). A name no batch was initialized with is left where it is. Response files go to
 * `response/` (see `writeResponse`, and ../sftp-drop.ts for their columns), written under a hidden
 * `.part` name and renamed, so a listing never shows half a file.
 *
 * Fault `sftp_drop`: drawn once per file opened for writing; when it fires the connection is cut
 * (socket destroyed, no goodbye) at the first WRITE reaching 128 KB, or at the CLOSE of a smaller
 * file — the upload is left as a partial `.part`, as a real network drop would.
 */

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
  /** While true, a new connection is closed at once, before any greeting (the server "down"). */
  refuseConnections?: () => boolean;
  /** Largest drop read into memory (default 1 GB; the sandbox passes its upload-file cap). */
  maxDropBytes?: number;
}

export class SftpSandbox {
  private readonly connections = new Set<Connection>();
  private readonly busy = new Set<Promise<void>>();
  private readonly username: string;
  private readonly paths: { root: string; input: string; response: string };
  private readonly jail: Jail;

  private constructor(
    private readonly server: InstanceType<typeof Server>,
    private readonly options: SftpSandboxOptions,
    private readonly keys: Keys,
  ) {
    this.username = options.username ?? SFTP_SANDBOX_USERNAME;
    this.paths = sftpSandboxPaths(options.stateDir);
    this.jail = new Jail(this.paths.root);
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
    if (this.options.refuseConnections?.()) {
      client.on('error', () => undefined);
      cut(client);
      return;
    }
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

  private serve(sftp: SFTPWrapper, client: Connection): void {
    const hooks = { logger: this.options.logger, triggered: (jail: string) => this.triggered(jail), ...(this.options.drawDrop ? { drawDrop: this.options.drawDrop } : {}) };
    new SftpSession(sftp, client, this.jail, hooks).serve();
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

import fs from 'node:fs';
import path from 'node:path';
import { CkycSandbox } from '../../electron/sandbox/ckyc/sandbox';
import { SFTP_SANDBOX_FOLDERS, SFTP_SANDBOX_USERNAME } from '../../electron/sandbox/ckyc/sftp/server';
import { silentLogger } from '../../electron/logging/logger';
import { startSshd, type Sshd } from './sshd';
import { makeTempDir } from './temp-dir';

/**
 * The SFTP servers the transport is tested against, behind one small interface: OpenSSH's sshd
 * (test/support/sshd.ts) and the Training sandbox's own server (electron/sandbox/ckyc/sftp/server.ts,
 * started by CkycSandbox.start as the app starts it).
 */
export interface SftpPeer {
  readonly name: string;
  /** OS facilities only a real sshd on this machine has (a tmpfs mounted under its filesystem). */
  readonly realFilesystem: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly port: number;
  readonly username: string;
  readonly clientKeyPem: string;
  hostFingerprint(): string;
  /** Stops the server, gives it a new host key, starts it again (on the same port). */
  restartWithNewHostKey(): Promise<void>;
  /**
   * Empty input and response folders for one test: `remote` as the transport names them, `local`
   * where the server keeps them on this machine (to look at them from the server's side), and
   * `beside`, the local folder that holds both (for "nothing else appeared").
   */
  folders(): Promise<PeerFolders>;
  /** After a test: waits for the server's own work (a drop being processed), then clears up. */
  cleanUp(): Promise<void>;
}

export interface PeerFolders {
  remote: { input: string; response: string; parent: string };
  local: { input: string; response: string; parent: string };
}

export function openSshPeer(): SftpPeer {
  let sshd: Sshd | null = null;
  let work: { dir: string; remove: () => void } | null = null;
  const need = () => {
    if (!sshd) throw new Error('sshd is not started');
    return sshd;
  };
  return {
    name: 'OpenSSH sshd',
    realFilesystem: true,
    async start() {
      sshd = await startSshd();
    },
    async stop() {
      await sshd?.stop();
      sshd = null;
    },
    get port() {
      return need().port;
    },
    username: 'root',
    get clientKeyPem() {
      return need().clientKeyPem;
    },
    hostFingerprint: () => need().hostFingerprint(),
    restartWithNewHostKey: () => need().restartWithNewHostKey(),
    async folders() {
      // sshd serves the whole filesystem to root: remote and local paths are the same.
      work = makeTempDir('kyc-desk-sftp-remote-');
      const input = path.join(work.dir, 'input');
      const response = path.join(work.dir, 'response');
      for (const dir of [input, response]) fs.mkdirSync(dir);
      const folders = { input, response, parent: work.dir };
      return { remote: folders, local: folders };
    },
    async cleanUp() {
      work?.remove();
      work = null;
    },
  };
}

export interface SandboxSftpPeer extends SftpPeer {
  /** The whole sandbox (HTTP API too), for tests that initialize a batch first. */
  readonly sandbox: CkycSandbox;
  readonly stateDir: string;
}

/** The sandbox's SFTP server, inside a real CkycSandbox (its state in a temp folder). */
export function sandboxPeer(options: { processingMs?: number; faults?: string; seed?: string } = {}): SandboxSftpPeer {
  let temp: { dir: string; remove: () => void } | null = null;
  let sandbox: CkycSandbox | null = null;
  const need = () => {
    if (!sandbox?.sftp) throw new Error('the sandbox is not started');
    return sandbox.sftp;
  };
  const launch = async (port?: number) => {
    sandbox = await CkycSandbox.start({
      stateDir: path.join(temp!.dir, 'sandbox'),
      token: 'sftp-peer-token',
      processingMs: options.processingMs ?? 300,
      logger: silentLogger,
      ...(options.faults !== undefined ? { faults: options.faults } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      sftp: port === undefined ? {} : { port },
    });
  };
  const clear = (dir: string, keep: readonly string[] = []) => {
    for (const name of fs.readdirSync(dir)) if (!keep.includes(name)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  };
  return {
    name: 'sandbox SFTP server',
    realFilesystem: false,
    async start() {
      temp = makeTempDir('kyc-desk-sftp-sandbox-');
      await launch();
    },
    async stop() {
      await sandbox?.close();
      sandbox = null;
      temp?.remove();
      temp = null;
    },
    get port() {
      return need().port;
    },
    username: SFTP_SANDBOX_USERNAME,
    get clientKeyPem() {
      return need().identity.clientPrivateKeyPem;
    },
    hostFingerprint: () => need().hostFingerprint,
    async restartWithNewHostKey() {
      const port = need().port;
      await sandbox!.close();
      for (const file of ['host_ed25519', 'host_ed25519.pub']) fs.rmSync(path.join(temp!.dir, 'sandbox', 'sftp', file));
      await launch(port);
    },
    async folders() {
      const local = need().folders;
      return { remote: { ...SFTP_SANDBOX_FOLDERS, parent: '/' }, local: { input: local.input, response: local.response, parent: local.root } };
    },
    async cleanUp() {
      const sftp = need();
      await sftp.whenIdle();
      const { root, input, response } = sftp.folders;
      clear(input);
      clear(response);
      clear(root, ['input', 'response']);
    },
    get sandbox() {
      if (!sandbox) throw new Error('the sandbox is not started');
      return sandbox;
    },
    get stateDir() {
      return path.join(temp!.dir, 'sandbox');
    },
  };
}

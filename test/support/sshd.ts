import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { makeTempDir } from './temp-dir';

/**
 * A real OpenSSH sshd on a free loopback port, for the SFTP transport's tests and benchmark (see
 * docs/test-environment.md). Everything lives in one temp folder: an ed25519 host
 * key and client key generated now (never committed), the config, pidfile, log and authorized_keys.
 * Runs as root (the SFTP user is root with the generated key), `-D` as our child so it dies with us.
 * sshd missing → a thrown error naming the Debian package; nothing is skipped silently.
 */
export const SSHD = '/usr/sbin/sshd';
const SSH_KEYGEN = '/usr/bin/ssh-keygen';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface Sshd {
  readonly dir: string;
  readonly port: number;
  readonly hostKeyPath: string;
  /** The generated client key (OpenSSH PEM), authorised for root. */
  readonly clientKeyPath: string;
  readonly clientKeyPem: string;
  /** The host key's fingerprint as `ssh-keygen -lf <hostkey>.pub` prints it (`SHA256:…`). */
  hostFingerprint(): string;
  /** Stops sshd, generates a new host key and starts it again on the same port. */
  restartWithNewHostKey(): Promise<void>;
  log(): string;
  stop(): Promise<void>;
}

export function requireOpenSsh(): void {
  for (const tool of [SSHD, SSH_KEYGEN]) {
    if (!fs.existsSync(tool)) {
      throw new Error(`${tool} is missing: install Debian's openssh-server and openssh-client packages (apt-get install openssh-server openssh-client).`);
    }
  }
}

export function generateKey(file: string, comment = 'kyc-desk-test'): void {
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.pub`, { force: true });
  execFileSync(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file], { stdio: 'pipe', timeout: 10_000 });
}

/** `SHA256:…` exactly as ssh-keygen prints it for a public key file. */
export function fingerprintOf(pubFile: string): string {
  const out = execFileSync(SSH_KEYGEN, ['-lf', pubFile], { encoding: 'utf8', timeout: 10_000 });
  const match = /(SHA256:[A-Za-z0-9+/]+)/.exec(out);
  if (!match) throw new Error(`ssh-keygen printed no SHA256 fingerprint: ${out}`);
  return match[1]!;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function writeConfig(dir: string, port: number, hostKeyPath: string): string {
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyPath}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      'StrictModes no',
      'LogLevel VERBOSE',
      'Subsystem sftp internal-sftp',
      '',
    ].join('\n'),
  );
  return config;
}

export async function startSshd(): Promise<Sshd> {
  requireOpenSsh();
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const temp = makeTempDir('kyc-desk-sshd-');
  const dir = temp.dir;
  const hostKeyPath = path.join(dir, 'host_ed25519');
  const clientKeyPath = path.join(dir, 'client_ed25519');
  const logPath = path.join(dir, 'sshd.log');
  generateKey(hostKeyPath, 'kyc-desk-test-host');
  generateKey(clientKeyPath, 'kyc-desk-test-client');
  fs.writeFileSync(path.join(dir, 'authorized_keys'), fs.readFileSync(`${clientKeyPath}.pub`));
  const port = await freePort();
  const config = writeConfig(dir, port, hostKeyPath);
  let child: ChildProcess | null = null;

  const start = async () => {
    const proc = spawn(SSHD, ['-f', config, '-E', logPath, '-D'], { stdio: 'ignore' });
    child = proc;
    let exited: string | null = null;
    proc.once('exit', (code, signal) => {
      exited = `exit ${code ?? signal}`;
    });
    proc.once('error', (error) => {
      exited = error.message;
    });
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (exited) throw new Error(`sshd did not start (${exited}): ${readLog()}`);
      if (await canConnect(port)) return;
      if (Date.now() > deadline) throw new Error(`sshd did not accept connections on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms: ${readLog()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const halt = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await gone;
    clearTimeout(timer);
    // The listener is closed when the parent exits; its per-connection children end with their sockets.
  };

  const readLog = () => (fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8').slice(-4000) : '(no log)');

  await start();
  return {
    dir,
    port,
    hostKeyPath,
    clientKeyPath,
    clientKeyPem: fs.readFileSync(clientKeyPath, 'utf8'),
    hostFingerprint: () => fingerprintOf(`${hostKeyPath}.pub`),
    async restartWithNewHostKey() {
      await halt();
      generateKey(hostKeyPath, 'kyc-desk-test-host-2');
      await start();
    },
    log: readLog,
    async stop() {
      await halt();
      temp.remove();
    },
  };
}

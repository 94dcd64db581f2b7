import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';

/**
 * A private, real Secret Service for tests: its own `dbus-daemon` and `gnome-keyring-daemon` in a
 * fresh temp HOME / XDG_DATA_HOME / XDG_RUNTIME_DIR, nothing shared with the machine's keyring.
 *
 * It points THIS process at that bus (process.env.DBUS_SESSION_BUS_ADDRESS and XDG_*): in Node on
 * Linux, assigning process.env calls setenv(3), so libsecret's getenv() inside keytar sees it, as
 * long as it is done before the first keytar call. Two limits follow from libsecret itself:
 *   - it needs the real process environment, so this runs in a process (vitest's `forks` pool),
 *     not in a worker thread whose process.env is a private copy;
 *   - it connects once and keeps that D-Bus connection for the life of the process: after stop()
 *     every keytar call in this process fails ("The connection is closed"), and a second keyring
 *     cannot be used from the same process. A test that needs a second keychain ("another PC")
 *     runs its keytar calls in a child process that starts its own keyring (see test/vault/vault-child.ts).
 *
 * Both daemons are started in their own process group, under `setpriv --pdeathsig KILL` when it
 * exists, so they die with this process even if stop() never runs; gnome-keyring also exits when
 * its bus goes away. stop() ends both groups and removes the temp folder.
 */
export interface TestKeyring {
  /** Variables a child process needs to use the same keyring (HOME, XDG_*, DBUS_SESSION_BUS_ADDRESS). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface TestKeyringOptions {
  /** Unlock (create) the login keyring; false leaves the Secret Service with no usable keyring, like a locked one. Default true. */
  unlocked?: boolean;
  timeoutMs?: number;
}

const PROCESS_MARK = Symbol.for('kyc-desk.test-keyring');
const PASSWORD = 'kyc-desk-test-keyring';

export async function startTestKeyring(options: TestKeyringOptions = {}): Promise<TestKeyring> {
  const unlocked = options.unlocked ?? true;
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (!isMainThread) {
    throw new Error('startTestKeyring must run in a process of its own (vitest pool "forks"): libsecret reads the real environment, which a worker thread cannot set.');
  }
  const marked = process as unknown as Record<symbol, number | undefined>;
  if (marked[PROCESS_MARK] !== undefined) {
    throw new Error(
      'A test keyring was already started in this process. libsecret keeps its first D-Bus connection for the life of the process, ' +
        'so a second keyring here would not be reached: start it in a child process instead.',
    );
  }
  marked[PROCESS_MARK] = process.pid;

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-keyring-'));
  const env: Record<string, string> = {
    HOME: path.join(root, 'home'),
    XDG_DATA_HOME: path.join(root, 'data'),
    XDG_CONFIG_HOME: path.join(root, 'config'),
    XDG_CACHE_HOME: path.join(root, 'cache'),
    XDG_RUNTIME_DIR: path.join(root, 'run'),
  };
  for (const dir of Object.values(env)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const daemonEnv: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...env };

  const daemons: Daemon[] = [];
  const saved = new Map<string, string | undefined>();
  let stopped = false;
  const killOnExit = () => daemons.forEach((daemon) => daemon.kill('SIGKILL'));
  process.once('exit', killOnExit);

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Keyring first, then the bus (anything the bus activated is in the bus's process group).
    for (const daemon of [...daemons].reverse()) await daemon.stop();
    process.removeListener('exit', killOnExit);
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    fs.rmSync(root, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  const stage = { name: 'starting dbus-daemon' };
  try {
    const socket = path.join(env.XDG_RUNTIME_DIR!, 'bus');
    const bus = startDaemon('dbus-daemon', ['--session', '--nofork', '--nopidfile', `--address=unix:path=${socket}`, '--print-address=1'], daemonEnv, 'ignore');
    daemons.push(bus);
    const address = await bus.firstLine(deadline);
    env.DBUS_SESSION_BUS_ADDRESS = address;
    daemonEnv.DBUS_SESSION_BUS_ADDRESS = address;

    stage.name = 'starting gnome-keyring-daemon';
    const args = ['--foreground', '--components=secrets', ...(unlocked ? ['--unlock'] : [])];
    const keyring = startDaemon('gnome-keyring-daemon', args, daemonEnv, 'pipe');
    daemons.push(keyring);
    // --unlock reads the login keyring's password from stdin up to EOF (and creates that keyring).
    keyring.child.stdin!.end(unlocked ? PASSWORD : '');

    stage.name = 'waiting for org.freedesktop.secrets on the bus';
    await poll(deadline, keyring, async () => (await dbusSend(daemonEnv, ['--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'])).includes('boolean true'));
    if (unlocked) {
      stage.name = 'waiting for the unlocked default keyring';
      await poll(deadline, keyring, async () =>
        (
          await dbusSend(daemonEnv, [
            '--dest=org.freedesktop.secrets',
            '/org/freedesktop/secrets/aliases/default',
            'org.freedesktop.DBus.Properties.Get',
            'string:org.freedesktop.Secret.Collection',
            'string:Locked',
          ])
        ).includes('boolean false'),
      );
    }
  } catch (error) {
    const output = daemons.map((daemon) => `${daemon.name}: ${daemon.output().trim() || '(no output)'}`).join('\n');
    await stop();
    marked[PROCESS_MARK] = undefined; // keytar never saw this bus: another attempt may go ahead
    throw new Error(
      `The test keyring did not start within ${timeoutMs} ms (${stage.name}): ${(error as Error).message}\n${output}\n` +
        'It needs Debian\'s "dbus" and "gnome-keyring" packages (see .ci/run).',
    );
  }

  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'XDG_DATA_HOME'] as const) {
    saved.set(name, process.env[name]);
    process.env[name] = env[name];
  }
  return { env, stop };
}

interface Daemon {
  name: string;
  child: ChildProcess;
  output(): string;
  firstLine(deadline: number): Promise<string>;
  kill(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

function startDaemon(command: string, args: string[], env: Record<string, string>, stdin: 'ignore' | 'pipe'): Daemon {
  // PR_SET_PDEATHSIG: the daemon is killed if this process dies without calling stop().
  const setpriv = findOnPath('setpriv', env.PATH!);
  const child = setpriv
    ? spawn(setpriv, ['--pdeathsig', 'KILL', '--', command, ...args], { env, stdio: [stdin, 'pipe', 'pipe'], detached: true })
    : spawn(command, args, { env, stdio: [stdin, 'pipe', 'pipe'], detached: true });
  let output = '';
  let stdout = '';
  let spawnError: Error | undefined;
  const collect = (chunk: Buffer) => {
    if (output.length < 8000) output += chunk.toString('utf8');
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    collect(chunk);
  });
  child.stderr!.on('data', collect);
  child.on('error', (error) => {
    spawnError = error;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.pid !== undefined && child.exitCode === null && child.signalCode === null;

  const kill = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal); // the whole group: the daemon and anything it started
    } catch {
      // already gone
    }
  };
  return {
    name: command,
    child,
    output: () => (spawnError ? `${spawnError.message}\n${output}` : output),
    kill,
    async firstLine(deadline) {
      for (;;) {
        const newline = stdout.indexOf('\n');
        if (newline >= 0) return stdout.slice(0, newline).trim();
        if (spawnError) throw spawnError;
        if (!running() && child.pid !== undefined) throw new Error(`${command} exited (${child.exitCode ?? child.signalCode})`);
        if (Date.now() > deadline) throw new Error(`${command} printed nothing in time`);
        await sleep(20);
      }
    },
    async stop() {
      if (child.pid === undefined) return;
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 3000);
      await Promise.race([exited, sleep(6000)]);
      clearTimeout(timer);
      kill('SIGKILL'); // stragglers in the group (activated services)
    },
  };
}

async function poll(deadline: number, daemon: Daemon, probe: () => Promise<boolean>): Promise<void> {
  for (;;) {
    if (await probe()) return;
    if (daemon.child.exitCode !== null || daemon.child.signalCode !== null) throw new Error(`${daemon.name} exited (${daemon.child.exitCode ?? daemon.child.signalCode})`);
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

/** One bounded dbus-send call on the test bus; its output, or '' when it failed. */
function dbusSend(env: Record<string, string>, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile('dbus-send', ['--session', '--print-reply', '--reply-timeout=2000', ...args], { env, timeout: 3000 }, (error, stdout) => resolve(error ? '' : stdout));
  });
}

function findOnPath(command: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface LaunchedStart {
  /** Every line of its stdout and stderr so far. */
  lines: string[];
  /** The preview's address, once printed; rejects if it exits first or prints none in time. */
  url: Promise<string>;
  exited: Promise<number | null>;
  /** Ctrl-C, as a person stops it; the exit code (SIGKILL after 10 s). */
  stop(): Promise<number | null>;
}

/**
 * `npm start -- --no-open --port 0` (electron/launcher/start.mjs under `appDir`) as a person runs
 * it on a machine with no desktop session and no Electron runtime.
 */
export function launchStart(appDir: string, env: Record<string, string>, timeoutMs = 30_000): LaunchedStart {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ...env };
  delete childEnv.DBUS_SESSION_BUS_ADDRESS;
  if (!('KYC_DESK_DATA_DIR' in env)) delete childEnv.KYC_DESK_DATA_DIR;
  const child = spawn(process.execPath, [path.join(appDir, 'electron/launcher/start.mjs'), '--no-open', '--port', '0'], { cwd: appDir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  readline.createInterface({ input: child.stderr }).on('line', (line) => lines.push(line));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within ${timeoutMs} ms:\n${lines.join('\n')}`)), timeoutMs);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (/^http:\/\/127\.0\.0\.1:\d+\/#token=/.test(line)) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the launcher exited (${code}):\n${lines.join('\n')}`));
    });
  });
  url.catch(() => undefined); // a test that expects an address awaits it; one that expects a refusal need not
  return {
    lines,
    url,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const code = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000))]);
      if (code !== 'timeout') return code;
      child.kill('SIGKILL');
      return exited;
    },
  };
}

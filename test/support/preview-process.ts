import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

export interface PreviewProcess {
  /** The first address printed (its token works once). */
  url: string;
  /**
   * An address no page has been given yet: the first one, then each one the host prints after a
   * page used the previous (a token opens one page). Give each new page its own.
   */
  nextUrl(timeoutMs?: number): Promise<string>;
  output: string[];
  stop(): Promise<void>;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Start the built preview host exactly as `npm run preview -- --no-open` does, and wait for the
 * line with its address. The build must exist (`npm test` builds first).
 */
export async function startPreviewProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<PreviewProcess> {
  const cli = path.join(repoRoot, 'dist/preview/cli.js');
  if (!fs.existsSync(cli)) throw new Error('dist/preview/cli.js is missing: run `npm run build` first (npm test does).');
  const child: ChildProcess = spawn(process.execPath, [cli, '--no-open', '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const addresses: string[] = [];
  let handedOut = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  readline.createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview host printed no URL within ${timeoutMs} ms:\n${output.join('\n')}`)), timeoutMs);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      if (/^http:\/\/127\.0\.0\.1:\d+\/#token=/.test(line)) {
        addresses.push(line.trim());
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`preview host exited (${code}) before printing its URL:\n${output.join('\n')}`));
    });
  });
  return {
    url,
    nextUrl: async (waitMs = 10_000) => {
      const until = Date.now() + waitMs;
      while (addresses.length <= handedOut) {
        if (Date.now() > until) throw new Error(`the preview host printed no new address within ${waitMs} ms (has the last one been used?):\n${output.join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return addresses[handedOut++]!;
    },
    output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

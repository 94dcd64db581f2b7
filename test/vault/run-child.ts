import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ChildOutcome, ChildRequest } from './vault-child';

const script = path.resolve(import.meta.dirname, 'vault-child.ts');
const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Run `request` in a fresh Node process (see vault-child.ts) with exactly `env` (plus PATH), and
 * return its outcomes. Bounded: the child is killed after `timeoutMs`.
 */
export function runVaultChild(request: ChildRequest, env: Record<string, string>, timeoutMs = 40_000): Promise<{ results: ChildOutcome[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(request)], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let reaper: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      // The answer is in. A keychain call that never returned pins a libuv thread, and Node joins
      // those threads at exit, so such a child cannot exit by itself: end it.
      if (stdout.includes('\n') && !reaper) reaper = setTimeout(() => child.kill('SIGKILL'), 2000);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(guard);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      clearTimeout(reaper);
      const line = stdout.trim().split('\n').pop() ?? '';
      if ((code !== 0 && !reaper) || !line.startsWith('{')) {
        reject(new Error(`vault child ended with ${signal ?? code} after printing ${JSON.stringify(stdout)}; stderr:\n${stderr}`));
        return;
      }
      resolve({ ...(JSON.parse(line) as { results: ChildOutcome[] }), stderr });
    });
  });
}

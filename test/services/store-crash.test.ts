import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore } from '../support/test-store';

const KILLS = 40;
const worker = path.resolve(import.meta.dirname, '../support/save-worker.ts');
let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir();
});
afterAll(() => temp.remove());

const snapshots = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => /^store\.snapshot\.\d+$/.test(name)) : []);

/**
 * Resolves once the worker has written a snapshot of a generation not on disk before, checked
 * every 20 ms, or after `limitMs` whatever happened: however loaded the machine, the kill then
 * lands after (or during) a compaction, not merely after a fixed time.
 */
function afterNewSnapshot(dir: string, limitMs: number): Promise<void> {
  const before = new Set(snapshots(dir));
  const started = Date.now();
  return new Promise((resolve) => {
    const check = setInterval(() => {
      if (snapshots(dir).some((name) => !before.has(name)) || Date.now() - started > limitMs) {
        clearInterval(check);
        resolve();
      }
    }, 20);
  });
}

/** Run the worker, kill it with SIGKILL when `killWhen` resolves after it starts saving; return the acks it printed. */
function saveThenKill(dir: string, killWhen: () => Promise<void>): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') void killWhen().then(() => child.kill('SIGKILL'));
      else if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') reject(new Error(`worker ended on its own (${signal ?? _code}): ${stderr}`));
      else resolve(acked);
    });
  });
}

describe('encrypted store under SIGKILL', () => {
  it(`keeps every acknowledged save across ${KILLS} kills at random points, compactions included`, async () => {
    const dir = path.join(temp.dir, 'store');
    const everAcked = new Set<number>();
    for (let round = 0; round < KILLS; round++) {
      // Mostly early kills; every tenth round runs until a background snapshot has been written,
      // so later rounds are killed with snapshots, journals of several generations, and mid-compaction.
      const early = 5 + Math.floor(Math.random() * 150);
      const acked = await saveThenKill(dir, round % 10 === 9 ? () => afterNewSnapshot(dir, 15_000) : () => new Promise((resolve) => setTimeout(resolve, early)));
      for (const id of acked) everAcked.add(id);
      const { store, notices } = await openTestStore(dir);
      const stored = new Set(store.all('SELECT id FROM notes').map((r) => Number(r.id)));
      const missing = [...everAcked].filter((id) => !stored.has(id));
      expect(missing, `round ${round}: acknowledged saves lost`).toEqual([]);
      expect(notices, `round ${round}: a kill must never look like damage`).toEqual([]);
      // Ids are consecutive: nothing half-applied, no gap.
      const max = Math.max(0, ...stored);
      expect(stored.size).toBe(max);
      await store.close();
    }
    expect(everAcked.size).toBeGreaterThan(KILLS); // the worker really was saving when killed
    expect(snapshots(dir).length).toBeGreaterThan(0); // and compacting
  }, 240_000);
});

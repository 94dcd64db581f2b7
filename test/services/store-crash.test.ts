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

/** Run the worker, kill it with SIGKILL a random while after it starts saving; return the acks it printed. */
function saveThenKill(dir: string, killAfterMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
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
      // Mostly early kills; every tenth round runs long enough for a background snapshot to finish,
      // so later rounds are killed with snapshots, journals of several generations, and mid-compaction.
      const acked = await saveThenKill(dir, round % 10 === 9 ? 1500 : 5 + Math.floor(Math.random() * 150));
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
    expect(fs.readdirSync(dir).some((name) => /^store\.snapshot\.\d+$/.test(name))).toBe(true); // and compacting
  }, 120_000);
});

import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycSandbox } from '../../electron/sandbox/ckyc/sandbox';
import { trainingSftpSettings } from '../../electron/app/training-connections';
import type { SubmissionRoute } from '../../shared/sync/routes';
import { duplicateRegistrations, readLedger } from '../../electron/sandbox/shell/ledger';
import { silentLogger } from '../../electron/logging/logger';
import { makeTempDir } from '../support/temp-dir';
import { openSyncHarness } from '../support/sync-harness';

const TOKEN = 'sync-crash-token';
/** Records at the start; the counter keeps capturing between crashes, 2 more each time. */
const RECORDS = 12;
const CAPTURED_PER_ROUND = 2;
const KILLS = 50;
const worker = path.resolve(import.meta.dirname, '../support/sync-worker.ts');

let temp: ReturnType<typeof makeTempDir>;
let sandbox: CkycSandbox;
beforeEach(async () => {
  temp = makeTempDir();
  // Some requests fail on the way too, so kills land in retries and reconciliations as well.
  sandbox = await CkycSandbox.start({ stateDir: path.join(temp.dir, 'sandbox'), token: TOKEN, processingMs: 40, logger: silentLogger, faults: 'reset=0.1,timeout=0.05', seed: 'crash', faultHoldMs: 500 });
});
afterEach(async () => {
  await sandbox?.close();
  temp.remove();
});

/** Run the worker; kill it with SIGKILL `killAfterMs` after it is ready (or let it finish when null). */
function runWorker(killAfterMs: number | null, route: SubmissionRoute): Promise<'killed' | 'done'> {
  return new Promise((resolve, reject) => {
    // The SFTP connection (the sandbox's, with its training key) goes by the environment, not argv.
    const env = { ...process.env, KYC_DESK_TEST_SFTP: route === 'bulk-sftp' ? JSON.stringify(trainingSftpSettings(sandbox)) : '' };
    const child = spawn(process.execPath, ['--import', 'tsx', worker, temp.dir, sandbox.url, TOKEN, route], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stderr = '';
    let done = false;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready' && killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      if (line === 'done') done = true;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (done && code === 0) resolve('done');
      else if (signal === 'SIGKILL' && killAfterMs !== null) resolve(done ? 'done' : 'killed');
      else reject(new Error(`sync worker ended unexpectedly (${signal ?? code}): ${stderr}`));
    });
  });
}

describe('sync under SIGKILL at random points', () => {
  it.each(['bulk-api', 'bulk-sftp'] as const)(`loses no record and sends none twice across ${KILLS} kills mid-sync (%s)`, async (route) => {
    const saved: Array<{ id: string; reference: string }> = [];
    const capture = async (count: number) => {
      const counter = await openSyncHarness(temp.dir, { url: sandbox.url, token: TOKEN });
      for (let i = 0; i < count; i++) saved.push(await counter.save(500 + saved.length));
      await counter.close();
    };
    await capture(RECORDS);

    // Each round the app is killed at a random moment while it syncs; between rounds the branch
    // goes on capturing, so there is always something under way when the next kill lands.
    // A round whose sync ended before its kill landed is not a kill mid-sync: rounds go on until
    // KILLS kills have landed mid-sync (bounded, so a sync that always outruns its kill fails here).
    const outcomes: string[] = [];
    for (let round = 0; outcomes.filter((o) => o === 'killed').length < KILLS && round < KILLS * 2; round++) {
      outcomes.push(await runWorker(Math.floor(Math.random() * 250), route));
      await capture(CAPTURED_PER_ROUND);
    }
    expect(outcomes.filter((o) => o === 'killed')).toHaveLength(KILLS);
    expect(await runWorker(null, route)).toBe('done');

    const after = await openSyncHarness(temp.dir, { url: sandbox.url, token: TOKEN });
    const states = saved.map((r) => after.records.find(r.id)!);
    expect(saved).toHaveLength(RECORDS + outcomes.length * CAPTURED_PER_ROUND);
    await after.close();
    // No record lost: each one is there and has its outcome; the registry has each exactly once.
    expect(states.map((r) => r.state)).toEqual(saved.map(() => 'succeeded'));
    const ledger = readLedger(path.join(temp.dir, 'sandbox'));
    expect(duplicateRegistrations(ledger)).toEqual([]);
    expect(ledger.map((entry) => entry.kyc_ref_no).sort()).toEqual(saved.map((r) => r.reference).sort());
  }, 240_000);
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycSandbox } from '../../electron/sandbox/ckyc-sandbox';
import { duplicateRegistrations, readLedger } from '../../electron/sandbox/ledger';
import { silentLogger } from '../../electron/logging/logger';
import { isTerminalBatchState } from '../../shared/sync/states';
import { makeTempDir } from '../support/temp-dir';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { waitFor } from '../support/wait';

const TOKEN = 'faults-test-token';
const RECORDS = 60;
/** 30 % of requests meet a fault, spread over every kind the sandbox knows. */
const FAULTS = 'http429=0.06,http500=0.06,timeout=0.06,reset=0.06,corrupt=0.06';

let temp: ReturnType<typeof makeTempDir>;
let sandbox: CkycSandbox | undefined;
let harness: SyncHarness | undefined;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  await harness?.close();
  await sandbox?.close();
  temp.remove();
});

describe('sync under 30 % injected faults (429, 500, timeouts, resets, corrupt bodies)', () => {
  it.each(['seed-a', 'seed-b'])('every record reaches the registry exactly once, every batch ends (%s)', async (seed) => {
    sandbox = await CkycSandbox.start({ stateDir: `${temp.dir}/sandbox`, token: TOKEN, processingMs: 30, logger: silentLogger, faults: FAULTS, seed, faultHoldMs: 400 });
    // Batches of 3, polled every 20 ms, with a 200 ms client timeout so held answers count as timeouts.
    harness = await openSyncHarness(temp.dir, { url: sandbox.url, token: TOKEN }, 20, { maxBatchRecords: 3, timeoutMs: 200 });
    const saved: Array<{ id: string; reference: string }> = [];
    for (let n = 0; n < RECORDS; n++) saved.push(await harness.save(100 + n));

    // The checker presses Sync whenever records are ready again (a batch the registry provably never got).
    const batchIds = new Set<string>();
    await waitFor(
      'every record to succeed',
      () => {
        if (harness!.records.inState('ready', 1).length > 0) {
          const started = harness!.startSync();
          if (started.batchId) batchIds.add(started.batchId);
        }
        return saved.every((r) => harness!.records.find(r.id)!.state === 'succeeded');
      },
      60_000,
    );
    await waitFor('every batch to end', () => [...batchIds].every((id) => isTerminalBatchState(harness!.batches.find(id)!.state)), 20_000);

    const ledger = readLedger(`${temp.dir}/sandbox`);
    expect(duplicateRegistrations(ledger)).toEqual([]);
    expect(ledger.map((entry) => entry.kyc_ref_no).sort()).toEqual(saved.map((r) => r.reference).sort());
    // The faults really happened, of every kind, some after the request had taken effect.
    const injected = sandbox.faults.injected;
    for (const kind of ['http429', 'http500', 'timeout', 'reset', 'corrupt']) {
      expect([...injected.keys()].some((key) => key.startsWith(`${kind}@`)), `${kind} was injected`).toBe(true);
    }
    expect([...injected.entries()].filter(([key]) => key.endsWith('@after')).reduce((sum, [, n]) => sum + n, 0)).toBeGreaterThan(0);
    expect(batchIds.size).toBeGreaterThanOrEqual(RECORDS / 3);
  }, 90_000);
});

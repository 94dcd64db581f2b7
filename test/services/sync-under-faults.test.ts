import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycSandbox } from '../../electron/sandbox/ckyc/sandbox';
import { duplicateRegistrations, readLedger } from '../../electron/sandbox/shell/ledger';
import { silentLogger } from '../../electron/logging/logger';
import { isTerminalBatchState } from '../../shared/sync/states';
import { makeTempDir } from '../support/temp-dir';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { waitFor } from '../support/wait';
import { trainingSftpSettings } from '../../electron/app/training-connections';
import { CkycBulkClient } from '../../electron/connectors/ckyc-bulk/client';

const TOKEN = 'faults-test-token';
const RECORDS = 60;
/** 30 % of requests meet a fault, spread over every kind the sandbox knows. */
const FAULTS = 'http429=0.06,http500=0.06,timeout=0.06,reset=0.06,corrupt=0.06';

/** The checker presses Sync whenever records are ready again (a batch the registry provably never got). */
async function syncUntilEveryRecordSucceeded(h: SyncHarness, saved: ReadonlyArray<{ id: string }>): Promise<void> {
  await waitFor(
    'every record to succeed',
    () => {
      if (h.records.inState('ready', 1).length > 0) h.startSync();
      return saved.every((r) => h.records.find(r.id)!.state === 'succeeded');
    },
    60_000,
  );
}

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

    await syncUntilEveryRecordSucceeded(harness, saved);
    const batchIds = new Set(harness.batches.list({ page: 1, pageSize: 1000 }).items.map((batch) => batch.id));
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

describe('sync through the SFTP route under 30 % injected faults, connections dropped mid-transfer among them', () => {
  it('every record reaches the registry exactly once, every upload whole, every batch ends', async () => {
    const faults = 'http429=0.05,http500=0.05,timeout=0.05,reset=0.05,corrupt=0.05,sftp_drop=0.3';
    sandbox = await CkycSandbox.start({ stateDir: `${temp.dir}/sandbox`, token: TOKEN, processingMs: 30, logger: silentLogger, faults, seed: 'seed-sftp', faultHoldMs: 400 });
    const s = sandbox;
    harness = await openSyncHarness(temp.dir, { url: s.url, token: TOKEN, sftp: () => trainingSftpSettings(s) }, 20, { maxBatchRecords: 3, timeoutMs: 200, route: 'bulk-sftp' });
    const saved: Array<{ id: string; reference: string }> = [];
    for (let n = 0; n < 30; n++) saved.push(await harness.save(300 + n));
    await syncUntilEveryRecordSucceeded(harness, saved);
    const batches = harness.batches.list({ page: 1, pageSize: 1000 }).items;
    await waitFor('every batch to end', () => batches.every((b) => isTerminalBatchState(harness!.batches.find(b.id)!.state)), 20_000);
    const ledger = readLedger(`${temp.dir}/sandbox`);
    expect(duplicateRegistrations(ledger)).toEqual([]);
    expect(ledger.map((entry) => entry.kyc_ref_no).sort()).toEqual(saved.map((r) => r.reference).sort());
    // Drops happened, and no truncated or corrupt file was ever published: the registry took every
    // batch's file whole (a damaged one would have failed its individuals), with the SHA-256 we sealed.
    expect(s.faults.injected.get('sftp_drop') ?? 0).toBeGreaterThan(0);
    const client = new CkycBulkClient({ baseUrl: s.url, token: TOKEN, timeoutMs: 2000 });
    for (const batch of batches.filter((b) => b.state === 'succeeded')) {
      const row = harness.batches.find(batch.id)!;
      // The look-up meets the same faults: asked until it answers.
      const remote = await waitFor('the registry to answer a look-up', async () => {
        const answer = await client.findBatch('upload', row.batchFileName);
        return answer.ok ? answer : false;
      });
      expect(remote.batch?.file_sha256).toBe(row.fileSha256);
    }
  }, 90_000);
});

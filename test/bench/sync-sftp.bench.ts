/**
 * Issue 5: 1,000 records from ready to succeeded through the SFTP route, in the sandbox, polled
 * every second — end to end: batches formed, ZIPs built into the sealed outbox, initialize, the
 * ZIPs put over SFTP (.part, size check, rename, trigger), the sandbox processing them, status and
 * status-check, every record settled with its CKYC number.
 *
 * The peer is the floor no client can beat: the sandbox's processing time plus one poll interval
 * (a batch is seen as done at the first poll after it finished). The ratio says how much the app
 * adds on top of that floor.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CkycSandbox } from '../../electron/sandbox/ckyc/sandbox';
import { duplicateRegistrations, readLedger } from '../../electron/sandbox/shell/ledger';
import { silentLogger } from '../../electron/logging/logger';
import { trainingSftpSettings } from '../../electron/app/training-connections';
import { openSyncHarness } from '../support/sync-harness';
import { waitFor } from '../support/wait';

const RECORDS = 1000;
const POLL_MS = 1000;
const PROCESSING_MS = 3000;
const TOKEN = 'bench-sync-sftp';

export async function runSyncSftpBench(): Promise<void> {
  console.log(`\n## ${RECORDS} records ready → succeeded through SFTP in the sandbox (poll every ${POLL_MS / 1000} s, processing ${PROCESSING_MS / 1000} s)`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-bench-sync-'));
  const sandbox = await CkycSandbox.start({ stateDir: path.join(root, 'sandbox'), token: TOKEN, processingMs: PROCESSING_MS, logger: silentLogger });
  const harness = await openSyncHarness(root, { url: sandbox.url, token: TOKEN, sftp: () => trainingSftpSettings(sandbox) }, POLL_MS, {
    route: 'bulk-sftp',
    maxBatchRecords: 500,
    timeoutMs: 30_000,
  });
  try {
    const seedStart = Date.now();
    const saved: Array<{ id: string; reference: string }> = [];
    for (let n = 0; n < RECORDS; n++) saved.push(await harness.save(10_000 + n));
    console.log(`seeded ${RECORDS} approved records with their images in ${((Date.now() - seedStart) / 1000).toFixed(1)} s (not timed below)`);

    const start = process.hrtime.bigint();
    const started = harness.startSync();
    const syncCallMs = Number(process.hrtime.bigint() - start) / 1e6;
    await waitFor('every record to succeed', () => saved.every((r) => harness.records.find(r.id)!.state === 'succeeded'), 300_000);
    const totalMs = Number(process.hrtime.bigint() - start) / 1e6;

    const batches = harness.batches.list({ page: 1, pageSize: 100 }).items;
    const bytes = batches.reduce((sum, b) => sum + (b.fileBytes ?? 0), 0);
    const ledger = readLedger(path.join(root, 'sandbox'));
    if (ledger.length !== RECORDS || duplicateRegistrations(ledger).length > 0) throw new Error(`ledger has ${ledger.length} entries, duplicates ${duplicateRegistrations(ledger).length}`);
    const floorMs = PROCESSING_MS + POLL_MS;
    console.log('records | batches | ZIP bytes | sync.start call | ready → all succeeded | floor (processing + 1 poll) | ratio to floor');
    console.log(
      [RECORDS, batches.length, `${(bytes / 1e6).toFixed(1)} MB`, `${syncCallMs.toFixed(0)} ms`, `${(totalMs / 1000).toFixed(2)} s`, `${(floorMs / 1000).toFixed(2)} s`, (totalMs / floorMs).toFixed(2)].join(' | '),
    );
    console.log(`${started.message} Ledger: ${ledger.length} accepted, no duplicates.`);
  } finally {
    await harness.close();
    await sandbox.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

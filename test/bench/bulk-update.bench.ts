/**
 * Issue 15: a bulk customer update of 10,000 customers built and sent through the service — the
 * file written from the approved update's rows into the sealed outbox, its SHA-256 noted, streamed
 * as multipart to the Training platform, the answer read and the result files fetched and matched —
 * against the peer: the same rows written with csv-stringify alone to a plain file and sent with
 * `curl -F file=@…` to the same platform. The ratio says what sealing, the engine and reading the
 * results add. Preparing the update (every row checked, the record saved) is timed apart.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { UPDATE_COLUMN_NAMES, type UpdateRow } from '../../shared/bulk-update/update-columns';
import { BULK_CUSTOMER_UPDATE_KIND_ID } from '../../shared/record-kinds/bulk-customer-update';
import { BulkUpdateClient } from '../../electron/connectors/bulk-update/client';
import { SendHistory } from '../../electron/bulk-update/send-history';
import { silentLogger } from '../../electron/logging/logger';
import type { RecordService } from '../../electron/records/record-service';
import { CkycSandbox } from '../../electron/sandbox';
import { bulkUpdateSandbox, TRAINING_BULK_UPDATE_CREDENTIALS, TRAINING_PARENT_COMPANY_ID } from '../../electron/sandbox/bulk-update/service';
import { bulkUpdateService, BULK_UPDATE_SERVICE_ID } from '../../electron/services/bulk-update';
import type { SubmissionService } from '../../electron/sync/submission-service';
import { openSyncHarness } from '../support/sync-harness';
import { waitFor } from '../support/wait';
import { updateRow } from '../support/bulk-update';

const CUSTOMERS = Number(process.env.KYC_DESK_BENCH_CUSTOMERS ?? 10_000);
const RUNS = 3;
const VERIFIER = { name: 'A OFFICER', designation: 'OFFICER', branch: 'MAIN', employmentCode: 'E1', organization: 'BANK' };

function rows(run: number): UpdateRow[] {
  return Array.from({ length: CUSTOMERS }, (_, i) => updateRow('KDBENCH', run * CUSTOMERS + i));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runBulkUpdateBench(): Promise<void> {
  console.log(`\n## Bulk customer update of ${CUSTOMERS.toLocaleString('en-IN')} customers: through the service vs csv-stringify + curl -F (median of ${RUNS})`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-bench-bulk-'));
  const sandbox = await CkycSandbox.start({ stateDir: path.join(root, 'sandbox'), token: 'unused', processingMs: 100, logger: silentLogger, sftp: false, services: [bulkUpdateSandbox()] });
  const all: Record<string, SubmissionService> = {};
  const harness = await openSyncHarness(root, { url: sandbox.url, token: 'unused' }, 50, { services: { all, route: BULK_UPDATE_SERVICE_ID }, timeoutMs: 60_000 });
  const client = new BulkUpdateClient({ baseUrl: sandbox.url, token: TRAINING_BULK_UPDATE_CREDENTIALS.token, parentCompanyId: TRAINING_PARENT_COMPANY_ID, timeoutMs: 60_000 });
  all[BULK_UPDATE_SERVICE_ID] = bulkUpdateService({ client: () => Promise.resolve({ ok: true, client }), history: new SendHistory(harness.store) });
  const prepare: number[] = [];
  const ours: number[] = [];
  const peer: number[] = [];
  let bytes = 0;
  try {
    for (let run = 0; run < RUNS; run++) {
      const update = { rows: rows(run * 2), recordIds: [], source: 'file' as const };
      let start = process.hrtime.bigint();
      const saved = harness.service.save({ kind: BULK_CUSTOMER_UPDATE_KIND_ID, record: update } as Parameters<RecordService['save']>[0], harness.maker);
      prepare.push(Number(process.hrtime.bigint() - start) / 1e6);
      harness.service.approve([saved.id], harness.checker);

      start = process.hrtime.bigint();
      const started = harness.engine.startSync(VERIFIER, BULK_UPDATE_SERVICE_ID);
      if (!started.batchId) throw new Error(`no batch was started: ${started.message}`);
      await waitFor('the update to end', () => ['succeeded', 'failed', 'needs_attention'].includes(harness.batches.find(started.batchId!)?.state ?? ''), 300_000);
      ours.push(Number(process.hrtime.bigint() - start) / 1e6);
      const batch = harness.batches.find(started.batchId!)!;
      if (batch.state !== 'succeeded') throw new Error(`the update ended ${batch.state}: ${batch.lastError}`);
      bytes = batch.fileBytes ?? 0;

      // The peer: the same kind of rows (fresh references, so the platform does the same work), stringified and sent by curl.
      const peerRows = rows(run * 2 + 1);
      start = process.hrtime.bigint();
      const file = path.join(root, `peer-${run}.csv`);
      fs.writeFileSync(file, stringify(peerRows, { header: true, columns: [...UPDATE_COLUMN_NAMES], record_delimiter: '\r\n' }));
      // Asynchronous: the Training platform answers from this very process.
      const { stdout: answer } = await promisify(execFile)('curl', ['-sS', '-f', '-H', `authorization: Bearer ${TRAINING_BULK_UPDATE_CREDENTIALS.token}`, '-F', `file=@${file};type=text/csv`, `${sandbox.url}/api/v0/customer/bulk/update?parentCompanyId=${TRAINING_PARENT_COMPANY_ID}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
      peer.push(Number(process.hrtime.bigint() - start) / 1e6);
      const counts = (JSON.parse(answer) as { payload?: { success_count?: number } }).payload;
      if (counts?.success_count !== CUSTOMERS) throw new Error(`curl's upload was not applied whole: ${answer.slice(0, 200)}`);
    }
    const [p, o, c] = [median(prepare), median(ours), median(peer)];
    console.log('customers | file | prepare (check + save) | service: approved → answered | csv-stringify + curl | ratio');
    console.log([CUSTOMERS.toLocaleString('en-IN'), `${(bytes / 1e6).toFixed(2)} MB`, `${p.toFixed(0)} ms`, `${o.toFixed(0)} ms`, `${c.toFixed(0)} ms`, (o / c).toFixed(2)].join(' | '));
  } finally {
    await harness.close();
    await sandbox.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

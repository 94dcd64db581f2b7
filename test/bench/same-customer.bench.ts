/**
 * Issue 12, the same customer twice: the form's look-up of a PAN, a document number and a CKYC
 * number among 1,00,000 records, in ≤ a few ms in main. The peer, measured in the same run, is what
 * the look-up would cost without its index: reading every record's JSON for the PAN (here a small
 * JSON per record; a real record is a few KB, so a real scan is slower still).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Store } from '../../electron/store/database';
import { SameCustomerIndex } from '../../electron/records/same-customer/same-customer-index';
import { ms, summarise, timeMs } from './stats';

const RECORDS = 100_000;
const RUNS = 40;
const NOW = '2026-11-20T10:00:00.000Z';

export async function runSameCustomerBench(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-same-customer-bench-'));
  try {
    const key = randomBytes(32);
    const { store } = await Store.open(path.join(root, 'app'), { key });
    store.write(() => {
      store.run(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${RECORDS})
        INSERT INTO records (id, reference, state, data, name, pan_masked, mobile_masked, created_at, updated_at, identity_indexed)
        SELECT 'bulk_' || i, 'KB' || printf('%012d', i), 'succeeded', json_object('pan', 'ABCPV' || printf('%05d', i) || 'K'), 'BULK', '', '', '${NOW}', '${NOW}', 1 FROM n`);
      // Each record's PAN and passport in the index (random hashes: only the index's shape matters).
      store.run(`INSERT INTO record_identifiers (hash, record_id, field) SELECT lower(hex(randomblob(32))), id, 'pan' FROM records`);
      store.run(`INSERT INTO record_identifiers (hash, record_id, field) SELECT lower(hex(randomblob(32))), id, 'identity' FROM records`);
    });
    const index = new SameCustomerIndex(store, key);
    const typed = { pan: 'AFZPM4821Q', identityDocuments: [{ code: 'A', number: 'K4471208' }], ckycNumber: '50012345678901' };
    const app = summarise(Array.from({ length: RUNS }, () => timeMs(() => index.matchesOfFields(typed, null))));
    const scan = summarise(Array.from({ length: 5 }, () => timeMs(() => store.all(`SELECT id FROM records WHERE json_extract(data, '$.pan') = ?`, ['ABCPV50000K']))));
    console.log(`\n## Same customer twice: the form's look-up among ${RECORDS.toLocaleString('en-IN')} records (goal ≤ a few ms in main)`);
    console.log('query | median | p95 | peer: scan of every record | ratio');
    console.log(`PAN + passport + CKYC number | ${ms(app.median)} | ${ms(app.p95)} | ${ms(scan.median)} | ${(scan.median / app.median).toFixed(0)}× faster${app.median > 5 ? '  GOAL MISSED' : ''}`);
    await store.close();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

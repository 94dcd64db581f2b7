/**
 * Issue 4 goal: with 100,000 records in the store, the first page of the queue, filtered and
 * sorted, in ≤ 50 ms in main. The same SQL runs on native SQLite (better-sqlite3) over the same
 * rows in the same run, for the ratio.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { Store } from '../../electron/store/database';
import { MIGRATIONS } from '../../electron/store/migrations';
import { RecordRepository } from '../../electron/records/record-repository';
import { BROAD_REFERENCE_MATCHES, RECORD_ORDER, recordFilterSql, type RecordFilter } from '../../electron/records/record-query';
import { ALL_RECORDS, type RecordScope } from '../../electron/records/record-scope';
import { RECORD_STATES } from '../../shared/sync/states';
import type { KycRecord } from '../../shared/record/kyc-record';
import { storedSample } from '../support/kyc-records';
import { ms, summarise, timeMs } from './stats';

const RECORDS = 100_000;
const RUNS = 40;
const PAGE = 100;
const FIRST = ['ASHA', 'RAVI', 'MEERA', 'ARJUN', 'FATIMA', 'JOHN', 'PRIYA', 'KARAN', 'NEHA', 'VIKRAM'];
const LAST = ['VERMA', 'IYER', 'KHAN', 'REDDY', 'DAS', 'SINGH', 'PATEL', 'NAIR', 'GUPTA', 'THOMAS'];
const OPERATORS = ['op_a', 'op_b', 'op_c', 'op_d'];

/** Validating 100,000 records would time the validator, not the queue: one sample, renamed. */
const SAMPLE = storedSample(1);
function individual(n: number): KycRecord {
  return { ...SAMPLE, firstName: FIRST[n % 10]!, lastName: LAST[Math.floor(n / 10) % 10]!, pan: `ABCPV${String(1000 + (n % 9000))}K` };
}

const start = Date.parse('2026-01-01T00:00:00Z');
const at = (n: number) => new Date(start + n * 60_000).toISOString();

export async function runQueueBench(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-queue-bench-'));
  try {
    const { store } = await Store.open(path.join(root, 'app'), { key: randomBytes(32) });
    const repo = new RecordRepository(store);
    const native = new Database(path.join(root, 'native.sqlite'));
    for (const migration of MIGRATIONS) native.exec(migration);
    const insertNative = native.prepare(
      `INSERT INTO records (id, reference, state, data, name, pan_masked, mobile_masked, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const seedNative = native.transaction((rows: unknown[][]) => rows.forEach((row) => insertNative.run(...row)));
    let sampleReference = '';
    for (let chunk = 0; chunk < RECORDS; chunk += 5_000) {
      const rows: unknown[][] = [];
      store.write(() => {
        for (let n = chunk; n < chunk + 5_000; n++) {
          const reference = `KD${n.toString(36).toUpperCase().padStart(12, '0')}`;
          if (n === 77_777) sampleReference = reference;
          const state = RECORD_STATES[n % RECORD_STATES.length]!;
          const person = individual(n);
          const createdBy = OPERATORS[n % OPERATORS.length]!;
          repo.insert({ id: `rec_${n}`, reference, state, record: person, now: at(n), createdBy });
          rows.push([`rec_${n}`, reference, state, JSON.stringify(person), `${person.firstName} ${person.lastName}`, '••••', '•••', at(n), at(n), createdBy]);
        }
      });
      seedNative(rows);
    }

    // A maker reads only their own records (record-scope.ts): op_b captured a quarter of them, sampleReference among them.
    const makerB: RecordScope = { kind: 'own', operatorId: 'op_b' };
    const cases: Array<[string, RecordFilter, RecordScope]> = [
      ['all, newest first', {}, ALL_RECORDS],
      ['state = ready', { state: 'ready' }, ALL_RECORDS],
      ['state = failed, by one maker', { state: 'failed', createdBy: 'op_b' }, ALL_RECORDS],
      ['captured in one week', { from: at(50_000), to: at(50_000 + 7 * 24 * 60) }, ALL_RECORDS],
      ['search name "IYER"', { search: 'iyer' }, ALL_RECORDS],
      ['search one reference', { search: sampleReference }, ALL_RECORDS],
      ['search reference prefix "KD" (matches all)', { search: 'KD' }, ALL_RECORDS],
      ['a maker’s own, newest first', {}, makerB],
      ['a maker’s own, state = ready', { state: 'ready' }, makerB],
      ['a maker’s own, search name "IYER"', { search: 'iyer' }, makerB],
      ['a maker’s own, one reference', { search: sampleReference }, makerB],
      ['a maker’s own, prefix "KD"', { search: 'KD' }, makerB],
    ];
    console.log(`\n## Queue: first page of ${PAGE}, filtered and sorted, ${RECORDS.toLocaleString('en-IN')} records (goal ≤ 50 ms in main)`);
    console.log('query | app median | app p95 | native median | ratio | matching records');
    for (const [label, filter, scope] of cases) {
      const app: number[] = [];
      const peer: number[] = [];
      let total = 0;
      const { where, params } = recordFilterSql(filter, scope);
      const broad = recordFilterSql(filter, scope, { broadReference: true }); // the app's own choice for many matches
      const nativeCount = native.prepare(`SELECT COUNT(*) AS n FROM records ${where}`);
      const nativeTotal = (nativeCount.get(...params) as { n: number }).n;
      const pageSql = nativeTotal > BROAD_REFERENCE_MATCHES ? broad : { where, params };
      const nativePage = native.prepare(`SELECT id, reference, name, pan_masked, mobile_masked, state, created_at, updated_at, batch_id, message FROM records ${pageSql.where} ${RECORD_ORDER} LIMIT ? OFFSET 0`);
      for (let i = 0; i < RUNS + 3; i++) {
        const took = timeMs(() => (total = repo.list({ ...filter, page: 1, pageSize: PAGE }, scope).total));
        const tookNative = timeMs(() => {
          nativeCount.get(...params);
          nativePage.all(...pageSql.params, PAGE);
        });
        if (i >= 3) {
          app.push(took);
          peer.push(tookNative);
        }
      }
      const a = summarise(app);
      const b = summarise(peer);
      console.log(`${label} | ${ms(a.median)} | ${ms(a.p95)} | ${ms(b.median)} | ${(a.median / b.median).toFixed(1)} | ${total.toLocaleString('en-IN')}${a.median > 50 ? '  GOAL MISSED' : ''}`);
    }
    const counts = summarise(Array.from({ length: RUNS }, () => timeMs(() => repo.countsByState(ALL_RECORDS))));
    console.log(`counts by state (for the state chips) | ${ms(counts.median)} | ${ms(counts.p95)}`);
    const ownCounts = summarise(Array.from({ length: RUNS }, () => timeMs(() => repo.countsByState(makerB))));
    console.log(`a maker’s counts by state | ${ms(ownCounts.median)} | ${ms(ownCounts.p95)}`);
    native.close();
    await store.close();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

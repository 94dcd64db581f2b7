/**
 * Issue 3 goals: durable save of one record — median ≤ 10 ms at 0, 10,000 and 100,000 records —
 * compared with better-sqlite3 (native SQLite, WAL, synchronous=FULL) on the same workload in the
 * same run; and a cold open (decrypt, load, replay) of a 100,000-record store ≤ 1.5 s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { Store } from '../../electron/store/database';
import { MIGRATIONS } from '../../electron/store/migrations';
import { RecordRepository } from '../../electron/records/record-repository';
import { storedSample } from '../support/kyc-records';
import { mulberry32 } from '../../electron/sandbox/shell/faults';
import type { KycRecord } from '../../shared/record/kyc-record';
import { ms, summarise, timeMs, type Summary } from './stats';

/** KYC_DESK_BENCH_STORE_SIZES=100000 measures one size only, when working on one. */
const SIZES = (process.env.KYC_DESK_BENCH_STORE_SIZES ?? '0,10000,100000').split(',').map(Number);
const SAVES = 300;
const SEED_CHUNK = 5_000;
/** Saves made first and not timed, so JIT warm-up is not counted for either side. */
const WARMUP = 30;

/** A whole canonical record (about 2 KB of JSON), validated once: the save is what is timed. */
const SAMPLE = storedSample(1);
const FIRST_NAMES = ['ASHA', 'RAVI', 'SUNITA', 'MOHAMMED', 'PRIYA', 'ARJUN', 'LAKSHMI', 'KARAN', 'FATIMA', 'SURESH', 'DEEPA', 'VIKRAM', 'JOSEPH', 'HARPREET'];
const LAST_NAMES = ['VERMA', 'SHARMA', 'IYER', 'KHAN', 'PATEL', 'REDDY', 'SINGH', 'NAIR', 'DAS', 'GUPTA', 'FERNANDES', 'MENON', 'KAUR', 'BOSE'];
const STREETS = ['MG ROAD', 'STATION ROAD', 'GANDHI NAGAR', 'PARK STREET', 'NEHRU MARG', 'TEMPLE STREET'];

/**
 * Record n, different from its neighbours where real customers differ — names, PAN, mobile, date
 * of birth, address, and image hashes (random, as content hashes are) — so the store holds what a
 * branch's store holds, not one record repeated, which would compress unrealistically well.
 */
function recordFor(n: number): KycRecord {
  const random = mulberry32(n + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
  const hex = () => Array.from({ length: 8 }, () => Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0')).join('');
  return {
    ...SAMPLE,
    firstName: pick(FIRST_NAMES),
    lastName: pick(LAST_NAMES),
    pan: `ABC${pick(['P', 'H', 'C'])}${pick(LAST_NAMES)[0]}${digits(4)}K`,
    aadhaarLast4: digits(4),
    dateOfBirth: `19${50 + Math.floor(random() * 50)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
    permanentAddress: { ...SAMPLE.permanentAddress, line1: `${1 + Math.floor(random() * 400)}, ${pick(STREETS)}`, pinCode: `5600${digits(2)}` },
    contact: { ...SAMPLE.contact, mobile: `9${digits(9)}` },
    images: SAMPLE.images.map((image) => ({ ...image, documentHash: hex(), bytes: 40_000 + Math.floor(random() * 60_000) })),
  };
}
const rowFor = (n: number) => ({ id: `rec_${n}`, reference: `KD${String(n).padStart(12, '0')}`, state: 'ready' as const, record: recordFor(n), now: new Date().toISOString() });

async function appStore(dir: string, size: number): Promise<{ saves: Summary; coldOpenMs: number; firstSaveMs: number; diskBytes: number }> {
  const key = randomBytes(32);
  const { store } = await Store.open(dir, { key });
  const records = new RecordRepository(store);
  for (let start = 0; start < size; start += SEED_CHUNK) {
    store.write(() => {
      for (let n = start; n < Math.min(size, start + SEED_CHUNK); n++) records.insert(rowFor(n));
    });
  }
  await store.compact(); // a seeded store is a snapshot, as after a day's background compaction
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + SAVES; i++) {
    const n = size + i;
    const took = timeMs(() => store.write(() => records.insert(rowFor(n))));
    if (i >= WARMUP) samples.push(took);
  }
  await store.close();
  const start = process.hrtime.bigint();
  const { store: reopened } = await Store.open(dir, { key });
  const coldOpenMs = Number(process.hrtime.bigint() - start) / 1e6;
  const count = Number(reopened.get('SELECT COUNT(*) AS n FROM records')?.n);
  if (count !== size + WARMUP + SAVES) throw new Error(`expected ${size + WARMUP + SAVES} records after reopen, found ${count}`);
  // The first save after opening is where a database file that must grow gets copied whole.
  const reopenedRecords = new RecordRepository(reopened);
  const firstSaveMs = timeMs(() => reopened.write(() => reopenedRecords.insert(rowFor(size + WARMUP + SAVES))));
  await reopened.close();
  const diskBytes = fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
  return { saves: summarise(samples), coldOpenMs, firstSaveMs, diskBytes };
}

function nativeSqlite(file: string, size: number): { saves: Summary; coldOpenMs: number } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  for (const migration of MIGRATIONS) db.exec(migration);
  const insert = db.prepare(
    `INSERT INTO records (id, reference, state, data, name, pan_masked, mobile_masked, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const add = (n: number) => {
    const r = rowFor(n);
    insert.run(r.id, r.reference, r.state, JSON.stringify(r.record), `${r.record.firstName} ${r.record.lastName}`, '••••', '•••', r.now, r.now);
  };
  const seed = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) add(n);
  });
  for (let start = 0; start < size; start += SEED_CHUNK) seed(start, Math.min(size, start + SEED_CHUNK));
  db.pragma('wal_checkpoint(TRUNCATE)');
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + SAVES; i++) {
    const took = timeMs(() => add(size + i)); // autocommit: one durable transaction each
    if (i >= WARMUP) samples.push(took);
  }
  db.close();
  const start = process.hrtime.bigint();
  const reopened = new Database(file);
  const count = (reopened.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
  const coldOpenMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (count !== size + WARMUP + SAVES) throw new Error('native count mismatch');
  reopened.close();
  return { saves: summarise(samples), coldOpenMs };
}

export async function runStoreSaveBench(): Promise<void> {
  console.log('\n## Durable save of one record (encrypted journal) vs better-sqlite3 (WAL, synchronous=FULL)');
  console.log(`${SAVES} saves per size; disk: ${os.tmpdir()}`);
  console.log('records | app median | app p95 | app p99 | app max | native median | native p95 | median ratio | cold open app | first save after open | cold open native | app on disk');
  for (const size of SIZES) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-bench-'));
    try {
      const app = await appStore(path.join(root, 'app'), size);
      const native = nativeSqlite(path.join(root, 'native.sqlite'), size);
      console.log(
        [size, ms(app.saves.median), ms(app.saves.p95), ms(app.saves.p99), ms(app.saves.max), ms(native.saves.median), ms(native.saves.p95),
          (app.saves.median / native.saves.median).toFixed(2), ms(app.coldOpenMs), ms(app.firstSaveMs), ms(native.coldOpenMs), `${(app.diskBytes / 1e6).toFixed(1)} MB`].join(' | '),
      );
      if (app.saves.median > 10) console.log(`  GOAL MISSED: median ${ms(app.saves.median)} > 10 ms at ${size} records`);
      if (size === 100_000 && app.coldOpenMs > 1500) console.log(`  GOAL MISSED: cold open ${ms(app.coldOpenMs)} > 1500 ms`);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
}

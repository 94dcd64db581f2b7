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
import { ms, summarise, timeMs, type Summary } from './stats';

const SIZES = [0, 10_000, 100_000];
const SAVES = 300;
const SEED_CHUNK = 5_000;
/** Saves made first and not timed, so JIT warm-up is not counted for either side. */
const WARMUP = 30;

/** A whole canonical record (about 2 KB of JSON), validated once: the save is what is timed. */
const SAMPLE = storedSample(1);
const rowFor = (n: number) => ({ id: `rec_${n}`, reference: `KD${String(n).padStart(12, '0')}`, state: 'ready' as const, record: { ...SAMPLE, pan: `ABCPV${String(1000 + (n % 9000))}K` }, now: new Date().toISOString() });

async function appStore(dir: string, size: number): Promise<{ saves: Summary; coldOpenMs: number; diskBytes: number }> {
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
  await reopened.close();
  const diskBytes = fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
  return { saves: summarise(samples), coldOpenMs, diskBytes };
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
  console.log('records | app median | app p95 | app p99 | app max | native median | native p95 | median ratio | cold open app | cold open native | app on disk');
  for (const size of SIZES) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-bench-'));
    try {
      const app = await appStore(path.join(root, 'app'), size);
      const native = nativeSqlite(path.join(root, 'native.sqlite'), size);
      console.log(
        [size, ms(app.saves.median), ms(app.saves.p95), ms(app.saves.p99), ms(app.saves.max), ms(native.saves.median), ms(native.saves.p95),
          (app.saves.median / native.saves.median).toFixed(2), ms(app.coldOpenMs), ms(native.coldOpenMs), `${(app.diskBytes / 1e6).toFixed(1)} MB`].join(' | '),
      );
      if (app.saves.median > 10) console.log(`  GOAL MISSED: median ${ms(app.saves.median)} > 10 ms at ${size} records`);
      if (size === 100_000 && app.coldOpenMs > 1500) console.log(`  GOAL MISSED: cold open ${ms(app.coldOpenMs)} > 1500 ms`);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
}

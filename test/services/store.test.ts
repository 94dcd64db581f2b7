import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { MIGRATIONS } from '../../electron/store/migrations';
import { kycRecordSchema } from '../../shared/record/kyc-record';
import { toWireIndividual } from '../../electron/connectors/ckyc-bulk/map-individual';
import { Store } from '../../electron/store/database';
import { writeFileAtomic } from '../../electron/store/atomic-file';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore, testKey } from '../support/test-store';
import { mountTinyDisk } from '../support/tiny-disk';

let temp: ReturnType<typeof makeTempDir>;
let dir: string;
beforeEach(() => {
  temp = makeTempDir();
  dir = path.join(temp.dir, 'store');
});
afterEach(() => temp.remove());

function addNote(store: Store, text: string): void {
  store.write(() => {
    store.run('CREATE TABLE IF NOT EXISTS notes (text TEXT)');
    store.run('INSERT INTO notes VALUES (?)', [text]);
  });
}
const notes = (store: Store) => store.all('SELECT text FROM notes ORDER BY rowid').map((r) => String(r.text));
const files = () => fs.readdirSync(dir).sort();
const journalFile = () => path.join(dir, files().filter((f) => /^store\.journal\.\d+$/.test(f)).at(-1)!);
/** Start offsets of the journal's entries (24-byte header, then length-prefixed entries). */
function entryOffsets(bytes: Buffer): number[] {
  const offsets: number[] = [];
  for (let offset = 24; offset + 4 <= bytes.length; offset += 4 + bytes.readUInt32BE(offset)) offsets.push(offset);
  return offsets;
}
function fingerprintFolder(): Record<string, string> {
  return Object.fromEntries(files().map((f) => [f, createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')]));
}

describe('encrypted store: schema', () => {
  it('creates the schema at the latest version and keeps it across reopen', async () => {
    const { store, notices } = await openTestStore(dir);
    expect(notices).toEqual([]);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    await store.close();
    const { store: reopened } = await openTestStore(dir);
    expect(reopened.schemaVersion).toBe(MIGRATIONS.length);
    const tables = reopened.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);
    expect(tables).toEqual(['agent_sessions', 'audit_log', 'batch_records', 'batches', 'cdp_enrolments', 'documents', 'drafts', 'fetched_people', 'operators', 'record_identifiers', 'records', 'session_verdicts', 'settings', 'unknown_code_failures']);
    await reopened.close();
  });

  it.each(MIGRATIONS.map((_m, version) => version).filter((v) => v > 0))('upgrades a store written at schema version %i, keeping its data', async (version) => {
    const { store: old } = await openTestStore(dir, { migrations: MIGRATIONS.slice(0, version) });
    expect(old.schemaVersion).toBe(version);
    old.write(() =>
      old.run(`INSERT INTO records (id, reference, state, data, name, pan_masked, mobile_masked, created_at, updated_at)
               VALUES ('rec_old', 'KDOLD000000001', 'ready', '{}', 'OLD RECORD', '••••', '•••', '2026-01-01', '2026-01-01')`),
    );
    await old.close();
    const { store } = await openTestStore(dir);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    expect(store.get("SELECT name FROM records WHERE id = 'rec_old'")?.name).toBe('OLD RECORD');
    await store.close();
  });

  it('schema 5 rebuilds a thin-form record as a canonical record the app can read, list and sync', async () => {
    const { store: old } = await openTestStore(dir, { migrations: MIGRATIONS.slice(0, 4) });
    const thin = { firstName: 'ASHA', lastName: 'VERMA', gender: 'F', dateOfBirth: '1990-04-15', pan: 'ABCPV1234K', mobile: '9876543210', addressLine1: '12, MG ROAD', city: 'BENGALURU', state: 'KA', pinCode: '560001' };
    old.write(() =>
      old.run(`INSERT INTO records (id, reference, state, data, name, pan_masked, mobile_masked, created_at, updated_at)
               VALUES ('rec_thin', 'KDTHIN00000001', 'ready', ?, 'ASHA VERMA', '••••••234K', '•••••••210', '2026-11-01T09:30:00.000Z', '2026-11-01T09:30:00.000Z')`, [JSON.stringify(thin)]),
    );
    await old.close();
    const { store } = await openTestStore(dir);
    const record: unknown = JSON.parse(String(store.get("SELECT data FROM records WHERE id = 'rec_thin'")?.data));
    const parsed = kycRecordSchema.parse(record);
    expect(parsed).toMatchObject({
      applicationType: '01',
      firstName: 'ASHA',
      lastName: 'VERMA',
      gender: 'F',
      dateOfBirth: '1990-04-15',
      pan: 'ABCPV1234K',
      form60: false,
      contact: { mobileIsd: '91', mobile: '9876543210', email: '' },
      permanentAddress: { line1: '12, MG ROAD', cityOrVtc: 'BENGALURU', state: 'KA', pinCode: '560001', country: 'IN' },
      correspondenceAddress: { sameAsPermanent: true },
      declaration: { date: '2026-11-01' },
      images: [],
    });
    expect(toWireIndividual('KDTHIN00000001', parsed)).toMatchObject({ pan: 'ABCPV1234K', mobile_number: '9876543210', correspondence_same_as_permanent: 'Y' });
    await store.close();
  });

  it('refuses a data folder written by a newer version instead of damaging it', async () => {
    const { store } = await openTestStore(dir);
    store.write(() => store.run(`PRAGMA user_version = ${MIGRATIONS.length + 5}`));
    await store.close();
    await expect(openTestStore(dir)).rejects.toThrow(/newer version of KYC Desk/);
  });
});

describe('encrypted store: durability', () => {
  it('a save is in the journal on disk when write returns: a second reader sees it', async () => {
    const { store } = await openTestStore(dir);
    addNote(store, 'first');
    const { store: other } = await openTestStore(dir);
    expect(notes(other)).toEqual(['first']);
    await other.close();
    await store.close();
  });

  it('nothing readable is on disk: no table name, no value in clear', async () => {
    const { store } = await openTestStore(dir);
    addNote(store, 'SECRET-CUSTOMER-VALUE');
    await store.compact();
    addNote(store, 'ANOTHER-SECRET');
    for (const file of files()) {
      const bytes = fs.readFileSync(path.join(dir, file));
      for (const needle of ['SECRET-CUSTOMER-VALUE', 'ANOTHER-SECRET', 'CREATE TABLE', 'SQLite format']) expect(bytes.includes(needle)).toBe(false);
    }
    await store.close();
  });

  it('rolls back a change that throws and writes nothing', async () => {
    const { store } = await openTestStore(dir);
    addNote(store, 'kept');
    const before = fs.readFileSync(journalFile());
    expect(() =>
      store.write(() => {
        store.run('INSERT INTO notes VALUES (?)', ['lost']);
        throw new Error('validation failed half-way');
      }),
    ).toThrow('half-way');
    expect(notes(store)).toEqual(['kept']);
    expect(fs.readFileSync(journalFile()).equals(before)).toBe(true);
    await store.close();
  });

  it('refuses a change made outside a write, which would never reach the disk', async () => {
    const { store } = await openTestStore(dir);
    expect(() => store.run('CREATE TABLE stray (x)')).toThrow(/inside Store.write/);
    await store.close();
  });

  it('compacts into snapshots in the background, keeps two generations, and loses nothing', async () => {
    const { store } = await openTestStore(dir, { compactAfterBytes: 2048 });
    for (let i = 0; i < 200; i++) addNote(store, `note ${i}`);
    await store.settle();
    const snapshots = files().filter((f) => f.startsWith('store.snapshot.'));
    expect(snapshots.length).toBeGreaterThanOrEqual(1);
    expect(snapshots.length).toBeLessThanOrEqual(2);
    expect(files().filter((f) => f.startsWith('store.journal.')).length).toBeLessThanOrEqual(2);
    await store.close();
    const { store: reopened, notices } = await openTestStore(dir);
    expect(notices).toEqual([]);
    expect(notes(reopened)).toHaveLength(200);
    expect(notes(reopened).at(-1)).toBe('note 199');
    await reopened.close();
  });
});

describe('encrypted store: damage is detected, explained, and never overwritten', () => {
  it('cuts an unfinished last write (torn tail) silently: it was never acknowledged', async () => {
    const { store } = await openTestStore(dir);
    addNote(store, 'a');
    addNote(store, 'b');
    await store.close();
    fs.appendFileSync(journalFile(), Buffer.from([0, 0, 1, 0, 7, 7, 7])); // a length, then the power went
    const { store: reopened, notices } = await openTestStore(dir);
    expect(notes(reopened)).toEqual(['a', 'b']);
    expect(notices).toEqual([]);
    addNote(reopened, 'c'); // the journal goes on from the intact part
    await reopened.close();
    expect(notes((await openTestStore(dir)).store)).toEqual(['a', 'b', 'c']);
  });

  it('a journal truncated inside its last entry keeps every entry before it', async () => {
    const { store } = await openTestStore(dir);
    for (const text of ['a', 'b', 'c']) addNote(store, text);
    await store.close();
    const size = fs.statSync(journalFile()).size;
    fs.truncateSync(journalFile(), size - 10);
    const { store: reopened } = await openTestStore(dir);
    expect(notes(reopened)).toEqual(['a', 'b']);
    await reopened.close();
  });

  it('a flipped byte inside the journal is detected, reported, and the damaged file kept aside', async () => {
    const { store } = await openTestStore(dir);
    for (const text of ['a', 'b', 'c', 'd']) addNote(store, text);
    await store.close();
    const file = journalFile();
    const bytes = fs.readFileSync(file);
    const original = Buffer.from(bytes);
    const entries = entryOffsets(bytes);
    // Entries: one per schema migration, then a, b, c, d. Damage c, which has d after it.
    const c = MIGRATIONS.length + 2;
    expect(entries).toHaveLength(MIGRATIONS.length + 4);
    bytes[entries[c]! + 20]! ^= 0x01;
    fs.writeFileSync(file, bytes);
    const { store: reopened, notices } = await openTestStore(dir);
    expect(notices.join(' ')).toMatch(new RegExp(`damaged .*entry ${c + 1} failed authentication`));
    expect(notes(reopened)).toEqual(['a', 'b']); // the intact prefix, never garbage
    const aside = files().find((f) => f.includes('.damaged-'));
    expect(aside).toBeDefined();
    const asideBytes = fs.readFileSync(path.join(dir, aside!));
    expect(asideBytes.equals(original)).toBe(false);
    expect(asideBytes.length).toBe(original.length); // the tampered file, whole, for IT
    await reopened.close();
  });

  it('a damaged snapshot is set aside and the previous generation plus journals restore everything', async () => {
    const { store } = await openTestStore(dir);
    addNote(store, 'one');
    await store.compact();
    addNote(store, 'two');
    await store.compact();
    addNote(store, 'three');
    await store.close();
    const snapshots = files().filter((f) => /^store\.snapshot\.\d+$/.test(f));
    expect(snapshots.length).toBe(2);
    const newest = path.join(dir, snapshots.sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop())).at(-1)!);
    const bytes = fs.readFileSync(newest);
    bytes[bytes.length - 5]! ^= 0xff;
    fs.writeFileSync(newest, bytes);
    const { store: reopened, notices } = await openTestStore(dir);
    expect(notices.join(' ')).toMatch(/could not be read .*failed authentication/);
    expect(notes(reopened)).toEqual(['one', 'two', 'three']);
    expect(files().some((f) => f.startsWith(path.basename(newest) + '.damaged-'))).toBe(true);
    await reopened.close();
  });

  it('the wrong key (a folder from another PC) is refused and nothing is touched', async () => {
    const { store } = await openTestStore(dir, { compactAfterBytes: 1 });
    addNote(store, 'belongs to PC one');
    await store.close();
    const before = fingerprintFolder();
    await expect(Store.open(dir, { key: testKey('another PC') })).rejects.toThrow(/different key .* copied from another PC/);
    expect(fingerprintFolder()).toEqual(before);
  });

  it('a snapshot that is not ours at all is set aside, not read', async () => {
    fs.mkdirSync(dir, { recursive: true });
    writeFileAtomic(path.join(dir, 'store.snapshot.3'), Buffer.from('this is not a snapshot, it is a torn write'));
    const { store, notices } = await openTestStore(dir);
    expect(notices.join(' ')).toMatch(/not a KYC Desk snapshot/);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    await store.close();
  });
});

describe('encrypted store: a full disk', () => {
  it('refuses the save with a clear message, keeps memory and disk in step, and works again once space is freed', async () => {
    const disk = mountTinyDisk(2 * 1024 * 1024);
    try {
      const storeDir = path.join(disk.dir, 'store');
      const { store } = await openTestStore(storeDir, { compactAfterBytes: 1 << 30 });
      addNote(store, 'saved before the disk filled');
      disk.fill(64);
      let failure: unknown;
      try {
        addNote(store, 'x'.repeat(8192));
      } catch (error) {
        failure = error;
      }
      expect(failure).toBeInstanceOf(AppFailure);
      expect((failure as AppFailure).code).toBe('STORAGE_FULL');
      expect((failure as AppFailure).message).toMatch(/disk is full.*nothing already saved was lost/i);
      expect(notes(store)).toEqual(['saved before the disk filled']);
      disk.unfill();
      addNote(store, 'after space freed');
      await store.close();
      const { store: reopened, notices } = await openTestStore(storeDir);
      expect(notices).toEqual([]);
      expect(notes(reopened)).toEqual(['saved before the disk filled', 'after space freed']);
      await reopened.close();
    } finally {
      disk.unmount();
    }
  });
});

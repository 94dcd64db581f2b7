import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { MIGRATIONS } from '../../electron/store/migrations';
import { Store } from '../../electron/store/database';
import { writeFileAtomic } from '../../electron/store/atomic-file';
import { makeTempDir } from '../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  temp = makeTempDir();
  file = path.join(temp.dir, 'store', 'kyc-desk.sqlite');
});
afterEach(() => temp.remove());

function insertNote(store: Store, text: string): void {
  store.write(() => {
    store.run('CREATE TABLE IF NOT EXISTS notes (text TEXT)');
    store.run('INSERT INTO notes VALUES (?)', [text]);
  });
}

describe('Store', () => {
  it('creates the schema at the latest version and keeps it across reopen', async () => {
    const { store, notices } = await Store.open(file);
    expect(notices).toEqual([]);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    store.close();
    const reopened = (await Store.open(file)).store;
    expect(reopened.schemaVersion).toBe(MIGRATIONS.length);
    expect(reopened.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name)).toEqual(['batches', 'records']);
    reopened.close();
  });

  it('makes a write durable before returning: a second process reading the file sees it', async () => {
    const { store } = await Store.open(file);
    insertNote(store, 'first');
    // Read the bytes on disk with a separate database, not the in-memory copy.
    const other = (await Store.open(file)).store;
    expect(other.all('SELECT text FROM notes').map((r) => r.text)).toEqual(['first']);
    other.close();
    store.close();
  });

  it('rolls back a change that throws and writes nothing', async () => {
    const { store } = await Store.open(file);
    insertNote(store, 'kept');
    const before = fs.readFileSync(file);
    expect(() =>
      store.write(() => {
        store.run('INSERT INTO notes VALUES (?)', ['lost']);
        throw new Error('validation failed half-way');
      }),
    ).toThrow('half-way');
    expect(store.all('SELECT text FROM notes').map((r) => r.text)).toEqual(['kept']);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    store.close();
  });

  it('on a full disk refuses the save with a clear error and keeps the last good file and memory in step', async () => {
    const { store } = await Store.open(file);
    insertNote(store, 'saved before the disk filled');
    const before = fs.readFileSync(file);
    // The temp file the writer opens now leads to /dev/full: every write fails with ENOSPC.
    fs.symlinkSync('/dev/full', `${file}.tmp`);
    let failure: unknown;
    try {
      insertNote(store, 'written while full');
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).code).toBe('STORAGE_FULL');
    expect((failure as AppFailure).message).toMatch(/disk is full/i);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
    // Memory was reloaded from disk: it does not claim the refused row.
    expect(store.all('SELECT text FROM notes').map((r) => r.text)).toEqual(['saved before the disk filled']);
    // And once space is back, saving works again.
    insertNote(store, 'after space freed');
    expect(store.all('SELECT text FROM notes').map((r) => r.text)).toEqual(['saved before the disk filled', 'after space freed']);
    store.close();
  });

  it('sets a damaged database file aside, never overwriting it, and says so', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'this is not a database, it is a torn write');
    const { store, notices } = await Store.open(file, () => new Date('2026-11-22T10:00:00Z'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/could not be read and was set aside/);
    const aside = fs.readdirSync(path.dirname(file)).find((name) => name.includes('.damaged-'));
    expect(aside).toBeDefined();
    expect(fs.readFileSync(path.join(path.dirname(file), aside!), 'utf8')).toBe('this is not a database, it is a torn write');
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    store.close();
  });

  it('refuses a data folder written by a newer version instead of damaging it', async () => {
    const { store } = await Store.open(file);
    store.write(() => store.run(`PRAGMA user_version = ${MIGRATIONS.length + 5}`));
    store.close();
    await expect(Store.open(file)).rejects.toThrow(/newer version of KYC Desk/);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the whole file and leaves no temp file behind', () => {
    const target = path.join(temp.dir, 'a.bin');
    fs.writeFileSync(target, 'old');
    writeFileAtomic(target, Buffer.from('new content'));
    expect(fs.readFileSync(target, 'utf8')).toBe('new content');
    expect(fs.readdirSync(temp.dir)).toEqual(['a.bin']);
  });

  it('leaves the previous file untouched when the write fails', () => {
    const target = path.join(temp.dir, 'b.bin');
    fs.writeFileSync(target, 'previous good');
    fs.symlinkSync('/dev/full', `${target}.tmp`);
    expect(() => writeFileAtomic(target, Buffer.alloc(64 * 1024, 1))).toThrow(/ENOSPC/);
    expect(fs.readFileSync(target, 'utf8')).toBe('previous good');
  });
});

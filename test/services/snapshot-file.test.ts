import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PIECE_BYTES, readSnapshot, writeSnapshot } from '../../electron/store/snapshot-file';
import { keyTag, seal } from '../../electron/store/sealed';
import { Store } from '../../electron/store/database';
import { makeTempDir } from '../support/temp-dir';
import { testKey } from '../support/test-store';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
const key = testKey('snapshot');
beforeEach(() => {
  temp = makeTempDir();
  file = path.join(temp.dir, 'store.snapshot.7');
});
afterEach(() => temp.remove());

/** A database image of three and a half pieces: text that deflates, and random bytes that do not. */
function databaseImage(): Buffer {
  const text = Buffer.from('{"firstName":"ASHA","lastName":"VERMA","pan":"ABCPV1234K"}'.repeat(Math.ceil((2 * PIECE_BYTES) / 58)));
  return Buffer.concat([text.subarray(0, 2 * PIECE_BYTES), randomBytes(PIECE_BYTES + PIECE_BYTES / 2)]);
}

/** Offsets of the pieces after the 40-byte header: each a u32 length then the sealed bytes. */
function pieceOffsets(bytes: Buffer): number[] {
  const offsets: number[] = [];
  for (let at = 40; at + 4 <= bytes.length; at += 4 + bytes.readUInt32BE(at)) offsets.push(at);
  return offsets;
}

describe('snapshot file, format 2 (deflated pieces, each sealed)', () => {
  it('reads back exactly what was written, and is smaller on disk when the database is text', async () => {
    const image = databaseImage();
    await writeSnapshot(file, 7, key, image);
    const read = readSnapshot(file, key);
    expect(read.kind).toBe('ok');
    if (read.kind !== 'ok') return;
    expect(read.generation).toBe(7);
    expect(read.bytes.equals(image)).toBe(true);
    expect(pieceOffsets(fs.readFileSync(file))).toHaveLength(4);
    expect(fs.statSync(file).size).toBeLessThan(image.length * 0.5);
  });

  it('reads back an empty database and one of exactly one piece', async () => {
    for (const image of [Buffer.alloc(0), randomBytes(PIECE_BYTES)]) {
      await writeSnapshot(file, 1, key, image);
      const read = readSnapshot(file, key);
      expect(read.kind === 'ok' && read.bytes.equals(image)).toBe(true);
    }
  });

  it('tells the wrong key from damage, and reads nothing with it', async () => {
    await writeSnapshot(file, 7, key, databaseImage());
    expect(readSnapshot(file, testKey('another PC')).kind).toBe('wrong-key');
  });

  const damage: [string, (bytes: Buffer) => Buffer, RegExp][] = [
    ['a flipped byte in a piece', (b) => { const offsets = pieceOffsets(b); b[offsets[1]! + 100]! ^= 0x01; return b; }, /piece 2 of 4 failed authentication/],
    ['a changed piece count in the header', (b) => { b.writeUInt32BE(3, 32); return b; }, /piece 1 of 3 failed authentication/],
    ['a last piece cut off', (b) => b.subarray(0, pieceOffsets(b)[3]!), /piece 4 of 4 is missing/],
    ['a file cut inside a piece', (b) => b.subarray(0, b.length - 10), /cut short inside piece 4 of 4/],
    ['bytes after the last piece', (b) => Buffer.concat([b, Buffer.from('extra')]), /bytes after its last piece/],
    ['two pieces swapped', (b) => {
      const o = pieceOffsets(b);
      return Buffer.concat([b.subarray(0, o[0]!), b.subarray(o[1]!, o[2]!), b.subarray(o[0]!, o[1]!), b.subarray(o[2]!)]);
    }, /piece 1 of 4 failed authentication/],
  ];
  for (const [what, change, reason] of damage) {
    it(`detects ${what}`, async () => {
      await writeSnapshot(file, 7, key, databaseImage());
      fs.writeFileSync(file, change(fs.readFileSync(file)));
      const read = readSnapshot(file, key);
      expect(read.kind).toBe('damaged');
      expect(read.kind === 'damaged' && read.reason).toMatch(reason);
    });
  }

  it('refuses a piece moved in from another snapshot of the same generation', async () => {
    const other = path.join(temp.dir, 'other');
    await writeSnapshot(file, 7, key, databaseImage());
    await writeSnapshot(other, 7, key, databaseImage());
    const mine = fs.readFileSync(file);
    const theirs = fs.readFileSync(other);
    const [m, t] = [pieceOffsets(mine), pieceOffsets(theirs)];
    fs.writeFileSync(file, Buffer.concat([mine.subarray(0, m[2]!), theirs.subarray(t[2]!, t[3]!), mine.subarray(m[3]!)]));
    const read = readSnapshot(file, key);
    expect(read.kind === 'damaged' && read.reason).toMatch(/piece 3 of 4 failed authentication/);
  });
});

describe('snapshot file, format 1 (the database sealed whole), as stores before format 2 wrote it', () => {
  function writeFormat1(generation: number, image: Buffer): void {
    const header = Buffer.alloc(24);
    Buffer.from('KYCDSNAP').copy(header, 0);
    header.writeUInt8(1, 8);
    header.writeUInt32BE(generation, 12);
    keyTag(key).copy(header, 16);
    fs.writeFileSync(file, Buffer.concat([header, seal(key, image, header)]));
  }

  it('is still read', () => {
    const image = databaseImage();
    writeFormat1(3, image);
    const read = readSnapshot(file, key);
    expect(read.kind === 'ok' && read.generation === 3 && read.bytes.equals(image)).toBe(true);
  });

  it('still has a flipped byte detected', () => {
    writeFormat1(3, databaseImage());
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 40]! ^= 0x80;
    fs.writeFileSync(file, bytes);
    expect(readSnapshot(file, key)).toEqual({ kind: 'damaged', reason: 'failed authentication (changed or cut short)' });
  });

  it('a store whose newest snapshot is format 1 opens with all its rows, and its next snapshot is format 2', async () => {
    const dir = path.join(temp.dir, 'store');
    const { store } = await Store.open(dir, { key });
    store.write(() => {
      store.run('CREATE TABLE notes (text TEXT)');
      store.run('INSERT INTO notes VALUES (?)', ['kept from format 1']);
    });
    await store.compact();
    await store.close();
    const newest = fs.readdirSync(dir).filter((f) => /^store\.snapshot\.\d+$/.test(f)).sort().at(-1)!;
    const read = readSnapshot(path.join(dir, newest), key);
    if (read.kind !== 'ok') throw new Error('snapshot must read');
    file = path.join(dir, newest);
    writeFormat1(read.generation, read.bytes);
    const { store: reopened, notices } = await Store.open(dir, { key });
    expect(notices).toEqual([]);
    expect(reopened.all('SELECT text FROM notes').map((r) => r.text)).toEqual(['kept from format 1']);
    await reopened.compact();
    await reopened.close();
    const next = fs.readdirSync(dir).filter((f) => /^store\.snapshot\.\d+$/.test(f)).sort().at(-1)!;
    expect(fs.readFileSync(path.join(dir, next)).readUInt8(8)).toBe(2);
  });
});

describe('store snapshots keep free pages', () => {
  it('a snapshot holds an eighth of its pages free, so saves after a cold open do not grow the file', async () => {
    const dir = path.join(temp.dir, 'store');
    const { store } = await Store.open(dir, { key });
    store.write(() => {
      store.run('CREATE TABLE notes (text TEXT)');
      for (let i = 0; i < 3000; i++) store.run('INSERT INTO notes VALUES (?)', [`note ${i} `.repeat(20)]);
    });
    await store.compact();
    await store.close();
    const { store: reopened } = await Store.open(dir, { key });
    const pragma = (name: string) => Number(reopened.get(`PRAGMA ${name}`)?.[name]);
    expect(pragma('freelist_count')).toBeGreaterThanOrEqual(Math.floor(pragma('page_count') / 8));
    expect(reopened.all('SELECT count(*) AS n FROM notes')[0]?.n).toBe(3000);
    expect(reopened.all("SELECT name FROM sqlite_master WHERE name = 'store_slack'")).toEqual([]);
    await reopened.close();
  });
});

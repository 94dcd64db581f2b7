import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyTag } from '../../electron/store/sealed';
import { decodeHeader, encodeHeader, placeAad, type HeaderLayout } from '../../electron/store/sealed-header';
import { JournalWriter } from '../../electron/store/journal-file';
import { PIECE_BYTES as SNAPSHOT_PIECE_BYTES, writeSnapshot } from '../../electron/store/snapshot-file';
import { Outbox, PIECE_BYTES as OUTBOX_PIECE_BYTES } from '../../electron/sync/outbox';

const key = randomBytes(32);
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-sealed-header-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The headers as the formats document them, written out by hand, field by field. */
function expected(magic: string, format: number, parts: readonly Buffer[]): Buffer {
  return Buffer.concat([Buffer.from(magic, 'latin1'), Buffer.from([format, 0, 0, 0]), ...parts]);
}
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n, 0);
  return b;
};

describe('the sealed-file header on disk is byte for byte what each format documents', () => {
  it('journal: magic KYCDJRNL | 1 | reserved | generation | key tag', () => {
    const file = path.join(dir, 'store.journal.7');
    JournalWriter.create(file, 7, key).close();
    expect(fs.readFileSync(file)).toEqual(expected('KYCDJRNL', 1, [u32(7), keyTag(key)]));
  });

  it('snapshot format 2: magic KYCDSNAP | 2 | reserved | generation | key tag | id | piece count | piece size', async () => {
    const file = path.join(dir, 'store.snapshot.3');
    await writeSnapshot(file, 3, key, Buffer.alloc(SNAPSHOT_PIECE_BYTES + 10, 1));
    const header = fs.readFileSync(file).subarray(0, 40);
    const id = header.subarray(24, 32);
    expect(header).toEqual(expected('KYCDSNAP', 2, [u32(3), keyTag(key), id, u32(2), u32(SNAPSHOT_PIECE_BYTES)]));
  });

  it('outbox: magic KYCDOUTB | 1 | reserved | key tag | file id | piece size', () => {
    const outbox = new Outbox(path.join(dir, 'outbox'), key);
    outbox.write('B1', (write) => write(Buffer.from('zip')));
    const header = fs.readFileSync(path.join(dir, 'outbox', 'B1.zip.sealed')).subarray(0, 32);
    const id = header.subarray(20, 28);
    expect(header).toEqual(expected('KYCDOUTB', 1, [keyTag(key), id, u32(OUTBOX_PIECE_BYTES)]));
  });

  it('every header gets a fresh random id', () => {
    const layout: HeaderLayout = { magic: 'KYCDTEST', format: 1, fields: [['id', 'id']] };
    expect(encodeHeader(layout, key, {})).not.toEqual(encodeHeader(layout, key, {}));
  });
});

describe('reading a sealed-file header', () => {
  const ONE: HeaderLayout = { magic: 'KYCDTEST', format: 1, fields: [['generation', 'u32'], ['keyTag', 'keyTag']] };
  const TWO: HeaderLayout = { magic: 'KYCDTEST', format: 2, fields: [['generation', 'u32'], ['keyTag', 'keyTag'], ['count', 'u32']] };

  it('reads back the fields and the exact header bytes, after which the body starts', () => {
    const header = encodeHeader(TWO, key, { generation: 9, count: 4 });
    const read = decodeHeader(Buffer.concat([header, Buffer.from('body')]), key, [ONE, TWO]);
    expect(read).toEqual({ kind: 'ok', layout: TWO, header, values: { generation: 9, count: 4 } });
  });

  it('tells another kind of file, an unknown format, another key and a cut-short header apart', () => {
    const two = encodeHeader(TWO, key, { generation: 1, count: 1 });
    expect(decodeHeader(Buffer.from('KYCDOTHR-and-more-bytes-than-that'), key, [ONE, TWO])).toEqual({ kind: 'foreign' });
    expect(decodeHeader(two.subarray(0, 23), key, [ONE, TWO])).toEqual({ kind: 'foreign' });
    const future = Buffer.from(two);
    future.writeUInt8(3, 8);
    expect(decodeHeader(future, key, [ONE, TWO])).toEqual({ kind: 'unknown-format', format: 3 });
    expect(decodeHeader(two, randomBytes(32), [ONE, TWO])).toEqual({ kind: 'wrong-key' });
    // Long enough for format 1, the key matches, but format 2's header goes on for 4 more bytes.
    expect(decodeHeader(two.subarray(0, 26), key, [ONE, TWO])).toEqual({ kind: 'short' });
  });

  it('binds a part to its owner, its type and its place', () => {
    const owner = Buffer.from('HEAD');
    expect(placeAad(owner, 258)).toEqual(Buffer.from([0x48, 0x45, 0x41, 0x44, 0, 0, 1, 2]));
    expect(placeAad(owner, 258, 0x50)).toEqual(Buffer.from([0x48, 0x45, 0x41, 0x44, 0x50, 0, 0, 1, 2]));
  });
});

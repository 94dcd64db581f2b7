import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import AdmZip from 'adm-zip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KycImage, KycRecord } from '../../shared/record/kyc-record';
import type { BatchRecord } from '../../electron/connectors/ckyc-bulk/batch-csv';
import { buildBatchZip } from '../../electron/connectors/ckyc-bulk/batch-zip';
import { Outbox, OutboxError, PIECE_BYTES } from '../../electron/sync/outbox';
import { NONCE_BYTES, TAG_BYTES } from '../../electron/store/sealed';
import { sampleBatchHeader, storedSample } from '../support/kyc-records';
import { makeTempDir } from '../support/temp-dir';
import { testKey } from '../support/test-store';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const MARKER = Buffer.from('PAN=ABCPE1234F customer photo marker');

let temp: ReturnType<typeof makeTempDir>;
let dir: string;
let key: Buffer;
beforeEach(() => {
  temp = makeTempDir('kyc-desk-outbox-');
  dir = path.join(temp.dir, 'outbox');
  key = testKey(temp.dir);
});
afterEach(() => temp.remove());

/** 3.5 MiB of random bytes with the marker near the start and across the first piece boundary. */
function payload(): Buffer {
  const bytes = randomBytes(3.5 * 1024 * 1024);
  MARKER.copy(bytes, 100);
  MARKER.copy(bytes, PIECE_BYTES - 10);
  return bytes;
}

/** Write `bytes` in uneven chunks, as the ZIP writer does. */
function writeIn(outbox: Outbox, name: string, bytes: Buffer) {
  return outbox.write(name, (write) => {
    for (let at = 0, step = 1; at < bytes.length; at += step, step = (step * 7919) % 300_000 + 1) write(bytes.subarray(at, Math.min(bytes.length, at + step)));
    return 'done';
  });
}

/** Everything the stream yields before it ends or errors. */
async function drain(stream: Readable): Promise<{ bytes: Buffer; error: Error | null }> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { bytes: Buffer.concat(chunks), error: null };
  } catch (error) {
    return { bytes: Buffer.concat(chunks), error: error as Error };
  }
}

const fileOf = (name: string) => path.join(dir, `${name}.zip.sealed`);
const HEADER = 32;
const FRAME = 5;
const SEALED_PIECE = NONCE_BYTES + PIECE_BYTES + TAG_BYTES;
/** Where piece `i` (0-based, full pieces before it) starts in the file. */
const pieceAt = (i: number) => HEADER + i * (FRAME + SEALED_PIECE);

describe('the sealed outbox', () => {
  it('round-trips a multi-piece ZIP, piece by piece, and keeps no plaintext on disk', async () => {
    const outbox = new Outbox(dir, key);
    const bytes = payload();
    const { result, entry } = writeIn(outbox, 'KYCDESK_20261122_0001', bytes);
    expect(result).toBe('done');
    expect(entry).toEqual({ bytes: bytes.length, sha256: sha(bytes) });
    expect(outbox.entry('KYCDESK_20261122_0001')).toEqual(entry);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(fileOf('KYCDESK_20261122_0001')).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['KYCDESK_20261122_0001.zip.sealed']);

    const onDisk = fs.readFileSync(fileOf('KYCDESK_20261122_0001'));
    expect(onDisk.indexOf(MARKER)).toBe(-1);
    expect(onDisk.indexOf(bytes.subarray(4096, 4096 + 64))).toBe(-1);
    // Four pieces (1 + 1 + 1 + 0.5 MiB), each with its frame and seal, the header and the trailer.
    expect(onDisk.length).toBe(HEADER + 4 * (FRAME + NONCE_BYTES + TAG_BYTES) + bytes.length + FRAME + NONCE_BYTES + 44 + TAG_BYTES);

    const stream = outbox.open('KYCDESK_20261122_0001');
    const sizes: number[] = [];
    stream.on('data', (chunk: Buffer) => sizes.push(chunk.length));
    const read = await drain(stream);
    expect(read.error).toBeNull();
    expect(read.bytes.equals(bytes)).toBe(true);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PIECE_BYTES);
  });

  it('round-trips an empty file and one of exactly one piece', async () => {
    const outbox = new Outbox(dir, key);
    expect(outbox.write('empty', () => undefined).entry).toEqual({ bytes: 0, sha256: sha(Buffer.alloc(0)) });
    expect((await drain(outbox.open('empty'))).bytes.length).toBe(0);
    const one = randomBytes(PIECE_BYTES);
    outbox.write('one', (write) => write(one));
    const read = await drain(outbox.open('one'));
    expect(read.error).toBeNull();
    expect(read.bytes.equals(one)).toBe(true);
  });

  it('refuses another key with a clear error, from entry and from the stream', async () => {
    new Outbox(dir, key).write('b1', (write) => write(payload()));
    const other = new Outbox(dir, testKey('another PC'));
    expect(() => other.entry('b1')).toThrow(/sealed with another key/);
    const read = await drain(other.open('b1'));
    expect(read.bytes.length).toBe(0);
    expect(read.error).toBeInstanceOf(OutboxError);
    expect((read.error as OutboxError).problem).toBe('wrong_key');
    expect(read.error!.message).toMatch(/b1 was sealed with another key/);
  });

  describe('a damaged file makes the stream error, never yielding the damaged piece', () => {
    const bytes = payload();
    let outbox: Outbox;
    let file: string;
    beforeEach(() => {
      outbox = new Outbox(dir, key);
      outbox.write('b2', (write) => write(bytes));
      file = fileOf('b2');
    });

    async function expectDamaged(goodPieces: number, message: RegExp) {
      const read = await drain(outbox.open('b2'));
      expect(read.error).toBeInstanceOf(OutboxError);
      expect((read.error as OutboxError).problem).toBe('damaged');
      expect(read.error!.message).toMatch(message);
      expect(read.error!.message).toMatch(/^The sealed batch file b2 is damaged: /);
      // Only the authentic pieces before the damage came out, and they are the real bytes.
      expect(read.bytes.length).toBe(goodPieces * PIECE_BYTES);
      expect(read.bytes.equals(bytes.subarray(0, goodPieces * PIECE_BYTES))).toBe(true);
    }

    it('a flipped byte inside piece 2', async () => {
      const data = fs.readFileSync(file);
      data[pieceAt(1) + FRAME + NONCE_BYTES + 1000]! ^= 0x01;
      fs.writeFileSync(file, data);
      await expectDamaged(1, /piece 2 failed authentication/);
    });

    it('a flipped byte in the header', async () => {
      const data = fs.readFileSync(file);
      data[25]! ^= 0x80; // inside the file id
      fs.writeFileSync(file, data);
      await expectDamaged(0, /piece 1 failed authentication/);
      expect(() => outbox.entry('b2')).toThrow(/trailer failed authentication/);
    });

    it('cut short at a piece boundary (the last piece and the trailer gone)', async () => {
      fs.truncateSync(file, pieceAt(3));
      await expectDamaged(3, /cut short after piece 3 \(its trailer is missing\)/);
      expect(() => outbox.entry('b2')).toThrow(OutboxError);
    });

    it('the last piece removed, the trailer kept', async () => {
      const data = fs.readFileSync(file);
      const trailer = data.subarray(data.length - (FRAME + NONCE_BYTES + 44 + TAG_BYTES));
      fs.writeFileSync(file, Buffer.concat([data.subarray(0, pieceAt(3)), trailer]));
      await expectDamaged(3, /its trailer closes 4 pieces, but 3 came before it/);
    });

    it('cut short inside a piece', async () => {
      fs.truncateSync(file, pieceAt(2) + 5000);
      await expectDamaged(2, /cut short inside piece 3/);
    });

    it('two pieces swapped', async () => {
      const data = fs.readFileSync(file);
      const one = data.subarray(pieceAt(0), pieceAt(1));
      const two = data.subarray(pieceAt(1), pieceAt(2));
      fs.writeFileSync(file, Buffer.concat([data.subarray(0, HEADER), two, one, data.subarray(pieceAt(2))]));
      await expectDamaged(0, /piece 1 failed authentication/);
    });

    it('a piece moved in from another file of the same key', async () => {
      outbox.write('b3', (write) => write(bytes));
      const other = fs.readFileSync(fileOf('b3'));
      const data = fs.readFileSync(file);
      fs.writeFileSync(file, Buffer.concat([data.subarray(0, pieceAt(1)), other.subarray(pieceAt(1), pieceAt(2)), data.subarray(pieceAt(2))]));
      await expectDamaged(1, /piece 2 failed authentication/);
    });

    it('bytes added after the trailer', async () => {
      fs.appendFileSync(file, Buffer.from([0]));
      const read = await drain(outbox.open('b2'));
      expect(read.error?.message).toMatch(/bytes after its trailer/);
    });
  });

  it('leaves nothing behind when produce throws, and keeps an older file of that name', async () => {
    const outbox = new Outbox(dir, key);
    expect(() =>
      outbox.write('b4', (write) => {
        write(randomBytes(2 * PIECE_BYTES + 10));
        throw new Error('This document is no longer on this PC.');
      }),
    ).toThrow('no longer on this PC');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(outbox.names()).toEqual([]);
    expect(outbox.entry('b4')).toBeNull();

    const old = randomBytes(1000);
    outbox.write('b4', (write) => write(old));
    let kept: ((chunk: Uint8Array) => void) | undefined;
    expect(() =>
      outbox.write('b4', (write) => {
        kept = write;
        write(randomBytes(10));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(fs.readdirSync(dir)).toEqual(['b4.zip.sealed']);
    expect((await drain(outbox.open('b4'))).bytes.equals(old)).toBe(true);
    // A write kept past the end goes nowhere.
    expect(() => kept!(Buffer.from('late'))).toThrow(/after it was finished/);
    // An async producer is refused (it would finish the file before its last chunk).
    expect(() => outbox.write('b5', async () => undefined)).toThrow(/synchronous producer/);
    expect(outbox.names()).toEqual(['b4']);
  });

  it('removes, lists, and checks names', async () => {
    const outbox = new Outbox(dir, key);
    expect(outbox.names()).toEqual([]); // no folder yet
    outbox.remove('nothing-here'); // no error
    for (const name of ['KD_B', 'KD_A', 'KD.C-1']) outbox.write(name, (write) => write(Buffer.from(name)));
    fs.writeFileSync(path.join(dir, 'KD_D.zip.sealed.tmp'), 'left by a crash');
    expect(outbox.names()).toEqual(['KD.C-1', 'KD_A', 'KD_B']);
    outbox.remove('KD_A');
    outbox.remove('KD_A');
    expect(outbox.names()).toEqual(['KD.C-1', 'KD_B']);
    expect(outbox.entry('KD_A')).toBeNull();
    const read = await drain(outbox.open('KD_A'));
    expect((read.error as OutboxError).problem).toBe('missing');
    for (const bad of ['../x', 'a/b', '', 'x'.repeat(65), 'a b']) {
      expect(() => outbox.write(bad, () => undefined)).toThrow(/is not 1 to 64 letters/);
      expect(() => outbox.open(bad)).toThrow(/is not 1 to 64 letters/);
      expect(() => outbox.remove(bad)).toThrow(/is not 1 to 64 letters/);
    }
    expect(() => new Outbox(dir, Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

// ---------------------------------------------------------------------------------------------
// A real batch ZIP through the outbox (fixtures as in test/connectors/batch-zip.test.ts)
// ---------------------------------------------------------------------------------------------

const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);

class FakeDocuments {
  readonly files = new Map<string, Buffer>();
  add(bytes: Buffer, code: string, mime: string): KycImage {
    const documentHash = sha(bytes);
    this.files.set(documentHash, bytes);
    return { code, documentHash, mime, bytes: bytes.length, masked: false };
  }
  readonly read = (hash: string): Buffer => this.files.get(hash)!;
}

const header = sampleBatchHeader;

function batchOf(docs: FakeDocuments, count: number): BatchRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const base = storedSample(i + 1);
    const record: KycRecord = { ...base, images: [docs.add(jpeg(400_000), '02', 'image/jpeg'), docs.add(pdf(300_000), '05', 'application/pdf')] };
    return { reference: `KD${String(i + 1).padStart(12, '0')}`, record };
  });
}

describe('a batch ZIP built through the outbox', () => {
  it('is the same ZIP as on a plain file, never in clear on disk, and reads back with adm-zip', async () => {
    const outbox = new Outbox(dir, key);
    const docs = new FakeDocuments();
    const records = batchOf(docs, 4);
    const name = 'KYCDESK_20261122_0002';
    let entry;
    const built = buildBatchZip({
      header: header(name),
      records,
      readDocument: docs.read,
      output: (produce) => {
        const written = outbox.write(name, produce);
        entry = written.entry;
        return written.result;
      },
    });
    expect(built.path).toBeNull();
    expect(entry).toEqual({ bytes: built.bytes, sha256: built.sha256 });
    expect(outbox.entry(name)).toEqual({ bytes: built.bytes, sha256: built.sha256 });
    expect(built.bytes).toBeGreaterThan(2 * PIECE_BYTES);
    expect(fs.readdirSync(dir)).toEqual([`${name}.zip.sealed`]);
    expect(fs.readdirSync(temp.dir).sort()).toEqual(['outbox']);

    const sealed = fs.readFileSync(fileOf(name));
    expect(sealed.indexOf(Buffer.from('individuals.csv'))).toBe(-1);
    expect(sealed.indexOf(Buffer.from(records[0]!.record.pan))).toBe(-1);
    expect(sealed.indexOf(docs.files.values().next().value!.subarray(100, 164))).toBe(-1);

    const { bytes, error } = await drain(outbox.open(name));
    expect(error).toBeNull();
    expect(bytes.length).toBe(built.bytes);
    expect(sha(bytes)).toBe(built.sha256);

    // The same build to a plain file lists the same entries with the same contents.
    const plainFile = path.join(temp.dir, 'plain.zip');
    const plain = buildBatchZip({ header: header(name), records, readDocument: docs.read, file: plainFile });
    expect(plain.path).toBe(plainFile);
    const entries = (zip: AdmZip) => zip.getEntries().map((e) => [e.entryName, e.header.method, e.isDirectory ? '' : sha(e.getData())]);
    const fromOutbox = new AdmZip(bytes, { noSort: true });
    expect(entries(fromOutbox)).toEqual(entries(new AdmZip(fs.readFileSync(plainFile), { noSort: true })));
    expect(fromOutbox.getEntries().map((e) => e.entryName).slice(0, 3)).toEqual(['batch-details.csv', 'individuals.csv', 'documents/']);
    for (const document of built.documents) expect(sha(fromOutbox.getEntry(document.entry)!.getData())).toBe(document.documentHash);
    expect(fromOutbox.getEntry('individuals.csv')!.getData().toString('utf8')).toContain(records[0]!.record.pan);
  });

  it('leaves nothing in the outbox when the build fails', () => {
    const outbox = new Outbox(dir, key);
    const docs = new FakeDocuments();
    const records = batchOf(docs, 3);
    let reads = 0;
    const failing = (hash: string) => {
      if (++reads === 4) throw new Error('This document is no longer on this PC.');
      return docs.read(hash);
    };
    expect(() => buildBatchZip({ header: header('KD_FAIL'), records, readDocument: failing, output: (produce) => outbox.write('KD_FAIL', produce).result })).toThrow(
      'no longer on this PC',
    );
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(outbox.names()).toEqual([]);
  });
});

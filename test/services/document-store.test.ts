import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentStore, ORPHAN_GRACE_MS } from '../../electron/documents/document-store';
import { makeTempDir } from '../support/temp-dir';
import { testKey } from '../support/test-store';

let temp: ReturnType<typeof makeTempDir>;
let docs: DocumentStore;
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF customer photograph ASHA VERMA ABCPV1234K'), randomBytes(2048)]);

beforeEach(() => {
  temp = makeTempDir();
  docs = new DocumentStore(temp.dir, testKey('docs'));
});
afterEach(() => temp.remove());

describe('encrypted document store', () => {
  it('stores and returns the exact bytes, named by a keyed hash', () => {
    const { hash, created } = docs.put(photo);
    expect(created).toBe(true);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(docs.get(hash).equals(photo)).toBe(true);
    // Not a plain SHA-256: the name alone cannot confirm a known image is here.
    expect(hash).not.toBe(createHash('sha256').update(photo).digest('hex'));
  });

  it('writes nothing readable: no JPEG marker, no text from the image', () => {
    docs.put(photo);
    for (const name of fs.readdirSync(temp.dir)) {
      const bytes = fs.readFileSync(path.join(temp.dir, name));
      expect(bytes.includes(Buffer.from('JFIF'))).toBe(false);
      expect(bytes.includes(Buffer.from('ABCPV1234K'))).toBe(false);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    }
  });

  it('stores the same bytes once', () => {
    const first = docs.put(photo);
    const second = docs.put(photo);
    expect(second).toEqual({ hash: first.hash, created: false });
    expect(docs.hashes()).toEqual([first.hash]);
  });

  it('refuses a file changed on disk, or read with another key', () => {
    const { hash } = docs.put(photo);
    const file = path.join(temp.dir, `${hash}.doc`);
    const bytes = fs.readFileSync(file);
    bytes[40]! ^= 0x80;
    fs.writeFileSync(file, bytes);
    expect(() => docs.get(hash)).toThrow(/damaged or was changed outside KYC Desk/);
    const again = new DocumentStore(temp.dir, testKey('docs')).put(Buffer.from('another'));
    expect(() => new DocumentStore(temp.dir, testKey('other PC')).get(again.hash)).toThrow(/damaged or was changed/);
  });

  it('refuses a file swapped in under another document’s name', () => {
    const a = docs.put(Buffer.from('document A'));
    const b = docs.put(Buffer.from('document B'));
    fs.copyFileSync(path.join(temp.dir, `${b.hash}.doc`), path.join(temp.dir, `${a.hash}.doc`));
    expect(() => docs.get(a.hash)).toThrow(/damaged or was changed/);
  });

  it('refuses references that are not hashes (no path tricks)', () => {
    for (const bad of ['../../etc/passwd', 'abc', 'A'.repeat(64), `${'0'.repeat(63)}/`]) expect(() => docs.get(bad)).toThrow(/not a document reference/);
  });

  it('reports a missing document plainly', () => {
    expect(() => docs.get('0'.repeat(64))).toThrow(/no longer on this PC/);
  });

  it('removes orphans and leftover temp files past the grace period, keeping referenced and young files', () => {
    const kept = docs.put(Buffer.from('referenced'));
    const orphan = docs.put(Buffer.from('orphan'));
    const young = docs.put(Buffer.from('young orphan'));
    fs.writeFileSync(path.join(temp.dir, 'x.doc.tmp'), 'interrupted write');
    const old = (Date.now() - ORPHAN_GRACE_MS - 60_000) / 1000;
    for (const name of [`${kept.hash}.doc`, `${orphan.hash}.doc`, 'x.doc.tmp']) fs.utimesSync(path.join(temp.dir, name), old, old);
    const removed = docs.removeOrphans(new Set([kept.hash]));
    expect(removed.sort()).toEqual([`${orphan.hash}.doc`, 'x.doc.tmp'].sort());
    expect(docs.has(kept.hash)).toBe(true);
    expect(docs.has(young.hash)).toBe(true);
    expect(docs.has(orphan.hash)).toBe(false);
  });
});

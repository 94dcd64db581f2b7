import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentIntake, DEFAULT_DOCUMENT_LIMITS } from '../../electron/documents/document-intake';
import { DocumentStore } from '../../electron/documents/document-store';
import type { Store } from '../../electron/store/database';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore, testKey } from '../support/test-store';

let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let documents: DocumentStore;
let intake: DocumentIntake;

const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 7)]);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 1)]);
const tiff = Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00]), Buffer.alloc(500, 2)]);
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 32)]);

beforeEach(async () => {
  temp = makeTempDir();
  store = (await openTestStore(`${temp.dir}/store`)).store;
  documents = new DocumentStore(`${temp.dir}/documents`, testKey('intake'));
  intake = new DocumentIntake(store, documents);
});
afterEach(async () => {
  await store.close();
  temp.remove();
});

describe('document intake', () => {
  it.each([
    ['a JPEG photograph', jpeg(50 * 1024), '02', 'image/jpeg'],
    ['a PNG document', png, '05', 'image/png'],
    ['a TIFF scan', tiff, '07', 'image/tiff'],
    ['a PDF document', pdf(200 * 1024), '05', 'application/pdf'],
  ])('accepts %s, stores it encrypted and records what it is', async (_name, bytes, imageCode, mime) => {
    const accepted = await intake.accept({ bytes, imageCode, masked: false });
    expect(accepted).toMatchObject({ mime, bytes: bytes.length, masked: false });
    expect(documents.get(accepted.hash).equals(bytes)).toBe(true);
    expect(store.get('SELECT mime, image_code, bytes FROM documents WHERE hash = ?', [accepted.hash])).toEqual({ mime, image_code: imageCode, bytes: bytes.length });
  });

  it.each([
    ['a Windows program renamed to .jpg', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000)]), /a Windows program, whatever its name says/],
    ['a ZIP posing as a scan', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]), /ZIP archive/],
    ['an empty file', Buffer.alloc(0), /This file is empty/],
    ['plain text', Buffer.from('hello, this is not an image'), /not a JPEG, PNG, TIFF or PDF/],
  ])('refuses %s with a clear message and stores nothing', async (_name, bytes, message) => {
    await expect(intake.accept({ bytes, imageCode: '05', masked: false })).rejects.toThrow(message);
    expect(documents.hashes()).toEqual([]);
    expect(store.get('SELECT COUNT(*) AS n FROM documents')?.n).toBe(0);
  });

  it('refuses a 10 MB photo outright, before looking further', async () => {
    await expect(intake.accept({ bytes: jpeg(DEFAULT_DOCUMENT_LIMITS.hardMaxBytes + 1), imageCode: '02', masked: false })).rejects.toThrow(/far larger than any KYC document/);
  });

  it('asks for a rescan of a PDF over the limit, and refuses a PDF as a photograph', async () => {
    await expect(intake.accept({ bytes: pdf(DEFAULT_DOCUMENT_LIMITS.documentBytes + 1024), imageCode: '05', masked: false })).rejects.toThrow(/Scan it again/);
    await expect(intake.accept({ bytes: pdf(10_000), imageCode: '02', masked: false })).rejects.toThrow(/photograph must be an image/);
  });

  it('refuses an image over its limit (the renderer compresses first)', async () => {
    await expect(intake.accept({ bytes: jpeg(DEFAULT_DOCUMENT_LIMITS.photoBytes + 1), imageCode: '02', masked: false })).rejects.toThrow(/limit is 100 KB/);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentIntake, DEFAULT_DOCUMENT_LIMITS } from '../../electron/documents/document-intake';
import { DocumentStore } from '../../electron/documents/document-store';
import type { Store } from '../../electron/store/database';
import fs from 'node:fs';
import { IN_PERSON_VIDEO_MAX_BYTES } from '../../shared/documents/in-person-video';
import { makeTempDir } from '../support/temp-dir';
import { mp4Header, webmOf } from '../support/video-bytes';
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

  describe('the in-person verification video', () => {
    it('is kept sealed: a WebM of 3 MB goes in under its own code and cannot be read as plain bytes on disk', async () => {
      const video = webmOf(3 * 1024 * 1024);
      const accepted = await intake.accept({ bytes: video, imageCode: 'IPV', masked: false, putBy: 'op_maker' });
      expect(accepted).toMatchObject({ mime: 'video/webm', bytes: video.length, masked: false });
      expect(store.get('SELECT kind, image_code, mime, bytes, put_by FROM documents WHERE hash = ?', [accepted.hash])).toEqual({
        kind: 'webm', image_code: 'IPV', mime: 'video/webm', bytes: video.length, put_by: 'op_maker',
      });
      const onDisk = fs.readFileSync(`${temp.dir}/documents/${accepted.hash}.doc`);
      expect(onDisk.length).toBeGreaterThanOrEqual(video.length);
      // Neither the WebM header nor any stretch of the recording is on disk as it was handed in.
      expect(onDisk.includes(video.subarray(0, 32))).toBe(false);
      expect(onDisk.includes(video.subarray(1_000_000, 1_000_064))).toBe(false);
      expect(documents.get(accepted.hash).equals(video)).toBe(true);
    });

    it('takes an MP4 and one of exactly 25 MB, above the 10 MB bound of images', async () => {
      const mp4 = Buffer.concat([mp4Header('isom'), Buffer.alloc(2000, 1)]);
      expect(await intake.accept({ bytes: mp4, imageCode: 'IPV', masked: false })).toMatchObject({ mime: 'video/mp4' });
      expect(await intake.accept({ bytes: webmOf(IN_PERSON_VIDEO_MAX_BYTES), imageCode: 'IPV', masked: false })).toMatchObject({ bytes: IN_PERSON_VIDEO_MAX_BYTES });
    });

    it.each([
      ['a Windows program renamed to .webm', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000)]), /a Windows program, whatever its name says.*WebM or MP4/],
      ['an empty recording', Buffer.alloc(0), /recording is empty/],
      ['a photograph', jpeg(20_000), /a JPEG file, whatever its name says/],
      ['one over 25 MB', webmOf(IN_PERSON_VIDEO_MAX_BYTES + 1), /This video is 25.0 MB; .* at most 25.0 MB/],
    ])('refuses %s with a clear message and keeps nothing', async (_name, bytes, message) => {
      await expect(intake.accept({ bytes, imageCode: 'IPV', masked: false })).rejects.toThrow(message);
      expect(documents.hashes()).toEqual([]);
      expect(store.get('SELECT COUNT(*) AS n FROM documents')?.n).toBe(0);
    });

    it('is never masked, and a video handed in as a document image is refused', async () => {
      await expect(intake.accept({ bytes: webmOf(5000), imageCode: 'IPV', masked: true, boxes: [] })).rejects.toThrow(/A video cannot be masked/);
      await expect(intake.accept({ bytes: webmOf(5000), imageCode: '09', masked: false })).rejects.toThrow(/Only JPEG, PNG, TIFF and PDF/);
      expect(documents.hashes()).toEqual([]);
    });
  });
});

/**
 * Masking is main's job: whatever the renderer claims, an image handed in as masked is decoded by
 * main, the operator's boxes are checked and burnt into its pixels, and only main's own JPEG within
 * the limit is stored. Real codecs, a real encrypted document store; every picture is made here.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentIntake, DEFAULT_DOCUMENT_LIMITS } from '../../electron/documents/document-intake';
import { DocumentStore } from '../../electron/documents/document-store';
import type { Store } from '../../electron/store/database';
import { cardPicture, decodeStoredJpeg, digitsBox, jpegOf, pngOf, samplePicture } from '../support/aadhaar-image';
import { fakeJpeg } from '../support/stored-samples';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore, testKey } from '../support/test-store';

let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let documents: DocumentStore;
let intake: DocumentIntake;

beforeEach(async () => {
  temp = makeTempDir();
  store = (await openTestStore(`${temp.dir}/store`)).store;
  documents = new DocumentStore(`${temp.dir}/documents`, testKey('masking'));
  intake = new DocumentIntake(store, documents);
});
afterEach(async () => {
  await store.close();
  temp.remove();
});

const W = 640;
const H = 400;
/** Over the first line of "digits" and over the bottom-right corner, where a QR code would be. */
const BOXES = [digitsBox(W, H), { x: 500, y: 250, width: 110, height: 110 }];
/** A patch of the card that no box touches. */
const CLEAR = { x: 100, y: 60, width: 80, height: 40 };

const nothingStored = () => {
  expect(documents.hashes()).toEqual([]);
  expect(store.get('SELECT COUNT(*) AS n FROM documents')?.n).toBe(0);
};

describe('main masks what the renderer says is masked', () => {
  it('an unmasked Aadhaar JPEG handed in as masked is stored with solid black where the boxes are, and only as main made it', async () => {
    const original = jpegOf(cardPicture(1, W, H), 92);
    const before = decodeStoredJpeg(original);
    // The renderer's word alone: the digits are plainly there in what it sent.
    expect(samplePicture(before, BOXES[0]!, CLEAR).insideMax).toBeGreaterThan(150);

    const accepted = await intake.accept({ imageCode: '04', bytes: original, masked: true, boxes: BOXES });
    expect(accepted).toMatchObject({ mime: 'image/jpeg', masked: true });
    expect(documents.hashes()).toEqual([accepted.hash]);
    const stored = documents.get(accepted.hash);
    expect(stored.equals(original)).toBe(false);
    expect(accepted.bytes).toBe(stored.length);
    expect(stored.length).toBeLessThanOrEqual(DEFAULT_DOCUMENT_LIMITS.documentBytes);
    expect(store.get('SELECT mime, kind, bytes, masked FROM documents WHERE hash = ?', [accepted.hash])).toEqual({ mime: 'image/jpeg', kind: 'jpeg', bytes: stored.length, masked: 1 });

    const after = decodeStoredJpeg(stored);
    expect([after.width, after.height]).toEqual([W, H]);
    for (const box of BOXES) expect(samplePicture(after, box, CLEAR).insideMax).toBeLessThanOrEqual(24);
    // Outside the boxes the card is still there to read.
    expect(samplePicture(after, BOXES[0]!, CLEAR).outsideMean).toBeCloseTo(samplePicture(before, BOXES[0]!, CLEAR).outsideMean, -1);
  });

  it('masks a PNG too, flattening a transparent area on white, never on black', async () => {
    const png = pngOf(cardPicture(2, W, H), (x) => (x < 40 ? 0 : 255));
    const accepted = await intake.accept({ imageCode: '04', bytes: png, masked: true, boxes: BOXES });
    expect(accepted.mime).toBe('image/jpeg');
    const after = decodeStoredJpeg(documents.get(accepted.hash));
    expect(samplePicture(after, BOXES[0]!, CLEAR).insideMax).toBeLessThanOrEqual(24);
    expect(samplePicture(after, BOXES[0]!, { x: 5, y: 100, width: 30, height: 200 }).outsideMean).toBeGreaterThan(240);
  });

  it('fits the masked image to the limit: quality first, then a smaller size; and says so when it cannot', async () => {
    const limits = { ...DEFAULT_DOCUMENT_LIMITS, documentBytes: 40 * 1024 };
    const small = new DocumentIntake(store, documents, limits);
    const accepted = await small.accept({ imageCode: '04', bytes: jpegOf(cardPicture(3, W, H), 95), masked: true, boxes: BOXES });
    expect(accepted.bytes).toBeLessThanOrEqual(40 * 1024);
    const after = decodeStoredJpeg(documents.get(accepted.hash));
    expect(after.width / after.height).toBeCloseTo(W / H, 1);
    const scale = after.width / W;
    const scaled = (b: { x: number; y: number; width: number; height: number }) => ({ x: b.x * scale, y: b.y * scale, width: b.width * scale, height: b.height * scale });
    // A wider margin: at the smaller size an edge pixel is part box, part card.
    for (const box of BOXES) expect(samplePicture(after, scaled(box), CLEAR, 4).insideMax).toBeLessThanOrEqual(24);

    const tiny = new DocumentIntake(store, documents, { ...DEFAULT_DOCUMENT_LIMITS, documentBytes: 2 * 1024 });
    await expect(tiny.accept({ imageCode: '04', bytes: jpegOf(cardPicture(4, W, H), 95), masked: true, boxes: BOXES })).rejects.toThrow(
      /The masked image cannot be made smaller than 2 KB and still be readable/,
    );
    expect(documents.hashes()).toEqual([accepted.hash]);
  }, 60_000);

  it('keeps a masked image to the document long edge', async () => {
    const wide = jpegOf(cardPicture(5, 2100, 300), 80);
    const accepted = await intake.accept({ imageCode: '04', bytes: wide, masked: true, boxes: [{ x: 600, y: 100, width: 800, height: 60 }] });
    const after = decodeStoredJpeg(documents.get(accepted.hash));
    expect([after.width, after.height]).toEqual([2000, 286]);
  }, 30_000);

  it.each([
    ['no box at all', [], /Cover the first 8 digits of the Aadhaar number and the QR code with at least one box/],
    ['a box past the right edge', [{ x: 600, y: 10, width: 41, height: 20 }], /Masking box 1 goes outside the 640×400 image/],
    ['a box at a negative position', [{ x: -1, y: 10, width: 40, height: 20 }], /Masking box 1 goes outside/],
    ['a box of a few pixels', [digitsBox(W, H), { x: 10, y: 10, width: 7, height: 30 }], /Masking box 2 is smaller than 8 pixels each way/],
    ['a box of negative size', [{ x: 100, y: 100, width: -50, height: 20 }], /Masking box 1 is smaller than 8 pixels/],
    ['21 boxes', Array.from({ length: 21 }, (_, i) => ({ x: i * 20, y: 0, width: 10, height: 10 })), /There are 21 masking boxes; at most 20/],
    ['boxes that cover nearly everything', [{ x: 0, y: 0, width: 640, height: 250 }, { x: 0, y: 200, width: 640, height: 150 }], /cover most of the image/],
  ])('refuses %s, and stores nothing', async (_name, boxes, message) => {
    await expect(intake.accept({ imageCode: '04', bytes: jpegOf(cardPicture(6, W, H)), masked: true, boxes })).rejects.toThrow(message);
    nothingStored();
  });

  it('refuses masked: true without boxes, and boxes without masked: true', async () => {
    const bytes = jpegOf(cardPicture(7, W, H));
    await expect(intake.accept({ imageCode: '04', bytes, masked: true })).rejects.toThrow(/at least one box/);
    // Handed to the masking thread by transfer: main no longer holds the unmasked bytes.
    expect(bytes.byteLength).toBe(0);
    await expect(intake.accept({ imageCode: '05', bytes: jpegOf(cardPicture(7, W, H)), masked: false, boxes: BOXES })).rejects.toThrow(/Masking boxes came with an image not marked as masked/);
    nothingStored();
  });

  it.each([
    ['a JPEG that is only its first bytes', fakeJpeg(11, 4096), /This JPEG image could not be opened for masking: the file may be damaged/],
    ['a JPEG cut in half', jpegOf(cardPicture(8, W, H)).subarray(0, 6000), /could not be opened for masking/],
    ['a PNG that is only its signature', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 3)]), /This PNG image could not be opened for masking/],
    ['a PDF', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 32)]), /Scan or photograph the Aadhaar as a JPEG or PNG so that it can be masked/],
  ])('refuses %s that main cannot decode, and stores nothing', async (_name, bytes, message) => {
    await expect(intake.accept({ imageCode: '04', bytes, masked: true, boxes: [digitsBox(W, H)] })).rejects.toThrow(message);
    nothingStored();
  });

  it('refuses a picture claiming more pixels than it may decode, or an interlaced PNG, before decoding it', async () => {
    // A real 16×16 JPEG whose frame header is made to claim 9000×9000 pixels.
    const claimed = Buffer.from(jpegOf(cardPicture(9, 16, 16)));
    const sof = claimed.indexOf(Buffer.from([0xff, 0xc0]));
    claimed.writeUInt16BE(9000, sof + 5);
    claimed.writeUInt16BE(9000, sof + 7);
    await expect(intake.accept({ imageCode: '04', bytes: claimed, masked: true, boxes: [digitsBox(W, H)] })).rejects.toThrow(/This image is 9000×9000 pixels, too large to mask/);

    const interlaced = pngOf(cardPicture(10, 32, 32));
    interlaced[28] = 1;
    await expect(intake.accept({ imageCode: '04', bytes: interlaced, masked: true, boxes: [{ x: 0, y: 0, width: 16, height: 16 }] })).rejects.toThrow(/This PNG is interlaced/);
    nothingStored();
  });
});

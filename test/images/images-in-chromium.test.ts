/**
 * The images code in real Chromium (Debian's, fake camera): the pure modules on real canvases and
 * codecs, then the components against a fake `api`. Every wait is bounded.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { maskImage } from '../../electron/documents/masking/mask-image';
import { decodeStoredJpeg, samplePicture } from '../support/aadhaar-image';
import { openImagesPage, type ImagesPage } from './browser-harness';

const KB = 1024;
let images: ImagesPage;
const call = <T>(name: string, ...args: unknown[]): Promise<T> =>
  images.page.evaluate(([fn, rest]) => (globalThis as any).kycImages[fn as string](...(rest as unknown[])), [name, args] as const) as Promise<T>;

beforeAll(async () => {
  images = await openImagesPage();
}, 60_000);

afterAll(async () => {
  await images?.close();
});

describe('images modules in Chromium', () => {
  it('crops a 1280×720 fake-camera frame to 35:45 and compresses it to a JPEG under 100 KB', async () => {
    const photo = await call<any>('cameraPhoto', 100 * KB);
    expect([photo.frameWidth, photo.frameHeight]).toEqual([1280, 720]);
    expect([photo.width, photo.height]).toEqual([467, 600]);
    expect(photo.width / photo.height).toBeCloseTo(35 / 45, 2);
    expect(photo.head.startsWith('ffd8ff')).toBe(true);
    expect(photo.tail).toBe('ffd9');
    expect(photo.bytes).toBeLessThanOrEqual(100 * KB);
    expect([photo.decodedWidth, photo.decodedHeight]).toEqual([467, 600]);
  });

  it('searches the quality down for a noisy photograph and still lands under 100 KB within 7 encodes', async () => {
    const photo = await call<any>('noisyPhoto', 100 * KB);
    expect(photo.bytes).toBeLessThanOrEqual(100 * KB);
    expect(photo.quality).toBeLessThan(0.92);
    expect(photo.quality).toBeGreaterThanOrEqual(0.4);
    expect(photo.encodes).toBeLessThanOrEqual(7);
    expect(photo.head.startsWith('ffd8ff')).toBe(true);
  });

  it('re-encodes a big noisy 3000×2000 PNG as a JPEG under 300 KB', async () => {
    const doc = await call<any>('noisyPngDocument', 3000, 2000, 300 * KB);
    expect(doc.pngHead).toBe('89504e470d0a1a0a');
    expect(doc.pngBytes).toBeGreaterThan(300 * KB);
    expect(doc.head.startsWith('ffd8ff')).toBe(true);
    expect(doc.type).toBe('image/jpeg');
    expect(doc.bytes).toBeLessThanOrEqual(300 * KB);
    expect(doc.width / doc.height).toBeCloseTo(1.5, 1);
    expect(doc.encodes).toBeLessThanOrEqual(7 * 7);
  }, 30_000);

  it('says so, in a bounded number of steps, when a picture cannot fit at all', async () => {
    expect(await call<string>('tooBigToFit')).toMatch(/^ImageTooLargeError: This picture cannot be made smaller than 2 KB/);
  });

  it('burns boxes into the pixels: near black inside after JPEG encoding and decoding, untouched outside', async () => {
    const result = await call<any>(
      'burnt',
      [{ x: 100, y: 100, width: 200, height: 60 }, { x: 500.5, y: 300.3, width: 120.4, height: 40.2 }],
      { x: 103, y: 103, width: 194, height: 54 },
      { x: 400, y: 10, width: 300, height: 50 },
    );
    expect(result.insideMax).toBeLessThanOrEqual(40);
    expect(result.outsideMean).toBeGreaterThan(80);
    const second = await call<any>('burnt', [{ x: 500.5, y: 300.3, width: 120.4, height: 40.2 }], { x: 503, y: 303, width: 115, height: 35 }, { x: 10, y: 10, width: 100, height: 100 });
    expect(second.insideMax).toBeLessThanOrEqual(40);
  });

  it('base64 round-trips in the browser too', async () => {
    expect(await call<boolean>('base64Matches', 300_001)).toBe(true);
  });
});

describe('components in Chromium', () => {
  const page = () => images.page;
  beforeEach(async () => {
    await call('unmount');
    await call('reset');
  });

  it('PhotoCapture: picks the camera, takes, uses, stores a 35:45 JPEG under the limit and stops the camera', async () => {
    await call('mount', 'photo');
    const take = page().getByRole('button', { name: 'Take photo' });
    await take.waitFor({ state: 'visible', timeout: 15_000 });
    const camera = page().getByLabel('Camera', { exact: true });
    expect(await camera.evaluate((el: any) => el.tagName)).toBe('SELECT');
    expect(await camera.locator('option').count()).toBeGreaterThanOrEqual(1);
    expect(await page().locator('.photo-capture__guide').count()).toBe(1);
    await take.click();
    await page().getByAltText('The photograph just taken').waitFor({ timeout: 10_000 });
    expect(await page().getByRole('button', { name: 'Retake' }).isVisible()).toBe(true);
    await page().getByRole('button', { name: 'Use this photo' }).click();
    await page().getByText(/Photograph kept/).waitFor({ timeout: 10_000 });
    const [put] = await call<any[]>('puts');
    expect(put).toMatchObject({ imageCode: '02', masked: false });
    expect(put.head.startsWith('ffd8ff')).toBe(true);
    expect(put.bytes).toBeLessThanOrEqual(100 * KB);
    const [image] = await call<any[]>('captured');
    expect(image).toMatchObject({ code: '02', mime: 'image/jpeg', bytes: put.bytes, masked: false });
    expect(image.documentHash).toMatch(/^[0-9a-f]{64}$/);
    await expect.poll(() => call<number>('liveTracks'), { timeout: 5_000 }).toBe(0);
  });

  it('PhotoCapture: a failed documents.put shows its message; unmounting stops the camera', async () => {
    await call('mount', 'photo');
    await page().getByRole('button', { name: 'Take photo' }).click({ timeout: 15_000 });
    await call('failNextPut', 'The disk is full: free some space and try again.');
    await page().getByRole('button', { name: 'Use this photo' }).click();
    await expect.poll(() => page().getByRole('alert').textContent(), { timeout: 5_000 }).toContain('The disk is full');
    expect(await call<any[]>('puts')).toEqual([]);
    expect(await call<number>('liveTracks')).toBeGreaterThan(0);
    await call('unmount');
    await expect.poll(() => call<number>('liveTracks'), { timeout: 5_000 }).toBe(0);
  });

  it('PhotoCapture: a camera unplugged mid-capture is said so, with the picker to choose another', async () => {
    await call('mount', 'photo');
    await page().getByRole('button', { name: 'Take photo' }).waitFor({ timeout: 15_000 });
    expect(await call<boolean>('unplugCamera')).toBe(true);
    await expect.poll(() => page().getByRole('alert').textContent(), { timeout: 5_000 }).toContain('The camera was disconnected');
    expect(await page().getByRole('button', { name: 'Start camera' }).isVisible()).toBe(true);
    expect(await page().getByLabel('Camera', { exact: true }).isEnabled()).toBe(true);
    expect(await call<number>('liveTracks')).toBe(0);
    await page().getByRole('button', { name: 'Start camera' }).click();
    await page().getByRole('button', { name: 'Take photo' }).waitFor({ timeout: 15_000 });
  });

  it.each([
    ['NotAllowedError', 'not allowed to use the camera'],
    ['NotFoundError', 'No camera was found'],
    ['NotReadableError', 'busy'],
  ])('PhotoCapture: %s is explained in plain words', async (name, words) => {
    await call('refuseCamera', name);
    await call('mount', 'photo');
    await expect.poll(() => page().getByRole('alert').textContent(), { timeout: 5_000 }).toContain(words);
    expect(await page().getByLabel('Choose a photo file instead').isVisible()).toBe(true);
  });

  it('PhotoCapture: a photo file goes through the same crop and compression', async () => {
    await call('refuseCamera', 'NotFoundError');
    await call('mount', 'photo');
    const png = Buffer.from(await call<string>('noisyPngBase64', 1200, 900), 'base64');
    await page().getByLabel('Choose a photo file instead').setInputFiles({ name: 'customer.png', mimeType: 'image/png', buffer: png });
    await page().getByRole('button', { name: 'Use this photo' }).click({ timeout: 15_000 });
    await page().getByText(/Photograph kept/).waitFor({ timeout: 10_000 });
    const [put] = await call<any[]>('puts');
    expect(put).toMatchObject({ imageCode: '02', masked: false });
    expect(put.head.startsWith('ffd8ff')).toBe(true);
    expect(put.bytes).toBeLessThanOrEqual(100 * KB);
  });

  it('DocumentAttach: refuses a renamed Windows program, a file over the hard maximum and a PDF over the limit', async () => {
    await call('mount', 'document', { imageCode: '05', label: 'Passport' });
    const input = page().getByLabel('Passport');
    const program = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), Buffer.alloc(4000, 0)]);
    await input.setInputFiles({ name: 'passport.jpg', mimeType: 'image/jpeg', buffer: program });
    await expect.poll(() => page().getByRole('alert').textContent(), { timeout: 5_000 }).toContain('This file is a Windows program, whatever its name says');
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(10 * 1024 * 1024, 1)]);
    await input.setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: huge });
    await expect.poll(() => page().getByRole('alert').textContent(), { timeout: 5_000 }).toContain('far larger than any KYC document');
    const bigPdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(400 * KB, 32)]);
    await input.setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: bigPdf });
    await expect.poll(() => page().getByRole('alert').textContent(), { timeout: 5_000 }).toContain('Scan it again in black and white or at a lower resolution');
    expect(await call<any[]>('puts')).toEqual([]);
  });

  it('DocumentAttach: a small PDF is kept as it is; a big PNG is re-encoded as a JPEG under 300 KB', async () => {
    await call('mount', 'document', { imageCode: '05', label: 'Passport' });
    const input = page().getByLabel('Passport');
    await input.setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(40 * KB, 32)]) });
    await page().getByText(/Attached \(/).waitFor({ timeout: 10_000 });
    const png = Buffer.from(await call<string>('noisyPngBase64', 1600, 1200), 'base64');
    expect(png.length).toBeGreaterThan(300 * KB);
    await input.setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: png });
    await expect.poll(async () => (await call<any[]>('puts')).length, { timeout: 15_000 }).toBe(2);
    const [pdf, jpeg] = await call<any[]>('puts');
    expect(pdf).toMatchObject({ imageCode: '05', masked: false, head: '25504446', bytes: 40 * KB + 9 });
    expect(jpeg.head.startsWith('ffd8ff')).toBe(true);
    expect(jpeg.bytes).toBeLessThanOrEqual(300 * KB);
  });

  it('DocumentAttach: a small JPEG is kept as it is, but without its EXIF and comment; a rotated one is re-encoded', async () => {
    await call('mount', 'document', { imageCode: '05', label: 'Passport' });
    const input = page().getByLabel('Passport');
    const plain = Buffer.from(await call<string>('noisyJpegBase64', 64, 48, 0.5), 'base64');
    expect(plain.subarray(0, 4).toString('hex')).toBe('ffd8ffe0'); // Chromium's encoder: JFIF and no metadata
    const gps = 'GPS 19.0760N 72.8777E, 14 Customer Lane';
    const segment = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
    const exif = (orientation: number) =>
      segment(
        0xe1,
        Buffer.concat([
          Buffer.from('Exif\0\0II*\0', 'latin1'),
          Buffer.from([8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0]),
          Buffer.from(gps, 'latin1'),
        ]),
      );
    const comment = segment(0xfe, Buffer.from('secret', 'latin1'));
    const tagged = (orientation: number) => Buffer.concat([plain.subarray(0, 2), exif(orientation), comment, plain.subarray(2)]);

    await input.setInputFiles({ name: 'passport.jpg', mimeType: 'image/jpeg', buffer: tagged(1) });
    await expect.poll(async () => (await call<any[]>('puts')).length, { timeout: 15_000 }).toBe(1);
    const kept = Buffer.from(await call<string>('storedBase64', 0), 'base64');
    expect(kept.includes(gps)).toBe(false);
    expect(kept.includes('secret')).toBe(false);
    // The original, not a re-encoded copy: its segments after SOI, minus EXIF, the comment and the
    // ICC profile (APP2) Chromium's encoder adds; JFIF, the tables and the picture data untouched.
    const segments = (jpeg: Buffer) => {
      const out: Buffer[] = [];
      for (let at = 2; at + 4 <= jpeg.length; ) {
        const marker = jpeg[at + 1]!;
        const end = marker === 0xda ? jpeg.length : at + 2 + jpeg.readUInt16BE(at + 2);
        out.push(jpeg.subarray(at, end));
        at = end;
      }
      return out;
    };
    const expected = segments(plain).filter((s) => s[1] === 0xe0 || s[1]! < 0xe0);
    expect(segments(kept).map((s) => s.toString('hex'))).toEqual(expected.map((s) => s.toString('hex')));
    expect(kept.subarray(0, 2).toString('hex')).toBe('ffd8');

    // Turned by its EXIF: stripping would lose the turn, so the upright re-encoded copy is stored.
    await input.setInputFiles({ name: 'turned.jpg', mimeType: 'image/jpeg', buffer: tagged(6) });
    await expect.poll(async () => (await call<any[]>('puts')).length, { timeout: 15_000 }).toBe(2);
    const turned = Buffer.from(await call<string>('storedBase64', 1), 'base64');
    expect(turned.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    expect(turned.includes(gps)).toBe(false);
    expect(turned.equals(plain)).toBe(false);

    // A JPEG cut short in its header is refused, and nothing is stored.
    await input.setInputFiles({ name: 'cut.jpg', mimeType: 'image/jpeg', buffer: tagged(1).subarray(0, 40) });
    await expect.poll(() => page().getByRole('alert').textContent(), { timeout: 5_000 }).toContain('This JPEG file is damaged');
    expect(await call<any[]>('puts')).toHaveLength(2);
  });

  it('DocumentAttach (Aadhaar): refuses a PDF; masks an image with the keyboard and the mouse; hands main the boxes; main stores them burnt in', async () => {
    await call('mount', 'document', { imageCode: '04', label: 'Aadhaar' });
    const input = page().getByLabel('Aadhaar');
    await input.setInputFiles({ name: 'aadhaar.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1000, 32)]) });
    await expect.poll(() => page().getByRole('alert').textContent(), { timeout: 5_000 }).toContain('Scan or photograph the Aadhaar as a JPEG or PNG so it can be masked');

    const png = Buffer.from(await call<string>('noisyPngBase64', 800, 500), 'base64');
    await input.setInputFiles({ name: 'aadhaar.png', mimeType: 'image/png', buffer: png });
    await page().getByRole('heading', { name: 'Mask the Aadhaar number' }).waitFor({ timeout: 10_000 });
    const apply = page().getByRole('button', { name: 'Apply masking' });
    expect(await apply.isDisabled()).toBe(true);
    const canvas = page().getByRole('application', { name: /Aadhaar image/ });
    expect(await canvas.getAttribute('aria-label')).toContain('0 masking boxes');

    // Keyboard alone: add a box in the centre (240,220 320×60), move it right, make it taller.
    await page().getByRole('button', { name: 'Add a box' }).click();
    await page().keyboard.press('ArrowRight');
    await page().keyboard.press('Shift+ArrowDown');
    await page().getByText('Box 1: 320×68 px at 248, 220').waitFor({ timeout: 5_000 });
    // The mouse: a second box over the top-left corner.
    const shown = (await canvas.boundingBox())!;
    const sx = shown.width / 800;
    const sy = shown.height / 500;
    await page().mouse.move(shown.x + 20 * sx, shown.y + 20 * sy);
    await page().mouse.down();
    await page().mouse.move(shown.x + 120 * sx, shown.y + 80 * sy, { steps: 4 });
    await page().mouse.up();
    await page().getByText(/^Box 2:/).waitFor({ timeout: 5_000 });
    expect(await apply.isDisabled()).toBe(true); // not until the operator confirms
    await page().getByLabel('The first 8 digits of the Aadhaar number and the QR code are covered').check();
    expect(await apply.isEnabled()).toBe(true);
    await apply.click();
    await page().getByText(/Attached \(.*masked\)/).waitFor({ timeout: 15_000 });

    const puts = await call<any[]>('puts');
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ imageCode: '04', masked: true });
    expect(puts[0].boxes).toHaveLength(2);
    expect(puts[0].boxes[0]).toEqual({ x: 248, y: 220, width: 320, height: 68 });
    expect(puts[0].head.startsWith('ffd8ff')).toBe(true);
    // What the renderer hands over already has the boxes burnt in: the digits never leave the window.
    const keyboardBox = await call<any>('sampleStored', 0, { x: 251, y: 223, width: 314, height: 62 }, { x: 600, y: 20, width: 150, height: 100 });
    expect(keyboardBox.insideMax).toBeLessThanOrEqual(40);
    expect(keyboardBox.outsideMean).toBeGreaterThan(80);
    const mouseBox = await call<any>('sampleStored', 0, { x: 26, y: 26, width: 88, height: 48 }, { x: 600, y: 20, width: 150, height: 100 });
    expect(mouseBox.insideMax).toBeLessThanOrEqual(40);
    // Main's own masking of what was handed over (electron/documents/masking/): its JPEG within the
    // limit is what is stored, with the same boxes burnt in.
    const handedOver = Buffer.from(await call<string>('storedBase64', 0), 'base64');
    const stored = maskImage({ bytes: handedOver, kind: 'jpeg', boxes: puts[0].boxes, limitBytes: 300 * KB });
    expect(stored.jpeg.length).toBeLessThanOrEqual(300 * KB);
    const picture = decodeStoredJpeg(stored.jpeg);
    expect([picture.width, picture.height]).toEqual([800, 500]);
    // A 4-pixel margin: an 8×8 JPEG block across a box's edge carries some of the noise outside it.
    const mainKeyboardBox = samplePicture(picture, { x: 251, y: 223, width: 314, height: 62 }, { x: 600, y: 20, width: 150, height: 100 }, 4);
    expect(mainKeyboardBox.insideMax).toBeLessThanOrEqual(40);
    expect(mainKeyboardBox.outsideMean).toBeGreaterThan(80);
    expect(samplePicture(picture, { x: 26, y: 26, width: 88, height: 48 }, { x: 600, y: 20, width: 150, height: 100 }, 4).insideMax).toBeLessThanOrEqual(40);
    expect((await call<any[]>('captured'))[0]).toMatchObject({ code: '04', masked: true });
  });

  it('StoredImage: shows a stored JPEG from a blob: URL (revoked on unmount) and a PDF as a tile', async () => {
    const jpeg = await call<any>('storeDocument', 'jpeg');
    await call('mount', 'stored', { hash: jpeg.hash, mime: jpeg.mime, alt: 'Photograph' });
    const img = page().getByAltText('Photograph');
    await img.waitFor({ timeout: 5_000 });
    const src = (await img.getAttribute('src'))!;
    expect(src.startsWith('blob:')).toBe(true);
    await expect.poll(() => img.evaluate((el: any) => el.naturalWidth), { timeout: 5_000 }).toBe(64);
    await call('unmount');
    const before = images.problems.length;
    const stillThere = await page().evaluate(
      (url) => new Promise<boolean>((resolve) => Object.assign(new (globalThis as any).Image(), { onload: () => resolve(true), onerror: () => resolve(false), src: url })),
      src,
    );
    expect(stillThere).toBe(false);
    // The probe's own failed load of the revoked URL is the expected outcome, not a page problem.
    images.problems.splice(before).forEach((problem) => expect(problem).toMatch(/ERR_FILE_NOT_FOUND/));

    const pdf = await call<any>('storeDocument', 'pdf');
    await call('mount', 'stored', { hash: pdf.hash, mime: pdf.mime, alt: 'Address proof' });
    await page().getByText(/^PDF document, 20 KB$/).waitFor({ timeout: 5_000 });
  });

  it('left no errors in the page', () => {
    expect(images.problems).toEqual([]);
  });
});

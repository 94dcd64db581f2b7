/**
 * The signature pad and the in-person video recorder in real Chromium (Debian's, the fake-device
 * camera, Chromium's own MediaRecorder), mounted against a fake `api`. Every wait is bounded.
 */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openBundledPage, type BundledPage } from '../support/browser-page';

let media: BundledPage;
const call = <T>(name: string, ...args: unknown[]): Promise<T> =>
  media.page.evaluate(([fn, rest]) => (globalThis as any).kycMedia[fn as string](...(rest as unknown[])), [name, args] as const) as Promise<T>;

beforeAll(async () => {
  media = await openBundledPage({ entry: path.resolve(import.meta.dirname, 'browser/media-entry.tsx'), title: 'media', camera: true });
}, 60_000);

afterAll(async () => {
  await media?.close();
});

beforeEach(async () => {
  await call('refuseCamera', null);
});

const button = (name: string | RegExp) => media.page.getByRole('button', { name });
const alertText = () => media.page.getByRole('alert').first().textContent({ timeout: 5000 });

describe('the signature pad', () => {
  it('draws with the mouse, undoes and clears, and keeps the ink cropped as a JPEG under image code 09', async () => {
    await call('mount', 'signature');
    expect(await button('Keep this signature').isDisabled()).toBe(true);
    const pad = media.page.getByTestId('signature-canvas');
    // signature_pad has taken the canvas once it turns the page's touch gestures off there.
    await expect.poll(() => pad.evaluate((canvas) => (canvas as unknown as { style: { touchAction: string } }).style.touchAction)).toBe('none');
    const box = (await pad.boundingBox())!;
    // A signature of two strokes with the real mouse.
    await media.page.mouse.move(box.x + 60, box.y + 120);
    await media.page.mouse.down();
    for (let i = 1; i <= 20; i++) await media.page.mouse.move(box.x + 60 + i * 12, box.y + 120 - Math.round(Math.sin(i / 3) * 40));
    await media.page.mouse.up();
    const afterOne = await call<number>('ink');
    await media.page.mouse.move(box.x + 320, box.y + 60);
    await media.page.mouse.down();
    await media.page.mouse.move(box.x + 380, box.y + 150, { steps: 10 });
    await media.page.mouse.up();
    expect(await call<number>('ink')).toBeGreaterThan(afterOne);

    await button('Undo last stroke').click();
    expect(await call<number>('ink')).toBe(afterOne);
    await button('Clear').click();
    expect(await call<number>('ink')).toBe(0);
    expect(await button('Keep this signature').isDisabled()).toBe(true);

    await call('draw', 'mouse', 0.5, [80, 100], [420, 110]);
    await button('Keep this signature').click();
    await media.page.getByText(/^Signature kept \(\d+ KB\)\.$/).waitFor({ timeout: 5000 });
    const [put] = await call<any[]>('puts');
    expect(put.imageCode).toBe('09');
    expect(put.head.startsWith('ffd8ff')).toBe(true);
    expect(put.bytes).toBeLessThanOrEqual(300 * 1024);
    // Only the ink and its margin: far narrower and shorter than the whole pad.
    const ratio = await media.page.evaluate(() => (globalThis as any).devicePixelRatio as number);
    expect(put.width).toBeLessThan(600 * ratio);
    expect(put.height).toBeLessThan(100 * ratio);
    expect(put.width).toBeGreaterThan(300 * ratio);
    expect((await call<any[]>('kept')).at(-1)).toMatchObject({ code: '09', mime: 'image/jpeg' });
  });

  it('draws a pen pressed hard wider than a pen barely touching; a finger draws as a mouse does', async () => {
    const inkOf = async (pointerType: string, pressure: number) => {
      await call('mount', 'signature');
      await call('draw', pointerType, pressure, [50, 100], [550, 100]);
      return call<number>('ink');
    };
    const hard = await inkOf('pen', 1);
    const light = await inkOf('pen', 0.1);
    expect(hard).toBeGreaterThan(light * 1.5);
    // A finger's force is not taken: the same line within the few pixels its timing changes.
    const firm = await inkOf('touch', 1);
    expect(Math.abs(firm - (await inkOf('touch', 0.2))) / firm).toBeLessThan(0.1);
  });
});

describe('the in-person video recorder', () => {
  it.each([
    ['NotAllowedError', /not allowed to use the camera/],
    ['NotFoundError', /No camera was found/],
    ['NotReadableError', /camera is busy/],
  ])('a camera refused with %s is said in words, and the rest of the record goes on', async (name, words) => {
    await call('mount', 'recorder');
    await call('refuseCamera', name);
    await button('Start camera').click();
    const text = await alertText();
    expect(text).toMatch(words);
    expect(text).toContain('Everything else in the record can be captured and saved without the video.');
    expect(await button('Start camera').isVisible()).toBe(true);
    expect(await call<number>('streamsLive')).toBe(0);
  });

  it('records the fake camera with a countdown from 1:00, stops on the operator’s word, and records again', async () => {
    await call('mount', 'recorder');
    await button('Start camera').click();
    await button('Start recording').click({ timeout: 10_000 });
    const clock = media.page.getByTestId('video-countdown');
    expect(await clock.textContent()).toMatch(/^\s*Recording · (1:00|0:59) left · 0\.0 MB$/);
    // The size grows as the recorder hands over a slice a second.
    await expect.poll(() => clock.textContent(), { timeout: 5000 }).toMatch(/0:5[0-8] left · 0\.[0-9] MB/);
    await button('Stop recording').click();
    await media.page.getByTestId('video-take').waitFor({ timeout: 5000 });
    expect(await media.page.getByTestId('video-take-size').textContent()).toMatch(/^0:0[1-4] long, 0\.\d MB$/);
    expect(await call<number>('streamsLive')).toBe(0); // the camera is let go once the take is made
    const take = await call<any>('playable', '[data-testid="video-take"]');
    expect(take.src.startsWith('blob:')).toBe(true);
    expect(take.width).toBeGreaterThan(0);

    await button('Record again').click();
    await button('Start recording').waitFor({ timeout: 10_000 });
    expect((await call<any>('urls')).revoked).toContain(take.src); // the old take's bytes are let go
    await button('Turn the camera off').click();
    expect(await call<number>('streamsLive')).toBe(0);
    expect(await call<any[]>('puts')).toHaveLength(1); // the signature's from before: no video was kept
  });

  it('stops by itself when the time is up, then keeps the take as a WebM under code IPV', async () => {
    await call('mount', 'recorder', { maxSeconds: 2 });
    await button('Start camera').click();
    await button('Start recording').click({ timeout: 10_000 });
    expect(await media.page.getByTestId('video-countdown').textContent()).toMatch(/0:0[12] left/);
    await media.page.getByTestId('video-take').waitFor({ timeout: 8000 });
    expect(await media.page.getByTestId('video-take-size').textContent()).toMatch(/^0:02 long, 0\.\d MB$/);
    const takeSrc = await media.page.getByTestId('video-take').getAttribute('src');
    await button('Keep this video').click();
    await media.page.getByText(/^Video kept \(0\.\d MB\)\.$/).waitFor({ timeout: 5000 });
    // Kept: the take is no longer shown and its bytes are let go.
    expect(await media.page.getByTestId('video-take').count()).toBe(0);
    expect((await call<any>('urls')).revoked).toContain(takeSrc);
    expect(await button('Record again').isVisible()).toBe(true);
    const put = (await call<any[]>('puts')).at(-1);
    expect(put.imageCode).toBe('IPV');
    expect(put.head).toBe('1a45dfa3');
    expect(put.bytes).toBeGreaterThan(1000);
    const video = (await call<any[]>('kept')).at(-1);
    expect(video).toMatchObject({ code: 'IPV', mime: 'video/webm', bytes: put.bytes });

    // Played back from the document store, through a blob: URL that is revoked when the player goes.
    await call('mount', 'stored-video', { hash: video.documentHash });
    const played = await call<any>('playable', 'video');
    expect(played.src.startsWith('blob:')).toBe(true);
    expect(played.width).toBeGreaterThan(0);
    await call('unmount');
    expect((await call<any>('urls')).revoked).toContain(played.src);
    expect(await call<number>('streamsLive')).toBe(0);
  });

  it('the Video KYC screen’s media viewer plays a video from memory, and on closing the player lets go of it before its URL is revoked', async () => {
    await call('mount', 'recorder', { maxSeconds: 1 });
    await button('Start camera').click();
    await button('Start recording').click({ timeout: 10_000 });
    await media.page.getByTestId('video-take').waitFor({ timeout: 8000 });
    await button('Keep this video').click();
    await media.page.getByText(/^Video kept \(0\.\d MB\)\.$/).waitFor({ timeout: 5000 });
    const video = (await call<any[]>('kept')).at(-1);
    expect(video).toMatchObject({ code: 'IPV', mime: 'video/webm' });

    const problemsBefore = media.problems.length;
    await call('mount', 'media-viewer', { hash: video.documentHash });
    const played = await call<any>('playable', '[data-testid="vkyc-media-video"]');
    expect(played.src.startsWith('blob:')).toBe(true);
    expect(played.width).toBeGreaterThan(0);
    expect(await call<string | null>('heldSource')).toBe(played.src);
    await call('unmount');
    expect((await call<any>('urls')).revoked).toContain(played.src);
    expect(await call<string | null>('heldSource')).toBeNull(); // let go first, so it never asks for the revoked URL
    await media.page.waitForTimeout(300);
    expect(media.problems.slice(problemsBefore).filter((problem) => /ERR_FILE_NOT_FOUND/.test(problem))).toEqual([]);
  });

  it('a camera unplugged while recording leaves what was recorded to keep; unplugged before, it is said so', async () => {
    await call('mount', 'recorder');
    await button('Start camera').click();
    await button('Start recording').click({ timeout: 10_000 });
    await expect.poll(() => media.page.getByTestId('video-countdown').textContent(), { timeout: 5000 }).toMatch(/0:5[0-8] left/);
    await call('unplugCamera');
    await media.page.getByTestId('video-take').waitFor({ timeout: 5000 });
    expect(await alertText()).toMatch(/^The camera was disconnected while recording\. What was recorded until then is below/);
    expect(await button('Keep this video').isEnabled()).toBe(true);
    expect(await call<number>('streamsLive')).toBe(0);

    await button('Record again').click();
    await button('Start recording').waitFor({ timeout: 10_000 });
    await call('unplugCamera');
    await button('Start camera').waitFor({ timeout: 5000 });
    expect(await alertText()).toBe('The camera was disconnected. Plug it back in and press Start camera.');
  });

  it('leaving the step while the camera is still starting lets go of it', async () => {
    await call('mount', 'recorder');
    const opened = await call<number>('streamsOpened');
    await media.page.evaluate(() => {
      (globalThis as any).document.querySelector('button').click(); // Start camera
      (globalThis as any).kycMedia.unmount(); // at once, before the camera has answered
    });
    await expect.poll(() => call<number>('streamsOpened'), { timeout: 5000 }).toBe(opened + 1);
    await expect.poll(() => call<number>('streamsLive'), { timeout: 5000 }).toBe(0);
  });

  it('a stored video no longer on this PC is said so, not shown as a broken player', async () => {
    await call('mount', 'stored-video', { hash: 'f'.repeat(64) });
    expect(await alertText()).toBe('In-person verification video: This document is no longer on this PC.');
  });

  it('shows no page errors', () => {
    expect(media.problems).toEqual([]);
  });
});

describe('the in-person video recorder on a PC with two cameras', () => {
  let two: BundledPage;
  beforeAll(async () => {
    two = await openBundledPage({
      entry: path.resolve(import.meta.dirname, 'browser/media-entry.tsx'),
      title: 'media, two cameras',
      camera: true,
      chromiumArgs: ['--use-fake-device-for-media-stream=device-count=2'],
    });
  }, 60_000);
  afterAll(async () => {
    await two?.close();
  });

  it('offers the cameras by name once one is on, and switching restarts the preview on the one chosen', async () => {
    await two.page.evaluate(() => (globalThis as any).kycMedia.mount('recorder'));
    await two.page.getByRole('button', { name: 'Start camera' }).click();
    const picker = two.page.getByLabel('Camera for the video');
    await picker.waitFor({ timeout: 10_000 });
    const names = await picker.locator('option').allTextContents();
    expect(names).toEqual(['The usual camera', 'fake_device_0', 'fake_device_1']);
    await picker.selectOption({ label: 'fake_device_1' });
    await two.page.getByRole('button', { name: 'Start recording' }).waitFor({ timeout: 10_000 });
    const live = await two.page.evaluate(() => (globalThis as any).kycMedia.streamsLive() as number);
    expect(live).toBe(1); // the first camera was let go
    expect(await two.page.evaluate(() => (globalThis as any).kycMedia.liveCameras() as string[])).toEqual(['fake_device_1']);
    expect(await two.page.evaluate(() => (globalThis as any).kycMedia.streamsOpened() as number)).toBe(2);
    await two.page.getByRole('button', { name: 'Turn the camera off' }).click();
    expect(await two.page.evaluate(() => (globalThis as any).kycMedia.streamsLive() as number)).toBe(0);
    expect(two.problems).toEqual([]);
  });
});

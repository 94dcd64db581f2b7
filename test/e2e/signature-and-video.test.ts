import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, collectPageProblems, startAppUnderTest, waitForAppEvent, type AppUnderTest } from '../support/app-under-test';
import { seriousAccessibilityProblems } from '../support/axe';
import { captureCompleteRecord, goToStep, saveRecord } from '../support/capture-in-ui';

let app: AppUnderTest;

/** What the test reads of a <video> in the page. */
interface ShownVideo {
  src: string;
  readyState: number;
  videoWidth: number;
  error: { code: number } | null;
}

beforeAll(async () => {
  app = await startAppUnderTest();
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

describe('signature and in-person video, from the counter to the checker’s Review', () => {
  it('the maker signs with the mouse and records the fake camera; the checker sees the signature and plays the video from memory', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectPageProblems(page);
    await page.goto(app.preview.url);
    await waitForAppEvent(page, 'app-ready');
    await page.getByRole('button', { name: 'Continue as Training Maker' }).click();
    await waitForAppEvent(page, 'session-ready');
    await captureCompleteRecord(page, { firstName: 'Nandini', lastName: 'Rao', pan: 'BQZPR5521K', mobile: '9845012345', pinCode: '560001', city: 'Bengaluru' });

    await goToStep(page, 'Documents & photograph');
    // The signature, drawn with the mouse on the pad in two strokes.
    // The photograph's live camera comes back on this step and pushes the page down as it starts: measure after.
    await page.getByRole('button', { name: 'Take photo' }).waitFor({ timeout: 15_000 });
    const pad = page.getByTestId('signature-canvas');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 50, box.y + 130);
    await page.mouse.down();
    for (let i = 1; i <= 24; i++) await page.mouse.move(box.x + 50 + i * 14, box.y + 130 - Math.round(Math.sin(i / 2.5) * 45));
    await page.mouse.up();
    await page.mouse.move(box.x + 420, box.y + 80);
    await page.mouse.down();
    await page.mouse.move(box.x + 470, box.y + 150, { steps: 12 });
    await page.mouse.up();
    await page.getByRole('button', { name: 'Keep this signature' }).click();
    await page.getByText(/^Signature kept \(\d+ KB\)\.$/).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('image-list').locator('li').count()).toBe(2);
    expect(await page.getByTestId('image-list').textContent()).toContain('Signature');

    // A few seconds of the fake camera, with the countdown and the size on show.
    const video = page.locator('fieldset[data-path="inPersonVideo"]');
    await video.getByRole('button', { name: 'Start camera' }).click();
    await video.getByRole('button', { name: 'Start recording' }).click({ timeout: 15_000 });
    const clock = video.getByTestId('video-countdown');
    await expect.poll(() => clock.textContent(), { timeout: 10_000 }).toMatch(/0:5[0-7] left · 0\.\d MB/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'signature-and-video-recording.png'), fullPage: true });
    await video.getByRole('button', { name: 'Stop recording' }).click();
    await video.getByTestId('video-take').waitFor({ timeout: 10_000 });
    expect(await video.getByTestId('video-take-size').textContent()).toMatch(/^0:0[3-9] long, \d+\.\d MB$/);
    await video.getByRole('button', { name: 'Keep this video' }).click();
    await video.getByText(/^Video kept \(\d+\.\d MB\)\.$/).waitFor({ timeout: 15_000 });
    await video.getByTestId('in-person-video').waitFor();
    expect(await video.getByTestId('in-person-video').textContent()).toMatch(/The video is attached \(\d+\.\d MB\)/);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'signature-and-video-documents.png'), fullPage: true });

    await goToStep(page, 'Review');
    await expect.poll(() => page.getByText('No problems: the record is ready to save.').isVisible()).toBe(true);
    const reference = await saveRecord(page);

    // The checker opens it: the photograph and the signature as images, the video playable from memory.
    await page.getByLabel('Switch operator').selectOption({ label: 'Training Checker' });
    await waitForAppEvent(page, 'session-ready', 2);
    await page.getByRole('button', { name: /^Queue/ }).click();
    const row = page.locator(`tr[data-reference="${reference}"]`);
    await row.getByRole('button', { name: `Open ${reference}` }).click();
    await waitForAppEvent(page, 'record-opened');
    const review = page.getByTestId('record-review');
    const documents = review.getByRole('list', { name: 'Photograph and documents' });
    await expect.poll(() => documents.locator('img').count()).toBe(2);
    expect(await documents.textContent()).toContain('Signature');
    expect(await review.textContent()).toMatch(/In-person videoRecorded, \d+\.\d MB/);
    const player = documents.getByLabel(`In-person verification video of ${reference}`);
    await player.waitFor({ timeout: 15_000 });
    await player.evaluate((element) => {
      const media = element as unknown as { play(): Promise<void>; muted: boolean };
      media.muted = true;
      return media.play();
    });
    const state = () =>
      player.evaluate((element) => {
        const shown = element as unknown as ShownVideo & { currentTime: number };
        return { src: shown.src, readyState: shown.readyState, width: shown.videoWidth, time: shown.currentTime, error: shown.error?.code ?? null };
      });
    await expect.poll(async () => (await state()).readyState, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const played = await state();
    expect(played.error).toBeNull();
    expect(played.src.startsWith('blob:')).toBe(true);
    expect(played.width).toBeGreaterThan(0);
    // It plays: the time moves on.
    await expect.poll(async () => (await state()).time, { timeout: 10_000 }).toBeGreaterThan(0.5);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'signature-and-video-review.png'), fullPage: true });

    // Closing Review lets go of the bytes: the blob: URL no longer loads (the probe's own failed load
    // is the one console error expected, so the page's problems are judged before it).
    await review.getByRole('button', { name: 'Close' }).first().click();
    await review.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    const afterClose = await page.evaluate(async (src) => {
      const probe = (globalThis as any).document.createElement('video') as { onloadeddata: () => void; onerror: () => void; src: string };
      return new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve('still loading'), 5000);
        probe.onloadeddata = () => (clearTimeout(timer), resolve('loaded'));
        probe.onerror = () => (clearTimeout(timer), resolve('gone'));
        probe.src = src;
      });
    }, played.src);
    expect(afterClose).toBe('gone');
    expect(problems).toEqual(['Failed to load resource: net::ERR_FILE_NOT_FOUND']);
    await page.close();
  }, 150_000);
});


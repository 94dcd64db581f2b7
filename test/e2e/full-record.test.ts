import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, collectPageProblems, startAppUnderTest, waitForAppEvent, type AppUnderTest } from '../support/app-under-test';
import { seriousAccessibilityProblems } from '../support/axe';
import { captureCompleteRecord, goToStep, saveRecord } from '../support/capture-in-ui';

let app: AppUnderTest;

/** What the test reads of an <img> in the page. */
interface ShownImage {
  complete: boolean;
  naturalWidth: number;
  src: string;
}

beforeAll(async () => {
  app = await startAppUnderTest();
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

describe('a complete record with photograph and masked Aadhaar, from the counter to ready', () => {
  it('the maker captures it with the camera, a checker approves it beside its images, and it is ready to sync', async () => {
    // A browser set to US English: the dates must still be typed and shown day first.
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const problems = collectPageProblems(page);
    await page.goto(app.preview.url);
    await waitForAppEvent(page, 'app-ready');
    await page.getByRole('button', { name: 'Continue as Training Maker' }).click();
    await waitForAppEvent(page, 'session-ready');

    // The capture screen, with problems showing, is usable by everyone.
    await goToStep(page, 'Identity');
    await goToStep(page, 'Personal');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await captureCompleteRecord(page, { firstName: 'Kavya', lastName: 'Menon', pan: 'AFZPM4821Q', mobile: '9447012345', pinCode: '682001', city: 'Kochi', aadhaar: true });
    // The attached images, the Aadhaar one tagged as masked.
    await goToStep(page, 'Documents & photograph');
    const attached = page.getByTestId('image-list');
    await expect.poll(() => attached.locator('li').count()).toBe(2);
    expect(await attached.textContent()).toContain('masked');
    expect(await attached.textContent()).not.toContain('not masked');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'full-record-documents.png'), fullPage: true });
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await goToStep(page, 'Review');
    await expect.poll(() => page.getByText('No problems: the record is ready to save.').isVisible()).toBe(true);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'full-record-review.png'), fullPage: true });
    const reference = await saveRecord(page);

    // A second operator, the checker, opens it from the queue: fields beside photograph and Aadhaar.
    await page.getByLabel('Switch operator').selectOption({ label: 'Training Checker' });
    await waitForAppEvent(page, 'session-ready', 2);
    await page.getByRole('button', { name: /^Queue/ }).click();
    const row = page.locator(`tr[data-reference="${reference}"]`);
    await expect.poll(() => row.locator('[data-state]').getAttribute('data-state')).toBe('awaiting_approval');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await row.getByRole('button', { name: `Open ${reference}` }).click();
    await waitForAppEvent(page, 'record-opened');
    const review = page.getByTestId('record-review');
    expect(await review.textContent()).toContain('KAVYA MENON');
    expect(await review.textContent()).toContain('AFZPM4821Q');
    expect(await review.textContent()).toContain('XXXX XXXX 0124');
    expect(await review.textContent()).toContain('Date of birth15/04/1990');
    const images = review.getByRole('list', { name: 'Photograph and documents' });
    await expect.poll(() => images.locator('img').count()).toBe(2);
    // Both images really decoded in the page, from memory.
    await expect
      .poll(() => images.locator('img').evaluateAll((shown) => (shown as unknown as ShownImage[]).every((img) => img.complete && img.naturalWidth > 0)))
      .toBe(true);
    expect(await images.locator('img').evaluateAll((shown) => (shown as unknown as ShownImage[]).map((img) => img.src.slice(0, 5)))).toEqual(['blob:', 'blob:']);
    expect(await images.textContent()).toContain('(Aadhaar masked)');
    // Where the first 8 digits were, the stored Aadhaar image is solid black: the mask is in the pixels.
    const aadhaarCentre = await page.evaluate<number[]>(`(() => {
      const img = document.querySelectorAll('[data-testid="record-review"] ul img')[1];
      const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
      const g = canvas.getContext('2d');
      g.drawImage(img, 0, 0);
      return Array.from(g.getImageData(Math.round(img.naturalWidth / 2), Math.round(img.naturalHeight / 2), 1, 1).data.slice(0, 3));
    })()`);
    expect(Math.max(...aadhaarCentre)).toBeLessThan(40);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'full-record-checker-review.png'), fullPage: true });

    await review.getByRole('button', { name: 'Approve' }).click();
    await waitForAppEvent(page, 'records-approved');
    await expect.poll(() => row.locator('[data-state]').getAttribute('data-state')).toBe('ready');
    await expect.poll(() => review.locator('[data-state]').first().getAttribute('data-state')).toBe('ready');
    expect(await page.getByRole('button', { name: 'Sync 1 ready record' }).isEnabled()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});

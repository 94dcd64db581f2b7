import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, collectPageProblems, startAppUnderTest, waitForAppEvent, type AppUnderTest } from '../support/app-under-test';
import { TEST_UID } from '../support/agent-api';
import { seriousAccessibilityProblems } from '../support/axe';
import { captureCompleteRecord, goToStep, saveRecord } from '../support/capture-in-ui';

let app: AppUnderTest;

beforeAll(async () => {
  app = await startAppUnderTest({ KYC_DESK_POLL_SECONDS: '0.5', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '1' });
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

describe('Digital-KYC push, in Chromium against the preview host and its Training sandbox', () => {
  it('captures a customer with a drawn signature and a fake-camera video, and the checker pushes them with the generated form and sees the session approved', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectPageProblems(page);
    const field = (name: string) => page.locator(`[name="${name}"]`);
    await page.goto(app.preview.url);
    await waitForAppEvent(page, 'app-ready');
    await page.getByRole('button', { name: 'Continue as Training Maker' }).click();
    await waitForAppEvent(page, 'session-ready');
    await captureCompleteRecord(page, { firstName: 'Meera', lastName: 'Iyer', pan: 'BKZPI4471M', mobile: '9845067890', pinCode: '560001', city: 'Bengaluru' });

    // What the digital-KYC form needs beyond CKYC's minimum: titles it takes, marital status, occupation, e-mail.
    await goToStep(page, 'Personal');
    await field('prefix').selectOption('MRS');
    await field('fatherOrSpouse.prefix').selectOption('MR');
    await field('maritalStatus').selectOption('01');
    await field('occupation').selectOption('S-02');
    await goToStep(page, 'Contact');
    await field('contact.email').fill('meera.iyer@example.in');

    await goToStep(page, 'Documents & photograph');
    await page.getByRole('button', { name: 'Take photo' }).waitFor({ timeout: 15_000 });
    // The passport scan that proves the address.
    await page.getByLabel('Document image type').selectOption('05');
    const scan = await page.evaluate<string>(`(async () => {
      const canvas = new OffscreenCanvas(600, 400);
      const g = canvas.getContext('2d');
      g.fillStyle = '#dfe8f0'; g.fillRect(0, 0, 600, 400);
      g.fillStyle = '#123'; g.font = '28px sans-serif'; g.fillText('PASSPORT  REPUBLIC OF INDIA', 40, 80);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
      let text = ''; for (const byte of bytes) text += String.fromCharCode(byte); return btoa(text);
    })()`);
    await page.locator('.document-attach').last().locator('input[type="file"]').setInputFiles({ name: 'passport.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(scan, 'base64') });
    await expect.poll(() => page.getByTestId('image-list').locator('li').count(), { timeout: 15_000 }).toBe(2);

    // The signature, drawn with the mouse.
    const pad = page.getByTestId('signature-canvas');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 50, box.y + 120);
    await page.mouse.down();
    for (let i = 1; i <= 24; i++) await page.mouse.move(box.x + 50 + i * 14, box.y + 120 - Math.round(Math.sin(i / 2.5) * 40));
    await page.mouse.up();
    await page.getByRole('button', { name: 'Keep this signature' }).click();
    await page.getByText(/^Signature kept \(\d+ KB\)\.$/).waitFor({ timeout: 15_000 });

    // A few seconds of the fake camera as the in-person verification video.
    const video = page.locator('fieldset[data-path="inPersonVideo"]');
    await video.getByRole('button', { name: 'Start camera' }).click();
    await video.getByRole('button', { name: 'Start recording' }).click({ timeout: 15_000 });
    await expect.poll(() => video.getByTestId('video-countdown').textContent(), { timeout: 10_000 }).toMatch(/0:5[0-7] left/);
    await video.getByRole('button', { name: 'Stop recording' }).click();
    await video.getByRole('button', { name: 'Keep this video' }).click({ timeout: 10_000 });
    await video.getByText(/^Video kept \(\d+\.\d MB\)\.$/).waitFor({ timeout: 15_000 });

    await goToStep(page, 'Review');
    await expect.poll(() => page.getByText('No problems: the record is ready to save.').isVisible()).toBe(true);
    const reference = await saveRecord(page);

    // The checker approves it and pushes it from its Review page.
    await page.getByLabel('Switch operator').selectOption({ label: 'Training Checker' });
    await waitForAppEvent(page, 'session-ready', 2);
    await page.getByRole('button', { name: /^Queue/ }).click();
    await page.locator(`tr[data-reference="${reference}"]`).getByRole('button', { name: `Open ${reference}` }).click();
    await waitForAppEvent(page, 'record-opened');
    const review = page.getByTestId('record-review');
    await review.getByRole('button', { name: 'Approve' }).click();
    const section = review.getByTestId('record-digital-kyc');
    await section.getByRole('button', { name: 'Push for digital KYC' }).click({ timeout: 15_000 });
    const dialog = section.getByRole('dialog', { name: 'Push for digital KYC' });
    await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toContain('the generated application form are ready');
    const aadhaar = dialog.getByTestId('dkyc-aadhaar');
    expect(await aadhaar.getAttribute('type')).toBe('password');
    await aadhaar.pressSequentially(`${TEST_UID.slice(0, 11)}${(Number(TEST_UID[11]) + 1) % 10}`);
    expect(await dialog.getByTestId('dkyc-aadhaar-hint').textContent()).toContain('a digit is wrong or two are swapped');
    expect(await dialog.getByTestId('dkyc-push').isDisabled()).toBe(true);
    await aadhaar.fill('');
    await aadhaar.pressSequentially(TEST_UID);
    expect(await dialog.getByTestId('dkyc-aadhaar-hint').textContent()).toContain('passes its check digit');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'digital-kyc-push-dialog.png'), fullPage: true });
    await dialog.getByTestId('dkyc-push').click();

    // The push's session is followed here until the agent's verdict (Training: asked every 5 s).
    const row = section.getByTestId('dkyc-push-row').first();
    await expect.poll(() => row.textContent(), { timeout: 60_000, interval: 1000 }).toContain('Approved by digital KYC.');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'digital-kyc-push-approved.png'), fullPage: true });

    // The Video KYC screen lists the push's session with its tag.
    await page.getByRole('button', { name: /^Video KYC/ }).click();
    const listed = page.getByTestId('vkyc-row').first();
    await listed.getByTestId('vkyc-dkyc-tag').waitFor({ timeout: 15_000 });
    expect(await listed.getAttribute('data-status')).toBe('kyc_result_approved');
    // And the Batches screen lists the push's batch under its own service.
    await page.getByRole('button', { name: /^Batches/ }).click();
    await page.getByRole('cell', { name: 'Digital KYC push' }).first().waitFor({ timeout: 15_000 });
    expect(problems).toEqual([]);
  }, 240_000);
});

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppUnderTest, waitForAppEvent, collectPageProblems, SCREENSHOTS, type AppUnderTest } from '../support/app-under-test';
import { captureCompleteRecord, saveRecord } from '../support/capture-in-ui';

let app: AppUnderTest;

beforeAll(async () => {
  app = await startAppUnderTest({ KYC_DESK_POLL_SECONDS: '0.5', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '1' });
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

describe('Video KYC, in Chromium against the preview host and its Training sandbox', () => {
  it('captures a customer, sends a link from the record, shows its QR code and countdown, follows the session to kyc_result_approved and opens the selfie', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectPageProblems(page);
    await page.goto(app.preview.url);
    await waitForAppEvent(page, 'app-ready');
    await page.getByRole('button', { name: 'Continue as Training Maker' }).click();
    await waitForAppEvent(page, 'session-ready');

    await captureCompleteRecord(page, { firstName: 'Lata', lastName: 'Kulkarni', pan: 'ABCPK7319L', mobile: '9812345670', pinCode: '411001', city: 'Pune', photo: 'file' });
    const reference = await saveRecord(page);

    // From the record's Review page: its own mobile and reference.
    await page.getByRole('button', { name: /^Queue/ }).click();
    await page.locator(`tr[data-reference="${reference}"]`).getByRole('button', { name: `Open ${reference}` }).click();
    await waitForAppEvent(page, 'record-opened');
    await page.getByTestId('send-video-kyc-link').click();
    expect(await page.getByTestId('vkyc-for-record').textContent()).toContain(reference);
    await page.getByRole('button', { name: 'Send link' }).click();

    const card = page.getByTestId('vkyc-link');
    await card.getByTestId('vkyc-qr').waitFor({ timeout: 20_000 });
    expect(await card.getByTestId('vkyc-link-url').textContent()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const countdown = card.getByTestId('vkyc-countdown');
    const before = await countdown.textContent();
    expect(before).toMatch(/^Valid for (\d+ h )?\d+ min \d\d s more/);
    // Live: it counts down while the card is shown.
    await expect.poll(() => countdown.textContent(), { timeout: 5_000 }).not.toBe(before);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'video-kyc-link.png'), fullPage: true });

    // The session moves on its own in Training; it is asked about every 5 s until final.
    const row = page.getByTestId('vkyc-row').first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 45_000, interval: 1000 }).toBe('kyc_result_approved');
    expect(await row.getByTestId('vkyc-row-status').textContent()).toContain('Video KYC approved by the agent');
    await row.getByRole('button', { name: 'Open' }).click();
    const detail = page.getByTestId('vkyc-detail');
    await expect.poll(() => detail.getByTestId('vkyc-agent').textContent(), { timeout: 10_000 }).toMatch(/\S/);
    await detail.getByRole('button', { name: 'Open selfie' }).click();
    const selfie = detail.getByTestId('vkyc-media-image');
    await selfie.waitFor({ timeout: 20_000 });
    expect(await selfie.getAttribute('src')).toMatch(/^blob:/);
    await expect.poll(() => selfie.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'video-kyc-session.png'), fullPage: true });

    // An Aadhaar image is kept only masked, with the capture form's redaction tool.
    await detail.getByRole('button', { name: 'Open Aadhaar (front)' }).click();
    await detail.getByRole('button', { name: 'Mask and keep with this link' }).click({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Add a box' }).click();
    await page.getByLabel('The first 8 digits of the Aadhaar number and the QR code are covered').check();
    await page.getByRole('button', { name: 'Apply masking' }).click();
    await detail.getByText('Kept with this link, masked and encrypted like any document.').waitFor({ timeout: 20_000 });

    // The verdict stands on the customer's own record.
    await page.getByRole('button', { name: /^Queue/ }).click();
    await page.locator(`tr[data-reference="${reference}"]`).getByRole('button', { name: `Open ${reference}` }).click();
    await expect.poll(() => page.getByTestId('vkyc-verdict').first().textContent(), { timeout: 10_000 }).toMatch(/^Approved by video KYC \(kyc_result_approved\)/);
    expect(problems).toEqual([]);
  }, 150_000);
});

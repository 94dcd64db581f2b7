import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppUnderTest, waitForAppEvent, collectPageProblems, SCREENSHOTS, type AppUnderTest } from '../support/app-under-test';
import { captureCompleteRecord, saveRecord } from '../support/capture-in-ui';
import { pdfPages } from '../support/pdf-text';

let app: AppUnderTest;

beforeAll(async () => {
  app = await startAppUnderTest();
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

describe('The KYC application form, in Chromium against the preview host', () => {
  it('prints a captured customer’s form from Review: Chromium downloads a PDF with the customer, the reference and the photograph, under the app’s CSP', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const problems = collectPageProblems(page);
    await page.goto(app.preview.url);
    await waitForAppEvent(page, 'app-ready');
    await page.getByRole('button', { name: 'Continue as Training Maker' }).click();
    await waitForAppEvent(page, 'session-ready');

    await captureCompleteRecord(page, { firstName: 'Kavita', lastName: 'Deshmukh', pan: 'ABCPD4821M', mobile: '9823456701', pinCode: '411001', city: 'Pune', photo: 'file' });
    const reference = await saveRecord(page);
    await page.getByRole('button', { name: /^Queue/ }).click();
    await page.locator(`tr[data-reference="${reference}"]`).getByRole('button', { name: `Open ${reference}` }).click();
    await waitForAppEvent(page, 'record-opened');

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByRole('button', { name: 'Print KYC application form' }).click()]);
    expect(download.suggestedFilename()).toBe(`KYC application form ${reference}.pdf`);
    const saved = path.join(SCREENSHOTS, `application-form-${reference}.pdf`);
    await download.saveAs(saved);
    await page.getByRole('status').filter({ hasText: 'print it for the customer to sign' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'application-form-printed.png'), fullPage: true });

    const { pages } = await pdfPages(fs.readFileSync(saved));
    fs.rmSync(saved, { force: true }); // the customer's details: not left in the test results
    const text = pages.map((p) => p.text).join('\n');
    expect(text).toContain('KAVITA');
    expect(text).toContain('DESHMUKH');
    expect(text).toContain(reference);
    expect(text).toContain('Verified by: name, employee code, signature and date');
    expect(pages.reduce((sum, p) => sum + p.images, 0)).toBeGreaterThanOrEqual(1);
    expect(problems).toEqual([]);
  }, 120_000);
});

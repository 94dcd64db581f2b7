import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, startAppUnderTest, waitForAppEvent, collectPageProblems, type AppUnderTest } from '../support/app-under-test';
import { captureCompleteRecord, saveRecord } from '../support/capture-in-ui';
import { seriousAccessibilityProblems } from '../support/axe';

let app: AppUnderTest;

beforeAll(async () => {
  app = await startAppUnderTest({ KYC_DESK_POLL_SECONDS: '0.5', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '1' });
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

describe('the SFTP route, chosen by an admin, end to end in Chromium', () => {
  it('admin picks SFTP; a record captured and approved goes over SFTP; the batch shows its CKYC number and the result file', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectPageProblems(page);
    await page.goto(app.preview.url);
    await waitForAppEvent(page, 'app-ready');

    // The admin chooses the route; the header says it at once.
    await page.getByRole('button', { name: 'Continue as Training Admin' }).click();
    await waitForAppEvent(page, 'session-ready');
    const indicator = page.getByRole('status', { name: 'Sync status' });
    await expect.poll(() => indicator.textContent()).toContain('Route: Bulk upload over the API');
    await page.getByRole('button', { name: /^Connections/ }).click();
    const picker = page.getByRole('form', { name: 'Route to the registry' });
    await picker.getByLabel('Bulk upload with the file over SFTP').check();
    await picker.getByRole('button', { name: 'Save route' }).click();
    await expect.poll(() => indicator.textContent()).toContain('Route: Bulk upload with the file over SFTP');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // The maker captures, the checker approves and syncs.
    await page.getByLabel('Switch operator').selectOption({ label: 'Training Maker' });
    await waitForAppEvent(page, 'session-ready', 2);
    await captureCompleteRecord(page, { firstName: 'Ravi', lastName: 'Nair', pan: 'ABCPN4321K', mobile: '9876512345', pinCode: '560001', city: 'Bengaluru', photo: 'file' });
    const reference = await saveRecord(page);
    await page.getByLabel('Switch operator').selectOption({ label: 'Training Checker' });
    await waitForAppEvent(page, 'session-ready', 3);
    await page.getByRole('button', { name: /^Queue/ }).click();
    const row = page.locator(`tr[data-reference="${reference}"]`);
    await row.getByRole('button', { name: 'Approve' }).click();
    await waitForAppEvent(page, 'records-approved');
    await page.getByRole('button', { name: 'Sync 1 ready record' }).click();
    await waitForAppEvent(page, 'sync-finished');

    // The batch: its route, the record's CKYC number, and the registry's result file, archived.
    await page.getByRole('button', { name: /^Batches/ }).click();
    const batches = page.getByRole('table', { name: 'Batches' });
    await expect.poll(() => batches.textContent()).toContain('Bulk upload with the file over SFTP');
    await batches.getByRole('button').first().click();
    await expect.poll(() => page.getByTestId('batch-detail-state').textContent()).toBe('Upload succeeded');
    const resultRow = page.locator(`.batch-detail tr[data-reference="${reference}"]`);
    await expect.poll(() => resultRow.getByTestId('ckyc-number').textContent()).toMatch(/^\d{14}$/);
    const responses = page.getByRole('table', { name: 'Response files from the SFTP server' });
    await expect.poll(async () => (await responses.count()) > 0 && (await responses.textContent()), { timeout: 15_000 }).toMatch(/\.zip\.result\.csv.*\/response\/archive\//);
    await expect.poll(() => indicator.textContent()).toContain('SFTP');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sftp-route-batch.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});

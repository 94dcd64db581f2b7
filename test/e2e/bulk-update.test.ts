import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeUpdateFile } from '../../electron/connectors/bulk-update/update-file';
import type { UpdateRow } from '../../shared/bulk-update/update-columns';
import { startAppUnderTest, waitForAppEvent, collectPageProblems, SCREENSHOTS, type AppUnderTest } from '../support/app-under-test';
import { updateRow } from '../support/bulk-update';

let app: AppUnderTest | undefined;

beforeAll(async () => {
  app = await startAppUnderTest({ KYC_DESK_POLL_SECONDS: '0.5', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '1' });
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

const row = (n: number, changes: Partial<UpdateRow> = {}): UpdateRow => updateRow('KDE2E', n, changes);

describe('Bulk customer update, in Chromium against the preview host and its Training platform', () => {
  it('a maker brings a file of ten customers (a bad one refused first), a checker approves and sends it, and the Updates screen shows 8 updated and 2 failed with the platform’s reasons', async () => {
    const page = await app!.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectPageProblems(page);
    await page.goto(app!.preview.url);
    await waitForAppEvent(page, 'app-ready');
    await page.getByRole('button', { name: 'Continue as Training Maker' }).click();
    await waitForAppEvent(page, 'session-ready');

    await page.getByRole('button', { name: 'Updates' }).click();
    await page.getByRole('heading', { level: 2, name: 'Updates' }).waitFor({ timeout: 15_000 });
    const rows = Array.from({ length: 10 }, (_, i) => row(i + 1, i === 2 ? { mobile: '9000000011' } : i === 6 ? { mobile: '9000000012' } : {}));
    const notice = page.getByTestId('bulk-update-notice');
    // A file with an invalid PAN is refused whole, with the row and column named.
    await page.getByLabel('From a file (CSV UTF-8)').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: writeUpdateFile([...rows.slice(0, 4), row(11, { pan: 'ABCDE12345' })]) });
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toMatch(/Row 5, PAN: .*Nothing was saved\./);

    await page.getByLabel('From a file (CSV UTF-8)').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: writeUpdateFile(rows) });
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toMatch(/prepared with 10 customers/);
    const reference = (await notice.textContent())!.match(/Update (KD[0-9A-Z]+)/)![1]!;

    await page.getByLabel('Switch operator').selectOption({ label: 'Training Checker' });
    await waitForAppEvent(page, 'session-ready', 2);
    await page.getByRole('button', { name: 'Updates' }).click();
    await page.getByRole('button', { name: `Approve ${reference}` }).click({ timeout: 15_000 });
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toMatch(/Approved/);
    await page.getByRole('button', { name: 'Send approved updates' }).click();

    const list = page.getByTestId('bulk-updates');
    await expect.poll(() => list.textContent(), { timeout: 45_000, interval: 1000 }).toContain('8 of 10 updated, 2 failed');
    await page.getByRole('button', { name: `Customers of ${reference}` }).click();
    const table = page.getByTestId('bulk-update-rows');
    await table.waitFor({ timeout: 15_000 });
    const failed = table.locator('tr[data-status="FAILED"]');
    await expect.poll(() => failed.count(), { timeout: 15_000 }).toBe(2);
    expect(await failed.nth(0).textContent()).toMatch(new RegExp(`${row(3).customer_reference}.*Failed.*\\S`));
    expect(await failed.nth(1).textContent()).toMatch(new RegExp(`${row(7).customer_reference}.*Failed.*\\S`));
    expect(await table.locator('tr[data-status="SUCCESS"]').count()).toBe(8);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'bulk-update.png'), fullPage: true });

    // The file as sent can be downloaded, byte for byte.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download the file of ${reference}` }).click()]);
    const saved = path.join(SCREENSHOTS, 'bulk-update-download.csv');
    await download.saveAs(saved);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(saved).equals(writeUpdateFile(rows))).toBe(true);
    expect(problems).toEqual([]);
  }, 180_000);
});

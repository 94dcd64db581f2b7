import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityProblems } from '../support/axe';
import { SCREENSHOTS, startAppUnderTest, waitForAppEvent, collectPageProblems, type AppUnderTest } from '../support/app-under-test';
import { captureCompleteRecord, saveRecord } from '../support/capture-in-ui';

let app: AppUnderTest;

beforeAll(async () => {
  app = await startAppUnderTest({ KYC_DESK_POLL_SECONDS: '0.5', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '1' });
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

describe('the Registry screen, in Chromium against the preview host and its Training sandbox', () => {
  it('a checker reads the registry\'s requests (ours linked to its batch), its activity as a chart and a table (the chart library loaded under the app\'s CSP), and SFTP health', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectPageProblems(page);
    await page.goto(app.preview.url);
    await waitForAppEvent(page, 'app-ready');

    // One record sent from here: captured by the maker, approved and synced by the checker.
    await page.getByRole('button', { name: 'Continue as Training Maker' }).click();
    await waitForAppEvent(page, 'session-ready');
    await captureCompleteRecord(page, { firstName: 'Meera', lastName: 'Das', pan: 'ABCPD6789K', mobile: '9876598765', pinCode: '560001', city: 'Bengaluru', photo: 'file' });
    const reference = await saveRecord(page);
    await page.getByLabel('Switch operator').selectOption({ label: 'Training Checker' });
    await waitForAppEvent(page, 'session-ready', 2);
    await page.getByRole('button', { name: /^Queue/ }).click();
    await page.locator(`tr[data-reference="${reference}"]`).getByRole('button', { name: 'Approve' }).click();
    await waitForAppEvent(page, 'records-approved');
    await page.getByRole('button', { name: 'Sync 1 ready record' }).click();
    await waitForAppEvent(page, 'sync-finished');

    await page.locator('nav[aria-label="Main"]').getByRole('button', { name: 'Registry', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Registry', level: 2 }).isVisible()).toBe(true);
    const requests = page.getByRole('table', { name: 'Requests at the registry' });
    await expect.poll(() => requests.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    expect(await requests.locator('tbody tr').textContent()).toContain('Succeeded');
    await requests.getByRole('button', { name: /^Open our batch KD_/ }).click();
    await expect.poll(() => page.getByTestId('batch-detail-state').textContent(), { timeout: 15_000 }).toBe('Upload succeeded');

    await page.locator('nav[aria-label="Main"]').getByRole('button', { name: 'Registry', exact: true }).click();
    await page.getByRole('button', { name: 'Activity and billing' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Requests per day, last 30 days' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('activity-chart').locator('svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const billed = page.getByRole('table', { name: 'Individuals billed per month' }).getByTestId('billed-total');
    await expect.poll(async () => (await billed.allTextContents()).map(Number).reduce((a, b) => a + b, 0), { timeout: 15_000 }).toBe(1);
    await page.getByLabel('Last', { exact: true }).selectOption('7');
    await expect.poll(() => page.getByRole('table', { name: 'Requests per day, last 7 days' }).count(), { timeout: 15_000 }).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'registry-activity.png'), fullPage: true });

    await page.getByRole('button', { name: 'SFTP health' }).click();
    await expect.poll(() => page.getByTestId('sftp-now').textContent(), { timeout: 15_000 }).toContain('Up');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityProblems } from '../support/axe';
import { SCREENSHOTS, startAppUnderTest, waitForAppEvent, collectPageProblems, type AppUnderTest } from '../support/app-under-test';

let app: AppUnderTest;

beforeAll(async () => {
  app = await startAppUnderTest();
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

describe('the Registry screen, in Chromium against the preview host and its Training sandbox', () => {
  it('a checker reads the registry\'s requests, its activity as a chart and a table (the chart library loaded under the app\'s CSP), and SFTP health', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Kolkata' });
    const problems = collectPageProblems(page);
    await page.goto(app.preview.url);
    await waitForAppEvent(page, 'app-ready');
    await page.getByRole('button', { name: 'Continue as Training Checker' }).click();
    await waitForAppEvent(page, 'session-ready');

    await page.locator('nav[aria-label="Main"]').getByRole('button', { name: 'Registry', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Registry', level: 2 }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('The registry has no upload requests.').isVisible(), { timeout: 15_000 }).toBe(true);

    await page.getByRole('button', { name: 'Activity and billing' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Requests per day, last 30 days' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('activity-chart').locator('svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByRole('table', { name: 'Individuals billed per month' }).count()).toBe(1);
    await page.getByLabel('Last', { exact: true }).selectOption('7');
    await expect.poll(() => page.getByRole('table', { name: 'Requests per day, last 7 days' }).count(), { timeout: 15_000 }).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'registry-activity.png'), fullPage: true });

    await page.getByRole('button', { name: 'SFTP health' }).click();
    await expect.poll(() => page.getByTestId('sftp-now').textContent(), { timeout: 15_000 }).toContain('Up');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCompleteRecord, saveRecord } from '../support/capture-in-ui';
import { startAppUnderTest, waitForAppEvent, collectPageProblems, type AppUnderTest } from '../support/app-under-test';

let app: AppUnderTest | undefined;

beforeAll(async () => {
  app = await startAppUnderTest({ KYC_DESK_POLL_SECONDS: '0.5', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '1' });
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

describe('Bulk customer update from records, in Chromium against the preview host and its Training services', () => {
  it('records that succeeded at CKYC go in an update; the one the platform fails is shown with its reason and ticked into a new update', async () => {
    const page = await app!.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectPageProblems(page);
    await page.goto(app!.preview.url);
    await waitForAppEvent(page, 'app-ready');
    await page.getByRole('button', { name: 'Continue as Training Maker' }).click();
    await waitForAppEvent(page, 'session-ready');
    await captureCompleteRecord(page, { firstName: 'Asha', lastName: 'Rao', pan: 'ABCPR4821K', mobile: '9876501234', pinCode: '411001', city: 'Pune' });
    const good = await saveRecord(page);
    await page.getByRole('button', { name: 'New individual' }).click();
    await captureCompleteRecord(page, { firstName: 'Ravi', lastName: 'Nair', pan: 'ABCPN5932L', mobile: '9000000011', pinCode: '560001', city: 'Bengaluru' });
    const unknown = await saveRecord(page, 1);

    await page.getByLabel('Switch operator').selectOption({ label: 'Training Checker' });
    await waitForAppEvent(page, 'session-ready', 2);
    await page.getByRole('button', { name: /^Queue/ }).click();
    for (const reference of [good, unknown]) {
      await page.locator(`tr[data-reference="${reference}"]`).getByRole('button', { name: 'Approve' }).click();
      await expect.poll(() => page.locator(`tr[data-reference="${reference}"] [data-state]`).getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
    }
    await page.getByRole('button', { name: /^Sync 2 ready records/ }).click();
    for (const reference of [good, unknown]) {
      await expect.poll(() => page.locator(`tr[data-reference="${reference}"] [data-state]`).getAttribute('data-state'), { timeout: 60_000, interval: 1000 }).toBe('succeeded');
    }

    await page.getByLabel('Switch operator').selectOption({ label: 'Training Maker' });
    await waitForAppEvent(page, 'session-ready', 3);
    await page.getByRole('button', { name: 'Updates' }).click();
    await page.getByRole('button', { name: 'From records that succeeded at CKYC since the last update' }).click();
    const notice = page.getByTestId('bulk-update-notice');
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toMatch(/prepared with 2 customers/);
    const reference = (await notice.textContent())!.match(/Update (KD[0-9A-Z]+)/)![1]!;

    await page.getByLabel('Switch operator').selectOption({ label: 'Training Checker' });
    await waitForAppEvent(page, 'session-ready', 4);
    await page.getByRole('button', { name: 'Updates' }).click();
    await page.getByRole('button', { name: `Approve ${reference}` }).click({ timeout: 15_000 });
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toMatch(/Approved/);
    await page.getByRole('button', { name: 'Send approved updates' }).click();
    const list = page.getByTestId('bulk-updates');
    await expect.poll(() => list.textContent(), { timeout: 45_000, interval: 1000 }).toContain('1 of 2 updated, 1 failed');

    await page.getByLabel('Switch operator').selectOption({ label: 'Training Maker' });
    await waitForAppEvent(page, 'session-ready', 5);
    await page.getByRole('button', { name: 'Updates' }).click();
    await page.getByRole('button', { name: `Customers of ${reference}` }).click({ timeout: 15_000 });
    const failed = page.getByTestId('bulk-update-rows').locator('tr[data-status="FAILED"]');
    await expect.poll(() => failed.textContent(), { timeout: 15_000 }).toContain(unknown);
    await failed.getByRole('checkbox', { name: `Tick ${unknown} for a new update` }).check();
    await page.getByRole('button', { name: 'Put the ticked records in a new update' }).click();
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toMatch(/prepared with 1 customer;/);
    expect(problems).toEqual([]);
  }, 240_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { captureCompleteRecord, goToStep, saveRecord, type UiCustomer } from '../support/capture-in-ui';
import { startAppUnderTest, waitForAppEvent, collectPageProblems, type AppUnderTest } from '../support/app-under-test';

let app: AppUnderTest | undefined;

beforeAll(async () => {
  app = await startAppUnderTest({ KYC_DESK_POLL_SECONDS: '0.5', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '1' });
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

/**
 * Ten customers: eight the Training platform takes, one it has never onboarded (mobile 90000 00011)
 * and one whose email is at a domain kept for examples. Each with a photograph drawn for them: the
 * fake camera's test pattern can repeat exactly, and the store refuses one image on two records.
 */
const CITIES = ['Pune', 'Bengaluru', 'Chennai', 'Kochi', 'Mysuru', 'Nashik', 'Madurai', 'Hubballi', 'Thrissur', 'Nagpur'];
const customers: UiCustomer[] = CITIES.map((city, i) => ({
  firstName: ['Asha', 'Ravi', 'Meera', 'Kiran', 'Latha', 'Sunil', 'Divya', 'Arun', 'Nisha', 'Vijay'][i]!,
  lastName: 'Rao',
  pan: `ABCP${'RSTUVWXYZQ'[i]}${4821 + i * 37}K`,
  mobile: i === 1 ? '9000000011' : `98765${10_000 + i}`,
  ...(i === 2 ? { email: 'meera.rao@example.com' } : {}),
  pinCode: '411001',
  city,
  photo: 'file',
}));

async function switchTo(page: Page, label: 'Training Maker' | 'Training Checker', sessions: number): Promise<void> {
  await page.getByLabel('Switch operator').selectOption({ label });
  await waitForAppEvent(page, 'session-ready', sessions);
}

/** The checker approves each record on the Queue and syncs them; resolves once the registry took every one. */
async function approveAndSync(page: Page, references: readonly string[]): Promise<void> {
  await page.getByRole('button', { name: /^Queue/ }).click();
  for (const reference of references) {
    await page.locator(`tr[data-reference="${reference}"]`).getByRole('button', { name: 'Approve' }).click({ timeout: 15_000 });
    await expect.poll(() => page.locator(`tr[data-reference="${reference}"] [data-state]`).getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
  }
  await page.getByRole('button', { name: `Sync ${references.length} ready record${references.length === 1 ? '' : 's'}` }).click();
  for (const reference of references) {
    await expect.poll(() => page.locator(`tr[data-reference="${reference}"] [data-state]`).getAttribute('data-state'), { timeout: 90_000, interval: 1000 }).toBe('succeeded');
  }
}

/** The maker prepares an update from the records that succeeded since the last one; its reference. */
async function prepareUpdate(page: Page, customerWords: RegExp): Promise<string> {
  await page.getByRole('button', { name: 'Updates' }).click();
  await page.getByRole('button', { name: 'From records that succeeded at CKYC since the last update' }).click();
  const notice = page.getByTestId('bulk-update-notice');
  await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toMatch(customerWords);
  return (await notice.textContent())!.match(/Update (KD[0-9A-Z]+)/)![1]!;
}

/** The checker approves the update and sends it; resolves once its counts read `counts`. */
async function approveAndSendUpdate(page: Page, reference: string, counts: string): Promise<void> {
  await page.getByRole('button', { name: 'Updates' }).click();
  await page.getByRole('button', { name: `Approve ${reference}` }).click({ timeout: 15_000 });
  await expect.poll(() => page.getByTestId('bulk-update-notice').textContent(), { timeout: 15_000 }).toMatch(/Approved/);
  await page.getByRole('button', { name: 'Send approved updates' }).click();
  const row = page.getByTestId('bulk-updates').locator('tr', { hasText: reference });
  await expect.poll(() => row.textContent(), { timeout: 60_000, interval: 1000 }).toContain(counts);
}

describe('Bulk customer update from records, in Chromium against the preview host and its Training services', () => {
  it('ten records that succeeded at CKYC go in an update; 8 are updated, 2 fail with their reasons; one is corrected and sent again', async () => {
    const page = await app!.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectPageProblems(page);
    await page.goto(app!.preview.url);
    await waitForAppEvent(page, 'app-ready');
    await page.getByRole('button', { name: 'Continue as Training Maker' }).click();
    await waitForAppEvent(page, 'session-ready');
    const references: string[] = [];
    for (const [i, customer] of customers.entries()) {
      if (i > 0) await page.getByRole('button', { name: 'New individual' }).click();
      await captureCompleteRecord(page, customer);
      references.push(await saveRecord(page, i));
    }
    const unknown = references[1]!;
    const badEmail = references[2]!;

    await switchTo(page, 'Training Checker', 2);
    await approveAndSync(page, references);

    await switchTo(page, 'Training Maker', 3);
    const first = await prepareUpdate(page, /prepared with 10 customers/);
    await switchTo(page, 'Training Checker', 4);
    await approveAndSendUpdate(page, first, '8 of 10 updated, 2 failed');

    // The maker reads why the two failed, each matched to its record.
    await switchTo(page, 'Training Maker', 5);
    await page.getByRole('button', { name: 'Updates' }).click();
    await page.getByRole('button', { name: `Customers of ${first}` }).click({ timeout: 15_000 });
    const rows = page.getByTestId('bulk-update-rows');
    await expect.poll(() => rows.locator('tr[data-status="SUCCESS"]').count(), { timeout: 15_000 }).toBe(8);
    const failed = rows.locator('tr[data-status="FAILED"]');
    await expect.poll(() => failed.count()).toBe(2);
    await expect.poll(() => failed.filter({ hasText: unknown }).textContent()).toMatch(/not found|unknown|never/i);
    await expect.poll(() => failed.filter({ hasText: badEmail }).textContent()).toMatch(/email/i);

    // Fix one: the customer gives an email that works; it goes to the registry as an Update of their CKYC record.
    await failed.filter({ hasText: badEmail }).getByRole('button', { name: `Correct ${badEmail}` }).click();
    await page.getByRole('heading', { level: 2, name: /^Update of CKYC \d{14}$/ }).waitFor({ timeout: 20_000 });
    await goToStep(page, 'Contact');
    await expect.poll(() => page.getByLabel('Email', { exact: true }).inputValue()).toBe('meera.rao@example.com');
    await page.getByLabel('Email', { exact: true }).fill('meera.rao@mail.co.in');
    await goToStep(page, 'Review');
    const correction = await saveRecord(page, customers.length);
    expect(correction).not.toBe(badEmail);

    await switchTo(page, 'Training Checker', 6);
    await approveAndSync(page, [correction]);

    // Sent again: one row, under the reference the platform knows the customer by, and it is updated.
    await switchTo(page, 'Training Maker', 7);
    const second = await prepareUpdate(page, /prepared with 1 customer;/);
    await switchTo(page, 'Training Checker', 8);
    await approveAndSendUpdate(page, second, '1 of 1 updated');
    await page.getByRole('button', { name: `Customers of ${second}` }).click({ timeout: 15_000 });
    await expect.poll(() => rows.locator('tr[data-status="SUCCESS"]').textContent(), { timeout: 15_000 }).toContain(badEmail);
    expect(problems).toEqual([]);
  }, 420_000);
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, startAppUnderTest, waitForAppEvent, collectPageProblems, type AppUnderTest } from '../support/app-under-test';
import { captureCompleteRecord, goToStep, saveRecord } from '../support/capture-in-ui';

const packageVersion = (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;
let app: AppUnderTest;
let preview: AppUnderTest['preview'];
let browser: AppUnderTest['browser'];

beforeAll(async () => {
  app = await startAppUnderTest({ KYC_DESK_POLL_SECONDS: '0.5', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '2' });
  ({ preview, browser } = app);
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

describe('capture → sync → upload succeeded, in Chromium against the preview host', () => {
  it('captures one individual, syncs it in Training mode and shows it succeeded', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectPageProblems(page);

    await page.goto(await preview.nextUrl());
    await waitForAppEvent(page, 'app-ready');
    // Training mode: pick the ready-made maker with one click, no password.
    await page.getByRole('button', { name: 'Continue as Training Maker' }).click();
    await waitForAppEvent(page, 'session-ready');
    expect(await page.getByTestId('signed-in-operator').textContent()).toContain('Training Maker');
    expect(await page.locator('footer').textContent()).toContain(`version ${packageVersion}`);
    await expect.poll(() => page.getByTestId('training-banner').isVisible()).toBe(true);
    // The token left the address bar once taken.
    expect(page.url()).not.toContain('token=');

    // Validation as the operator types, from the shared rules, on the step that holds the field.
    await goToStep(page, 'Identity');
    await page.getByLabel('PAN', { exact: true }).fill('ABCDE1234F');
    await expect.poll(() => page.getByText('This PAN is not an individual’s').isVisible()).toBe(true);
    await goToStep(page, 'Contact');
    await page.getByLabel('Mobile number', { exact: true }).fill('98765432');
    await expect.poll(() => page.getByText('A mobile number has 10 digits; this has 8.').isVisible()).toBe(true);
    await goToStep(page, 'Addresses');
    await page.getByRole('group', { name: 'Permanent address' }).getByLabel('PIN code', { exact: true }).fill('012345');
    await expect.poll(() => page.getByText('A PIN code cannot start with 0.').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'capture-validation.png'), fullPage: true });
    // The step list counts what is left to fix.
    const stepNames = await page.getByRole('navigation', { name: 'Capture steps' }).getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.textContent));
    // Steps left behind count every problem (Identity: the PAN and no identity document yet); the current one only what was typed.
    expect(stepNames).toEqual(expect.arrayContaining(['Identity, 2 problems', 'Contact, 1 problem', 'Addresses, 1 problem']));

    // Pasted text with stray spaces and lower case is normalised, not refused.
    await captureCompleteRecord(page, { firstName: 'Asha', lastName: 'Verma', pan: ' abcpv 1234 k ', mobile: '+91 98765 43210', pinCode: '560001', city: 'Bengaluru' });
    await expect.poll(() => page.getByText('No problems: the record is ready to save.').isVisible()).toBe(true);
    const reference = await saveRecord(page);

    await page.getByRole('button', { name: /^Queue/ }).click();
    const row = page.locator(`tr[data-reference="${reference}"]`);
    await expect.poll(() => row.locator('[data-state]').getAttribute('data-state')).toBe('awaiting_approval');
    expect(await row.textContent()).toContain('••••••234K'); // PAN masked in the list
    expect(await page.content()).not.toContain('ABCPV1234K');
    await expect.poll(() => page.getByTestId('training-banner').isVisible()).toBe(true);

    // A maker cannot sync; the checker can, one click away.
    expect(await page.getByRole('button', { name: /^Sync / }).count()).toBe(0);
    await page.getByLabel('Switch operator').selectOption({ label: 'Training Checker' });
    await waitForAppEvent(page, 'session-ready', 2);
    expect(await page.getByTestId('signed-in-operator').textContent()).toContain('Training Checker');
    await page.getByRole('button', { name: /^Queue/ }).click();
    // The checker approves the maker's record; only then is it ready to sync.
    await row.getByRole('button', { name: 'Approve' }).click();
    await waitForAppEvent(page, 'records-approved');
    await expect.poll(() => row.locator('[data-state]').getAttribute('data-state')).toBe('ready');
    await page.getByRole('button', { name: 'Sync 1 ready record' }).click();
    await waitForAppEvent(page, 'sync-finished');
    expect(await page.getByText('A batch finished: 1 succeeded, 0 failed.').isVisible()).toBe(true);
    await page.getByRole('button', { name: /^Batches/ }).click();
    await expect.poll(() => page.getByTestId('batch-detail-state').textContent()).toBe('Upload succeeded');
    const resultRow = page.locator(`.batch-detail tr[data-reference="${reference}"]`);
    expect(await resultRow.locator('[data-state]').getAttribute('data-state')).toBe('succeeded');
    expect(await resultRow.textContent()).toContain('Upload succeeded');
    await expect.poll(() => page.getByTestId('training-banner').isVisible()).toBe(true);

    await page.screenshot({ path: path.join(SCREENSHOTS, 'capture-to-sync.png'), fullPage: true });
    // No CSP violation, script error or failed request along the way.
    expect(problems).toEqual([]);

    await page.getByRole('button', { name: /^Queue/ }).click();
    await expect.poll(() => row.locator('[data-state]').getAttribute('data-state')).toBe('succeeded');

    // The queue's filters run in main: search by name, then by a state chip, then a miss.
    const loaded = async () => page.evaluate(() => ((globalThis as { __kycDeskEvents?: string[] }).__kycDeskEvents ?? []).filter((e) => e === 'queue-loaded').length);
    let before = await loaded();
    await page.getByLabel('Search name or reference').fill('verma');
    await waitForAppEvent(page, 'queue-loaded', before + 1);
    expect(await row.isVisible()).toBe(true);
    before = await loaded();
    await page.getByRole('group', { name: 'Show records by state' }).getByRole('button', { name: /^Ready to sync/ }).click();
    await waitForAppEvent(page, 'queue-loaded', before + 1);
    await expect.poll(() => page.getByText('No records match these filters.').isVisible()).toBe(true);
    before = await loaded();
    await page.getByRole('group', { name: 'Show records by state' }).getByRole('button', { name: /^Upload succeeded/ }).click();
    await waitForAppEvent(page, 'queue-loaded', before + 1);
    await expect.poll(() => row.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'queue-filtered.png'), fullPage: true });
    await page.close();
  }, 90_000);

  it('a page opened without the token explains what to do instead of half-working', async () => {
    const page = await browser.newPage();
    await page.goto(preview.url.split('#')[0]!);
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('full address printed by “npm run preview”');
    await page.close();
  }, 30_000);

  it('an address already used opens nothing, and the page says to open the newest one', async () => {
    const page = await browser.newPage();
    await page.goto(preview.url); // the first page used it
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('This address has already been used');
    expect(await page.getByRole('button', { name: 'Continue as Training Maker' }).count()).toBe(0);
    await page.close();
  }, 30_000);

  it('keeps what the maker typed through a reload, offers it back, and forgets it once saved', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(await preview.nextUrl());
    await waitForAppEvent(page, 'app-ready');
    await page.getByLabel('Switch operator').selectOption({ label: 'Training Maker' });
    await waitForAppEvent(page, 'session-ready');
    await page.getByRole('button', { name: 'New individual' }).click();
    await page.getByLabel('First name', { exact: true }).fill('Meera');
    await waitForAppEvent(page, 'draft-saved');
    await goToStep(page, 'Identity');
    await page.getByLabel('PAN', { exact: true }).fill('ABCPI4321M');
    await waitForAppEvent(page, 'draft-saved', 2);
    await expect.poll(() => page.getByTestId('draft-saved').isVisible()).toBe(true);

    // The window closes without saving (a crash, a power cut): the draft is in main, not the page.
    await page.reload();
    await waitForAppEvent(page, 'draft-checked');
    await page.getByRole('button', { name: 'Continue it' }).click();
    await goToStep(page, 'Personal');
    expect(await page.getByLabel('First name', { exact: true }).inputValue()).toBe('Meera');
    await goToStep(page, 'Identity');
    expect(await page.getByLabel('PAN', { exact: true }).inputValue()).toBe('ABCPI4321M');

    // The rest of the record, then save: the PIN fills the state from the PIN master and names the district.
    await captureCompleteRecord(page, { firstName: 'Meera', lastName: 'Iyer', pan: 'ABCPI4321M', mobile: '9876501234', pinCode: '600001', city: 'Chennai', photo: 'file' });
    await goToStep(page, 'Addresses');
    await expect.poll(() => page.getByRole('group', { name: 'Permanent address' }).getByLabel('State', { exact: true }).inputValue()).toBe('TN');
    expect(await page.getByTestId('pin-note').textContent()).toMatch(/PIN 600001 is in Tamil Nadu, district CHENNAI/);
    await goToStep(page, 'Review');
    await page.getByRole('button', { name: 'Save record' }).click();
    await expect.poll(() => page.getByTestId('save-outcome').textContent()).toMatch(/Saved as KD/);
    await page.reload();
    await waitForAppEvent(page, 'draft-checked');
    expect(await page.getByRole('button', { name: 'Continue it' }).count()).toBe(0);
    await page.close();
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_SEED } from '../../electron/sandbox/shell/faults';
import { seededPeople, withPhotograph } from '../../electron/sandbox/ckyc/registry-people';
import { startAppUnderTest, waitForAppEvent, collectPageProblems, type AppUnderTest } from '../support/app-under-test';
import { goToStep } from '../support/capture-in-ui';

let app: AppUnderTest;

beforeAll(async () => {
  app = await startAppUnderTest({ KYC_DESK_POLL_SECONDS: '0.5', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '1' });
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

const shown = (iso: string) => iso.split('-').reverse().join('/');

describe('Fetch from CKYC, in Chromium against the preview host and its Training sandbox', () => {
  it('fetches three seeded people, opens one as an update, changes the mobile, and it goes as an update batch', async () => {
    const [a, b, c] = seededPeople(DEFAULT_SANDBOX_SEED);
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectPageProblems(page);
    await page.goto(app.preview.url);
    await waitForAppEvent(page, 'app-ready');
    const nav = (name: string) => page.locator('nav[aria-label="Main"]').getByRole('button', { name, exact: true }).click();

    // The maker pastes a column of three people.
    await page.getByRole('button', { name: 'Continue as Training Maker' }).click();
    await waitForAppEvent(page, 'session-ready');
    await nav('Fetch from CKYC');
    await page.getByLabel(/Paste a column/).fill([a, b, c].map((p) => `${p!.ckyc_number},${shown(p!.dob)}`).join('\n'));
    await page.getByRole('button', { name: 'Add the pasted lines' }).click();
    await page.getByRole('button', { name: 'Request 3 from CKYC' }).click();
    const saved = await page.getByText(/^Saved as /).textContent({ timeout: 15_000 });
    const reference = /Saved as (\S+):/.exec(saved ?? '')?.[1] ?? '';

    // The checker approves and sends it; the three come back.
    await page.getByLabel('Switch operator').selectOption({ label: 'Training Checker' });
    await waitForAppEvent(page, 'session-ready', 2);
    await nav('Fetch from CKYC');
    await page.getByRole('button', { name: `Approve ${reference}` }).click();
    await page.getByRole('button', { name: 'Send approved requests' }).click();
    const row = page.getByTestId('fetch-requests').locator('tr', { hasText: reference });
    await expect.poll(() => row.locator('td').nth(2).textContent(), { timeout: 30_000 }).toBe('3');

    // The maker opens the first as an update and changes the mobile number.
    await page.getByLabel('Switch operator').selectOption({ label: 'Training Maker' });
    await waitForAppEvent(page, 'session-ready', 3);
    await nav('Fetch from CKYC');
    await page.getByRole('button', { name: `People of ${reference}` }).click();
    await page.getByRole('article', { name: `CKYC ${a!.ckyc_number}` }).getByRole('button', { name: 'Start an update from this record' }).click();
    // The registry's photograph is re-encoded and the capture screen's chunk loaded first: give it time on a busy machine.
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent(), { timeout: 20_000 }).toBe(`Update of CKYC ${a!.ckyc_number}`);
    // What the registry does not send, the maker fills.
    await goToStep(page, 'Personal');
    await page.locator('[name="residentialStatus"]').selectOption('01');
    await goToStep(page, 'Addresses');
    await page.locator('[name="permanentAddress.poaCode"]').selectOption('01'); // Aadhaar, among the documents the registry sent
    await goToStep(page, 'Contact');
    await page.getByLabel('Mobile number', { exact: true }).fill('9123456780');
    // The registry sent this person's photograph: the update starts with its own copy of it.
    expect(withPhotograph(DEFAULT_SANDBOX_SEED, a!).photograph_base64).toBeTruthy();
    await goToStep(page, 'Documents & photograph');
    await page.getByText(/^The photograph is attached/).waitFor({ timeout: 15_000 });
    await goToStep(page, 'Declaration');
    await page.locator('[name="declaration.place"]').fill('Mumbai');
    await page.locator('[name="verification.kycMode"]').selectOption('01');
    await goToStep(page, 'Review');
    const differences = page.getByTestId('registry-differences');
    expect(await differences.locator('tbody tr', { hasText: 'Mobile number' }).textContent()).toContain('9123456780');
    const listed = await page.getByTestId('problem-list').allTextContents();
    expect(listed).toEqual([]);
    await page.getByRole('button', { name: 'Save record' }).click();
    await waitForAppEvent(page, 'record-saved');
    const outcome = await page.getByTestId('save-outcome').textContent();
    const update = /Saved as (KD[0-9A-Z]{12})/.exec(outcome ?? '')?.[1] ?? '';

    // The checker approves and syncs: it succeeds as an update batch.
    await page.getByLabel('Switch operator').selectOption({ label: 'Training Checker' });
    await waitForAppEvent(page, 'session-ready', 4);
    await nav('Queue');
    await page.locator(`tr[data-reference="${update}"]`).getByRole('button', { name: 'Approve' }).click();
    await waitForAppEvent(page, 'records-approved');
    await page.getByRole('button', { name: 'Sync 1 ready record' }).click();
    await waitForAppEvent(page, 'sync-finished');
    await nav('Batches');
    const batch = page.locator('tbody tr').first();
    await expect.poll(() => batch.textContent(), { timeout: 20_000 }).toMatch(/Update/i);
    await expect.poll(() => batch.textContent(), { timeout: 20_000 }).toMatch(/succeeded/i);
    expect(problems).toEqual([]);
    await page.close();
  }, 150_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppUnderTest, waitForAppEvent, collectPageProblems, type AppUnderTest } from '../support/app-under-test';
import { captureCompleteRecord, goToStep, saveRecord } from '../support/capture-in-ui';
import { seriousAccessibilityProblems } from '../support/axe';

let app: AppUnderTest;

beforeAll(async () => {
  app = await startAppUnderTest();
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

describe('the same customer twice, end to end in Chromium', () => {
  it('a second record with the same PAN needs a reason; the form names the first one beside the PAN and opens it', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectPageProblems(page);
    await page.goto(app.preview.url);
    await waitForAppEvent(page, 'app-ready');
    await page.getByRole('button', { name: 'Continue as Training Maker' }).click();
    await waitForAppEvent(page, 'session-ready');

    const customer = { firstName: 'Kavya', lastName: 'Menon', pan: 'AFZPM4821Q', mobile: '9447012345', pinCode: '682001', city: 'Kochi', photo: 'file' } as const;
    await captureCompleteRecord(page, customer);
    const first = await saveRecord(page);

    // The same PAN again (another passport, another photograph): refused until the maker says why.
    await captureCompleteRecord(page, { ...customer, firstName: 'Kavya R', passport: 'K4471208' });
    await page.getByRole('button', { name: 'Save record' }).click();
    await expect.poll(() => page.getByTestId('save-outcome').textContent()).toContain(`The PAN already belongs to your record ${first} (awaiting approval).`);
    const reason = page.getByLabel('Why does this customer need a second record?');
    await reason.fill('Joint account opened separately');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    const second = await saveRecord(page, 1);
    expect(second).not.toBe(first);

    // Typing the PAN once more: the notice stands beside it at once, and opens a record that has it.
    await goToStep(page, 'Identity');
    await page.getByLabel('PAN', { exact: true }).fill('AFZPM4821Q');
    const notice = page.getByTestId('same-customer-pan');
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain(`your record ${first}`);
    await notice.getByRole('button', { name: `Open ${first}` }).click();
    await expect.poll(() => page.getByTestId('record-review').textContent()).toContain(`Record ${first}`);
    expect(problems).toEqual([]);
  }, 120_000);
});

import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdpSamples } from '../../electron/sandbox';
import { SCREENSHOTS, openSignedInPage, startAppUnderTest, waitForAppEvent, type AppUnderTest } from '../support/app-under-test';
import { seriousAccessibilityProblems } from '../support/axe';
import { goToStep, saveRecord } from '../support/capture-in-ui';
import { uaeField, attachUaePicture, openNewUaeCustomer, fillUaePersonal } from '../support/capture-uae-in-ui';

/**
 * UAE partner onboarding end to end, in Chromium against the preview host and its Training CDP:
 * the maker looks two customers up on the UAE CDP screen (one free to onboard, one under
 * compliance investigation) and captures both with their Emirates ID and passport images; the
 * checker approves them and sends them; the first is onboarded and its ECRN shows in the queue, the
 * second is stopped with the CDP's reason, never onboarded. The capture form looks each up beside
 * its Emirates ID too (a customer the CDP holds shows its five fields), and the onboarded one's
 * ECRN and statuses show as fields on its Review page and in the UAE CDP screen's list.
 */
const SEED = 'uae-onboarding-e2e';
/** A made-up Emirates ID with a right check digit, unknown to the Training CDP. */
const FRESH_ID = '784-1985-1234567-3';
let app: AppUnderTest;

beforeAll(async () => {
  app = await startAppUnderTest({ KYC_DESK_SANDBOX_SEED: SEED, KYC_DESK_POLL_SECONDS: '0.5' });
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

async function lookUp(page: Page, idNumber: string): Promise<{ role: string | null; text: string }> {
  await page.getByLabel('Id number').fill(idNumber);
  await page.getByRole('button', { name: 'Look up' }).click();
  const result = page.getByTestId('uae-lookup-result');
  await result.waitFor({ timeout: 15_000 });
  return { role: await result.getAttribute('role'), text: (await result.textContent()) ?? '' };
}

/** The least a UAE customer needs, with both sides of the Emirates ID, the passport's front and the profile photograph. */
/** The capture form's look-up beside the Emirates ID: what it said, and whether as an alert. */
async function lookUpInCapture(page: Page): Promise<{ role: string | null; text: string; facts: string[] }> {
  await page.getByRole('button', { name: 'Look up on the UAE CDP' }).click();
  const result = page.getByTestId('uae-capture-lookup');
  await expect.poll(() => result.textContent(), { timeout: 15_000 }).not.toBe('');
  return { role: await result.getAttribute('role'), text: (await result.textContent()) ?? '', facts: await result.locator('dd').allTextContents() };
}

/** `existingFirst`: an id the CDP holds, typed and looked up first (its five fields shown), then replaced. */
async function captureUaeCustomer(page: Page, who: { first: string; last: string; emiratesId: string; passport: string; lookedUp: RegExp; existingFirst?: string }, savedBefore: number): Promise<string> {
  await openNewUaeCustomer(page);
  await fillUaePersonal(page, { salutation: 'Mr', first: who.first, last: who.last, gender: 'Male', dateOfBirth: '28071985' });
  await goToStep(page, 'Contact');
  await uaeField(page, 'primaryMobile').fill('+971 50 210 6707');
  await goToStep(page, 'Addresses');
  await uaeField(page, 'addresses.0.building').fill('Mankhool Building');
  await uaeField(page, 'addresses.0.city').fill('Dubai');
  await goToStep(page, 'Ids & images');
  if (who.existingFirst) {
    expect(await page.getByRole('button', { name: 'Look up on the UAE CDP' }).isDisabled()).toBe(true);
    await uaeField(page, 'ids.0.number').fill(who.existingFirst);
    const found = await lookUpInCapture(page);
    expect(found.role).toBe('status');
    expect(found.text).toContain('onboarding is not needed');
    expect(found.facts).toHaveLength(5);
    expect(found.facts[0]).toMatch(/^7841\d{12}$/);
    expect(found.facts[4]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'uae-capture-look-up.png'), fullPage: true });
  }
  await uaeField(page, 'ids.0.number').fill(who.emiratesId);
  // The look-up is offered beside the Emirates ID too, before the rest is typed.
  expect((await lookUpInCapture(page)).text).toMatch(who.lookedUp);
  await uaeField(page, 'ids.0.expiry').fill('07082099');
  await attachUaePicture(page, 'Attach the emirates id front', `${who.first} Emirates ID front`);
  await attachUaePicture(page, 'Attach the emirates id back', `${who.first} Emirates ID back`);
  await uaeField(page, 'ids.1.number').fill(who.passport);
  await uaeField(page, 'ids.1.issuedCountry').selectOption('IN');
  await uaeField(page, 'ids.1.expiry').fill('27042099');
  await attachUaePicture(page, 'Attach the passport front', `${who.first} passport front`);
  await goToStep(page, 'Classification');
  await attachUaePicture(page, 'Attach the profile photograph', `${who.first} ${who.last}`);
  await goToStep(page, 'Review');
  await expect.poll(() => page.getByText('No problems: the record is ready to save.').isVisible()).toBe(true);
  return saveRecord(page, savedBefore);
}

describe('UAE partner onboarding, in Chromium against the Training CDP', () => {
  it('looks up, captures, approves and sends two customers: one onboarded with its ECRN shown, one under investigation stopped with the reason', async () => {
    const investigated = cdpSamples(SEED).underInvestigation;
    const { page, problems } = await openSignedInPage(app, 'Training Maker');

    // The counter looks each customer up before capturing them.
    await page.getByRole('button', { name: 'UAE CDP' }).click();
    await page.getByRole('heading', { level: 2, name: 'UAE CDP' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Send approved UAE customers for onboarding' }).count()).toBe(0);
    const typo = await (async () => {
      await page.getByLabel('Id number').fill('784-1985-1234567-4');
      await page.getByRole('button', { name: 'Look up' }).click();
      return page.getByText(/typing mistake/).first().textContent({ timeout: 15_000 });
    })();
    expect(typo).toMatch(/typing mistake/);
    expect(await lookUp(page, FRESH_ID)).toEqual({ role: 'status', text: 'The UAE CDP does not hold this customer: capture them and send them for onboarding.' });
    const stopped = await lookUp(page, investigated);
    expect(stopped.role).toBe('alert');
    expect(stopped.text).toContain('under compliance investigation (45013');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'uae-cdp-look-up.png'), fullPage: true });

    const onboarded = await captureUaeCustomer(page, { first: 'Irfan', last: 'Nangarath', emiratesId: FRESH_ID, passport: 'P4006315', lookedUp: /does not hold this customer: onboarding may proceed/, existingFirst: cdpSamples(SEED).existing }, 0);
    const held = await captureUaeCustomer(page, { first: 'Salim', last: 'Kareem', emiratesId: investigated, passport: 'K7721904', lookedUp: /under compliance investigation \(45013.*onboarding will stop with this reason/ }, 1);

    await page.getByLabel('Switch operator').selectOption({ label: 'Training Checker' });
    await waitForAppEvent(page, 'session-ready', 2);
    let approvals = 0;
    for (const reference of [onboarded, held]) {
      await page.getByRole('button', { name: /^Queue/ }).click();
      const row = page.locator(`tr[data-reference="${reference}"]`);
      await row.getByRole('button', { name: `Open ${reference}` }).click();
      await waitForAppEvent(page, 'record-opened', approvals + 1);
      await page.getByTestId('record-review').getByRole('button', { name: 'Approve' }).click();
      approvals += 1;
      await waitForAppEvent(page, 'records-approved', approvals);
    }

    await page.getByRole('button', { name: 'UAE CDP' }).click();
    await page.getByRole('button', { name: 'Send approved UAE customers for onboarding' }).click();
    await expect.poll(() => page.getByTestId('uae-send-result').textContent(), { timeout: 15_000 }).toMatch(/^2 approved UAE customers sent for onboarding\./);

    await page.getByRole('button', { name: /^Queue/ }).click();
    const first = page.locator(`tr[data-reference="${onboarded}"]`);
    const second = page.locator(`tr[data-reference="${held}"]`);
    await expect.poll(() => first.locator('[data-state]').getAttribute('data-state'), { timeout: 30_000, interval: 500 }).toBe('succeeded');
    await expect.poll(() => second.locator('[data-state]').getAttribute('data-state'), { timeout: 30_000, interval: 500 }).toBe('failed');
    expect(await first.textContent()).toMatch(/Onboarded on the UAE CDP: ECRN 7841\d{12}/);
    expect(await second.textContent()).toContain('under compliance investigation (45013');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'uae-onboarding-queue.png'), fullPage: true });
    const ecrn = /ECRN (7841\d{12})/.exec((await first.textContent()) ?? '')![1]!;

    // What the CDP said shows as fields: on the onboarded record's Review page…
    await first.getByRole('button', { name: `Open ${onboarded}` }).click();
    const cdpBlock = page.getByTestId('record-review').getByTestId('record-cdp');
    await cdpBlock.waitFor({ timeout: 15_000 });
    const fieldIn = (scope: ReturnType<Page['locator']>, name: string) => scope.locator(`[data-field="${name}"]`).textContent();
    expect([await fieldIn(cdpBlock, 'ecrn'), await fieldIn(cdpBlock, 'customerStatus'), await fieldIn(cdpBlock, 'amlScanStatus'), await fieldIn(cdpBlock, 'pep'), await fieldIn(cdpBlock, 'amlCategory')]).toEqual([ecrn, 'ACTIVE', 'Accepted', 'No', '2']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'uae-record-cdp-fields.png'), fullPage: true });
    // …and the one stopped has none.
    await second.getByRole('button', { name: `Open ${held}` }).click();
    await expect.poll(() => page.getByTestId('record-review').textContent(), { timeout: 15_000 }).toContain(held);
    expect(await page.getByTestId('record-cdp').count()).toBe(0);

    // …and on the UAE CDP screen's list, with the detail opened from it.
    await page.getByRole('button', { name: 'UAE CDP' }).click();
    const table = page.getByRole('table', { name: 'Customers on the UAE CDP' });
    const listed = table.locator(`tr[data-reference="${onboarded}"]`);
    await listed.waitFor({ timeout: 15_000 });
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect([await listed.getByTestId('cdp-ecrn').textContent(), await listed.getByTestId('cdp-customer-status').textContent(), await listed.getByTestId('cdp-aml-scan').textContent(), await listed.getByTestId('cdp-pep').textContent(), await listed.getByTestId('cdp-aml-category').textContent()]).toEqual([ecrn, 'ACTIVE', 'Accepted', 'No', '2']);
    await listed.getByRole('button', { name: new RegExp(`^${onboarded} `) }).click();
    const detail = page.getByRole('region', { name: `${onboarded} on the UAE CDP` });
    expect(await fieldIn(detail, 'how')).toBe('Onboarded from KYC Desk');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'uae-cdp-held-customers.png'), fullPage: true });
    // Every answer main gave on the way fitted its contract: no internal error was shown.
    expect(await page.getByText('Something went wrong inside KYC Desk').count()).toBe(0);
    await page.getByRole('button', { name: 'Batches', exact: true }).click();
    await expect.poll(() => page.getByText('UAE onboarding (CDP)').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByText('Something went wrong inside KYC Desk').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);
});

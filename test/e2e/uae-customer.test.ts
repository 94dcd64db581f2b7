import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, openSignedInPage, startAppUnderTest, waitForAppEvent, type AppUnderTest } from '../support/app-under-test';
import { seriousAccessibilityProblems } from '../support/axe';
import { goToStep, saveRecord } from '../support/capture-in-ui';
import { uaeField, attachUaePicture, openNewUaeCustomer, fillUaePersonal } from '../support/capture-uae-in-ui';

/**
 * A UAE customer at the counter, in Chromium against the preview host (axe on every step): the maker captures one with
 * an Emirates ID (both sides) and a passport with its visa, each image a real JPEG drawn by the page,
 * sees an expired Emirates ID refused with its date as they type, saves; the checker reads the record
 * in words beside its images and approves it.
 */
let app: AppUnderTest;

beforeAll(async () => {
  app = await startAppUnderTest({});
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

describe('a UAE customer, captured by a maker and approved by a checker', () => {
  it('captures one with Emirates ID and passport images, refuses an expired id with its date, and the checker approves it', async () => {
    const { page, problems } = await openSignedInPage(app, 'Training Maker');
    await openNewUaeCustomer(page);

    await fillUaePersonal(page, { salutation: 'Mr', first: 'Irfan', last: 'Nangarath', gender: 'Male', dateOfBirth: '28071985' });
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await goToStep(page, 'Contact');
    await uaeField(page, 'primaryMobile').fill('050 210 6707');
    await expect.poll(() => page.getByText('Start with + and the country code').isVisible()).toBe(true);
    await uaeField(page, 'primaryMobile').fill('+971 50 210 6707');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await goToStep(page, 'Addresses');
    await uaeField(page, 'addresses.0.building').fill('Mankhool Building');
    await uaeField(page, 'addresses.0.city').fill('Dubai');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await goToStep(page, 'Ids & images');
    await uaeField(page, 'ids.0.number').fill('784-1985-1234567-3');
    await uaeField(page, 'ids.0.expiry').fill('08082023');
    await uaeField(page, 'ids.0.expiry').blur();
    await expect.poll(() => page.getByText('This Emirates ID expired on 08/08/2023. An expired Emirates ID cannot be accepted').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'uae-expired-emirates-id.png'), fullPage: true });
    await uaeField(page, 'ids.0.expiry').fill('07082099');
    await attachUaePicture(page, 'Attach the emirates id front', 'Emirates ID front');
    await attachUaePicture(page, 'Attach the emirates id back', 'Emirates ID back');
    await uaeField(page, 'ids.1.number').fill('P4006315');
    await uaeField(page, 'ids.1.issuedCountry').selectOption('IN');
    await uaeField(page, 'ids.1.expiry').fill('27042099');
    await uaeField(page, 'ids.1.visaNumber').fill('VISA123');
    await uaeField(page, 'ids.1.visaExpiry').fill('30062099');
    await attachUaePicture(page, 'Attach the passport front', 'Passport front');
    await attachUaePicture(page, 'Attach the passport back', 'Passport back');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await goToStep(page, 'Classification');
    await attachUaePicture(page, 'Attach the profile photograph', 'Irfan Nangarath');
    await uaeField(page, 'classification.riskRating').selectOption('3');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await goToStep(page, 'Review');
    await expect.poll(() => page.getByText('No problems: the record is ready to save.').isVisible()).toBe(true);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    const reference = await saveRecord(page);

    await page.getByLabel('Switch operator').selectOption({ label: 'Training Checker' });
    await waitForAppEvent(page, 'session-ready', 2);
    await page.getByRole('button', { name: /^Queue/ }).click();
    const row = page.locator(`tr[data-reference="${reference}"]`);
    await expect.poll(() => row.locator('[data-state]').getAttribute('data-state')).toBe('awaiting_approval');
    expect(await row.textContent()).toContain('IRFAN NANGARATH');
    await row.getByRole('button', { name: `Open ${reference}` }).click();
    await waitForAppEvent(page, 'record-opened');
    const review = page.getByTestId('record-review');
    const details = (await review.getByTestId('uae-details').textContent()) ?? '';
    expect(details).toContain('MR IRFAN NANGARATH');
    expect(details).toContain('Emirates ID 784198512345673');
    expect(details).toContain('valid to 07/08/2099');
    expect(details).toContain('Passport P4006315');
    expect(details).toContain('visa VISA123 to 30/06/2099');
    const images = review.getByRole('list', { name: 'Photograph and documents' });
    await expect.poll(() => images.locator('img').count()).toBe(5);
    await expect.poll(() => images.locator('img').evaluateAll((shown) => (shown as unknown as Array<{ complete: boolean; naturalWidth: number }>).every((img) => img.complete && img.naturalWidth > 0))).toBe(true);
    expect(await images.textContent()).toContain('Profile photograph');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'uae-customer-review.png'), fullPage: true });

    await review.getByRole('button', { name: 'Approve' }).click();
    await waitForAppEvent(page, 'records-approved');
    await expect.poll(() => row.locator('[data-state]').getAttribute('data-state')).toBe('ready');
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});

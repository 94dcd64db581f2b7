import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, openSignedInPage, startAppUnderTest, waitForAppEvent, type AppUnderTest } from '../support/app-under-test';
import { goToStep, saveRecord } from '../support/capture-in-ui';
import { uaeField, attachUaePicture, openNewUaeCustomer, fillUaePersonal } from '../support/capture-uae-in-ui';

/**
 * Bad input at the counter for a UAE customer, in Chromium against the preview host: the field
 * says what is wrong as the maker types (a mobile without its country code, an Emirates ID that
 * fails its check digit, an expired passport with its date DD/MM/YYYY); the save is refused with
 * the problem named; the draft survives a reload; a nationality no longer on the list in force (an
 * admin imported the CDP's countries without it) is named on the restored draft; and once put
 * right, the same draft is saved — nothing typed was lost on the way.
 */
let app: AppUnderTest;

beforeAll(async () => {
  app = await startAppUnderTest({});
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

/** The words shown beside a field (its error is the element its input is described by). */
async function saidBeside(page: Page, name: string): Promise<string> {
  const described = (await uaeField(page, name).getAttribute('aria-describedby')) ?? '';
  const errorId = described.split(' ').find((id) => id.endsWith('-error'));
  return errorId === undefined ? '' : ((await page.locator(`[id="${errorId}"]`).textContent()) ?? '');
}

/** How many times the page has announced `name` since it loaded. */
const announced = (page: Page, name: string) => page.evaluate((n) => ((globalThis as { __kycDeskEvents?: string[] }).__kycDeskEvents ?? []).filter((e) => e === n).length, name);

async function switchTo(page: Page, operator: string): Promise<void> {
  const before = await announced(page, 'session-ready');
  await page.getByLabel('Switch operator').selectOption({ label: operator });
  await waitForAppEvent(page, 'session-ready', before + 1);
}

/** The problems Review lists after Save record is pressed on a record that is not right. */
async function refusedSave(page: Page): Promise<string[]> {
  await goToStep(page, 'Review');
  await page.getByRole('button', { name: 'Save record' }).click();
  // One list per step with problems.
  const lists = page.getByTestId('problem-list');
  await lists.first().waitFor({ timeout: 15_000 });
  return lists.getByRole('button').allTextContents();
}

/** The shipped countries without India, as an admin's import of the CDP's list might come. */
function countriesWithoutIndia(): Buffer {
  const shipped = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../shared/master-data/uae/countries.json'), 'utf8')) as { list: string; entries: Array<{ code: string }> };
  return Buffer.from(JSON.stringify({ list: 'countries', entries: shipped.entries.filter((entry) => entry.code !== 'IN') }));
}

describe('a UAE customer with bad input, at the counter', () => {
  it('names each bad field as it is typed, refuses the save, keeps the draft through a reload and a changed code list, and saves it once put right', async () => {
    const { page, problems } = await openSignedInPage(app, 'Training Maker');
    await openNewUaeCustomer(page);

    await fillUaePersonal(page, { salutation: 'Ms', first: 'Asha', last: 'Menon', gender: 'Female', dateOfBirth: '14021990' });

    // A UAE mobile typed as it is dialled inside the UAE: the field asks for +971 (E.164).
    await goToStep(page, 'Contact');
    await uaeField(page, 'primaryMobile').fill('0502106707');
    await uaeField(page, 'primaryMobile').blur();
    await expect.poll(() => saidBeside(page, 'primaryMobile')).toBe('Primary mobile: Start with + and the country code, like +971501234567 (UAE) or +919876543210 (India).');
    await uaeField(page, 'primaryMobile').fill('+971 50 210 6707');
    await expect.poll(() => saidBeside(page, 'primaryMobile')).toBe('');

    await goToStep(page, 'Addresses');
    await uaeField(page, 'addresses.0.city').fill('Dubai');

    // An Emirates ID with a wrong last digit: said as it is typed.
    await goToStep(page, 'Ids & images');
    await uaeField(page, 'ids.0.number').fill('784-1990-1234567-0');
    await expect.poll(() => saidBeside(page, 'ids.0.number')).toBe('Id 1: Number: This Emirates ID number has a typing mistake: its last digit does not match the others. Check it against the card.');
    await uaeField(page, 'ids.0.expiry').fill('07082099');
    await attachUaePicture(page, 'Attach the emirates id front', 'Emirates ID front');
    await attachUaePicture(page, 'Attach the emirates id back', 'Emirates ID back');
    // An expired passport: refused with the date it expired, day first.
    await uaeField(page, 'ids.1.number').fill('P7001234');
    await uaeField(page, 'ids.1.issuedCountry').selectOption('IN');
    await uaeField(page, 'ids.1.expiry').fill('21112020');
    await uaeField(page, 'ids.1.expiry').blur();
    await expect.poll(() => saidBeside(page, 'ids.1.expiry')).toBe('Id 2: Expiry: This passport expired on 21/11/2020. An expired passport cannot be accepted: ask for the renewed one.');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'uae-bad-input-ids.png'), fullPage: true });
    await uaeField(page, 'ids.1.expiry').fill('27042099');
    await attachUaePicture(page, 'Attach the passport front', 'Passport front');

    await goToStep(page, 'Classification');
    await attachUaePicture(page, 'Attach the profile photograph', 'Asha Menon');
    // One more change after the photograph: the next draft main keeps holds everything typed so far.
    const draftsBefore = await announced(page, 'draft-saved');
    await uaeField(page, 'classification.riskRating').selectOption('3');
    await waitForAppEvent(page, 'draft-saved', draftsBefore + 1);

    // Saving is refused while the Emirates ID fails its check, and says why.
    expect(await refusedSave(page)).toEqual(['Id 1: Number: This Emirates ID number has a typing mistake: its last digit does not match the others. Check it against the card.']);
    expect(await page.getByTestId('save-outcome').textContent()).toBe('1 problem needs attention before saving.');

    // The window goes (a crash, a power cut): the draft is in main and comes back as typed.
    await page.reload();
    await waitForAppEvent(page, 'draft-checked');
    await page.getByRole('button', { name: 'New UAE customer' }).click();
    await page.getByRole('button', { name: 'Continue it' }).click();
    await goToStep(page, 'Classification');
    expect(await page.getByText('Profile photograph attached', { exact: false }).count()).toBeGreaterThan(0);
    await goToStep(page, 'Ids & images');
    expect(await uaeField(page, 'ids.0.number').inputValue()).toMatch(/^784-?1990-?1234567-?0$/);
    await expect.poll(() => saidBeside(page, 'ids.0.number')).toContain('typing mistake');

    // An admin imports the CDP's countries, which lack India: the draft's nationality is no longer a known code.
    await switchTo(page, 'Training Admin');
    await page.locator('nav[aria-label="Main"]').getByRole('button', { name: 'Settings', exact: true }).click();
    const lists = page.getByTestId('uae-code-lists');
    await lists.getByLabel('List to import').selectOption('countries');
    await lists.getByLabel('Code list file (JSON or CSV)').setInputFiles({ name: 'countries.json', mimeType: 'application/json', buffer: countriesWithoutIndia() });
    await expect.poll(() => lists.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/^Countries \(ISO 3166\): 248 entries imported from countries\.json\. The UAE customer form uses them now\.$/);

    await switchTo(page, 'Training Maker');
    await page.getByRole('button', { name: 'New UAE customer' }).click();
    await page.getByRole('button', { name: 'Continue it' }).click();
    const named = await refusedSave(page);
    expect(named).toEqual([
      'Nationality: IN is not on this PC’s list. Choose one from the list.',
      'Country of birth: IN is not on this PC’s list. Choose one from the list.',
      'Id 1: Number: This Emirates ID number has a typing mistake: its last digit does not match the others. Check it against the card.',
      'Id 2: Issuing country: IN is not on this PC’s list. Choose one from the list.',
    ]);
    await goToStep(page, 'Person');
    await expect.poll(() => saidBeside(page, 'nationality')).toBe('Nationality: IN is not on this PC’s list. Choose one from the list.');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'uae-bad-input-nationality.png'), fullPage: true });

    // Put right (the shipped countries back, the Emirates ID as on the card): the same draft is saved.
    await switchTo(page, 'Training Admin');
    await page.locator('nav[aria-label="Main"]').getByRole('button', { name: 'Settings', exact: true }).click();
    await lists.getByRole('button', { name: 'Back to the shipped countries (iso 3166)' }).click();
    await expect.poll(() => lists.getByRole('row', { name: /^Countries \(ISO 3166\) 249 Shipped with KYC Desk/ }).count(), { timeout: 15_000 }).toBe(1);
    await switchTo(page, 'Training Maker');
    await page.getByRole('button', { name: 'New UAE customer' }).click();
    await page.getByRole('button', { name: 'Continue it' }).click();
    await goToStep(page, 'Ids & images');
    await uaeField(page, 'ids.0.number').fill('784-1990-1234567-6');
    await expect.poll(() => saidBeside(page, 'ids.0.number')).toBe('');
    await goToStep(page, 'Review');
    await expect.poll(() => page.getByText('No problems: the record is ready to save.').isVisible()).toBe(true);
    const reference = await saveRecord(page);
    expect(await page.getByTestId('save-outcome').textContent()).toBe(`Saved as ${reference}. It now waits for a checker’s approval.`);
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);
});

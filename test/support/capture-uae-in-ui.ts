import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { drawPhotoJpeg } from './capture-in-ui';

/**
 * Capturing a UAE customer in Chromium, as the UAE e2e tests do it: the form's fields by name, its
 * pictures drawn for each customer (never the same bytes on two customers), and the personal step
 * the tests all fill the same way but for who the customer is.
 */

/** A field of the UAE capture form, by the name its input carries. */
export const uaeField = (page: Page, name: string) => page.locator(`[name="${name}"]`);

/** Attaches a JPEG drawn for `picture` at the input labelled `label`, and waits until the form says it is attached. */
export async function attachUaePicture(page: Page, label: string, picture: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).setInputFiles({ name: `${picture}.jpg`, mimeType: 'image/jpeg', buffer: await drawPhotoJpeg(page, picture) });
  await expect.poll(() => page.getByText(`${label.replace(/^Attach the /, '')} attached`, { exact: false }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
}

/** Opens New UAE customer and waits for its form. */
export async function openNewUaeCustomer(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New UAE customer' }).click();
  await page.getByRole('heading', { level: 2, name: 'New UAE customer' }).waitFor({ timeout: 15_000 });
}

/** Who a UAE customer is, on the personal step; the rest of the step is an Indian-born resident engineer. */
export interface UaePerson {
  salutation: 'Mr' | 'Ms';
  first: string;
  last: string;
  gender: 'Male' | 'Female';
  /** As typed, DD/MM/YYYY without the slashes. */
  dateOfBirth: string;
}

/** Fills the personal step: the person, born in and a national of India, resident (101), occupation 2856. */
export async function fillUaePersonal(page: Page, person: UaePerson): Promise<void> {
  await uaeField(page, 'salutation').selectOption(person.salutation);
  await uaeField(page, 'firstName').fill(person.first);
  await uaeField(page, 'lastName').fill(person.last);
  await uaeField(page, 'gender').selectOption(person.gender);
  await uaeField(page, 'dateOfBirth').fill(person.dateOfBirth);
  await uaeField(page, 'nationality').selectOption('IN');
  await uaeField(page, 'countryOfBirth').selectOption('IN');
  await uaeField(page, 'residentType').selectOption('101');
  await uaeField(page, 'occupation').selectOption('2856');
}

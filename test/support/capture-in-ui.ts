import type { Page } from 'playwright-core';
import { waitForAppEvent } from './app-under-test';

/** Who the customer is: what tells one test's record from another's. */
export interface UiCustomer {
  firstName: string;
  lastName: string;
  pan: string;
  mobile: string;
  pinCode: string;
  city: string;
  /** The passport's number; by default one made from the PAN's digits, so two customers never share one. */
  passport?: string;
  /** Attach an Aadhaar image, masked with the redaction tool. */
  aadhaar?: boolean;
  /** An email address, typed on the Contact step (none by default). */
  email?: string;
  /**
   * The photograph from Chromium's fake camera (default), or a picture file drawn for this customer:
   * the fake camera's test pattern can repeat exactly, and the same image on two records of one
   * store is refused as a customer captured twice.
   */
  photo?: 'camera' | 'file';
}

const field = (page: Page, path: string) => page.locator(`[name="${path}"]`);

/** Go to a step of the capture flow by its button in the step list. */
export async function goToStep(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Capture steps' }).getByRole('button', { name: new RegExp(`^${title}`) }).click();
  await page.getByRole('heading', { level: 3, name: title, exact: true }).waitFor({ timeout: 10_000 });
}

/**
 * A JPEG drawn by the page itself (Chromium encodes it), as a camera or scanner would give it.
 * `draw` is the body of a function of the 2D context `g`; a string, so this Node-side file needs
 * no DOM types.
 */
async function drawJpeg(page: Page, width: number, height: number, draw: string): Promise<Buffer> {
  const base64 = await page.evaluate<string>(`(async () => {
    const canvas = new OffscreenCanvas(${width}, ${height});
    const g = canvas.getContext('2d');
    ${draw}
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  })()`);
  return Buffer.from(base64, 'base64');
}

/** A passport-style picture with the customer's name on it, so no two customers' photographs are the same bytes. */
export function drawPhotoJpeg(page: Page, name: string): Promise<Buffer> {
  return drawJpeg(
    page,
    350,
    450,
    `g.fillStyle = '#dfe8f0';
    g.fillRect(0, 0, 350, 450);
    g.fillStyle = '#6b4f3a';
    g.beginPath();
    g.arc(175, 180, 90, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#222';
    g.font = '24px sans-serif';
    g.fillText(${JSON.stringify(name)}, 20, 420);`,
  );
}

/** An Aadhaar-like card: the first 8 digits sit where the redaction tool puts its first box (the middle); the last 4 stay readable. */
export function drawAadhaarJpeg(page: Page): Promise<Buffer> {
  return drawJpeg(
    page,
    900,
    560,
    `g.fillStyle = '#f4f1e8';
    g.fillRect(0, 0, 900, 560);
    g.fillStyle = '#222';
    g.font = '44px sans-serif';
    g.textAlign = 'center';
    g.fillText('2345 6789', 450, 296);
    g.fillText('0124', 720, 296);`,
  );
}

/**
 * Capture a complete individual through every step of the form, as an operator at the counter
 * would: typed fields, the fake camera's photograph, and (optionally) a masked Aadhaar image.
 * Leaves the flow on Review with no problem listed; saving is the caller's step.
 */
export async function captureCompleteRecord(page: Page, customer: UiCustomer): Promise<void> {
  await goToStep(page, 'Personal');
  await field(page, 'prefix').selectOption('MS');
  await page.getByLabel('First name', { exact: true }).fill(customer.firstName);
  await page.getByLabel('Last name', { exact: true }).fill(customer.lastName);
  await field(page, 'fatherOrSpouse.firstName').fill('Ravi');
  await field(page, 'fatherOrSpouse.lastName').fill(customer.lastName);
  await page.getByLabel('Gender', { exact: true }).selectOption('F');
  // Typed as branch staff write dates, key by key; the field keeps 1990-04-15.
  await page.getByLabel('Date of birth', { exact: true }).pressSequentially('15/04/1990');
  await field(page, 'residentialStatus').selectOption('01');

  await goToStep(page, 'Identity');
  await page.getByLabel('PAN', { exact: true }).fill(customer.pan);
  await page.getByLabel('Last 4 digits of Aadhaar').fill('0124');
  await page.getByRole('button', { name: 'Add an identity document' }).click();
  await field(page, 'identityDocuments.0.code').selectOption('A');
  await field(page, 'identityDocuments.0.number').fill(customer.passport ?? `J${customer.pan.replace(/\D/g, '').slice(0, 4)}854`);
  await field(page, 'identityDocuments.0.expiry').pressSequentially('30-06-2031');

  await goToStep(page, 'Addresses');
  const permanent = page.getByRole('group', { name: 'Permanent address' });
  await permanent.getByLabel('Address line 1', { exact: true }).fill('12, MG Road');
  await permanent.getByLabel('City', { exact: true }).fill(customer.city);
  await permanent.getByLabel('PIN code', { exact: true }).fill(customer.pinCode);
  await field(page, 'permanentAddress.poaCode').selectOption('02'); // the passport, listed under identity
  await page.getByTestId('pin-note').waitFor({ timeout: 10_000 });

  await goToStep(page, 'Contact');
  await page.getByLabel('Mobile number', { exact: true }).fill(customer.mobile);
  if (customer.email) await page.getByLabel('Email', { exact: true }).fill(customer.email);

  await goToStep(page, 'Documents & photograph');
  if (customer.photo === 'file') {
    const photo = await drawPhotoJpeg(page, `${customer.firstName} ${customer.lastName} ${customer.pan}`);
    await page.getByLabel('Choose a photo file instead').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo });
  } else {
    // The fake camera's test pattern, cropped to a passport photograph and compressed in the page.
    await page.getByRole('button', { name: 'Take photo' }).click({ timeout: 15_000 });
  }
  await page.getByRole('button', { name: 'Use this photo' }).click({ timeout: 15_000 });
  await page.getByText(/^Photograph kept/).waitFor({ timeout: 15_000 });
  if (customer.aadhaar) {
    await page.getByLabel('Document image type').selectOption('04');
    const attach = page.locator('.document-attach').filter({ hasText: 'Aadhaar' });
    await attach.locator('input[type="file"]').setInputFiles({ name: 'aadhaar.jpg', mimeType: 'image/jpeg', buffer: await drawAadhaarJpeg(page) });
    await page.getByRole('button', { name: 'Add a box' }).click();
    await page.getByLabel('The first 8 digits of the Aadhaar number and the QR code are covered').check();
    await page.getByRole('button', { name: 'Apply masking' }).click();
    await attach.getByText(/^Attached \(\d+ KB, masked\)/).waitFor({ timeout: 15_000 });
  }

  await goToStep(page, 'Declaration');
  await field(page, 'declaration.place').fill(customer.city);
  await field(page, 'verification.kycMode').selectOption('01');

  await goToStep(page, 'Review');
}

/** Save from Review; returns the reference the app gave the record. */
export async function saveRecord(page: Page, savedBefore = 0): Promise<string> {
  await page.getByRole('button', { name: 'Save record' }).click();
  try {
    await waitForAppEvent(page, 'record-saved', savedBefore + 1, 45_000);
  } catch (error) {
    // Say why it did not save: the form's own problems or outcome, not just a timeout.
    const said = await page.locator('[data-testid="problem-list"], [data-testid="save-outcome"], [role="alert"]').allTextContents();
    throw new Error(`the record was not saved (${said.join(' | ') || 'nothing said on the page'}): ${(error as Error).message}`);
  }
  const outcome = await page.getByTestId('save-outcome').textContent();
  const reference = /Saved as (KD[0-9A-Z]{12})/.exec(outcome ?? '')?.[1];
  if (!reference) throw new Error(`no reference in the save outcome: ${outcome}`);
  return reference;
}

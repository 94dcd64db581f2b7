import { describe, expect, it } from 'vitest';
import { applicationFormPdf, winAnsi } from '../../electron/digital-kyc/application-form';
import type { KycRecord } from '../../shared/record/kyc-record';
import { validateKycRecord } from '../../shared/validation/kyc-record';
import { cardPicture, jpegOf, pngOf } from '../support/aadhaar-image';
import { completeKycRecord, FIXTURE_TODAY } from '../support/kyc-records';
import { pdfPages } from '../support/pdf-text';

/**
 * The KYC application form: made from the stored record, read back with pdf-lib (it loads, its
 * pages counted) and its text taken from the inflated content streams — every section and value,
 * the Aadhaar only as its last 4, the photograph and signature drawn, the boxes for the wet
 * signature and the verifying officer, more pages for a long record, and '?' for what the
 * standard fonts cannot draw.
 */
function storedRecord(change: (typed: KycRecord) => void = () => {}): KycRecord {
  const typed = completeKycRecord();
  change(typed);
  const checked = validateKycRecord(typed, FIXTURE_TODAY);
  if (!checked.ok) throw new Error(`the test record must be valid: ${JSON.stringify(checked.errors)}`);
  return { ...checked.value, customerReference: 'KD4T7Q2M9X1B0C' };
}

const photo = () => jpegOf(cardPicture(3, 300, 360), 85);
const signature = () => pngOf(cardPicture(5, 400, 120), (x) => (x % 7 === 0 ? 0 : 255));

describe('KYC application form PDF', () => {
  it('loads back as one A4 page or more with every section and the record’s values', async () => {
    const bytes = await applicationFormPdf(storedRecord(), { photo: photo(), signature: signature() });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const { pdf, pages } = await pdfPages(bytes);
    expect(pdf.getPageCount()).toBe(pages.length);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    const text = pages.map((page) => page.text).join('\n');
    for (const heading of ['KYC application form (individual)', 'Personal details', 'Identity', 'Addresses', 'Contact', 'Declaration and verification', 'Signatures']) {
      expect(text).toContain(heading);
    }
    for (const value of ['KD4T7Q2M9X1B0C', 'ASHA', 'VERMA', 'ABCPV1234K', '15/04/1990', '20/11/2026', '21/11/2026', 'Passport (02)', 'J8369854', '9876543210', 'asha.verma@example.com', 'Karnataka', '560001', 'Private sector service (S-02)', "D'SOUZA", 'US (TIN 123456789)', 'Other (15): Mr RAVI VERMA (HUSBAND); PAN card (C): ABCPV5678K']) {
      expect(text, value).toContain(value);
    }
    expect(text).toContain('Documents seen in original.');
    expect(text).not.toContain('?'); // everything here is WinAnsi
  });

  it('shows the Aadhaar only as its last 4 digits', async () => {
    const bytes = await applicationFormPdf(storedRecord());
    const text = (await pdfPages(bytes)).pages.map((page) => page.text).join('\n');
    expect(text).toContain('XXXX XXXX 4321');
    expect(text.match(/\d{4}\s?\d{4}\s?4321/)).toBeNull();
  });

  it('draws the photograph and the signature when given (JPEG and PNG), and empty boxes otherwise', async () => {
    const withImages = await pdfPages(await applicationFormPdf(storedRecord(), { photo: photo(), signature: signature() }));
    expect(withImages.pages.reduce((sum, page) => sum + page.images, 0)).toBe(2);
    const without = await pdfPages(await applicationFormPdf(storedRecord()));
    expect(without.pages.reduce((sum, page) => sum + page.images, 0)).toBe(0);
    const text = without.pages.map((page) => page.text).join('\n');
    for (const box of ['Photograph', 'Signature of the applicant (as captured)', 'Signature of the applicant (sign here)', 'Verified by: name, employee code, signature and date']) {
      expect(text).toContain(box);
    }
  });

  it('draws a small image handed over as a slice of a larger buffer (as Node’s pooled Buffers are)', async () => {
    const small = jpegOf(cardPicture(6, 40, 20, 4), 80);
    const pooled = new Uint8Array(small.length + 100);
    pooled.set(small, 100);
    const { pages } = await pdfPages(await applicationFormPdf(storedRecord(), { signature: pooled.subarray(100) }));
    expect(pages.reduce((sum, page) => sum + page.images, 0)).toBe(1);
    expect(pages.map((page) => page.text).join('\n')).not.toContain('could not be shown');
  });

  it('keeps the form when an image cannot be read, saying so in its box', async () => {
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const { pages } = await pdfPages(await applicationFormPdf(storedRecord(), { photo: broken }));
    expect(pages[0]!.text).toContain('Photograph: the stored image could not be shown');
    expect(pages[0]!.images).toBe(0);
  });

  it('flows a long record onto more pages, dropping nothing, the officer’s box last', async () => {
    const letters = (i: number) => String.fromCharCode(65 + (i % 26)) + String.fromCharCode(65 + Math.floor(i / 26));
    const long = storedRecord((r) => {
      r.relatedPersons = Array.from({ length: 15 }, (_, i) => ({ type: '15', prefix: 'MR', name: `Relative ${letters(i)}kumar`, relation: 'cousin', identity: { code: 'A', number: `K${String(1_000_000 + i)}` } }));
    });
    const remarks = Array.from({ length: 60 }, (_, i) => `remark-word-${i + 1}`).join(' ');
    const { pages } = await pdfPages(await applicationFormPdf({ ...long, remarks }, { photo: photo(), signature: signature() }));
    expect(pages.length).toBeGreaterThan(1);
    const text = pages.map((page) => page.text).join('\n');
    for (let i = 0; i < 15; i++) expect(text).toContain(`RELATIVE ${letters(i)}KUMAR`);
    for (let i = 1; i <= 60; i++) expect(text).toContain(`remark-word-${i}`);
    expect(pages.at(-1)!.text).toContain('Verified by: name, employee code, signature and date');
  });

  it('breaks a word wider than a line instead of running off the page', async () => {
    const email = `${'a'.repeat(120)}@example.com`;
    const { pages } = await pdfPages(await applicationFormPdf({ ...storedRecord(), contact: { mobileIsd: '91', mobile: '9876543210', email } }));
    const pieces = pages[0]!.strings.filter((s) => /^a+(@example\.com)?$|^a*@example\.com$/.test(s));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(email);
  });

  it('shows what the standard fonts cannot draw as ? (never dropped), and newlines as spaces', async () => {
    expect(winAnsi('Rāmesh ₹ राम\nnext – ‘quoted’')).toBe("R?mesh ? ??? next - 'quoted'");
    const { pages } = await pdfPages(await applicationFormPdf({ ...storedRecord(), remarks: 'Paid ₹500 to राम' }));
    expect(pages.map((page) => page.text).join('\n')).toContain('Paid ?500 to ???');
  });

  it('is the same bytes for the same record (no clock in the document)', async () => {
    const record = storedRecord();
    const first = await applicationFormPdf(record, { photo: photo() });
    const second = await applicationFormPdf(record, { photo: photo() });
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });
});

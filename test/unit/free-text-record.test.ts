import { describe, expect, it } from 'vitest';
import type { KycRecord } from '../../shared/record/kyc-record';
import { verhoeffCheckDigit } from '../../shared/validation';
import { FREE_TEXT_MESSAGES } from '../../shared/validation/free-text';
import { validateKycRecord } from '../../shared/validation/kyc-record';
import { completeKycRecord, FIXTURE_TODAY } from '../support/kyc-records';

/**
 * The capture form's free-text fields (remarks, the unlisted-PIN reason, address lines, free-text
 * document numbers, a TIN) refuse a full Aadhaar number, a formula prefix and invisible
 * characters, each with its message beside the field; the renderer and main run this same check.
 */
const AADHAAR = `23456789012${verhoeffCheckDigit('23456789012')}`;
const SPACED = `${AADHAAR.slice(0, 4)} ${AADHAAR.slice(4, 8)} ${AADHAAR.slice(8)}`;

function errorsFor(change: (record: KycRecord) => void): Record<string, string> {
  const record = completeKycRecord();
  change(record);
  const check = validateKycRecord(record, FIXTURE_TODAY);
  return check.ok ? {} : check.errors;
}

describe('free text in the KYC record', () => {
  it('the untouched sample is valid, so each case below fails for its own field only', () => {
    expect(errorsFor(() => undefined)).toEqual({});
  });

  it.each([
    ['a full Aadhaar number', `Customer Aadhaar ${SPACED} seen`, FREE_TEXT_MESSAGES.fullAadhaar],
    ['one written with hyphens', `Aadhaar ${AADHAAR.slice(0, 4)}-${AADHAAR.slice(4, 8)}-${AADHAAR.slice(8)}`, FREE_TEXT_MESSAGES.fullAadhaar],
    ['a formula', '=HYPERLINK("http://evil.example","open")', FREE_TEXT_MESSAGES.formulaPrefix],
    ['a leading minus', '-2+3', FREE_TEXT_MESSAGES.formulaPrefix],
    ['a leading @', '@SUM(1,2)', FREE_TEXT_MESSAGES.formulaPrefix],
    ['a right-to-left override', 'Documents seen \u202Ein original', FREE_TEXT_MESSAGES.invisible('U+202E')],
    ['a zero-width space', 'Docu\u200Bments seen', FREE_TEXT_MESSAGES.invisible('U+200B')],
    ['a line separator', 'First visit\u2028second visit', FREE_TEXT_MESSAGES.invisible('U+2028')],
    ['a next-line character', 'First visit\u0085second visit', FREE_TEXT_MESSAGES.invisible('U+0085')],
  ])('remarks with %s are refused with the reason', (_label, remarks, message) => {
    expect(errorsFor((r) => (r.remarks = remarks))).toEqual({ remarks: `Remarks: ${message}` });
  });

  it('remarks keep what is legitimate: a failing 12-digit number, Hindi text, lines and dashes inside', () => {
    for (const remarks of ['Salary account 234567890123 verified', 'ग्राहक ने पता बदला — फ़ोटो दोबारा ली', 'Photo re-taken.\nAddress proof seen', 'Aadhaar XXXX XXXX 4321']) {
      expect(errorsFor((r) => (r.remarks = remarks)), remarks).toEqual({});
    }
  });

  it.each([
    ['a full Aadhaar number', `Checked on Aadhaar ${SPACED}`, FREE_TEXT_MESSAGES.fullAadhaar],
    ['a formula', '+1 new PIN', FREE_TEXT_MESSAGES.formulaPrefix],
    ['a bidi override', 'New PIN \u202Echecked', FREE_TEXT_MESSAGES.invisible('U+202E')],
  ])('the unlisted-PIN reason with %s is refused', (_label, reason, message) => {
    expect(errorsFor((r) => (r.unlistedPinReason = reason))).toEqual({ unlistedPinReason: `Why this PIN is right: ${message}` });
  });

  it('an address line holding a full Aadhaar number, or starting with a minus, is refused', () => {
    expect(errorsFor((r) => (r.permanentAddress.line2 = `H NO ${SPACED}`))).toEqual({ 'permanentAddress.line2': `Permanent address line 2: ${FREE_TEXT_MESSAGES.fullAadhaar}` });
    expect(errorsFor((r) => (r.correspondenceAddress.line1 = '- NEAR TEMPLE'))).toEqual({ 'correspondenceAddress.line1': `Correspondence address line 1: ${FREE_TEXT_MESSAGES.formulaPrefix}` });
    expect(errorsFor((r) => (r.permanentAddress.line2 = 'PLOT 12-A, NEAR TEMPLE'))).toEqual({});
  });

  it('an NPR letter number that is a full Aadhaar number is refused; a TIN cannot start a formula', () => {
    expect(errorsFor((r) => r.identityDocuments.push({ code: 'G', number: SPACED }))).toEqual({ 'identityDocuments.2.number': `Identity document 3 number: ${FREE_TEXT_MESSAGES.fullAadhaar}` });
    expect(errorsFor((r) => r.identityDocuments.push({ code: 'G', number: 'NPR 2345 6789' }))).toEqual({});
    expect(errorsFor((r) => (r.taxResidency.countries[0]!.tin = '-123456'))).toEqual({ 'taxResidency.countries.0.tin': `Tax residence 1 tax identification number (TIN): ${FREE_TEXT_MESSAGES.formulaPrefix}` });
  });
});

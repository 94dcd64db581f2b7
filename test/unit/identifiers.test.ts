import { describe, it, expect } from 'vitest';
import {
  validateIdentifier,
  validateIndianMobile,
  validatePan,
  validatePinCode,
  type IdentifierResult,
  type IdentifierType,
} from '../../shared/validation/identifiers';
import {
  IDENTIFIER_TYPES,
  aadhaarLast4,
  isIdentifierType,
  isVerhoeffValid,
  luhnCheckDigit,
  maskAadhaar,
  validateAadhaar,
  validateDrivingLicence,
  validateEmiratesId,
  verhoeffCheckDigit,
  type CalendarDate,
} from '../../shared/validation';

/** A reason is a plain sentence: capitalised, ends with a full stop, no code-like text. */
function expectPlainReason(result: IdentifierResult): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('expected a refusal');
  expect(Object.keys(result).sort()).toEqual(['ok', 'reason']);
  expect(result.reason.trim().length).toBeGreaterThan(0);
  expect(result.reason).toMatch(/^[A-Z].*\.$/);
  expect(result.reason).not.toMatch(/undefined|null|NaN|\[object/);
  return result.reason;
}

function expectValue(result: IdentifierResult, value: string): void {
  expect(result).toStrictEqual({ ok: true, value });
}

describe('validatePan', () => {
  it.each([
    ['ABCPE1234F', 'ABCPE1234F'],
    ['abcpe1234f', 'ABCPE1234F'],
    [' abcpe 1234 f ', 'ABCPE1234F'],
    ['ABCPE-1234-F', 'ABCPE1234F'],
    ['ABCPE.1234/F', 'ABCPE1234F'],
    ['ZZZPZ0001A', 'ZZZPZ0001A'],
    ['AAAPA9999Z', 'AAAPA9999Z'],
  ])('accepts %j as %s', (raw, value) => {
    expectValue(validatePan(raw), value);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['too short', 'ABCPE123F'],
    ['too long', 'ABCPE12345F'],
    ['digit where a letter belongs', 'AB1PE1234F'],
    ['letter where a digit belongs', 'ABCPE12X4F'],
    ['digit as the last character', 'ABCPE12345'],
    ['serial 0000', 'ABCPE0000F'],
    ['company holder type C', 'ABCCE1234F'],
    ['HUF holder type H', 'ABCHE1234F'],
    ['firm holder type F', 'ABCFE1234F'],
    ['non-ASCII letter', 'ABCPÉ1234F'],
  ])('rejects %s (%j)', (_label, raw) => {
    expectPlainReason(validatePan(raw));
  });

  it('explains that the 4th letter must be P for a non-individual PAN', () => {
    expect(expectPlainReason(validatePan('ABCCE1234F'))).toMatch(/P/);
  });

  it('explains that the serial cannot be 0000', () => {
    expect(expectPlainReason(validatePan('ABCPE0000F'))).toMatch(/0000/);
  });
});

describe('validateIndianMobile', () => {
  it.each([
    ['9876543210', '9876543210'],
    ['98765 43210', '9876543210'],
    ['+91 98765 43210', '9876543210'],
    ['+919876543210', '9876543210'],
    ['+91-98765-43210', '9876543210'],
    ['919876543210', '9876543210'],
    ['09876543210', '9876543210'],
    ['(+91) 98765 43210', '9876543210'],
    ['6000000000', '6000000000'],
    ['7000000000', '7000000000'],
    ['8000000000', '8000000000'],
  ])('accepts %j as %s', (raw, value) => {
    expectValue(validateIndianMobile(raw), value);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '  '],
    ['9 digits', '987654321'],
    ['11 digits without a trunk zero', '98765432101'],
    ['starts with 5', '5876543210'],
    ['starts with 0 after stripping', '0123456789'],
    ['starts with 1', '1876543210'],
    ['letters', '98765abcde'],
    ['+91 followed by 9 digits', '+91 987654321'],
  ])('rejects %s (%j)', (_label, raw) => {
    expectPlainReason(validateIndianMobile(raw));
  });

  it('tells the operator a mobile has 10 digits when 9 were typed', () => {
    expect(expectPlainReason(validateIndianMobile('987654321'))).toMatch(/10 digits/);
  });

  it('says which digits a mobile may start with when it starts with 5', () => {
    expect(expectPlainReason(validateIndianMobile('5876543210'))).toMatch(/6, 7, 8 or 9/);
  });
});

describe('validatePinCode', () => {
  it.each([
    ['560001', '560001'],
    ['560 001', '560001'],
    [' 110001 ', '110001'],
    ['560-001', '560001'],
    ['999999', '999999'],
  ])('accepts %j as %s', (raw, value) => {
    expectValue(validatePinCode(raw), value);
  });

  it.each([
    ['empty', ''],
    ['starts with 0', '056001'],
    ['5 digits', '56001'],
    ['7 digits', '5600011'],
    ['letters', '56A001'],
    ['all letters', 'ABCDEF'],
  ])('rejects %s (%j)', (_label, raw) => {
    expectPlainReason(validatePinCode(raw));
  });

  it('reports the digit count for a 5-digit PIN', () => {
    expect(expectPlainReason(validatePinCode('56001'))).toMatch(/6 digits/);
  });
});

describe('validateIdentifier', () => {
  it.each<[IdentifierType, string, IdentifierResult]>([
    ['PAN', ' abcpe 1234 f ', { ok: true, value: 'ABCPE1234F' }],
    ['MOBILE_IN', '+91 98765 43210', { ok: true, value: '9876543210' }],
    ['PIN_CODE', '560 001', { ok: true, value: '560001' }],
  ])('dispatches %s to its rule', (type, raw, expected) => {
    expect(validateIdentifier(type, raw)).toStrictEqual(expected);
  });

  it.each<[IdentifierType, string]>([
    ['PAN', '9876543210'],
    ['MOBILE_IN', 'ABCPE1234F'],
    ['PIN_CODE', '9876543210'],
  ])('applies the rule of %s, not another one (%j)', (type, raw) => {
    expectPlainReason(validateIdentifier(type, raw));
  });
});

// ---------------------------------------------------------------------------
// Issue 4: every identifier type through validateIdentifier
// ---------------------------------------------------------------------------

/** A fixed "today" so year rules (driving licence, Emirates ID) do not move with the clock. */
const TODAY: CalendarDate = { year: 2025, month: 6, day: 15 };

const withVerhoeff = (prefix: string): string => `${prefix}${verhoeffCheckDigit(prefix)}`;
const withLuhn = (prefix: string): string => `${prefix}${luhnCheckDigit(prefix)}`;
/** A Luhn-valid Emirates ID with the given year of birth. */
const emiratesId = (year: number, serial = '1234567'): string => withLuhn(`784${year}${serial}`);

/** A refusal through validateIdentifier that is a plain sentence and does not repeat the number. */
function expectRefusal(type: IdentifierType, raw: string): string {
  const reason = expectPlainReason(validateIdentifier(type, raw, TODAY));
  const compact = raw.replace(/[\s\-./]/g, '').toUpperCase();
  if (compact.length >= 6) expect(reason.toUpperCase()).not.toContain(compact);
  return reason;
}

function expectAccepted(type: IdentifierType, raw: string, value: string): void {
  expectValue(validateIdentifier(type, raw, TODAY), value);
}

describe('validateIdentifier: one valid example per type', () => {
  // A Record over the union: adding a type to IdentifierType without an example fails to compile.
  const ONE_VALID: Record<IdentifierType, readonly [raw: string, value: string]> = {
    PAN: ['abcpe 1234 f', 'ABCPE1234F'],
    AADHAAR: ['2341 2341 2346', '234123412346'],
    VID: ['2341 2341 2341 2341', '2341234123412341'],
    VOTER_ID: ['abc 1234567', 'ABC1234567'],
    PASSPORT: ['j8369854', 'J8369854'],
    DRIVING_LICENCE: ['MH-12 2011 0012345', 'MH1220110012345'],
    NREGA: ['mh-01-001-001-001/123', 'MH-01-001-001-001/123'],
    CKYC_NUMBER: ['1234 5678 9012 34', '12345678901234'],
    PIN_CODE: ['560 001', '560001'],
    MOBILE_IN: ['+91 98765 43210', '9876543210'],
    EMAIL: [' Name@Example.com ', 'name@example.com'],
    EMIRATES_ID: ['784-1990-1234567-6', '784199012345676'],
    UDID: ['mh 1234 5678 9012 3456', 'MH1234567890123456'],
  };

  it('covers exactly the exported list of types', () => {
    expect(Object.keys(ONE_VALID).sort()).toEqual([...IDENTIFIER_TYPES].sort());
    expect(new Set(IDENTIFIER_TYPES).size).toBe(13);
  });

  it.each(IDENTIFIER_TYPES.map((type) => [type, ...ONE_VALID[type]] as const))('accepts %s %j as %s', (type, raw, value) => {
    expectAccepted(type, raw, value);
    expect(isIdentifierType(type)).toBe(true);
  });

  it.each(IDENTIFIER_TYPES)('refuses an empty %s with a plain reason', (type) => {
    expect(expectRefusal(type, '   ')).toMatch(/^Enter the /);
  });

  it.each(['FOO', 'pan', '', '__proto__', 'toString', 'constructor'])('refuses unknown type %j instead of throwing', (type) => {
    expect(isIdentifierType(type)).toBe(false);
    expectPlainReason(validateIdentifier(type as IdentifierType, 'ABCPE1234F', TODAY));
  });

  it('uses the local date when no "today" is given', () => {
    expectValue(validateIdentifier('DRIVING_LICENCE', 'MH1220110012345'), 'MH1220110012345');
    expectPlainReason(validateIdentifier('DRIVING_LICENCE', 'MH1299990012345'));
    expectValue(validateEmiratesId('784-1990-1234567-6'), '784199012345676');
  });
});

describe('PAN, mobile and PIN through validateIdentifier', () => {
  it.each<[IdentifierType, string, string]>([
    ['PAN', 'ABCPE1234F', 'ABCPE1234F'],
    ['PAN', 'abcpe-1234-f', 'ABCPE1234F'],
    ['MOBILE_IN', '09876543210', '9876543210'],
    ['MOBILE_IN', '919876543210', '9876543210'],
    ['PIN_CODE', '110001', '110001'],
  ])('%s accepts %j as %s', (type, raw, value) => {
    expectAccepted(type, raw, value);
  });

  it.each<[string, IdentifierType, string]>([
    ['PAN serial 0000', 'PAN', 'ABCPE0000F'],
    ['PAN holder type C (company)', 'PAN', 'ABCCE1234F'],
    ['PAN holder type T (trust)', 'PAN', 'ABCTE1234F'],
    ['9-digit mobile', 'MOBILE_IN', '987654321'],
    ['mobile starting with 5', 'MOBILE_IN', '5876543210'],
    ['PIN starting with 0', 'PIN_CODE', '012345'],
  ])('refuses %s', (_label, type, raw) => {
    expectRefusal(type, raw);
  });
});

describe('AADHAAR', () => {
  it.each([
    ['234123412346', '234123412346'], // python-stdnum / stdnum-js example
    ['2341 2341 2346', '234123412346'],
    ['2341-2341-2346', '234123412346'],
    [' 2341.2341.2346 ', '234123412346'],
    [withVerhoeff('98765432101'), withVerhoeff('98765432101')],
    [withVerhoeff('49182736450'), withVerhoeff('49182736450')],
    [withVerhoeff('20000000000'), withVerhoeff('20000000000')],
    [withVerhoeff('99999999998'), withVerhoeff('99999999998')],
  ])('accepts %j as %s', (raw, value) => {
    expectAccepted('AADHAAR', raw, value);
    expectValue(validateAadhaar(raw), value);
  });

  // Numbers refused by a rule other than the checksum carry a valid Verhoeff digit, so the test
  // proves that rule (not the checksum) does the refusing.
  const START_0 = withVerhoeff('03412341234');
  const START_1 = withVerhoeff('13412341234');
  const PALINDROMES = ['234505505432', '234517715432', '200009900002'];
  const ALL_SAME = ['333333333333', '666666666666', '999999999999'];

  it('uses checksum-valid numbers for the non-checksum rules', () => {
    for (const n of [START_0, START_1, ...PALINDROMES, ...ALL_SAME]) expect(isVerhoeffValid(n), n).toBe(true);
  });

  it.each<[string, string, RegExp]>([
    ['empty', '', /Enter the Aadhaar number/],
    ['11 digits', '23412341234', /12 digits; this has 11/],
    ['13 digits', '2341234123467', /12 digits; this has 13/],
    ['letters', '2341234123AB', /digits only/],
    ['the masked form', 'XXXX XXXX 2346', /full 12-digit/],
    ['the masked form in lower case', 'xxxx-xxxx-2346', /full 12-digit/],
    ['starting with 0', START_0, /0 or 1/],
    ['starting with 1', START_1, /0 or 1/],
    ['all 3s', ALL_SAME[0]!, /same/],
    ['all 6s', ALL_SAME[1]!, /same/],
    ['all 9s', ALL_SAME[2]!, /same/],
    ['all 2s (checksum also wrong)', '222222222222', /same/],
    ['a palindrome', PALINDROMES[0]!, /backwards/],
    ['another palindrome', PALINDROMES[1]!, /backwards/],
    ['a palindrome with many zeros', PALINDROMES[2]!, /backwards/],
    ['a palindrome typed with spaces', '2345 0550 5432', /backwards/],
    ['a wrong check digit', '234123412347', /typing mistake/],
    ['two neighbouring digits swapped', '243123412346', /typing mistake/],
    ['one digit changed', '234123512346', /typing mistake/],
  ])('refuses %s', (_label, raw, reason) => {
    const text = expectRefusal('AADHAAR', raw);
    expect(text).toMatch(reason);
    expect(text).not.toMatch(/\d{4}/); // not even the last 4
  });

  it('refuses every wrong last digit of a valid number', () => {
    for (let digit = 0; digit <= 9; digit++) {
      const raw = `23412341234${digit}`;
      expect(validateAadhaar(raw).ok).toBe(digit === 6);
    }
  });
});

describe('maskAadhaar / aadhaarLast4', () => {
  it.each([
    ['234123412346', 'XXXX XXXX 2346', '2346'],
    ['2341 2341 2346', 'XXXX XXXX 2346', '2346'],
    ['2341-2341-2346', 'XXXX XXXX 2346', '2346'],
    ['XXXX XXXX 2346', 'XXXX XXXX 2346', '2346'],
    ['xxxx-xxxx-2346', 'XXXX XXXX 2346', '2346'],
    ['2346', 'XXXX XXXX 2346', '2346'],
    ['', 'XXXX XXXX XXXX', null],
    ['12345', 'XXXX XXXX XXXX', null],
    ['23412341234', 'XXXX XXXX XXXX', null],
    ['2341234123412341', 'XXXX XXXX XXXX', null],
    ['ABCD EFGH 2346', 'XXXX XXXX XXXX', null],
  ])('%j masks as %j, last 4 %j', (raw, masked, last4) => {
    expect(maskAadhaar(raw)).toBe(masked);
    expect(aadhaarLast4(raw)).toBe(last4);
    expect(maskAadhaar(masked)).toBe(masked); // idempotent
  });

  it('never shows the first 8 digits', () => {
    expect(maskAadhaar('987654321012')).not.toMatch(/9876|5432/);
  });
});

describe('VID', () => {
  it.each([
    ['2341234123412341', '2341234123412341'], // python-stdnum example
    ['2341 2341 2341 2341', '2341234123412341'],
    ['2341-2341-2341-2341', '2341234123412341'],
    [withVerhoeff('918273645091827'), withVerhoeff('918273645091827')],
    [withVerhoeff('000000000000001'), withVerhoeff('000000000000001')],
  ])('accepts %j as %s (16 digits with a valid Verhoeff digit)', (raw, value) => {
    expectAccepted('VID', raw, value);
  });

  it.each([
    ['empty', ''],
    ['16 digits with a wrong Verhoeff digit', '2341234123412342'],
    ['16 digits, neighbours swapped', '3241234123412341'],
    ['15 digits', '234123412341234'],
    ['17 digits', '23412341234123411'],
    ['an Aadhaar number', '234123412346'],
    ['letters', '2341234123412A41'],
  ])('refuses %s (%j)', (_label, raw) => {
    expect(expectRefusal('VID', raw)).not.toMatch(/\d{4}/);
  });
});

describe('VOTER_ID', () => {
  it.each([
    ['ABC1234567', 'ABC1234567'],
    ['abc1234567', 'ABC1234567'],
    [' abc 123 4567 ', 'ABC1234567'],
    ['  Abc-1234567\t', 'ABC1234567'],
    ['ABC/1234567', 'ABC1234567'],
  ])('accepts %j as %s', (raw, value) => {
    expectAccepted('VOTER_ID', raw, value);
  });

  it.each([
    ['2 letters and 8 digits', 'XY98765432'],
    ['4 letters and 6 digits', 'WXYZ987654'],
    ['6 digits', 'XYZ987654'],
    ['8 digits', 'XYZ98765432'],
    ['letter O for zero', 'XYZ987654O'],
    ['digits only', '1234567890'],
    ['an older state format', 'MH/12/345/678901'],
  ])('refuses %s (%j)', (_label, raw) => {
    expect(expectRefusal('VOTER_ID', raw)).toBe('A voter ID (EPIC) is 3 letters and 7 digits, like ABC1234567.');
  });

  it('asks for the number when nothing was typed', () => {
    expect(expectRefusal('VOTER_ID', ' ')).toBe('Enter the voter ID (EPIC) number.');
  });
});

describe('PASSPORT', () => {
  it.each([
    ['A1234567', 'A1234567'],
    ['j 8369854', 'J8369854'],
    ['z1234567', 'Z1234567'],
    ['Q-1234567', 'Q1234567'],
  ])('accepts %j as %s', (raw, value) => {
    expectAccepted('PASSPORT', raw, value);
  });

  it.each([
    ['digits only', '98765432'],
    ['2 letters', 'XY987654'],
    ['6 digits', 'X987654'],
    ['8 digits', 'X98765432'],
    ['letter last', '9876543X'],
  ])('refuses %s (%j)', (_label, raw) => {
    expect(expectRefusal('PASSPORT', raw)).toMatch(/1 letter and 7 digits/);
  });
});

describe('DRIVING_LICENCE', () => {
  it.each([
    ['MH1220110012345', 'MH1220110012345'],
    ['MH-12 2011 0012345', 'MH1220110012345'],
    ['mh-12-2011-0012345', 'MH1220110012345'],
    ['MH12 20110012345', 'MH1220110012345'],
    ['MH 12 2011 0012345', 'MH1220110012345'],
    ['MH/12/2011/0012345', 'MH1220110012345'],
    ['MH-2 2011 0012345', 'MH0220110012345'],
    ['mh 2-2011-0012345', 'MH0220110012345'],
    ['DL-04 2009 0012345', 'DL0420090012345'],
    ['KA01 2025 1234567', 'KA0120251234567'], // issued this year
    ['TN0119001234567', 'TN0119001234567'], // earliest year
    ['TG0920241234567', 'TG0920241234567'],
    ['PY0120121234567', 'PY0120121234567'],
    ['LA0220201234567', 'LA0220201234567'],
    // Legacy RTO prefixes that differ from ISO 3166-2:IN
    ['OD0219991234567', 'OD0219991234567'],
    ['TS0920151234567', 'TS0920151234567'],
    ['UK0720101234567', 'UK0720101234567'],
    ['CG0420081234567', 'CG0420081234567'],
    ['DD0320051234567', 'DD0320051234567'],
    ['DN0920101234567', 'DN0920101234567'],
  ])('accepts %j as %s', (raw, value) => {
    expectAccepted('DRIVING_LICENCE', raw, value);
    expectValue(validateDrivingLicence(raw, TODAY), value);
  });

  it.each<[string, string, RegExp]>([
    ['empty', ' - ', /Enter the driving licence number/],
    ['too short', 'MH12201100123', /15 characters/],
    ['too long', 'MH122011001234567', /15 characters/],
    ['digit in the state code', 'M11220110012345', /15 characters/],
    ['letter in the serial', 'MH-12-2011-001234X', /15 characters/],
    ['one-digit RTO with a short serial', 'MH-2 2011 001234', /15 characters/],
    ['one-digit RTO without separators', 'MH220110012345', /15 characters/],
    ['year in the future', 'MH-12 2026 0012345', /future/],
    ['year far in the future', 'MH1299990012345', /future/],
    ['year before 1900', 'MH1218990012345', /before 1900/],
    ['unknown state code', 'XX1220110012345', /state/],
    ['country code', 'IN1220110012345', /state/],
    ['Bharat-series vehicle prefix', 'BH1220110012345', /state/],
  ])('refuses %s (%j)', (_label, raw, reason) => {
    expect(expectRefusal('DRIVING_LICENCE', raw)).toMatch(reason);
  });

  it('follows the "today" it is given', () => {
    expectPlainReason(validateDrivingLicence('MH1220260012345', TODAY));
    expectValue(validateDrivingLicence('MH1220260012345', { year: 2026, month: 1, day: 1 }), 'MH1220260012345');
  });
});

describe('NREGA', () => {
  const forty = `MH-01-001-001-001/${'1'.repeat(40 - 18)}`;

  it.each([
    ['MH-01-001-001-001/123', 'MH-01-001-001-001/123'],
    [' mh-01-001-001-001/123 ', 'MH-01-001-001-001/123'],
    ['MH - 01 - 001 / 123', 'MH-01-001/123'],
    ['AP0100100100123', 'AP0100100100123'],
    [forty, forty],
  ])('accepts %j as %s, keeping slashes and hyphens', (raw, value) => {
    expectAccepted('NREGA', raw, value);
  });

  it('allows exactly 40 characters', () => {
    expect(forty).toHaveLength(40);
  });

  it.each<[string, string, RegExp]>([
    ['empty', '', /Enter the NREGA/],
    ['only spaces', '   ', /Enter the NREGA/],
    ['41 characters', `${forty}2`, /at most 40 characters; this has 41/],
    ['a space between digits', 'MH 01 001', /letters, digits, hyphens and slashes/],
    ['a dot', 'MH-01.001', /letters, digits, hyphens and slashes/],
    ['an underscore', 'MH_01_001', /letters, digits, hyphens and slashes/],
    ['a pipe (the registry separator)', 'MH-01|001', /letters, digits, hyphens and slashes/],
    ['separators only', '--//', /letters, digits, hyphens and slashes/],
  ])('refuses %s (%j)', (_label, raw, reason) => {
    expect(expectRefusal('NREGA', raw)).toMatch(reason);
  });
});

describe('CKYC_NUMBER', () => {
  it.each([
    ['12345678901234', '12345678901234'],
    ['1234 5678 9012 34', '12345678901234'],
    ['1234-5678-901234', '12345678901234'],
    ['00000000000001', '00000000000001'],
  ])('accepts %j as %s', (raw, value) => {
    expectAccepted('CKYC_NUMBER', raw, value);
  });

  it.each<[string, string, RegExp]>([
    ['empty', '', /Enter the CKYC number/],
    ['13 digits', '1234567890123', /14 digits; this has 13/],
    ['15 digits', '123456789012345', /14 digits; this has 15/],
    ['a letter', 'A2345678901234', /digits only/],
  ])('refuses %s (%j)', (_label, raw, reason) => {
    expect(expectRefusal('CKYC_NUMBER', raw)).toMatch(reason);
  });
});

describe('EMAIL', () => {
  const fifty = `${'a'.repeat(50 - '@example.com'.length)}@example.com`;

  it.each([
    ['name@example.com', 'name@example.com'],
    [' Name@Example.COM ', 'name@example.com'],
    ['a.b+tag@mail.co.in', 'a.b+tag@mail.co.in'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['first_last-1@sub-domain.example.org', 'first_last-1@sub-domain.example.org'],
    ['x@a-b.io', 'x@a-b.io'],
    ['x@1and1.com', 'x@1and1.com'],
    [fifty, fifty],
  ])('accepts %j as %s', (raw, value) => {
    expectAccepted('EMAIL', raw, value);
  });

  it.each<[string, string, RegExp]>([
    ['empty', '  ', /Enter the email address/],
    ['51 characters', `a${fifty}`, /at most 50 characters; this has 51/],
    ['no @', 'name.example.com', /one @/],
    ['two @', 'name@@example.com', /one @/],
    ['two @ apart', 'a@b@example.com', /one @/],
    ['a space inside', 'na me@example.com', /spaces/],
    ['nothing before the @', '@mail.example.org', /Before the @/],
    ['a leading dot', '.name@example.com', /Before the @/],
    ['a trailing dot before the @', 'name.@example.com', /Before the @/],
    ['two dots in a row', 'na..me@example.com', /Before the @/],
    ['a non-ASCII letter', 'nämé@example.com', /Before the @/],
    ['a pipe', 'a|b@example.com', /Before the @/],
    ['nothing after the @', 'name@', /After the @/],
    ['no top-level domain', 'name@example', /After the @/],
    ['a 1-letter top-level domain', 'name@example.c', /After the @/],
    ['a numeric top-level domain', 'name@example.123', /After the @/],
    ['a label starting with a hyphen', 'name@-example.com', /After the @/],
    ['a label ending with a hyphen', 'name@example-.com', /After the @/],
    ['an underscore in the domain', 'name@exa_mple.com', /After the @/],
    ['a trailing dot', 'name@example.com.', /After the @/],
    ['an empty label', 'name@example..com', /After the @/],
  ])('refuses %s (%j)', (_label, raw, reason) => {
    const text = expectRefusal('EMAIL', raw);
    expect(text).toMatch(reason);
    if (raw.trim() !== '') expect(text.toLowerCase()).not.toContain(raw.trim().toLowerCase());
  });
});

describe('EMIRATES_ID', () => {
  it.each([
    ['784-1990-1234567-6', '784199012345676'],
    ['784199012345676', '784199012345676'],
    ['784 1990 1234567 6', '784199012345676'],
    ['784-1985-1234567-3', '784198512345673'],
    [emiratesId(1900), emiratesId(1900)],
    [emiratesId(2025, '7654321'), emiratesId(2025, '7654321')],
  ])('accepts %j as %s', (raw, value) => {
    expectAccepted('EMIRATES_ID', raw, value);
  });

  it.each<[string, string, RegExp]>([
    ['empty', '', /Enter the Emirates ID/],
    ['wrong Luhn digit, with separators', '784-1990-1234567-5', /last digit/],
    ['wrong Luhn digit, without separators', '784199012345675', /last digit/],
    ['two digits swapped', '784-1990-1243567-6', /last digit/],
    ['14 digits', '78419901234567', /15 digits; this has 14/],
    ['16 digits', '7841990123456760', /15 digits; this has 16/],
    ['letters', '784-1990-ABCDEFG-6', /digits only/],
    ['not starting with 784', withLuhn('78519901234567'), /starts with 784/],
    ['year of birth in the future', emiratesId(2026), /year of birth/],
    ['year of birth before 1900', emiratesId(1899), /year of birth/],
    ['year 0000', withLuhn('78400001234567'), /year of birth/],
  ])('refuses %s (%j)', (_label, raw, reason) => {
    expect(expectRefusal('EMIRATES_ID', raw)).toMatch(reason);
  });
});

describe('UDID', () => {
  it.each([
    ['MH1234567890123456', 'MH1234567890123456'],
    ['mh 1234 5678 9012 3456', 'MH1234567890123456'],
    ['ka-1234567890123456', 'KA1234567890123456'],
  ])('accepts %j as %s', (raw, value) => {
    expectAccepted('UDID', raw, value);
  });

  it.each([
    ['empty', ''],
    ['1 letter and 17 digits', 'K98765432109876543'],
    ['15 digits', 'KA987654321098765'],
    ['17 digits', 'KA98765432109876543'],
    ['3 letters', 'KAX987654321098765'],
    ['letters last', '9876543210987654KA'],
  ])('refuses %s (%j)', (_label, raw) => {
    expectRefusal('UDID', raw);
  });
});

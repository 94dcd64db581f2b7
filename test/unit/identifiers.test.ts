import { describe, it, expect } from 'vitest';
import {
  validateIdentifier,
  validateIndianMobile,
  validatePan,
  validatePinCode,
  type IdentifierResult,
  type IdentifierType,
} from '../../shared/validation/identifiers';

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

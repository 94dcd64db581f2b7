import { describe, it, expect } from 'vitest';
import { FIELD_LIMITS, tidySpaces, validateIndividual, validateIndividualField } from '../../shared/validation/individual';
import type { IndividualField, IndividualInput } from '../../shared/record/individual';
import type { CalendarDate } from '../../shared/validation/dates';

const TODAY: CalendarDate = { year: 2026, month: 11, day: 22 };

const VALID: IndividualInput = {
  firstName: 'Asha',
  lastName: 'Verma',
  gender: 'F',
  dateOfBirth: '1990-04-15',
  pan: 'abcpe1234f',
  mobile: '98765 43210',
  addressLine1: '12, MG Road',
  city: 'Bengaluru',
  state: 'KA',
  pinCode: '560001',
};

function errorsFor(patch: Partial<IndividualInput>, today: CalendarDate = TODAY): Partial<Record<IndividualField, string>> {
  const result = validateIndividual({ ...VALID, ...patch }, today);
  if (result.ok) return {};
  return result.fields;
}

describe('validateIndividual with a complete valid input', () => {
  it('returns ok with normalised, upper-cased values', () => {
    expect(validateIndividual(VALID, TODAY)).toStrictEqual({
      ok: true,
      value: {
        firstName: 'ASHA',
        lastName: 'VERMA',
        gender: 'F',
        dateOfBirth: '1990-04-15',
        pan: 'ABCPE1234F',
        mobile: '9876543210',
        addressLine1: '12, MG ROAD',
        city: 'BENGALURU',
        state: 'KA',
        pinCode: '560001',
      },
    });
  });

  it.each<[IndividualField, string, string]>([
    ['firstName', '  Asha   Rani ', 'ASHA RANI'],
    ['lastName', 'van  der\tBerg', 'VAN DER BERG'],
    ['gender', ' m ', 'M'],
    ['gender', 't', 'T'],
    ['state', ' ka ', 'KA'],
    ['addressLine1', 'Flat 4B,  2nd Cross', 'FLAT 4B, 2ND CROSS'],
    ['addressLine1', "#7/1 (Rear), O'Shaughnessy & Co: Main-Rd.", "#7/1 (REAR), O'SHAUGHNESSY & CO: MAIN-RD."],
    ['city', 'navi  mumbai', 'NAVI MUMBAI'],
    ['city', 'Ambala Cantt.', 'AMBALA CANTT.'],
    ['city', 'Sri-Ganganagar', 'SRI-GANGANAGAR'],
    ['pinCode', '560 001', '560001'],
    ['mobile', '+91 98765 43210', '9876543210'],
  ])('normalises %s %j to %j', (field, raw, value) => {
    const result = validateIndividual({ ...VALID, [field]: raw }, TODAY);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value[field]).toBe(value);
  });

  it('accepts a name of exactly the limit', () => {
    const name = 'A'.repeat(FIELD_LIMITS.name);
    expect(validateIndividualField('firstName', name)).toStrictEqual({ ok: true, value: name });
  });

  it('accepts an address line of exactly the limit', () => {
    const line = '1'.repeat(FIELD_LIMITS.addressLine);
    expect(validateIndividualField('addressLine1', line)).toStrictEqual({ ok: true, value: line });
  });

  it('accepts a date of birth equal to the given today', () => {
    expect(errorsFor({ dateOfBirth: '2026-11-22' })).toStrictEqual({});
  });
});

describe('validateIndividual with one invalid field', () => {
  it.each<[IndividualField, string]>([
    ['firstName', ''],
    ['firstName', 'Asha2'],
    ['firstName', 'A'.repeat(FIELD_LIMITS.name + 1)],
    ['firstName', "D'Souza"],
    ['firstName', 'Asha-Rani'],
    ['firstName', 'Ásha'],
    ['lastName', ''],
    ['lastName', 'Verma 3'],
    ['lastName', 'V'.repeat(51)],
    ['gender', ''],
    ['gender', 'X'],
    ['gender', 'Female'],
    ['dateOfBirth', ''],
    ['dateOfBirth', '2026-11-23'],
    ['dateOfBirth', '1899-12-31'],
    ['dateOfBirth', '2023-02-29'],
    ['pan', 'ABCCE1234F'],
    ['pan', 'ABCPE0000F'],
    ['mobile', '987654321'],
    ['mobile', '5876543210'],
    ['addressLine1', ''],
    ['addressLine1', '1'.repeat(FIELD_LIMITS.addressLine + 1)],
    ['addressLine1', 'asha@example.com'],
    ['addressLine1', '12 <script> Road'],
    ['addressLine1', '12; DROP TABLE'],
    ['city', ''],
    ['city', 'Bengaluru 1'],
    ['city', '560001'],
    ['city', 'B'.repeat(FIELD_LIMITS.city + 1)],
    ['city', 'Bengaluru!'],
    ['state', ''],
    ['state', 'XX'],
    ['state', 'Karnataka'],
    ['pinCode', '056001'],
    ['pinCode', '56001'],
    ['pinCode', '56O001'],
  ])('%s %j is reported on that field only', (field, raw) => {
    const fields = errorsFor({ [field]: raw });
    expect(Object.keys(fields)).toEqual([field]);
    expect(fields[field]).toMatch(/^[A-Z].*\.$/);
  });

  it('judges the date of birth against the given today', () => {
    expect(Object.keys(errorsFor({ dateOfBirth: '2026-11-22' }, { year: 2026, month: 11, day: 21 }))).toEqual(['dateOfBirth']);
  });

  it('mentions the limit when a name is too long', () => {
    expect(errorsFor({ firstName: 'A'.repeat(51) }).firstName).toMatch(/50/);
  });

  it('mentions the limit when an address line is too long', () => {
    expect(errorsFor({ addressLine1: 'A'.repeat(56) }).addressLine1).toMatch(/55/);
  });

  it('counts the length after collapsing spaces', () => {
    const padded = `${'A'.repeat(25)}     ${'B'.repeat(24)}`; // 50 after tidying
    expect(validateIndividualField('firstName', padded)).toStrictEqual({ ok: true, value: `${'A'.repeat(25)} ${'B'.repeat(24)}` });
  });
});

describe('validateIndividual with many invalid fields', () => {
  it('reports every invalid field at once, and only those', () => {
    const result = validateIndividual(
      {
        ...VALID,
        firstName: 'Asha1',
        gender: 'X',
        dateOfBirth: '2030-01-01',
        pan: 'ABCCE1234F',
        mobile: '12345',
        addressLine1: 'a@b',
        city: 'City 9',
        state: 'XX',
        pinCode: '012345',
      },
      TODAY,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fields).sort()).toEqual(
      ['addressLine1', 'city', 'dateOfBirth', 'firstName', 'gender', 'mobile', 'pan', 'pinCode', 'state'].sort(),
    );
    for (const reason of Object.values(result.fields)) expect(reason).toMatch(/^[A-Z].*\.$/);
  });

  it('reports every field of an empty form', () => {
    const empty = Object.fromEntries(Object.keys(VALID).map((key) => [key, ''])) as IndividualInput;
    const result = validateIndividual(empty, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fields).sort()).toEqual(Object.keys(VALID).sort());
  });
});

describe('city rule', () => {
  // The refusal message says dots and spaces are allowed; a dot followed by a space must be too.
  it.each([
    ['Mt. Abu', 'MT. ABU'],
    ['S.A.S. Nagar', 'S.A.S. NAGAR'],
  ])('accepts %j, which has only letters, spaces and dots', (raw, value) => {
    expect(validateIndividualField('city', raw)).toStrictEqual({ ok: true, value });
  });
});

describe('tidySpaces', () => {
  it.each([
    ['  a  b  ', 'a b'],
    ['a\t\nb', 'a b'],
    ['', ''],
    ['ab', 'ab'],
  ])('tidies %j to %j', (raw, expected) => {
    expect(tidySpaces(raw)).toBe(expected);
  });
});

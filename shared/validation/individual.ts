import { GENDERS, type Gender, type Individual, type IndividualField, type IndividualInput } from '../record/individual';
import { isIndianStateCode } from '../codes/states';
import { validateIndianMobile, validatePan, validatePinCode } from './identifiers';
import { localToday, validateDateOfBirth, type CalendarDate } from './dates';

/** Registry field lengths (V1.3, docs/record-rules.md §2). */
export const FIELD_LIMITS = {
  name: 50,
  addressLine: 55,
  city: 50,
} as const;

export type FieldCheck = { ok: true; value: string } | { ok: false; reason: string };

/** Collapse runs of white space and trim: pasted text often carries doubled or trailing spaces. */
export function tidySpaces(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

function checkName(raw: string, label: string): FieldCheck {
  const value = tidySpaces(raw).toUpperCase();
  if (value === '') return { ok: false, reason: `Enter the ${label.toLowerCase()}.` };
  if (value.length > FIELD_LIMITS.name) return { ok: false, reason: `${label} can be at most ${FIELD_LIMITS.name} letters.` };
  if (!/^[A-Z]+( [A-Z]+)*$/.test(value)) return { ok: false, reason: `${label} can have letters and spaces only.` };
  return { ok: true, value };
}

function checkAddressLine(raw: string): FieldCheck {
  const value = tidySpaces(raw).toUpperCase();
  if (value === '') return { ok: false, reason: 'Enter the first line of the address.' };
  if (value.length > FIELD_LIMITS.addressLine) {
    return { ok: false, reason: `An address line can be at most ${FIELD_LIMITS.addressLine} characters; continue on the next line.` };
  }
  if (!/^[A-Z0-9 ,.\-/#()&':]+$/.test(value)) {
    return { ok: false, reason: 'Use letters, digits, spaces and , . - / # ( ) & \' : only.' };
  }
  return { ok: true, value };
}

function checkCity(raw: string): FieldCheck {
  const value = tidySpaces(raw).toUpperCase();
  if (value === '') return { ok: false, reason: 'Enter the city, town or village.' };
  if (value.length > FIELD_LIMITS.city) return { ok: false, reason: `City can be at most ${FIELD_LIMITS.city} characters.` };
  if (!/^[A-Z](?:[A-Z .-]*[A-Z.])?$/.test(value)) return { ok: false, reason: 'City can have letters, spaces, dots and hyphens only.' };
  return { ok: true, value };
}

function checkGender(raw: string): FieldCheck {
  const value = raw.trim().toUpperCase();
  if (value === '') return { ok: false, reason: 'Choose the gender.' };
  if (!GENDERS.some(([code]) => code === value)) return { ok: false, reason: 'Choose Male, Female or Transgender.' };
  return { ok: true, value };
}

function checkState(raw: string): FieldCheck {
  const value = raw.trim().toUpperCase();
  if (value === '') return { ok: false, reason: 'Choose the state.' };
  if (!isIndianStateCode(value)) return { ok: false, reason: 'Choose a state from the list.' };
  return { ok: true, value };
}

/** One rule per field, so the form can check a field as the operator types it. */
export function validateIndividualField(field: IndividualField, raw: string, today: CalendarDate = localToday()): FieldCheck {
  switch (field) {
    case 'firstName':
      return checkName(raw, 'First name');
    case 'lastName':
      return checkName(raw, 'Last name');
    case 'gender':
      return checkGender(raw);
    case 'dateOfBirth':
      return validateDateOfBirth(raw, today);
    case 'pan':
      return validatePan(raw);
    case 'mobile':
      return validateIndianMobile(raw);
    case 'addressLine1':
      return checkAddressLine(raw);
    case 'city':
      return checkCity(raw);
    case 'state':
      return checkState(raw);
    case 'pinCode':
      return validatePinCode(raw);
  }
}

export type IndividualCheck = { ok: true; value: Individual } | { ok: false; fields: Partial<Record<IndividualField, string>> };

export function validateIndividual(input: IndividualInput, today: CalendarDate = localToday()): IndividualCheck {
  const fields: Partial<Record<IndividualField, string>> = {};
  const values: Partial<Record<IndividualField, string>> = {};
  for (const field of Object.keys(input) as IndividualField[]) {
    const check = validateIndividualField(field, input[field], today);
    if (check.ok) values[field] = check.value;
    else fields[field] = check.reason;
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  const v = values as Record<IndividualField, string>;
  return {
    ok: true,
    value: { ...v, gender: v.gender as Gender },
  };
}

/**
 * The rules for one field, shared by every part of the record: a choice from a code list, a name,
 * an address line, a place, a country, an identifier, a date. Each tidies what was typed, reports
 * the first problem on its path and returns the tidied value.
 */
import { isCode, type CodeList } from '../../codes/ckyc-codes';
import { whyNotADate } from '../../dates/typed-date';
import { compareDates, parseIsoDate, type CalendarDate } from '../dates';
import { freeTextProblem } from '../free-text';
import { validateIdentifier, type IdentifierType } from '../identifiers';
import { tidySpaces } from '../individual';
import { KYC_FIELD_LIMITS } from './field-limits';
import type { Context } from './findings';

const NAME = /^[A-Z]+(?: [A-Z]+)*$/;
/** Father's or spouse's name: an apostrophe may join letters, as in D'SOUZA (docs/record-rules.md §2). */
const NAME_WITH_APOSTROPHE = /^[A-Z]+(?:'[A-Z]+)*(?: [A-Z]+(?:'[A-Z]+)*)*$/;
/** As the thin form's address rule (validation/individual.ts). */
const ADDRESS_LINE = /^[A-Z0-9 ,.\-/#()&':]+$/;
/** A city, district, state abroad or place: letters, spaces, dots and hyphens (validation/individual.ts). */
const PLACE = /^[A-Z](?:[A-Z .-]*[A-Z.])?$/;
const COUNTRY = /^[A-Z]{2}$/;
/** Control characters (other than white space, which tidySpaces collapses) and `|`, the registry's field separator. */
// eslint-disable-next-line no-control-regex
export const NOT_IN_REMARKS = /[\u0000-\u001f\u007f|]/;
/** What a pasted text may carry that is no character of a name: typographic apostrophes. */
const TYPOGRAPHIC_APOSTROPHES = /[\u2018\u2019\u02BC`]/g;

export function upperTidy(raw: string): string {
  return tidySpaces(raw).toUpperCase();
}

export function choice(c: Context, path: string, raw: string, list: CodeList, required: boolean): string {
  const value = raw.trim().toUpperCase();
  if (value === '') {
    if (required) c.f.fail(path, 'Choose one from the list.');
    return '';
  }
  if (!isCode(list, value)) c.f.fail(path, 'This is not one of the choices. Choose one from the list.');
  return value;
}

export function name(c: Context, path: string, raw: string, options: { required: boolean; apostrophe?: boolean; max?: number }): string {
  const value = upperTidy(raw).replace(TYPOGRAPHIC_APOSTROPHES, "'");
  const max = options.max ?? KYC_FIELD_LIMITS.name;
  if (value === '') {
    if (options.required) c.f.fail(path, 'Fill this in.');
    return '';
  }
  if (value.length > max) {
    c.f.fail(path, `Use at most ${max} characters; this has ${value.length}.`);
  } else if (!(options.apostrophe ? NAME_WITH_APOSTROPHE : NAME).test(value)) {
    c.f.fail(
      path,
      options.apostrophe
        ? 'Use letters and single spaces only; an apostrophe may join letters, as in D\'SOUZA.'
        : 'Use letters and single spaces only: no digits, dots or other marks.',
    );
  }
  return value;
}

export function addressLine(c: Context, path: string, raw: string, required: boolean): string {
  const value = upperTidy(raw);
  if (value === '') {
    if (required) c.f.fail(path, 'Fill this in.');
    return '';
  }
  if (value.length > KYC_FIELD_LIMITS.addressLine) {
    c.f.fail(path, `Use at most ${KYC_FIELD_LIMITS.addressLine} characters; this has ${value.length}. Continue on the next line.`);
  } else if (!ADDRESS_LINE.test(value)) {
    c.f.fail(path, 'Use letters, digits, spaces and , . - / # ( ) & \' : only.');
  } else {
    // The pattern keeps out the rest; a line may still start with "-" or hold a full Aadhaar number.
    const problem = freeTextProblem(value);
    if (problem !== undefined) c.f.fail(path, problem);
  }
  return value;
}

export function place(c: Context, path: string, raw: string, max: number, required: boolean): string {
  const value = upperTidy(raw);
  if (value === '') {
    if (required) c.f.fail(path, 'Fill this in.');
    return '';
  }
  if (value.length > max) c.f.fail(path, `Use at most ${max} characters; this has ${value.length}.`);
  else if (!PLACE.test(value)) c.f.fail(path, 'Use letters, spaces, dots and hyphens only.');
  return value;
}

export function country(c: Context, path: string, raw: string, required: boolean): string {
  const value = raw.trim().toUpperCase();
  if (value === '') {
    if (required) c.f.fail(path, 'Choose the country.');
    return '';
  }
  if (!COUNTRY.test(value)) c.f.fail(path, 'Choose a country from the list (its 2-letter code, like IN).');
  return value;
}

export function identifier(c: Context, path: string, type: IdentifierType, raw: string): string {
  const check = validateIdentifier(type, raw, c.today);
  if (!check.ok) {
    c.f.fail(path, check.reason);
    return raw.trim();
  }
  return check.value;
}

/** A date field: returns the normalised text and the date, or the date null when missing or impossible. */
export function date(c: Context, path: string, raw: string, required: boolean): { text: string; date: CalendarDate | null } {
  const text = raw.trim();
  if (text === '') {
    if (required) c.f.fail(path, 'Enter the date.');
    return { text, date: null };
  }
  const parsed = parseIsoDate(text);
  if (!parsed) c.f.fail(path, whyNotADate(text));
  return { text, date: parsed };
}

export function notInFuture(c: Context, path: string, value: CalendarDate | null): void {
  if (value && compareDates(value, c.today) > 0) c.f.fail(path, 'This date cannot be in the future.');
}

export function ageOn(birth: CalendarDate, on: CalendarDate): number {
  const beforeBirthday = on.month < birth.month || (on.month === birth.month && on.day < birth.day);
  return on.year - birth.year - (beforeBirthday ? 1 : 0);
}

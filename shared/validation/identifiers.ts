/**
 * Identifier rules from docs/record-rules.md §3. Each rule normalises what an
 * operator typed or pasted (case, stray spaces, separators) before judging it, so pasted text is
 * corrected rather than refused.
 *
 * A refusal's `reason` is a short sentence a branch operator understands: it says what a valid
 * number looks like and never repeats the number that was typed (these are personal identifiers,
 * and reasons end up on screens, in logs and in error queues).
 *
 * Normalised values are upper case with spaces, hyphens, dots and slashes removed, except:
 * - EMAIL: trimmed and lower-cased (the whole address; see validateEmail);
 * - NREGA: trimmed and upper-cased, but slashes and hyphens are kept (see validateNregaJobCard);
 * - MOBILE_IN: the 10 national digits, without +91 or a trunk 0.
 */
import { isIndianStateCode } from '../codes/states';
import { isVerhoeffValid, luhnValid } from './checksums';
import { localToday, type CalendarDate } from './dates';

export const IDENTIFIER_TYPES = [
  'PAN',
  'AADHAAR',
  'VID',
  'VOTER_ID',
  'PASSPORT',
  'DRIVING_LICENCE',
  'NREGA',
  'CKYC_NUMBER',
  'PIN_CODE',
  'MOBILE_IN',
  'EMAIL',
  'EMIRATES_ID',
  'UDID',
] as const;

export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

export type IdentifierResult = { ok: true; value: string } | { ok: false; reason: string };

const valid = (value: string): IdentifierResult => ({ ok: true, value });
const invalid = (reason: string): IdentifierResult => ({ ok: false, reason });

/** Spaces, hyphens, dots and slashes people type inside numbers. */
function stripSeparators(raw: string): string {
  return raw.replace(/[\s\-./]/g, '');
}

/** The usual normalisation for codes made of letters and digits. */
function normaliseCode(raw: string): string {
  return stripSeparators(raw).toUpperCase();
}

/** The oldest year a year-bearing identifier (driving licence, Emirates ID) may carry. */
export const EARLIEST_IDENTIFIER_YEAR = 1900;

// ---------------------------------------------------------------------------
// PAN, mobile, PIN code
// ---------------------------------------------------------------------------

export function validatePan(raw: string): IdentifierResult {
  const value = normaliseCode(raw);
  if (value === '') return invalid('Enter the PAN.');
  if (value.length !== 10) return invalid('A PAN has 10 characters, like ABCPE1234F.');
  if (!/^[A-Z]{5}\d{4}[A-Z]$/.test(value)) {
    return invalid('A PAN is 5 letters, 4 digits, then 1 letter, like ABCPE1234F.');
  }
  if (value[3] !== 'P') {
    return invalid('This PAN is not an individual’s: its 4th letter must be P.');
  }
  if (value.slice(5, 9) === '0000') return invalid('The 4 digits of a PAN cannot be 0000.');
  return valid(value);
}

export function validateIndianMobile(raw: string): IdentifierResult {
  let value = stripSeparators(raw).replace(/[()]/g, '');
  // Operators paste numbers with the country code or a trunk zero; the registry wants 10 digits.
  if (value.startsWith('+91')) value = value.slice(3);
  else if (value.length === 12 && value.startsWith('91')) value = value.slice(2);
  else if (value.length === 11 && value.startsWith('0')) value = value.slice(1);
  if (value === '') return invalid('Enter the mobile number.');
  if (!/^\d+$/.test(value)) return invalid('A mobile number has digits only.');
  if (value.length !== 10) return invalid(`A mobile number has 10 digits; this has ${value.length}.`);
  if (!/^[6-9]/.test(value)) return invalid('An Indian mobile number starts with 6, 7, 8 or 9.');
  return valid(value);
}

export function validatePinCode(raw: string): IdentifierResult {
  const value = stripSeparators(raw);
  if (value === '') return invalid('Enter the PIN code.');
  if (!/^\d+$/.test(value)) return invalid('A PIN code has digits only.');
  if (value.length !== 6) return invalid(`A PIN code has 6 digits; this has ${value.length}.`);
  if (value.startsWith('0')) return invalid('A PIN code cannot start with 0.');
  return valid(value);
}

// ---------------------------------------------------------------------------
// Aadhaar and VID
// ---------------------------------------------------------------------------

function readsTheSameBackwards(value: string): boolean {
  return value === Array.from(value).reverse().join('');
}

/**
 * Aadhaar: 12 digits, first digit 2–9, Verhoeff check digit; palindromes and all-same-digit
 * numbers are refused. The value returned is the full number, for the verification step only:
 * keep just `aadhaarLast4` afterwards (docs/record-rules.md §3).
 */
export function validateAadhaar(raw: string): IdentifierResult {
  const value = normaliseCode(raw);
  if (value === '') return invalid('Enter the Aadhaar number.');
  if (/^X{8}\d{4}$/.test(value)) return invalid('Enter the full 12-digit Aadhaar number, not the masked one.');
  if (!/^\d+$/.test(value)) return invalid('An Aadhaar number has digits only.');
  if (value.length !== 12) return invalid(`An Aadhaar number has 12 digits; this has ${value.length}.`);
  if (/^[01]/.test(value)) return invalid('An Aadhaar number cannot start with 0 or 1.');
  if (/^(\d)\1*$/.test(value)) return invalid('An Aadhaar number cannot have all its digits the same.');
  if (readsTheSameBackwards(value)) {
    return invalid('An Aadhaar number cannot read the same backwards as forwards. Check it against the card.');
  }
  if (!isVerhoeffValid(value)) {
    return invalid('This Aadhaar number has a typing mistake: a digit is wrong or two are swapped. Check it against the card.');
  }
  return valid(value);
}

/**
 * Aadhaar Virtual ID: 16 digits (docs/record-rules.md §3, [V]) whose last digit is a Verhoeff check digit.
 * [V] The check digit is not in the reference; it comes from UIDAI's VID announcement (January
 * 2018, "Last digit of the VID is the checksum using 'Verhoeff' algorithm as in Aadhaar number",
 * as quoted by the press) and matches python-stdnum's `in_.vid`. If the registry ever refuses a
 * real VID on this account, drop the `isVerhoeffValid` line below; the tests pin both shapes.
 * Unlike Aadhaar, no first-digit or palindrome rule is applied: the reference does not state one.
 */
export function validateVid(raw: string): IdentifierResult {
  const value = normaliseCode(raw);
  if (value === '') return invalid('Enter the Virtual ID (VID).');
  if (!/^\d+$/.test(value)) return invalid('A Virtual ID (VID) has digits only.');
  if (value.length !== 16) return invalid(`A Virtual ID (VID) has 16 digits; this has ${value.length}.`);
  if (!isVerhoeffValid(value)) {
    return invalid('This Virtual ID (VID) has a typing mistake: a digit is wrong or two are swapped.');
  }
  return valid(value);
}

const AADHAAR_LAST4 = /^(?:\d{8}|X{8})?(\d{4})$/;

/**
 * The last 4 digits of an Aadhaar number, which is all CERSAI keeps. Accepts the full 12 digits,
 * an already masked `XXXX XXXX 1234`, or the 4 digits alone (separators and case ignored);
 * anything else gives null. Does not check the number itself: use validateAadhaar for that.
 */
export function aadhaarLast4(raw: string): string | null {
  const match = AADHAAR_LAST4.exec(normaliseCode(raw));
  return match ? match[1]! : null;
}

/**
 * Aadhaar for display: `XXXX XXXX 1234`. Same inputs as aadhaarLast4; anything it cannot read
 * shows as `XXXX XXXX XXXX`, so no digits ever leak. Idempotent.
 */
export function maskAadhaar(raw: string): string {
  return `XXXX XXXX ${aadhaarLast4(raw) ?? 'XXXX'}`;
}

// ---------------------------------------------------------------------------
// Officially valid documents
// ---------------------------------------------------------------------------

/** Voter ID (EPIC), current format only (docs/record-rules.md §3, [V]: older formats vary). */
export function validateVoterId(raw: string): IdentifierResult {
  const value = normaliseCode(raw);
  if (value === '') return invalid('Enter the voter ID (EPIC) number.');
  if (!/^[A-Z]{3}\d{7}$/.test(value)) return invalid('A voter ID (EPIC) is 3 letters and 7 digits, like ABC1234567.');
  return valid(value);
}

/** Indian passport. The registry field allows 20 characters, but an Indian passport number is 8. */
export function validatePassport(raw: string): IdentifierResult {
  const value = normaliseCode(raw);
  if (value === '') return invalid('Enter the passport number.');
  if (!/^[A-Z]\d{7}$/.test(value)) return invalid('An Indian passport number is 1 letter and 7 digits, like A1234567.');
  return valid(value);
}

/**
 * Licence prefixes that differ from the ISO 3166-2:IN codes in shared/codes/states.ts: RTOs kept
 * their vehicle-registration letters. Keep this list short and explained; PY (Puducherry) and
 * LA (Ladakh) need no entry because the ISO code and the RTO prefix agree.
 */
export const DRIVING_LICENCE_LEGACY_STATE_PREFIXES: Readonly<Record<string, string>> = {
  OD: 'Odisha (ISO code OR)',
  TS: 'Telangana (ISO code TG; RTOs used TS until 2024)',
  UK: 'Uttarakhand (ISO code UT)',
  CG: 'Chhattisgarh (ISO code CT)',
  DD: 'Daman and Diu (part of ISO code DH since 2020)',
  DN: 'Dadra and Nagar Haveli (part of ISO code DH since 2020)',
};

export function isDrivingLicenceStateCode(code: string): boolean {
  return isIndianStateCode(code) || Object.hasOwn(DRIVING_LICENCE_LEGACY_STATE_PREFIXES, code);
}

const DRIVING_LICENCE = /^([A-Z]{2})(\d{2})(\d{4})(\d{7})$/;
/**
 * A one-digit RTO code set off by separators ("MH-2 2011 0012345"): pad it to two digits. Only
 * such input has 12 digits in all, so this never competes with the plain 15-character reading.
 */
const DRIVING_LICENCE_SHORT_RTO = /^([A-Z]{2})[\s\-./]*(\d)[\s\-./]+(\d{4})[\s\-./]*(\d{7})$/;

/**
 * Driving licence: state code (2 letters) + RTO code (2 digits) + year of issue (4 digits) +
 * 7 digits = 15 characters (docs/record-rules.md §3, [V]). Spaces, hyphens, dots and slashes are dropped, so
 * "MH-12 2011 0012345" and "MH1220110012345" are the same licence; a one-digit RTO code typed
 * between separators is zero-padded. The year must lie between 1900 and `today`'s year.
 */
export function validateDrivingLicence(raw: string, today: CalendarDate = localToday()): IdentifierResult {
  const upper = raw.trim().toUpperCase();
  const short = DRIVING_LICENCE_SHORT_RTO.exec(upper);
  const value = short ? `${short[1]}0${short[2]}${short[3]}${short[4]}` : stripSeparators(upper);
  if (value === '') return invalid('Enter the driving licence number.');
  const match = DRIVING_LICENCE.exec(value);
  if (!match) {
    return invalid('A driving licence number has 15 characters: state code, 2-digit RTO code, year of issue and 7 digits, like MH12 2011 0012345.');
  }
  if (!isDrivingLicenceStateCode(match[1]!)) {
    return invalid('A driving licence number starts with the code of an Indian state, like MH or KA.');
  }
  const year = Number(match[3]);
  if (year > today.year) return invalid('The year of issue in this driving licence number is in the future.');
  if (year < EARLIEST_IDENTIFIER_YEAR) {
    return invalid(`The year of issue in this driving licence number is before ${EARLIEST_IDENTIFIER_YEAR}.`);
  }
  return valid(value);
}

export const NREGA_MAX_LENGTH = 40;

/**
 * NREGA job card (docs/record-rules.md §3: up to 40 characters, [V]). Exception to the usual normalisation:
 * slashes and hyphens are part of a job card number (e.g. MH-01-001-001-001/123), so they are
 * kept. The value is trimmed and upper-cased and spaces next to a slash or hyphen are dropped;
 * any other space is refused rather than guessed at (it may stand for a missing hyphen).
 */
export function validateNregaJobCard(raw: string): IdentifierResult {
  const value = raw.trim().toUpperCase().replace(/\s*([/-])\s*/g, '$1');
  if (value === '') return invalid('Enter the NREGA job card number.');
  if (value.length > NREGA_MAX_LENGTH) {
    return invalid(`An NREGA job card number has at most ${NREGA_MAX_LENGTH} characters; this has ${value.length}.`);
  }
  if (!/^[A-Z0-9/-]+$/.test(value) || !/[A-Z0-9]/.test(value)) {
    return invalid('An NREGA job card number has letters, digits, hyphens and slashes only, like MH-01-001-001-001/123.');
  }
  return valid(value);
}

/** CKYC identification number (KIN): 14 digits. */
export function validateCkycNumber(raw: string): IdentifierResult {
  const value = stripSeparators(raw);
  if (value === '') return invalid('Enter the CKYC number (KIN).');
  if (!/^\d+$/.test(value)) return invalid('A CKYC number (KIN) has digits only.');
  if (value.length !== 14) return invalid(`A CKYC number (KIN) has 14 digits; this has ${value.length}.`);
  return valid(value);
}

// ---------------------------------------------------------------------------
// Contact and other identifiers
// ---------------------------------------------------------------------------

/** Registry limit for the email field (docs/record-rules.md §2). */
export const EMAIL_MAX_LENGTH = 50;

/** Letters, digits and . _ + - ' ; no dot first, last or twice in a row. */
const EMAIL_LOCAL = /^[a-z0-9_+'-]+(?:\.[a-z0-9_+'-]+)*$/;
/** Labels of letters, digits and inner hyphens; at least two labels; a TLD of 2+ letters. */
const EMAIL_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

/**
 * Email, by a practical pattern rather than RFC 5322: ASCII only, one @, no spaces; the local
 * part allows letters, digits and . _ + - ' (which also keeps out `|`, the registry's field
 * separator). The whole address is trimmed and lower-cased: strictly the part before the @ is
 * case-sensitive, but no mail provider in use treats it so, and one spelling keeps duplicates
 * findable.
 */
export function validateEmail(raw: string): IdentifierResult {
  const value = raw.trim().toLowerCase();
  if (value === '') return invalid('Enter the email address.');
  if (value.length > EMAIL_MAX_LENGTH) {
    return invalid(`An email address can have at most ${EMAIL_MAX_LENGTH} characters; this has ${value.length}.`);
  }
  if (/\s/.test(value)) return invalid('An email address cannot contain spaces.');
  const parts = value.split('@');
  if (parts.length !== 2) return invalid('An email address has exactly one @, like name@example.com.');
  const [local, domain] = parts as [string, string];
  if (!EMAIL_LOCAL.test(local)) {
    return invalid('Before the @, an email address has letters, digits and . _ + - only, like name@example.com.');
  }
  if (!EMAIL_DOMAIN.test(domain)) {
    return invalid('After the @, an email address has a domain like example.com.');
  }
  return valid(value);
}

/**
 * Emirates ID: `784-YYYY-NNNNNNN-C`, 15 digits, separators optional; YYYY is the year of birth
 * (1900 to `today`'s year); C is the Luhn check digit over the first 14 digits (so all 15 digits
 * pass Luhn).
 */
export function validateEmiratesId(raw: string, today: CalendarDate = localToday()): IdentifierResult {
  const value = stripSeparators(raw);
  if (value === '') return invalid('Enter the Emirates ID number.');
  if (!/^\d+$/.test(value)) return invalid('An Emirates ID number has digits only, like 784-1990-1234567-6.');
  if (value.length !== 15) return invalid(`An Emirates ID number has 15 digits; this has ${value.length}.`);
  if (!value.startsWith('784')) return invalid('An Emirates ID number starts with 784.');
  const year = Number(value.slice(3, 7));
  if (year < EARLIEST_IDENTIFIER_YEAR || year > today.year) {
    return invalid('Digits 4 to 7 of an Emirates ID number are the year of birth; this year is not possible.');
  }
  if (!luhnValid(value)) {
    return invalid('This Emirates ID number has a typing mistake: its last digit does not match the others. Check it against the card.');
  }
  return valid(value);
}

/** Unique Disability ID (docs/record-rules.md §2): 2 letters and 16 digits. */
export function validateUdid(raw: string): IdentifierResult {
  const value = normaliseCode(raw);
  if (value === '') return invalid('Enter the UDID number.');
  if (!/^[A-Z]{2}\d{16}$/.test(value)) return invalid('A UDID number is 2 letters and 16 digits, like MH1234567890123456.');
  return valid(value);
}

// ---------------------------------------------------------------------------
// Dispatch
// ---------------------------------------------------------------------------

type Rule = (raw: string, today: CalendarDate) => IdentifierResult;

const RULES: Record<IdentifierType, Rule> = {
  PAN: validatePan,
  AADHAAR: validateAadhaar,
  VID: validateVid,
  VOTER_ID: validateVoterId,
  PASSPORT: validatePassport,
  DRIVING_LICENCE: validateDrivingLicence,
  NREGA: validateNregaJobCard,
  CKYC_NUMBER: validateCkycNumber,
  PIN_CODE: validatePinCode,
  MOBILE_IN: validateIndianMobile,
  EMAIL: validateEmail,
  EMIRATES_ID: validateEmiratesId,
  UDID: validateUdid,
};

export function isIdentifierType(type: string): type is IdentifierType {
  return Object.hasOwn(RULES, type);
}

/**
 * Normalises and judges `raw` as an identifier of `type`. `today` (the operator's local date by
 * default) bounds the years in driving licence and Emirates ID numbers; pass it in tests.
 */
export function validateIdentifier(type: IdentifierType, raw: string, today: CalendarDate = localToday()): IdentifierResult {
  // Types can arrive from untyped sources (IPC, stored settings): refuse rather than throw.
  if (!isIdentifierType(type)) return invalid('This kind of identifier is not known.');
  return RULES[type](raw, today);
}

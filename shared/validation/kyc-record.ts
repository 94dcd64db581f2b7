/**
 * The registry's rules for the canonical record (record/kyc-record.ts), from
 * ../shared/domain/kyc-reference.md §2–§4. validateKycRecord normalises what the operator typed or
 * pasted (stray spaces, lower case, separators inside numbers) and judges it, field by field and
 * across fields. Errors are keyed by the record's dotted field paths ('permanentAddress.pinCode',
 * 'identityDocuments.1.number') and each message names its field by the form's label, then says in
 * plain words what to do. A message never repeats an identifier that was typed.
 *
 * Identifiers go through validateIdentifier (validation/identifiers.ts); dates through dates.ts.
 * Where the reference is [V] or [U], the limit or list is data (KYC_FIELD_LIMITS, codes/ckyc-codes.ts).
 */
import {
  ACCOUNT_TYPE_MINOR,
  ACCOUNT_TYPE_OTP_EKYC,
  ACCOUNT_TYPES,
  ADDRESS_PROOF_TYPES,
  ADDRESS_TYPES,
  APPLICATION_TYPES,
  CONSTITUTION_TYPES,
  FATHER_OR_SPOUSE_FLAGS,
  GENDER_CODES,
  IDENTITY_CODE_EKYC,
  IDENTITY_DOCUMENT_TYPES,
  IMAGE_CODE_AADHAAR,
  IMAGE_CODE_PHOTOGRAPH,
  IMAGE_MIME_TYPES,
  IMAGE_TYPES,
  IMPAIRMENT_TYPES,
  KYC_VERIFICATION_MODES,
  MARITAL_STATUSES,
  NAME_PREFIXES,
  OCCUPATIONS,
  RELATED_PERSON_GUARDIAN,
  RELATED_PERSON_TYPES,
  RESIDENTIAL_STATUS_FOREIGN_NATIONAL,
  RESIDENTIAL_STATUSES,
  addressProofFlags,
  codeLabel,
  identityDocumentFlags,
  isCode,
  type CodeList,
} from '../codes/ckyc-codes';
import { isIndianStateCode } from '../codes/states';
import {
  fieldLabel,
  kycRecordSchema,
  type Address,
  type CorrespondenceAddress,
  type IdentityDocument,
  type KycImage,
  type KycRecord,
  type PersonName,
  type RelatedPerson,
} from '../record/kyc-record';
import { compareDates, localToday, parseIsoDate, validateDateOfBirth, type CalendarDate } from './dates';
import { whyNotADate } from '../dates/typed-date';
import { EMAIL_MAX_LENGTH, validateIdentifier, type IdentifierType } from './identifiers';
import { containsFullAadhaar, FREE_TEXT_MESSAGES, freeTextProblem } from './free-text';
import { FIELD_LIMITS, tidySpaces } from './individual';

/** Registry field lengths (V1.3, reference §2) and the limits chosen here where it gives none. */
export const KYC_FIELD_LIMITS = {
  ...FIELD_LIMITS,
  prefix: 5,
  district: 50,
  /** A state or province abroad: no registry figure; as the city. [U] */
  foreignState: 50,
  /** A postal code abroad: no registry figure. [U] */
  foreignPostalCode: 10,
  declarationPlace: 50,
  email: EMAIL_MAX_LENGTH,
  remarks: 500,
  unlistedPinReason: 200,
  /** Related person's full name: first, middle and last name of 50 each. */
  relatedPersonName: 150,
  /** The relation in words (Father, Aunt …). [U] */
  relation: 50,
  /** NPR letter, foreign passport, foreign government document: free text; CERSAI field max 20. [V] */
  freeTextDocumentNumber: 20,
  /** Tax identification number abroad. [U] */
  tin: 25,
  /** A mobile number abroad, without its ISD code. [U] E.164 allows 15 digits in all. */
  foreignMobileMin: 4,
  foreignMobileMax: 14,
  customerReference: 14,
  /** Age below which a customer is a minor on the declaration date. */
  majorityAge: 18,
} as const;

export type KycErrors = Record<string, string>;
export type KycRecordCheck = { ok: true; value: KycRecord } | { ok: false; errors: KycErrors };

// ---------------------------------------------------------------------------
// Steps of the form
// ---------------------------------------------------------------------------

export const KYC_STEPS = ['personal', 'identity', 'addresses', 'contact', 'documents', 'declaration'] as const;
export type KycStep = (typeof KYC_STEPS)[number];

/** The form step that shows each top-level field; an error path counts for the step of its first part. */
export const FIELD_STEPS: Readonly<Record<keyof KycRecord, KycStep>> = {
  applicationType: 'personal',
  ckycNumber: 'personal',
  accountType: 'personal',
  constitution: 'personal',
  prefix: 'personal',
  firstName: 'personal',
  middleName: 'personal',
  lastName: 'personal',
  maidenName: 'personal',
  fatherOrSpouse: 'personal',
  mother: 'personal',
  gender: 'personal',
  maritalStatus: 'personal',
  dateOfBirth: 'personal',
  citizenship: 'personal',
  nationality: 'personal',
  residentialStatus: 'personal',
  occupation: 'personal',
  disability: 'personal',
  relatedPersons: 'personal',
  pan: 'identity',
  form60: 'identity',
  aadhaarLast4: 'identity',
  identityDocuments: 'identity',
  permanentAddress: 'addresses',
  correspondenceAddress: 'addresses',
  contact: 'contact',
  images: 'documents',
  taxResidency: 'declaration',
  declaration: 'declaration',
  verification: 'declaration',
  remarks: 'declaration',
  unlistedPinReason: 'addresses',
  customerReference: 'declaration',
};

/** The step of an error path; a path outside the record (a malformed payload) counts for 'personal'. */
export function stepOf(path: string): KycStep {
  const head = path.split('.', 1)[0]!;
  return Object.hasOwn(FIELD_STEPS, head) ? FIELD_STEPS[head as keyof KycRecord] : 'personal';
}

/** Errors per form step, every step present (0 when clean), for the step tabs' badges. */
export function countErrorsByStep(errors: Readonly<KycErrors>): Record<KycStep, number> {
  const counts = Object.fromEntries(KYC_STEPS.map((step) => [step, 0])) as Record<KycStep, number>;
  for (const path of Object.keys(errors)) counts[stepOf(path)] += 1;
  return counts;
}

// ---------------------------------------------------------------------------
// Field rules
// ---------------------------------------------------------------------------

const NAME = /^[A-Z]+(?: [A-Z]+)*$/;
/** Father's or spouse's name: an apostrophe may join letters, as in D'SOUZA (reference §2). */
const NAME_WITH_APOSTROPHE = /^[A-Z]+(?:'[A-Z]+)*(?: [A-Z]+(?:'[A-Z]+)*)*$/;
/** As the thin form's address rule (validation/individual.ts). */
const ADDRESS_LINE = /^[A-Z0-9 ,.\-/#()&':]+$/;
/** A city, district, state abroad or place: letters, spaces, dots and hyphens (validation/individual.ts). */
const PLACE = /^[A-Z](?:[A-Z .-]*[A-Z.])?$/;
const COUNTRY = /^[A-Z]{2}$/;
const CUSTOMER_REFERENCE = new RegExp(`^[A-Z0-9]{1,${KYC_FIELD_LIMITS.customerReference}}$`);
const FREE_TEXT_NUMBER = /^[A-Z0-9](?:[A-Z0-9 /-]*[A-Z0-9])?$/;
/** What a pasted text may carry that is no character of a name: typographic apostrophes. */
const TYPOGRAPHIC_APOSTROPHES = /[\u2018\u2019\u02BC`]/g;
/** Control characters (other than white space, which tidySpaces collapses) and `|`, the registry's field separator. */
// eslint-disable-next-line no-control-regex
const NOT_IN_REMARKS = /[\u0000-\u001f\u007f|]/;

function upperTidy(raw: string): string {
  return tidySpaces(raw).toUpperCase();
}

/** Collects the first error for each path, prefixed with the field's label. */
class Findings {
  readonly errors: KycErrors = {};

  fail(path: string, reason: string): undefined {
    if (!Object.hasOwn(this.errors, path)) this.errors[path] = `${fieldLabel(path)}: ${reason}`;
    return undefined;
  }

  has(path: string): boolean {
    return Object.hasOwn(this.errors, path);
  }

  get count(): number {
    return Object.keys(this.errors).length;
  }
}

interface Context {
  readonly f: Findings;
  readonly today: CalendarDate;
}

function choice(c: Context, path: string, raw: string, list: CodeList, required: boolean): string {
  const value = raw.trim().toUpperCase();
  if (value === '') {
    if (required) c.f.fail(path, 'Choose one from the list.');
    return '';
  }
  if (!isCode(list, value)) c.f.fail(path, 'This is not one of the choices. Choose one from the list.');
  return value;
}

function name(c: Context, path: string, raw: string, options: { required: boolean; apostrophe?: boolean; max?: number }): string {
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

function addressLine(c: Context, path: string, raw: string, required: boolean): string {
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

function place(c: Context, path: string, raw: string, max: number, required: boolean): string {
  const value = upperTidy(raw);
  if (value === '') {
    if (required) c.f.fail(path, 'Fill this in.');
    return '';
  }
  if (value.length > max) c.f.fail(path, `Use at most ${max} characters; this has ${value.length}.`);
  else if (!PLACE.test(value)) c.f.fail(path, 'Use letters, spaces, dots and hyphens only.');
  return value;
}

function country(c: Context, path: string, raw: string, required: boolean): string {
  const value = raw.trim().toUpperCase();
  if (value === '') {
    if (required) c.f.fail(path, 'Choose the country.');
    return '';
  }
  if (!COUNTRY.test(value)) c.f.fail(path, 'Choose a country from the list (its 2-letter code, like IN).');
  return value;
}

function identifier(c: Context, path: string, type: IdentifierType, raw: string): string {
  const check = validateIdentifier(type, raw, c.today);
  if (!check.ok) {
    c.f.fail(path, check.reason);
    return raw.trim();
  }
  return check.value;
}

/** A date field: returns the normalised text and the date, or the date null when missing or impossible. */
function date(c: Context, path: string, raw: string, required: boolean): { text: string; date: CalendarDate | null } {
  const text = raw.trim();
  if (text === '') {
    if (required) c.f.fail(path, 'Enter the date.');
    return { text, date: null };
  }
  const parsed = parseIsoDate(text);
  if (!parsed) c.f.fail(path, whyNotADate(text));
  return { text, date: parsed };
}

function notInFuture(c: Context, path: string, value: CalendarDate | null): void {
  if (value && compareDates(value, c.today) > 0) c.f.fail(path, 'This date cannot be in the future.');
}

function ageOn(birth: CalendarDate, on: CalendarDate): number {
  const beforeBirthday = on.month < birth.month || (on.month === birth.month && on.day < birth.day);
  return on.year - birth.year - (beforeBirthday ? 1 : 0);
}

function freeTextNumber(c: Context, path: string, raw: string, what: string): string {
  const value = upperTidy(raw);
  const max = KYC_FIELD_LIMITS.freeTextDocumentNumber;
  if (value === '') return c.f.fail(path, `Enter the ${what} number.`) ?? '';
  if (value.length > max) c.f.fail(path, `A ${what} number can have at most ${max} characters; this has ${value.length}.`);
  else if (!FREE_TEXT_NUMBER.test(value)) c.f.fail(path, `A ${what} number has letters, digits, spaces, hyphens and slashes only.`);
  else if (containsFullAadhaar(value)) c.f.fail(path, FREE_TEXT_MESSAGES.fullAadhaar);
  return value;
}

/** E, H, I: the last 4 digits of the Aadhaar number, never more. Accepts `XXXX XXXX 1234`. */
function aadhaarLast4Number(c: Context, path: string, raw: string): string {
  const value = raw.replace(/[\s\-./]/g, '').toUpperCase();
  if (value === '') return c.f.fail(path, 'Enter the last 4 digits of the Aadhaar number.') ?? '';
  // More than 4 digits never gets here: kycRecordSchema refuses a full Aadhaar number first.
  const match = /^(?:X{8})?(\d{4})$/.exec(value);
  if (!match) return c.f.fail(path, 'Enter the last 4 digits of the Aadhaar number, like 1234.') ?? '';
  return match[1]!;
}

/** The number of an identity document, by its code (reference §2 and §3). */
function identityNumber(c: Context, path: string, code: string, raw: string, indianPassport: boolean): string {
  switch (code) {
    case 'A':
      return indianPassport ? identifier(c, path, 'PASSPORT', raw) : freeTextNumber(c, path, raw, 'passport');
    case 'B':
      return identifier(c, path, 'VOTER_ID', raw);
    case 'C':
      return identifier(c, path, 'PAN', raw);
    case 'D':
      return identifier(c, path, 'DRIVING_LICENCE', raw);
    case 'E':
    case 'H':
    case 'I':
      return aadhaarLast4Number(c, path, raw);
    case 'F':
      return identifier(c, path, 'NREGA', raw);
    case 'G':
      return freeTextNumber(c, path, raw, 'NPR letter');
    case 'J':
      return freeTextNumber(c, path, raw, 'document');
    default:
      // Unknown code: already reported on the code; keep the number as typed, tidied.
      return upperTidy(raw);
  }
}

// ---------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------

/** A name in parts; optional as a whole, but a name given needs its first name. */
function personName(c: Context, path: string, value: PersonName, apostrophe: boolean): PersonName {
  const out: PersonName = {
    prefix: choice(c, `${path}.prefix`, value.prefix, NAME_PREFIXES, false),
    firstName: name(c, `${path}.firstName`, value.firstName, { required: false, apostrophe }),
    middleName: name(c, `${path}.middleName`, value.middleName, { required: false, apostrophe }),
    lastName: name(c, `${path}.lastName`, value.lastName, { required: false, apostrophe }),
  };
  if (out.firstName === '' && (out.middleName !== '' || out.lastName !== '')) {
    c.f.fail(`${path}.firstName`, 'Fill this in, or clear the other parts of this name.');
  }
  return out;
}

function address(c: Context, path: string, value: Address, permanent: boolean): Address {
  const poaCode = choice(c, `${path}.poaCode`, value.poaCode, ADDRESS_PROOF_TYPES, true);
  if (permanent && addressProofFlags(poaCode).currentAddressOnly) {
    c.f.fail(
      `${path}.poaCode`,
      `A ${codeLabel(ADDRESS_PROOF_TYPES, poaCode)?.toLowerCase()} can prove the correspondence address only. Choose another proof for the permanent address.`,
    );
  }
  const countryCode = country(c, `${path}.country`, value.country, true);
  const indian = countryCode === 'IN';
  const out: Address = {
    poaCode,
    line1: addressLine(c, `${path}.line1`, value.line1, true),
    line2: addressLine(c, `${path}.line2`, value.line2, false),
    line3: addressLine(c, `${path}.line3`, value.line3, false),
    cityOrVtc: place(c, `${path}.cityOrVtc`, value.cityOrVtc, KYC_FIELD_LIMITS.city, true),
    district: place(c, `${path}.district`, value.district, KYC_FIELD_LIMITS.district, indian),
    state: '',
    country: countryCode,
    pinCode: '',
  };
  if (indian) {
    out.state = value.state.trim().toUpperCase();
    if (out.state === '') c.f.fail(`${path}.state`, 'Choose the state.');
    else if (!isIndianStateCode(out.state)) c.f.fail(`${path}.state`, 'Choose a state from the list.');
    out.pinCode = identifier(c, `${path}.pinCode`, 'PIN_CODE', value.pinCode);
  } else {
    out.state = place(c, `${path}.state`, value.state, KYC_FIELD_LIMITS.foreignState, false);
    out.pinCode = value.pinCode.replace(/\s+/g, '').toUpperCase();
    const max = KYC_FIELD_LIMITS.foreignPostalCode;
    if (out.pinCode.length > max) c.f.fail(`${path}.pinCode`, `A postal code can have at most ${max} characters; this has ${out.pinCode.length}.`);
    else if (!/^[A-Z0-9-]*$/.test(out.pinCode)) c.f.fail(`${path}.pinCode`, 'A postal code has letters, digits and hyphens only.');
  }
  return out;
}

function correspondence(c: Context, value: CorrespondenceAddress): CorrespondenceAddress {
  const path = 'correspondenceAddress';
  if (value.sameAsPermanent) {
    // The permanent address is used; whatever was typed here before the box was ticked is dropped.
    return { poaCode: '', line1: '', line2: '', line3: '', cityOrVtc: '', district: '', state: '', country: '', pinCode: '', sameAsPermanent: true, addressType: '' };
  }
  const { sameAsPermanent: _same, addressType, ...rest } = value;
  return {
    ...address(c, path, rest, false),
    sameAsPermanent: false,
    addressType: choice(c, `${path}.addressType`, addressType, ADDRESS_TYPES, true),
  };
}

// ---------------------------------------------------------------------------
// The record
// ---------------------------------------------------------------------------

/**
 * Validates and normalises a whole record. `input` may come from anywhere (the form, IPC, the
 * store): its shape is checked first with kycRecordSchema. `today` is the operator's local date
 * (pass it in tests). Returns the normalised record, or every field's first error by field path.
 */
export function validateKycRecord(input: unknown, today: CalendarDate = localToday()): KycRecordCheck {
  const parsed = kycRecordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: shapeErrors(parsed.error.issues) };
  const r = parsed.data;
  const f = new Findings();
  const c: Context = { f, today };

  // --- application -----------------------------------------------------------------------------
  const applicationType = choice(c, 'applicationType', r.applicationType, APPLICATION_TYPES, true);
  let ckycNumber = r.ckycNumber.trim();
  if (applicationType === '03') {
    ckycNumber = identifier(c, 'ckycNumber', 'CKYC_NUMBER', r.ckycNumber);
  } else if (applicationType === '01' && ckycNumber !== '') {
    f.fail('ckycNumber', 'Leave this empty for a new application. To change an existing CKYC record, choose the application type Update.');
  }
  const accountType = choice(c, 'accountType', r.accountType, ACCOUNT_TYPES, true);
  const constitution = choice(c, 'constitution', r.constitution, CONSTITUTION_TYPES, true);

  // --- the person ------------------------------------------------------------------------------
  const prefix = choice(c, 'prefix', r.prefix, NAME_PREFIXES, true);
  const firstName = name(c, 'firstName', r.firstName, { required: true });
  const middleName = name(c, 'middleName', r.middleName, { required: false });
  const lastName = name(c, 'lastName', r.lastName, { required: true });
  const maidenName = personName(c, 'maidenName', r.maidenName, false);
  const fatherOrSpouse = { ...personName(c, 'fatherOrSpouse', r.fatherOrSpouse, true), relation: '' };
  if (fatherOrSpouse.firstName !== '') {
    fatherOrSpouse.relation = choice(c, 'fatherOrSpouse.relation', r.fatherOrSpouse.relation, FATHER_OR_SPOUSE_FLAGS, true);
  }
  const mother = personName(c, 'mother', r.mother, false);
  if (fatherOrSpouse.firstName === '' && mother.firstName === '' && !f.has('fatherOrSpouse.firstName') && !f.has('mother.firstName')) {
    f.fail('fatherOrSpouse.firstName', 'Enter the father’s or spouse’s name, or the mother’s name: the registry needs at least one.');
  }
  const gender = choice(c, 'gender', r.gender, GENDER_CODES, true);
  const maritalStatus = choice(c, 'maritalStatus', r.maritalStatus, MARITAL_STATUSES, false);

  let dateOfBirth = r.dateOfBirth.trim();
  let birth: CalendarDate | null = null;
  const dobCheck = validateDateOfBirth(r.dateOfBirth, today);
  if (dobCheck.ok) {
    dateOfBirth = dobCheck.value;
    birth = parseIsoDate(dateOfBirth);
  } else {
    f.fail('dateOfBirth', dobCheck.reason);
  }
  const citizenship = country(c, 'citizenship', r.citizenship, true);
  const nationality = country(c, 'nationality', r.nationality, true);
  const residentialStatus = choice(c, 'residentialStatus', r.residentialStatus, RESIDENTIAL_STATUSES, true);
  const occupation = choice(c, 'occupation', r.occupation, OCCUPATIONS, false);

  // --- declaration and verification dates, needed for the age ----------------------------------
  const declared = date(c, 'declaration.date', r.declaration.date, true);
  notInFuture(c, 'declaration.date', declared.date);
  const declarationPlace = place(c, 'declaration.place', r.declaration.place, KYC_FIELD_LIMITS.declarationPlace, true);
  const verified = date(c, 'verification.date', r.verification.date, true);
  notInFuture(c, 'verification.date', verified.date);
  const kycMode = choice(c, 'verification.kycMode', r.verification.kycMode, KYC_VERIFICATION_MODES, true);
  if (birth && declared.date && compareDates(birth, declared.date) >= 0) {
    f.fail('dateOfBirth', 'The date of birth must be before the declaration date.');
  }

  /** The day the record speaks for: the declaration date, or today while it is missing. */
  const onDay = declared.date && compareDates(declared.date, today) <= 0 ? declared.date : today;
  const underAge = birth !== null && !f.has('dateOfBirth') && ageOn(birth, onDay) < KYC_FIELD_LIMITS.majorityAge;
  const minor = accountType === ACCOUNT_TYPE_MINOR || underAge;
  if (birth && accountType !== '' && !f.has('accountType') && !f.has('dateOfBirth')) {
    if (underAge && accountType !== ACCOUNT_TYPE_MINOR) {
      f.fail('accountType', `The customer is under ${KYC_FIELD_LIMITS.majorityAge} on the declaration date: choose the account type Minor.`);
    } else if (!underAge && accountType === ACCOUNT_TYPE_MINOR) {
      f.fail('accountType', `The customer is ${KYC_FIELD_LIMITS.majorityAge} or older on the declaration date, so this cannot be a minor’s account.`);
    }
  }

  // --- PAN, Aadhaar and identity documents ------------------------------------------------------
  let pan = r.pan.trim();
  if (r.form60) {
    if (pan !== '') f.fail('pan', 'Either enter the PAN or tick Form 60, not both.');
  } else if (pan === '') {
    f.fail('pan', 'Enter the PAN, or tick Form 60 if the customer has no PAN.');
  } else {
    pan = identifier(c, 'pan', 'PAN', r.pan);
  }
  let aadhaarLast4 = r.aadhaarLast4;

  if (r.identityDocuments.length === 0) f.fail('identityDocuments', 'Add at least one identity document.');
  const seen = new Map<string, number>();
  const identityDocuments = r.identityDocuments.map((doc: IdentityDocument, i): IdentityDocument => {
    const path = `identityDocuments.${i}`;
    const code = choice(c, `${path}.code`, doc.code, IDENTITY_DOCUMENT_TYPES, true);
    const flags = identityDocumentFlags(code);
    const label = codeLabel(IDENTITY_DOCUMENT_TYPES, code);
    if (code !== '' && seen.has(code)) {
      f.fail(`${path}.code`, `The ${label?.toLowerCase()} is already listed as identity document ${seen.get(code)! + 1}.`);
    } else if (code !== '') {
      seen.set(code, i);
    }
    if (flags.notForMinors && minor) {
      f.fail(`${path}.code`, `A ${label?.toLowerCase()} cannot be used for a minor. Choose another document.`);
    }
    if (flags.requiresResidentialStatus03 && residentialStatus !== RESIDENTIAL_STATUS_FOREIGN_NATIONAL) {
      f.fail(`${path}.code`, 'A foreign government document can be used only when the residential status is Foreign national.');
    }
    const number = identityNumber(c, `${path}.number`, code, doc.number, citizenship === 'IN' || citizenship === '');
    if (flags.last4Only && !f.has(`${path}.number`)) {
      if (aadhaarLast4 === undefined) aadhaarLast4 = number;
      else if (aadhaarLast4 !== number) f.fail(`${path}.number`, 'These 4 digits differ from the last 4 digits of Aadhaar entered on this step.');
    }
    const out: IdentityDocument = { code, number };
    const expiry = date(c, `${path}.expiry`, doc.expiry ?? '', false);
    if (expiry.text !== '') out.expiry = expiry.text;
    if (expiry.date && compareDates(expiry.date, onDay) < 0) {
      f.fail(`${path}.expiry`, 'This document had expired by the declaration date. Ask for a document that is still valid.');
    }
    return out;
  });
  if (accountType === ACCOUNT_TYPE_OTP_EKYC && !seen.has(IDENTITY_CODE_EKYC)) {
    f.fail('identityDocuments', 'An OTP-based e-KYC account needs the identity document e-KYC authentication.');
  }

  // --- addresses -------------------------------------------------------------------------------
  const permanentAddress = address(c, 'permanentAddress', r.permanentAddress, true);
  const sameDocument = addressProofFlags(permanentAddress.poaCode).identityCode;
  if (sameDocument !== undefined && !seen.has(sameDocument) && !f.has('permanentAddress.poaCode')) {
    const document = codeLabel(IDENTITY_DOCUMENT_TYPES, sameDocument)?.toLowerCase();
    f.fail('permanentAddress.poaCode', `Add the ${document} under identity documents too: its number goes with the proof of address.`);
  }
  const correspondenceAddress = correspondence(c, r.correspondenceAddress);

  // --- contact ---------------------------------------------------------------------------------
  const mobileIsd = r.contact.mobileIsd.replace(/[\s+]/g, '');
  let mobile = r.contact.mobile.trim();
  if (mobileIsd === '') f.fail('contact.mobileIsd', 'Enter the country code, like 91 for India.');
  else if (!/^\d{1,4}$/.test(mobileIsd)) f.fail('contact.mobileIsd', 'A country code has 1 to 4 digits, like 91, without +.');
  if (mobileIsd === '91') {
    mobile = identifier(c, 'contact.mobile', 'MOBILE_IN', r.contact.mobile);
  } else {
    mobile = mobile.replace(/[\s\-().]/g, '');
    const { foreignMobileMin: min, foreignMobileMax: max } = KYC_FIELD_LIMITS;
    if (mobile === '') f.fail('contact.mobile', 'Enter the mobile number.');
    else if (!/^\d+$/.test(mobile)) f.fail('contact.mobile', 'A mobile number has digits only.');
    else if (mobile.length < min || mobile.length > max) f.fail('contact.mobile', `A mobile number abroad has ${min} to ${max} digits after the country code; this has ${mobile.length}.`);
  }
  const email = r.contact.email.trim() === '' ? '' : identifier(c, 'contact.email', 'EMAIL', r.contact.email);

  // --- disability ------------------------------------------------------------------------------
  const disability = { flag: r.disability.flag, impairmentType: '', percentage: '', udid: '' };
  if (r.disability.flag) {
    disability.impairmentType = choice(c, 'disability.impairmentType', r.disability.impairmentType, IMPAIRMENT_TYPES, true);
    disability.percentage = r.disability.percentage.trim().replace(/\s*%$/, '');
    if (disability.percentage === '') f.fail('disability.percentage', 'Enter the percentage on the disability certificate.');
    else if (!/^\d{1,3}$/.test(disability.percentage) || Number(disability.percentage) > 100) {
      f.fail('disability.percentage', 'Enter a whole number from 0 to 100.');
    } else disability.percentage = String(Number(disability.percentage));
    disability.udid = identifier(c, 'disability.udid', 'UDID', r.disability.udid);
  }

  // --- tax residency (FATCA / CRS) -------------------------------------------------------------
  const taxResidency = { taxResidentOutsideIndia: r.taxResidency.taxResidentOutsideIndia, countries: [] as { country: string; tin: string }[] };
  if (r.taxResidency.taxResidentOutsideIndia) {
    if (r.taxResidency.countries.length === 0) {
      f.fail('taxResidency.countries', 'Add each country outside India where the customer is tax resident, with the TIN there.');
    }
    taxResidency.countries = r.taxResidency.countries.map((entry, i) => {
      const path = `taxResidency.countries.${i}`;
      const where = country(c, `${path}.country`, entry.country, true);
      if (where === 'IN') f.fail(`${path}.country`, 'Choose a country outside India.');
      const tin = entry.tin.replace(/\s+/g, '').toUpperCase();
      const max = KYC_FIELD_LIMITS.tin;
      if (tin === '') f.fail(`${path}.tin`, 'Enter the tax identification number in that country.');
      else if (tin.length > max) f.fail(`${path}.tin`, `Use at most ${max} characters; this has ${tin.length}.`);
      else if (!/^[A-Z0-9/-]+$/.test(tin)) f.fail(`${path}.tin`, 'Use letters, digits, hyphens and slashes only.');
      else if (freeTextProblem(tin) !== undefined) f.fail(`${path}.tin`, freeTextProblem(tin)!);
      return { country: where, tin };
    });
  }

  // --- related persons -------------------------------------------------------------------------
  const relatedPersons = r.relatedPersons.map((person: RelatedPerson, i): RelatedPerson => {
    const path = `relatedPersons.${i}`;
    const code = choice(c, `${path}.identity.code`, person.identity.code, IDENTITY_DOCUMENT_TYPES, true);
    return {
      type: choice(c, `${path}.type`, person.type, RELATED_PERSON_TYPES, true),
      prefix: choice(c, `${path}.prefix`, person.prefix, NAME_PREFIXES, false),
      name: name(c, `${path}.name`, person.name, { required: true, max: KYC_FIELD_LIMITS.relatedPersonName }),
      relation: name(c, `${path}.relation`, person.relation, { required: true, max: KYC_FIELD_LIMITS.relation }),
      identity: { code, number: identityNumber(c, `${path}.identity.number`, code, person.identity.number, true) },
    };
  });
  if (minor && !relatedPersons.some((person) => person.type === RELATED_PERSON_GUARDIAN)) {
    f.fail('relatedPersons', 'A minor needs a guardian: add a related person of the type Guardian of minor.');
  }

  // --- images ----------------------------------------------------------------------------------
  const images = r.images.map((image: KycImage, i): KycImage => {
    const path = `images.${i}`;
    const code = choice(c, `${path}.code`, image.code, IMAGE_TYPES, true);
    const mime = image.mime.trim().toLowerCase();
    if (!isCode(IMAGE_MIME_TYPES, mime)) f.fail(`${path}.mime`, 'Use a JPEG, PDF or TIFF file.');
    if (image.bytes === 0) f.fail(`${path}.bytes`, 'The stored file is empty. Capture or attach it again.');
    if (code === IMAGE_CODE_AADHAAR && !image.masked) {
      f.fail(`${path}.masked`, 'Mask the first 8 digits of the Aadhaar number (and the QR code) on this image before it is kept.');
    }
    return { code, documentHash: image.documentHash, mime, bytes: image.bytes, masked: image.masked };
  });
  if (!images.some((image) => image.code === IMAGE_CODE_PHOTOGRAPH)) {
    f.fail('images', 'Add the customer’s photograph: it is mandatory.');
  }

  // --- remarks and reference -------------------------------------------------------------------
  const remarks = tidySpaces(r.remarks);
  if (remarks.length > KYC_FIELD_LIMITS.remarks) {
    f.fail('remarks', `Use at most ${KYC_FIELD_LIMITS.remarks} characters; this has ${remarks.length}.`);
  } else if (NOT_IN_REMARKS.test(remarks)) {
    f.fail('remarks', 'Remarks cannot contain the | character or control characters.');
  } else {
    const problem = freeTextProblem(r.remarks);
    if (problem !== undefined) f.fail('remarks', problem);
  }
  const unlistedPinReason = tidySpaces(r.unlistedPinReason ?? '');
  if (unlistedPinReason.length > KYC_FIELD_LIMITS.unlistedPinReason) {
    f.fail('unlistedPinReason', `Use at most ${KYC_FIELD_LIMITS.unlistedPinReason} characters; this has ${unlistedPinReason.length}.`);
  } else if (NOT_IN_REMARKS.test(unlistedPinReason)) {
    f.fail('unlistedPinReason', 'This cannot contain the | character or control characters.');
  } else {
    const problem = freeTextProblem(r.unlistedPinReason ?? '');
    if (problem !== undefined) f.fail('unlistedPinReason', problem);
  }
  let customerReference: string | undefined;
  if (r.customerReference !== undefined && r.customerReference.trim() !== '') {
    customerReference = r.customerReference.trim().toUpperCase();
    const max = KYC_FIELD_LIMITS.customerReference;
    if (!CUSTOMER_REFERENCE.test(customerReference)) {
      f.fail('customerReference', `Use at most ${max} letters and digits.`);
    }
  }

  if (f.count > 0) return { ok: false, errors: f.errors };
  const value: KycRecord = {
    applicationType,
    ckycNumber: applicationType === '03' ? ckycNumber : '',
    accountType,
    constitution,
    prefix,
    firstName,
    middleName,
    lastName,
    maidenName,
    fatherOrSpouse,
    mother,
    gender,
    maritalStatus,
    dateOfBirth,
    citizenship,
    nationality,
    residentialStatus,
    occupation,
    pan: r.form60 ? '' : pan,
    form60: r.form60,
    ...(aadhaarLast4 === undefined ? {} : { aadhaarLast4 }),
    identityDocuments,
    permanentAddress,
    correspondenceAddress,
    contact: { mobileIsd, mobile, email },
    disability,
    taxResidency,
    relatedPersons,
    images,
    declaration: { date: declared.text, place: declarationPlace },
    verification: { date: verified.text, kycMode },
    remarks,
    ...(unlistedPinReason === '' ? {} : { unlistedPinReason }),
    ...(customerReference === undefined ? {} : { customerReference }),
  };
  return { ok: true, value };
}

// ---------------------------------------------------------------------------
// Shape errors (the schema's), in the same plain words
// ---------------------------------------------------------------------------

interface ShapeIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly origin?: string;
  readonly maximum?: number | bigint;
}

function shapeErrors(issues: readonly ShapeIssue[]): KycErrors {
  const f = new Findings();
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || 'record';
    switch (issue.code) {
      case 'too_big':
        f.fail(path, issue.origin === 'array' ? `Too many entries: at most ${String(issue.maximum)}.` : `Too long: at most ${String(issue.maximum)} characters.`);
        break;
      case 'custom':
      case 'invalid_format':
        f.fail(path, issue.message);
        break;
      case 'invalid_type':
        f.fail(path, 'This is missing or not the right kind of value.');
        break;
      default:
        f.fail(path, 'This value is not accepted.');
    }
  }
  return f.errors;
}

/**
 * The UAE customer's rules (docs/decisions/0050). The vendor's document prints the onboarding
 * request but not which of its fields are mandatory, so the least is required: who the customer is
 * (salutation, first and last name, gender, date of birth, nationality, country of birth), where they
 * live (resident type, country of residence, the UAE home's city and country), how to reach them
 * (the primary mobile), their occupation, at least one id with its expiry and front image (an Emirates
 * ID's back too) and the profile photograph. Everything else is checked only when given. A code
 * must be on the list in force (shared/master-data/); an expired id or visa is refused with its date.
 */
import { shownDate, whyNotADate } from '../../dates/typed-date';
import { ID_TYPE_EMIRATES_ID, ID_TYPE_PASSPORT, uaeLists, type UaeListName } from '../../master-data/uae-lists';
import { compareDates, localToday, parseIsoDate, validateDateOfBirth, type CalendarDate } from '../../validation/dates';
import { validateE164Mobile } from '../../validation/e164-mobile';
import { freeTextProblem } from '../../validation/free-text';
import { validateEmail, validateEmiratesId } from '../../validation/identifiers';
import { tidySpaces } from '../../validation/individual';
import type { FieldErrors, RecordCheck } from '../record-kind';
import { uaeFieldLabel } from './labels';
import { uaeCustomerSchema, UAE_LIMITS, type UaeAddress, type UaeClassification, type UaeCustomer, type UaeId } from './record';

/** Letters of any script, spaces, and the apostrophes, hyphens and dots names carry (O'BRIEN, AL-MANSOORI). */
const NAME = /^[\p{L}\p{M}]+(?:[ '.-][\p{L}\p{M}]+)*\.?$/u;
const PASSPORT = /^[A-Z0-9]{5,20}$/;
const DIGITS = /^\d+$/;

class Checker {
  readonly errors: FieldErrors = {};
  constructor(readonly today: CalendarDate) {}

  fail(path: string, reason: string): void {
    if (!Object.hasOwn(this.errors, path)) this.errors[path] = `${uaeFieldLabel(path)}: ${reason}`;
  }

  /** A code from `list`, upper-cased where the list's codes are. */
  code(path: string, raw: string, list: UaeListName, required: boolean): string {
    const value = raw.trim();
    if (value === '') {
      if (required) this.fail(path, 'Choose one from the list.');
      return '';
    }
    const entries = uaeLists()[list];
    const found = entries.find((entry) => entry.code === value) ?? entries.find((entry) => entry.code.toUpperCase() === value.toUpperCase());
    if (!found) this.fail(path, `${value.slice(0, 20)} is not on this PC’s list. Choose one from the list.`);
    return found?.code ?? value;
  }

  /** Free text: tidied, bounded by the shape, refused if it holds a full Aadhaar, a formula prefix or invisible characters. */
  text(path: string, raw: string, required: boolean): string {
    const value = tidySpaces(raw);
    if (value === '') {
      if (required) this.fail(path, 'Fill this in.');
      return '';
    }
    const problem = freeTextProblem(value);
    if (problem !== undefined) this.fail(path, problem);
    return value;
  }

  name(path: string, raw: string, required: boolean): string {
    const value = tidySpaces(raw).toUpperCase().replace(/[\u2018\u2019\u02BC`]/g, "'");
    if (value === '') {
      if (required) this.fail(path, 'Fill this in.');
      return '';
    }
    if (!NAME.test(value)) this.fail(path, 'Use letters and single spaces; an apostrophe, hyphen or dot may join letters, as in AL-MANSOORI.');
    return value;
  }

  date(path: string, raw: string, required: boolean): CalendarDate | null {
    const value = raw.trim();
    if (value === '') {
      if (required) this.fail(path, 'Enter the date.');
      return null;
    }
    const parsed = parseIsoDate(value);
    if (!parsed) this.fail(path, whyNotADate(value));
    return parsed;
  }

  mobile(path: string, raw: string, required: boolean): string {
    if (raw.trim() === '') {
      if (required) this.fail(path, 'Enter the mobile number with its country code, like +971501234567.');
      return '';
    }
    const check = validateE164Mobile(raw);
    if (!check.ok) this.fail(path, check.reason);
    return check.ok ? check.value : raw.trim();
  }

  figure(path: string, raw: string): string {
    const value = raw.replace(/[\s,]/g, '');
    if (value === '') return '';
    if (!DIGITS.test(value) || Number(value) > UAE_LIMITS.monthlyFigure) this.fail(path, 'Give a whole number, digits only.');
    return value;
  }
}

function isBlank(value: object): boolean {
  return Object.entries(value).every(([key, v]) => key === 'type' || key === 'country' || key === 'issuedCountry' || typeof v === 'boolean' || v === '' || v === undefined);
}

/** An address kept on the record (the first always, another once anything is typed in it) needs its city and country. */
function checkAddress(c: Checker, path: string, a: UaeAddress): UaeAddress {
  return {
    type: c.code(`${path}.type`, a.type, 'address-types', true),
    building: c.text(`${path}.building`, a.building, false),
    street: c.text(`${path}.street`, a.street, false),
    landmark: c.text(`${path}.landmark`, a.landmark, false),
    city: c.text(`${path}.city`, a.city, true),
    district: c.text(`${path}.district`, a.district, false),
    state: c.text(`${path}.state`, a.state, false),
    country: c.code(`${path}.country`, a.country, 'countries', true),
    zip: c.text(`${path}.zip`, a.zip, false),
    poBox: c.text(`${path}.poBox`, a.poBox, false),
    mobile: c.mobile(`${path}.mobile`, a.mobile, false),
  };
}

/** An expiry: a real date, and not past (an expired id cannot open an account). */
function notExpired(c: Checker, path: string, raw: string, what: string, required: boolean): void {
  const expiry = c.date(path, raw, required);
  if (expiry && compareDates(expiry, c.today) < 0) c.fail(path, `This ${what} expired on ${shownDate(raw.trim())}. An expired ${what} cannot be accepted: ask for the renewed one.`);
}

function checkIdNumber(c: Checker, path: string, type: string, raw: string): string {
  if (raw.trim() === '') {
    c.fail(path, 'Enter the number as on the id.');
    return '';
  }
  if (type === ID_TYPE_EMIRATES_ID) {
    const check = validateEmiratesId(raw, c.today);
    if (!check.ok) c.fail(path, check.reason);
    return check.ok ? check.value : raw.trim();
  }
  const value = raw.replace(/[\s-]/g, '').toUpperCase();
  if (type === ID_TYPE_PASSPORT && !PASSPORT.test(value)) c.fail(path, 'A passport number has 5 to 20 letters and digits, like P4006315.');
  else c.text(path, value, true);
  return value;
}

function checkId(c: Checker, path: string, id: UaeId): UaeId {
  const type = c.code(`${path}.type`, id.type, 'id-types', true);
  const what = type === ID_TYPE_EMIRATES_ID ? 'Emirates ID' : type === ID_TYPE_PASSPORT ? 'passport' : 'id';
  const number = checkIdNumber(c, `${path}.number`, type, id.number);
  const issuedOn = c.date(`${path}.issuedOn`, id.issuedOn, false);
  if (issuedOn && compareDates(issuedOn, c.today) > 0) c.fail(`${path}.issuedOn`, 'This date cannot be in the future.');
  notExpired(c, `${path}.expiry`, id.expiry, what, true);
  const expiry = parseIsoDate(id.expiry.trim());
  if (issuedOn && expiry && compareDates(issuedOn, expiry) >= 0) c.fail(`${path}.expiry`, 'The expiry must come after the date of issue.');
  if (id.visaExpiry.trim() !== '') notExpired(c, `${path}.visaExpiry`, id.visaExpiry, 'visa', false);
  if (id.front === undefined) c.fail(`${path}.front`, `Attach the front of the ${what}.`);
  if (type === ID_TYPE_EMIRATES_ID && id.back === undefined) c.fail(`${path}.back`, 'Attach the back of the Emirates ID: both sides are needed.');
  return {
    ...id,
    type,
    number,
    visaNumber: c.text(`${path}.visaNumber`, id.visaNumber.toUpperCase(), false),
    visaExpiry: id.visaExpiry.trim(),
    nameAsPerId: c.name(`${path}.nameAsPerId`, id.nameAsPerId, false),
    issuedCountry: c.code(`${path}.issuedCountry`, id.issuedCountry, 'countries', true),
    issuedBy: c.text(`${path}.issuedBy`, id.issuedBy, false),
    issuedAt: c.text(`${path}.issuedAt`, id.issuedAt, false),
    issuedOn: id.issuedOn.trim(),
    expiry: id.expiry.trim(),
  };
}

function checkClassification(c: Checker, k: UaeClassification): UaeClassification {
  const p = (field: string) => `classification.${field}`;
  if (k.profilePhoto === undefined) c.fail(p('profilePhoto'), 'Attach the customer’s photograph.');
  return {
    ...k,
    customerType: c.code(p('customerType'), k.customerType, 'customer-types', false),
    incomeRange: c.code(p('incomeRange'), k.incomeRange, 'income-ranges', false),
    incomeCurrency: c.code(p('incomeCurrency'), k.incomeCurrency, 'currencies', k.incomeRange.trim() !== ''),
    taxNumber: c.text(p('taxNumber'), k.taxNumber, false),
    socialSecurityNumber: c.text(p('socialSecurityNumber'), k.socialSecurityNumber, false),
    employerName: c.text(p('employerName'), k.employerName, false),
    employerAddress: c.text(p('employerAddress'), k.employerAddress, false),
    employerPhone: c.mobile(p('employerPhone'), k.employerPhone, false),
    establishmentId: c.text(p('establishmentId'), k.establishmentId, false),
    riskRating: c.code(p('riskRating'), k.riskRating, 'risk-ratings', false),
    pepCategory: c.code(p('pepCategory'), k.pepCategory, 'pep-categories', false),
    incomeType: c.code(p('incomeType'), k.incomeType, 'income-types', false),
    professionCategory: c.code(p('professionCategory'), k.professionCategory, 'profession-categories', false),
    accountReason: c.text(p('accountReason'), k.accountReason, false),
    monthlyVolume: c.figure(p('monthlyVolume'), k.monthlyVolume),
    monthlyCount: c.figure(p('monthlyCount'), k.monthlyCount),
    remarks: c.text(p('remarks'), k.remarks, false),
    socialLinks: k.socialLinks.map((link, i) => ({ type: c.code(p(`socialLinks.${i}.type`), link.type, 'social-link-types', true), text: c.text(p(`socialLinks.${i}.text`), link.text, true) })),
    firstLanguage: c.code(p('firstLanguage'), k.firstLanguage, 'languages', false),
    maritalStatus: c.code(p('maritalStatus'), k.maritalStatus, 'marital-statuses', false),
    profileCategory: c.code(p('profileCategory'), k.profileCategory, 'profile-categories', false),
  };
}

function checkPerson(c: Checker, r: UaeCustomer): Partial<UaeCustomer> {
  const birth = r.dateOfBirth.trim();
  if (birth === '') c.fail('dateOfBirth', 'Enter the date.');
  else if (!parseIsoDate(birth)) c.fail('dateOfBirth', whyNotADate(birth));
  else {
    const check = validateDateOfBirth(birth, c.today);
    if (!check.ok) c.fail('dateOfBirth', check.reason);
  }
  const nationality = c.code('nationality', r.nationality, 'countries', true);
  const secondNationality = c.code('secondNationality', r.secondNationality, 'countries', false);
  if (secondNationality !== '' && secondNationality === nationality) c.fail('secondNationality', 'The second nationality is the same as the first: leave it empty.');
  return {
    salutation: c.code('salutation', r.salutation, 'salutations', true),
    firstName: c.name('firstName', r.firstName, true),
    middleName: c.name('middleName', r.middleName, false),
    lastName: c.name('lastName', r.lastName, true),
    preferredName: c.name('preferredName', r.preferredName, false),
    nationality,
    secondNationality,
    countryOfBirth: c.code('countryOfBirth', r.countryOfBirth, 'countries', true),
    placeOfBirth: c.text('placeOfBirth', r.placeOfBirth, false),
    nativeRegion: c.code('nativeRegion', r.nativeRegion, 'native-regions', false),
    dateOfBirth: birth,
    residentType: c.code('residentType', r.residentType, 'resident-types', true),
    countryOfResidence: c.code('countryOfResidence', r.countryOfResidence, 'countries', true),
    gender: c.code('gender', r.gender, 'genders', true),
    mothersMaidenName: c.name('mothersMaidenName', r.mothersMaidenName, false),
    occupation: c.code('occupation', r.occupation, 'occupations', true),
  };
}

function checkContact(c: Checker, r: UaeCustomer): Partial<UaeCustomer> {
  let email = '';
  if (r.email.trim() !== '') {
    const check = validateEmail(r.email);
    if (!check.ok) c.fail('email', check.reason);
    email = check.ok ? check.value : r.email.trim();
  }
  const primaryMobile = c.mobile('primaryMobile', r.primaryMobile, true);
  const secondaryMobile = c.mobile('secondaryMobile', r.secondaryMobile, false);
  return { primaryMobile, secondaryMobile, email, phone: c.mobile('phone', r.phone, false) };
}

/**
 * The whole record: its shape, then every field's first problem by path, or the normalised record.
 * A second address or id left entirely blank is dropped (the form offers them; nobody must fill them).
 */
export function validateUaeCustomer(input: unknown, today: CalendarDate = localToday()): RecordCheck<UaeCustomer> {
  const shape = uaeCustomerSchema.safeParse(input);
  if (!shape.success) {
    const errors: FieldErrors = {};
    for (const issue of shape.error.issues) errors[issue.path.join('.') || 'firstName'] ??= `${uaeFieldLabel(issue.path.join('.'))}: ${issue.message}`;
    return { ok: false, errors };
  }
  const r = shape.data;
  const c = new Checker(today);
  const person = checkPerson(c, r);
  const contact = checkContact(c, r);
  const addresses = r.addresses.map((a, i) => ({ a, i })).filter(({ a, i }) => i === 0 || !isBlank(a));
  const ids = r.ids.map((id, i) => ({ id, i })).filter(({ id, i }) => i === 0 || !isBlank(id));
  const value: UaeCustomer = {
    ...r,
    ...person,
    ...contact,
    addresses: addresses.map(({ a, i }) => checkAddress(c, `addresses.${i}`, a)),
    ids: ids.map(({ id, i }) => checkId(c, `ids.${i}`, id)),
    classification: checkClassification(c, r.classification),
  };
  return Object.keys(c.errors).length === 0 ? { ok: true, value } : { ok: false, errors: c.errors };
}

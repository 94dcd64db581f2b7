/** The personal step: application, the person, their age on the declaration date, disability and related persons. */
import {
  ACCOUNT_TYPE_MINOR,
  ACCOUNT_TYPES,
  APPLICATION_TYPES,
  CONSTITUTION_TYPES,
  FATHER_OR_SPOUSE_FLAGS,
  GENDER_CODES,
  IDENTITY_DOCUMENT_TYPES,
  IMPAIRMENT_TYPES,
  MARITAL_STATUSES,
  NAME_PREFIXES,
  OCCUPATIONS,
  RELATED_PERSON_GUARDIAN,
  RELATED_PERSON_TYPES,
  RESIDENTIAL_STATUSES,
} from '../../codes/ckyc-codes';
import type { KycRecord, PersonName, RelatedPerson } from '../../record/kyc-record';
import { compareDates, parseIsoDate, validateDateOfBirth, type CalendarDate } from '../dates';
import { KYC_FIELD_LIMITS } from './field-limits';
import { ageOn, choice, country, identifier, name } from './field-rules';
import type { Context } from './findings';
import { identityNumber } from './identity-numbers';

type Application = Pick<KycRecord, 'applicationType' | 'ckycNumber' | 'accountType' | 'constitution'>;

type PersonFields = Pick<
  KycRecord,
  | 'prefix'
  | 'firstName'
  | 'middleName'
  | 'lastName'
  | 'maidenName'
  | 'fatherOrSpouse'
  | 'mother'
  | 'gender'
  | 'maritalStatus'
  | 'dateOfBirth'
  | 'citizenship'
  | 'nationality'
  | 'residentialStatus'
  | 'occupation'
>;

/** The application type and account; the CKYC number is kept only for an update (03). */
export function checkApplication(c: Context, r: KycRecord): Application {
  const applicationType = choice(c, 'applicationType', r.applicationType, APPLICATION_TYPES, true);
  let ckycNumber = r.ckycNumber.trim();
  if (applicationType === '03') {
    ckycNumber = identifier(c, 'ckycNumber', 'CKYC_NUMBER', r.ckycNumber);
  } else if (applicationType === '01' && ckycNumber !== '') {
    c.f.fail('ckycNumber', 'Leave this empty for a new application. To change an existing CKYC record, choose the application type Update.');
  }
  const accountType = choice(c, 'accountType', r.accountType, ACCOUNT_TYPES, true);
  const constitution = choice(c, 'constitution', r.constitution, CONSTITUTION_TYPES, true);
  return { applicationType, ckycNumber: applicationType === '03' ? ckycNumber : '', accountType, constitution };
}

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

/** The customer and their parents' or spouse's names; `birth` is the date of birth when it is a real one. */
export function checkPerson(c: Context, r: KycRecord): { fields: PersonFields; birth: CalendarDate | null } {
  const { f, today } = c;
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
  const fields = { prefix, firstName, middleName, lastName, maidenName, fatherOrSpouse, mother, gender, maritalStatus, dateOfBirth, citizenship, nationality, residentialStatus, occupation };
  return { fields, birth };
}

/**
 * Whether the customer is a minor on `onDay` (the declaration date, or today while it is missing),
 * by the account type or by age; the account type must agree with the age.
 */
export function checkMinor(c: Context, accountType: string, birth: CalendarDate | null, onDay: CalendarDate): boolean {
  const { f } = c;
  const underAge = birth !== null && !f.has('dateOfBirth') && ageOn(birth, onDay) < KYC_FIELD_LIMITS.majorityAge;
  const minor = accountType === ACCOUNT_TYPE_MINOR || underAge;
  if (birth && accountType !== '' && !f.has('accountType') && !f.has('dateOfBirth')) {
    if (underAge && accountType !== ACCOUNT_TYPE_MINOR) {
      f.fail('accountType', `The customer is under ${KYC_FIELD_LIMITS.majorityAge} on the declaration date: choose the account type Minor.`);
    } else if (!underAge && accountType === ACCOUNT_TYPE_MINOR) {
      f.fail('accountType', `The customer is ${KYC_FIELD_LIMITS.majorityAge} or older on the declaration date, so this cannot be a minor’s account.`);
    }
  }
  return minor;
}

/** The date the record speaks for: the declaration date, or today while it is missing or in the future. */
export function recordDay(declared: CalendarDate | null, today: CalendarDate): CalendarDate {
  return declared && compareDates(declared, today) <= 0 ? declared : today;
}

export function checkDisability(c: Context, r: KycRecord): KycRecord['disability'] {
  const { f } = c;
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
  return disability;
}

/** Related persons; a minor needs a guardian among them. */
export function checkRelatedPersons(c: Context, r: KycRecord, minor: boolean): RelatedPerson[] {
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
    c.f.fail('relatedPersons', 'A minor needs a guardian: add a related person of the type Guardian of minor.');
  }
  return relatedPersons;
}

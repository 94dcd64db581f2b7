import { isVerhoeffValid } from '../../../shared/validation/checksums';

/**
 * Seed 002 §4's form fields for push_user_data, as data: each step (section) with its fields,
 * whether the seed marks them mandatory, and the values it allows. The Training sandbox judges a
 * push with checkPushData; the digital-KYC service can check its own request with it before
 * sending. Where the seed gives no valid values a mandatory field only has to be a non-empty
 * string (our inference: nothing stricter than the seed says), except where its description is a
 * format on its own (PAN, dates, the 12-digit UID, 10-digit mobile, e-mail, documents).
 */

export type FieldRule = readonly string[] | 'text' | 'date' | 'pan' | 'uid' | 'mobile' | 'email' | 'document';

interface FieldSpec {
  mandatory: boolean;
  rule: FieldRule;
}

const m = (rule: FieldRule): FieldSpec => ({ mandatory: true, rule });
const o = (rule: FieldRule): FieldSpec => ({ mandatory: false, rule });
const codes = (from: number, to: number, ...extra: string[]): string[] => [
  ...Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, '0')),
  ...extra,
];

export const DKYC_SECTIONS = {
  BASIC_INFORMATION: {
    uploadType: m(['03']), pan: m('pan'), dob: m('date'), amc: m('text'), ipvDate: m('date'), uidNo: m('uid'), ekycType: m(['I']), kycType: m(['1', '2', '3', '4', '5']),
  },
  PERSONAL_INFORMATION: {
    applicantTitle: m(['Mr', 'Mrs', 'Miss', 'Dr']), applicantFirstName: m('text'), applicantMiddleName: o('text'), applicantLastName: m('text'), gender: m(['M', 'F', 'T']),
    maritalStatus: m(['01', '02', '03']), occupation: m(codes(1, 13, '99')), applicantCitizenship: m(['01', '02']), applicantStatus: m(['R', 'N', 'P', 'I']),
  },
  FAMILY_INFORMATION: {
    relationship: m(['F', 'S']), fatherTitle: m(['Mr', 'Mrs']), fatherFirstName: m('text'), fatherMiddleName: o('text'), fatherLastName: m('text'),
    motherTitle: o('text'), motherFirstName: o('text'), motherMiddleName: o('text'), motherLastName: o('text'),
  },
  COMMUNICATION_ADDRESS: {
    commAddress1: m('text'), commAddress2: o('text'), commAddress3: o('text'), commpincode: m('text'), commCity: m('text'), commDistrict: m('text'), commState: m('text'),
    commCountry: m('text'), commMobileNoCode: m(['91']), commMobileNo: m('mobile'), commEmailId: m('email'), comAddresstype: m(codes(1, 5)),
    commAddressProof: m(codes(1, 33).filter((code) => code !== '30')), commIdentityNo: m('text'),
  },
  PERMANENT_ADDRESS: {
    perAddress1: m('text'), perAddress2: o('text'), perAddress3: o('text'), perPincode: m('text'), perCity: m('text'), perDistrict: m('text'), perState: m('text'),
    perCountry: m('text'), perAddressProof: m('text'), peridentityNo: m('text'),
  },
  IDENTITY_VERIFICATION: { idProof: m(codes(1, 15)), idProofIdentityNo: m('text'), aaplicantKycAccType: m(['01']) },
  INPERSON_VERIFICATION: {
    ipvDoneBy: m('text'), ipvEmployeeBranch: m('text'), ipvEmployeeCode: m('text'), ipvEmployeeDesignation: m('text'), ipvEmployeeName: m('text'),
    ipvInstitutionCode: m('text'), ipvInstitutionName: m('text'), kycDate: m('date'),
  },
  FATCA_DECLARATION: {
    fatcataxJurisdiction: m(['Y', 'N']), fatcaRelPerson: m(['N']), dobDeclaration: m('date'), placeDeclaration: m('text'), kraInfo: m(['eKYC-eIPV']), panCopy: m(['Y']), exmtCat: m(['N']),
  },
  DOCUMENT_COLLECTION: {
    docAddressProof: m('document'), docPhoto: m('document'), docSign: m('document'), docPerVerVideo: m('document'), appDocAddrProofCorrespondence: m('document'), docEsignForm: m('document'),
  },
} as const satisfies Record<string, Record<string, FieldSpec>>;

export type DkycSection = keyof typeof DKYC_SECTIONS;
export const DKYC_SECTION_NAMES = Object.keys(DKYC_SECTIONS) as DkycSection[];

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** `DD-MON-YYYY` (15-APR-1990) naming a real calendar day. */
export function isDdMonYyyy(value: string): boolean {
  const match = /^(\d{2})-([A-Z]{3})-(\d{4})$/.exec(value);
  if (!match) return false;
  const day = Number(match[1]);
  const month = MONTHS.indexOf(match[2]!);
  const year = Number(match[3]);
  if (month < 0 || day < 1) return false;
  const date = new Date(Date.UTC(year, month, day));
  return date.getUTCMonth() === month && date.getUTCDate() === day;
}

/** A document as the seed allows it: an http(s) URL, or Base64 (bare or as a data: URI). */
export function isBase64OrUrl(value: string): boolean {
  if (/^https?:\/\/\S+$/.test(value)) return true;
  const bare = value.replace(/^data:[\w.+/-]+;base64,/, '');
  return bare.length >= 4 && bare.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(bare);
}

/** Why `value` breaks `rule`, or null. The full UID is never repeated in a message. */
export function fieldProblem(rule: FieldRule, value: string): string | null {
  if (Array.isArray(rule)) return rule.includes(value) ? null : `must be one of ${rule.map((v) => `"${v}"`).join(', ')}`;
  switch (rule) {
    case 'text':
      return value.trim() === '' ? 'must not be empty' : null;
    case 'date':
      return isDdMonYyyy(value) ? null : 'must be a date written DD-MON-YYYY, e.g. 15-APR-1990';
    case 'pan':
      return /^[A-Z]{5}\d{4}[A-Z]$/.test(value) ? null : 'must be a PAN: five letters, four digits, a letter (AAAAA1234A)';
    case 'uid':
      return /^[2-9]\d{11}$/.test(value) && isVerhoeffValid(value) ? null : 'must be a 12-digit Aadhaar number with a valid check digit';
    case 'mobile':
      return /^\d{10}$/.test(value) ? null : 'must be a 10-digit mobile number';
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? null : 'must be an e-mail address';
    case 'document':
      return isBase64OrUrl(value) ? null : 'must be Base64 or an http(s) URL';
  }
  return null;
}

/**
 * The push's `data` judged against the seed: problems by field path ('BASIC_INFORMATION.pan'),
 * empty when it passes. `data` is one object per step keyed by the step's name (our inference);
 * a step given twice, an unknown step, a missing mandatory field, a value that is not a string or
 * breaks its rule are each named.
 */
export function checkPushData(data: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!Array.isArray(data) || data.length === 0) return { data: 'must be an array of steps, one object per step keyed by its name' };
  const given = new Map<string, unknown>();
  data.forEach((item, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      errors[`data.${index}`] = 'must be an object keyed by a step name';
      return;
    }
    for (const [name, fields] of Object.entries(item)) {
      if (!(name in DKYC_SECTIONS)) errors[name] = 'is not a step of push_user_data';
      else if (given.has(name)) errors[name] = 'is given twice';
      else given.set(name, fields);
    }
  });
  for (const section of DKYC_SECTION_NAMES) checkSection(section, given.get(section), errors);
  return errors;
}

function checkSection(section: DkycSection, fields: unknown, errors: Record<string, string>): void {
  const values = fields && typeof fields === 'object' && !Array.isArray(fields) ? (fields as Record<string, unknown>) : {};
  if (fields !== undefined && values !== fields) errors[section] = 'must be an object of fields';
  for (const [field, spec] of Object.entries(DKYC_SECTIONS[section]) as [string, FieldSpec][]) {
    const path = `${section}.${field}`;
    const value = values[field];
    if (value === undefined || value === null || value === '') {
      if (spec.mandatory) errors[path] = 'is required';
      continue;
    }
    if (typeof value !== 'string') {
      errors[path] = 'must be a string';
      continue;
    }
    const problem = fieldProblem(spec.rule, value);
    if (problem !== null) errors[path] = problem;
  }
}

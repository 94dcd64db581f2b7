import { z } from 'zod';
import type { OperatorProfile } from '../operators/roles';
import { IN_PERSON_VIDEO_LABELS } from '../documents/in-person-video';

/**
 * The canonical KYC record of an individual: captured once, and every connector maps from it (seed
 * 000's individuals[], seed 001's records[], seed 003's onboarding customer). V1.3 semantics,
 * docs/record-rules.md §2–§4; code lists in ../codes/ckyc-codes.ts.
 *
 * Fields hold what the operator typed: strings (codes as their code, dates as YYYY-MM-DD) and
 * booleans for flags. This schema checks the shape only — types, and lengths capped generously to
 * bound what crosses the bridge — so pasted text with stray spaces or lower case passes here and is
 * normalised by validation/kyc-record.ts, which holds the registry's rules and plain-words messages.
 *
 * Two things are refused here already, because they must never reach the store at all:
 * - a full Aadhaar number. `aadhaarLast4` is exactly 4 digits or absent, and the number of an
 *   Aadhaar-based identity document (E, H, I) may not contain more than 4 digits (docs/record-rules.md §3:
 *   only the last 4 are kept);
 * - a document reference that is not a 64-hex hash from the encrypted document store.
 *
 * Not typed by the operator, so not in this record:
 * - the verifier (name, designation, branch, employee code, organisation): `KycVerifier` below, filled
 *   from the signed-in operator with `verifierFromOperator` when the record is verified or submitted;
 * - the customer reference number, which main generates (optional here; checked if present).
 */

const text = (max = 200) => z.string().max(max);
const code = text(10);
const isoDate = text(20);

/** Identity codes whose number is an Aadhaar number: only its last 4 digits may be kept. */
const AADHAAR_BASED_IDENTITY = new Set(['E', 'H', 'I']);
const MORE_THAN_4_DIGITS = /(?:\d\D*){5}/;
export const FULL_AADHAAR_REFUSED =
  'Enter only the last 4 digits of the Aadhaar number; the full number must never be stored.';

export const AADHAAR_LAST4 = /^\d{4}$/;

/** A name in parts, as V1.3 holds the applicant's, maiden, father's or spouse's and mother's names. */
export const personNameSchema = z.object({
  prefix: code,
  firstName: text(),
  middleName: text(),
  lastName: text(),
});
export type PersonName = z.infer<typeof personNameSchema>;

export const fatherOrSpouseSchema = personNameSchema.extend({
  /** '01' father, '02' spouse (FATHER_OR_SPOUSE_FLAGS). */
  relation: code,
});
export type FatherOrSpouse = z.infer<typeof fatherOrSpouseSchema>;

/** The identity of a document: its code (A–J) and number, as the operator typed it. */
const documentIdentity = {
  code,
  number: text(60),
};

function refuseFullAadhaar(value: { code: string; number: string }, ctx: z.RefinementCtx): void {
  if (AADHAAR_BASED_IDENTITY.has(value.code.trim().toUpperCase()) && MORE_THAN_4_DIGITS.test(value.number)) {
    ctx.addIssue({ code: 'custom', path: ['number'], message: FULL_AADHAAR_REFUSED });
  }
}

export const identityDocumentSchema = z
  .object({
    ...documentIdentity,
    /** YYYY-MM-DD; absent or empty when the document does not expire. */
    expiry: isoDate.optional(),
  })
  .superRefine(refuseFullAadhaar);
export type IdentityDocument = z.infer<typeof identityDocumentSchema>;

export const documentIdentitySchema = z.object(documentIdentity).superRefine(refuseFullAadhaar);

export const addressSchema = z.object({
  /** Proof-of-address code (ADDRESS_PROOF_TYPES); deemed proofs 11–15 only for correspondence. */
  poaCode: code,
  line1: text(),
  line2: text(),
  line3: text(),
  cityOrVtc: text(),
  district: text(),
  /** ISO 3166-2:IN subdivision code (codes/states.ts) for an Indian address; free text abroad. */
  state: text(),
  /** ISO 3166 alpha-2. */
  country: code,
  /** Six-digit PIN code in India; the postal code abroad (may be empty). */
  pinCode: text(20),
});
export type Address = z.infer<typeof addressSchema>;

export const correspondenceAddressSchema = addressSchema.extend({
  /** When true, every other field is ignored and the permanent address is used. */
  sameAsPermanent: z.boolean(),
  /** ADDRESS_TYPES. */
  addressType: code,
});
export type CorrespondenceAddress = z.infer<typeof correspondenceAddressSchema>;

export const contactSchema = z.object({
  /** ISD digits, no '+': '91' for India. */
  mobileIsd: text(8),
  mobile: text(30),
  email: text(),
});

export const disabilitySchema = z.object({
  /** V1.3's differently-abled flag (0/1). When false the other fields are dropped. */
  flag: z.boolean(),
  /** IMPAIRMENT_TYPES. */
  impairmentType: code,
  /** Whole percent 0–100, as typed. */
  percentage: text(10),
  /** Unique Disability ID: 2 letters and 16 digits. */
  udid: text(40),
});

export const taxResidencySchema = z.object({
  taxResidentOutsideIndia: z.boolean(),
  /** When taxResidentOutsideIndia: each country (ISO alpha-2, not IN) with the customer's TIN there. */
  countries: z.array(z.object({ country: code, tin: text(60) })).max(10),
});

export const relatedPersonSchema = z.object({
  /** RELATED_PERSON_TYPES: '1' guardian of minor, … '15' other. */
  type: code,
  prefix: code,
  /** Full name, letters and single spaces. */
  name: text(),
  /** In words: Father, Mother, Uncle … */
  relation: text(),
  identity: documentIdentitySchema,
});
export type RelatedPerson = z.infer<typeof relatedPersonSchema>;

export const imageSchema = z.object({
  /** IMAGE_TYPES: '02' photograph (mandatory), '04' Aadhaar (must be masked), … */
  code,
  /** The encrypted document store's reference: 64 lower-case hex characters. */
  documentHash: z.string().regex(/^[0-9a-f]{64}$/, 'This is not a document reference from the document store.'),
  mime: text(100),
  bytes: z.number().int().nonnegative(),
  /** True once the first 8 Aadhaar digits (and the QR code) are masked on the image. */
  masked: z.boolean(),
});
export type KycImage = z.infer<typeof imageSchema>;

export const kycRecordSchema = z.object({
  /** '01' new, '03' update (APPLICATION_TYPES). */
  applicationType: code,
  /** The customer's existing 14-digit CKYC number (KIN): for updates only, empty for new. */
  ckycNumber: text(30),
  /** ACCOUNT_TYPES: '01' normal, '04' OTP e-KYC, '05' minor. */
  accountType: code,
  /** Always '01', individual. */
  constitution: code,

  prefix: code,
  firstName: text(),
  middleName: text(),
  lastName: text(),
  /** Maiden name, all parts empty when there is none. */
  maidenName: personNameSchema,
  fatherOrSpouse: fatherOrSpouseSchema,
  mother: personNameSchema,
  gender: code,
  maritalStatus: code,
  /** YYYY-MM-DD. */
  dateOfBirth: isoDate,
  /** ISO 3166 alpha-2. */
  citizenship: code,
  /** ISO 3166 alpha-2. */
  nationality: code,
  residentialStatus: code,
  occupation: code,

  pan: text(30),
  /** Form 60 given instead of a PAN. */
  form60: z.boolean(),
  /** Exactly the last 4 digits of the Aadhaar number, or absent: never the full number. */
  aadhaarLast4: z.string().regex(AADHAAR_LAST4, FULL_AADHAAR_REFUSED).optional(),
  identityDocuments: z.array(identityDocumentSchema).max(10),

  permanentAddress: addressSchema,
  correspondenceAddress: correspondenceAddressSchema,
  contact: contactSchema,
  disability: disabilitySchema,
  taxResidency: taxResidencySchema,
  relatedPersons: z.array(relatedPersonSchema).max(15),
  images: z.array(imageSchema).max(20),
  /** The in-person verification video (WebM or MP4, decision 0046): a document of the record for the push, never a CKYC image. */
  inPersonVideo: imageSchema.optional(),

  declaration: z.object({ date: isoDate, place: text() }),
  verification: z.object({ date: isoDate, kycMode: code }),
  remarks: text(2000),
  /**
   * Why the permanent PIN is right although the shipped PIN list lacks it (the list may be older
   * than the PIN). Main asks for it only then, and drops it otherwise.
   */
  unlistedPinReason: text(300).optional(),
  /** Up to 14 letters and digits, generated by main when the record is first saved. */
  customerReference: text(30).optional(),
});

export type KycRecord = z.infer<typeof kycRecordSchema>;

const EMPTY_NAME: PersonName = { prefix: '', firstName: '', middleName: '', lastName: '' };
const EMPTY_ADDRESS: Address = {
  poaCode: '',
  line1: '',
  line2: '',
  line3: '',
  cityOrVtc: '',
  district: '',
  state: '',
  country: 'IN',
  pinCode: '',
};

/** A blank record for the form: only the defaults nearly every branch customer shares are set. */
export function emptyKycRecord(): KycRecord {
  return {
    applicationType: '01',
    ckycNumber: '',
    accountType: '01',
    constitution: '01',
    prefix: '',
    firstName: '',
    middleName: '',
    lastName: '',
    maidenName: { ...EMPTY_NAME },
    fatherOrSpouse: { ...EMPTY_NAME, relation: '01' },
    mother: { ...EMPTY_NAME },
    gender: '',
    maritalStatus: '',
    dateOfBirth: '',
    citizenship: 'IN',
    nationality: 'IN',
    residentialStatus: '',
    occupation: '',
    pan: '',
    form60: false,
    identityDocuments: [],
    permanentAddress: { ...EMPTY_ADDRESS },
    correspondenceAddress: { ...EMPTY_ADDRESS, sameAsPermanent: true, addressType: '' },
    contact: { mobileIsd: '91', mobile: '', email: '' },
    disability: { flag: false, impairmentType: '', percentage: '', udid: '' },
    taxResidency: { taxResidentOutsideIndia: false, countries: [] },
    relatedPersons: [],
    images: [],
    declaration: { date: '', place: '' },
    verification: { date: '', kycMode: '' },
    remarks: '',
  };
}

/** The blank record, deeply frozen; emptyKycRecord() gives a fresh copy to edit. */
export const EMPTY_KYC_RECORD: Readonly<KycRecord> = deepFreeze(emptyKycRecord());

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (typeof inner === 'object' && inner !== null) deepFreeze(inner as object);
  return Object.freeze(value);
}

// ---------------------------------------------------------------------------
// The verifier: the signed-in operator, never typed into the record
// ---------------------------------------------------------------------------

/**
 * Who verified the KYC (V1.3's verifier block; seed 000's data.verifier, seed 001's kyc_verifier_*).
 * Filled from the signed-in operator's profile, never typed into the form; kept beside the record,
 * not inside it. Lengths per docs/record-rules.md §2.
 */
export const kycVerifierSchema = z.object({
  name: z.string().min(1).max(150),
  designation: z.string().min(1).max(50),
  branch: z.string().min(1).max(50),
  employeeCode: z.string().min(1).max(50),
  organisation: z.string().min(1).max(150),
  /** The institution's CERSAI code (7 characters, e.g. IN0308), from the connection's settings. */
  organisationCode: z.string().max(7).optional(),
});
export type KycVerifier = z.infer<typeof kycVerifierSchema>;

/** The verifier block for `operator`: spaces tidied and upper-cased, as the registry wants. */
export function verifierFromOperator(
  operator: Pick<OperatorProfile, 'name' | 'designation' | 'branch' | 'employeeCode' | 'organisation'>,
  organisationCode?: string,
): KycVerifier {
  const upper = (value: string) => value.replace(/\s+/g, ' ').trim().toUpperCase();
  return {
    name: upper(operator.name),
    designation: upper(operator.designation),
    branch: upper(operator.branch),
    employeeCode: upper(operator.employeeCode),
    organisation: upper(operator.organisation),
    ...(organisationCode === undefined ? {} : { organisationCode: upper(organisationCode) }),
  };
}

// ---------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------

/**
 * Labels as the form shows them, by field path. In array paths `#` stands for the entry's index,
 * and in the label for its position counted from 1: use fieldLabel('identityDocuments.1.number')
 * → 'Identity document 2 number'.
 */
export const KYC_FIELD_LABELS: Readonly<Record<string, string>> = {
  record: 'KYC record',
  applicationType: 'Application type',
  ckycNumber: 'CKYC number (KIN)',
  accountType: 'Account type',
  constitution: 'Constitution type',
  prefix: 'Prefix',
  firstName: 'First name',
  middleName: 'Middle name',
  lastName: 'Last name',
  maidenName: 'Maiden name',
  'maidenName.prefix': 'Maiden name prefix',
  'maidenName.firstName': 'Maiden first name',
  'maidenName.middleName': 'Maiden middle name',
  'maidenName.lastName': 'Maiden last name',
  fatherOrSpouse: 'Father’s or spouse’s name',
  'fatherOrSpouse.relation': 'Father or spouse',
  'fatherOrSpouse.prefix': 'Father’s or spouse’s prefix',
  'fatherOrSpouse.firstName': 'Father’s or spouse’s first name',
  'fatherOrSpouse.middleName': 'Father’s or spouse’s middle name',
  'fatherOrSpouse.lastName': 'Father’s or spouse’s last name',
  mother: 'Mother’s name',
  'mother.prefix': 'Mother’s prefix',
  'mother.firstName': 'Mother’s first name',
  'mother.middleName': 'Mother’s middle name',
  'mother.lastName': 'Mother’s last name',
  gender: 'Gender',
  maritalStatus: 'Marital status',
  dateOfBirth: 'Date of birth',
  citizenship: 'Citizenship',
  nationality: 'Nationality',
  residentialStatus: 'Residential status',
  occupation: 'Occupation',

  pan: 'PAN',
  form60: 'Form 60',
  aadhaarLast4: 'Last 4 digits of Aadhaar',
  identityDocuments: 'Identity documents',
  'identityDocuments.#': 'Identity document #',
  'identityDocuments.#.code': 'Identity document # type',
  'identityDocuments.#.number': 'Identity document # number',
  'identityDocuments.#.expiry': 'Identity document # expiry date',

  permanentAddress: 'Permanent address',
  'permanentAddress.poaCode': 'Permanent address proof of address',
  'permanentAddress.line1': 'Permanent address line 1',
  'permanentAddress.line2': 'Permanent address line 2',
  'permanentAddress.line3': 'Permanent address line 3',
  'permanentAddress.cityOrVtc': 'Permanent address city, town or village',
  'permanentAddress.district': 'Permanent address district',
  'permanentAddress.state': 'Permanent address state',
  'permanentAddress.country': 'Permanent address country',
  'permanentAddress.pinCode': 'Permanent address PIN code',
  correspondenceAddress: 'Correspondence address',
  'correspondenceAddress.sameAsPermanent': 'Correspondence address same as permanent',
  'correspondenceAddress.addressType': 'Correspondence address type',
  'correspondenceAddress.poaCode': 'Correspondence address proof of address',
  'correspondenceAddress.line1': 'Correspondence address line 1',
  'correspondenceAddress.line2': 'Correspondence address line 2',
  'correspondenceAddress.line3': 'Correspondence address line 3',
  'correspondenceAddress.cityOrVtc': 'Correspondence address city, town or village',
  'correspondenceAddress.district': 'Correspondence address district',
  'correspondenceAddress.state': 'Correspondence address state',
  'correspondenceAddress.country': 'Correspondence address country',
  'correspondenceAddress.pinCode': 'Correspondence address PIN code',

  contact: 'Contact details',
  'contact.mobileIsd': 'Mobile country code',
  'contact.mobile': 'Mobile number',
  'contact.email': 'Email',

  disability: 'Disability',
  'disability.flag': 'Differently abled',
  'disability.impairmentType': 'Type of impairment',
  'disability.percentage': 'Disability percentage',
  'disability.udid': 'UDID number',

  taxResidency: 'Tax residency',
  'taxResidency.taxResidentOutsideIndia': 'Tax resident outside India',
  'taxResidency.countries': 'Countries of tax residence',
  'taxResidency.countries.#': 'Tax residence #',
  'taxResidency.countries.#.country': 'Tax residence # country',
  'taxResidency.countries.#.tin': 'Tax residence # tax identification number (TIN)',

  relatedPersons: 'Related persons',
  'relatedPersons.#': 'Related person #',
  'relatedPersons.#.type': 'Related person # type',
  'relatedPersons.#.prefix': 'Related person # prefix',
  'relatedPersons.#.name': 'Related person # name',
  'relatedPersons.#.relation': 'Related person # relation',
  'relatedPersons.#.identity': 'Related person # identity document',
  'relatedPersons.#.identity.code': 'Related person # identity document type',
  'relatedPersons.#.identity.number': 'Related person # identity document number',

  images: 'Document images',
  'images.#': 'Document image #',
  'images.#.code': 'Document image # type',
  'images.#.documentHash': 'Document image # stored file',
  'images.#.mime': 'Document image # file type',
  'images.#.bytes': 'Document image # file size',
  'images.#.masked': 'Document image # Aadhaar masking',
  ...IN_PERSON_VIDEO_LABELS,

  declaration: 'Declaration',
  'declaration.date': 'Declaration date',
  'declaration.place': 'Declaration place',
  verification: 'Verification',
  'verification.date': 'Verification date',
  'verification.kycMode': 'KYC verification mode',
  remarks: 'Remarks',
  unlistedPinReason: 'Why this PIN is right',
  customerReference: 'Customer reference number',
};

/**
 * The form's label for a field path ('permanentAddress.pinCode', 'identityDocuments.0.number').
 * An unknown path falls back to the label of its nearest known parent, then to the path itself.
 */
export function fieldLabel(path: string): string {
  const positions: number[] = [];
  const pattern = path
    .split('.')
    .map((part) => {
      if (!/^\d+$/.test(part)) return part;
      positions.push(Number(part) + 1);
      return '#';
    })
    .join('.');
  const label = KYC_FIELD_LABELS[pattern];
  if (label !== undefined) {
    let next = 0;
    return label.replace(/#/g, () => String(positions[next++] ?? ''));
  }
  const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
  return parent === '' ? path : fieldLabel(parent);
}

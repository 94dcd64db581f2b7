/**
 * CKYC code lists, V1.3 semantics (docs/record-rules.md §2), as `[code, label]`
 * tuples; a few lists carry a third element with the flags validation needs. Tags follow the
 * reference: [V] one vendor or third-party source (the reference found the V1.3 masters consistent
 * across two sources), [U] uncertain — the list was chosen here because the reference gives none.
 * Every list is plain data: replace a list (or add a code) here and the form's pickers and the
 * validator follow; nothing else hard-codes these codes.
 */

/** A code list: `[code, label, …]`, code first, the label the form shows second. */
export type CodeList = readonly (readonly [string, string, ...unknown[]])[];

/** True when `code` is in `list` (exactly as written: normalise case and spaces first). */
export function isCode(list: CodeList, code: string): boolean {
  return list.some((entry) => entry[0] === code);
}

/** The label of `code` in `list`, or undefined. */
export function codeLabel(list: CodeList, code: string): string | undefined {
  return list.find((entry) => entry[0] === code)?.[1];
}

// ---------------------------------------------------------------------------
// Application and customer type
// ---------------------------------------------------------------------------

/** Application type. New and update records never share a batch (docs/record-rules.md §2). [V] */
export const APPLICATION_TYPES = [
  ['01', 'New'],
  ['03', 'Update'],
] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number][0];

/** Constitution type: KYC Desk captures individuals only. [V] */
export const CONSTITUTION_TYPES = [['01', 'Individual']] as const;

/** Account type. [V] */
export const ACCOUNT_TYPES = [
  ['01', 'Normal'],
  ['04', 'OTP-based e-KYC'],
  ['05', 'Minor'],
] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number][0];
/** Account type 04: the identity must be e-KYC authentication (identity code H). [V] */
export const ACCOUNT_TYPE_OTP_EKYC = '04';
/** Account type 05: a guardian (related person type 1) is mandatory. [V] */
export const ACCOUNT_TYPE_MINOR = '05';

// ---------------------------------------------------------------------------
// The person
// ---------------------------------------------------------------------------

/** Gender. [V] (The same three codes as the thin capture form's list in record/individual.ts.) */
export const GENDER_CODES = [
  ['M', 'Male'],
  ['F', 'Female'],
  ['T', 'Transgender'],
] as const;

/** Name prefix: MR, MRS, MS are V1.3's; MISS and DR are "also seen". [V] */
export const NAME_PREFIXES = [
  ['MR', 'Mr'],
  ['MRS', 'Mrs'],
  ['MS', 'Ms'],
  ['MISS', 'Miss'],
  ['DR', 'Dr'],
] as const;

/** Residential status. [V] */
export const RESIDENTIAL_STATUSES = [
  ['01', 'Resident individual'],
  ['02', 'Non-resident Indian (NRI)'],
  ['03', 'Foreign national'],
  ['04', 'Person of Indian origin (PIO)'],
] as const;
/** Residential status 03: the only one that may use a foreign government document (identity J). */
export const RESIDENTIAL_STATUS_FOREIGN_NATIONAL = '03';

/** Relation of the father-or-spouse name. [V] */
export const FATHER_OR_SPOUSE_FLAGS = [
  ['01', 'Father'],
  ['02', 'Spouse'],
] as const;

/** Marital status. [U] The reference gives no list; these are the codes seen on CKYC forms. */
export const MARITAL_STATUSES = [
  ['01', 'Married'],
  ['02', 'Unmarried'],
  ['03', 'Other'],
] as const;

/** Occupation. [U] The reference gives no list; a short list after the CKYC form's groups. */
export const OCCUPATIONS = [
  ['S-01', 'Public sector service'],
  ['S-02', 'Private sector service'],
  ['S-03', 'Government service'],
  ['B-01', 'Business'],
  ['O-01', 'Professional'],
  ['O-02', 'Self-employed'],
  ['O-03', 'Retired'],
  ['O-04', 'Housewife'],
  ['O-05', 'Student'],
  ['X-01', 'Not categorised'],
] as const;

/** Impairment type for the disability details. [U] After the categories of the RPwD Act 2016. */
export const IMPAIRMENT_TYPES = [
  ['01', 'Locomotor disability'],
  ['02', 'Visual impairment'],
  ['03', 'Hearing impairment'],
  ['04', 'Speech and language disability'],
  ['05', 'Intellectual disability'],
  ['06', 'Mental illness'],
  ['07', 'Multiple disabilities'],
  ['08', 'Other'],
] as const;

// ---------------------------------------------------------------------------
// Proof of identity and proof of address
// ---------------------------------------------------------------------------

export interface IdentityDocumentFlags {
  /** Refused for minors (account type 05 or under 18 at the declaration). */
  notForMinors?: true;
  /** Only the last 4 digits of the Aadhaar number are ever kept (docs/record-rules.md §3). */
  last4Only?: true;
  /** Allowed only for residential status 03, foreign national. */
  requiresResidentialStatus03?: true;
}

/** Proof of identity. Z / S01 / S02 exist but are not uploadable, so they are not offered. [V] */
export const IDENTITY_DOCUMENT_TYPES = [
  ['A', 'Passport', {}],
  ['B', 'Voter ID', { notForMinors: true }],
  ['C', 'PAN card', {}],
  ['D', 'Driving licence', { notForMinors: true }],
  ['E', 'Proof of possession of Aadhaar', { last4Only: true }],
  ['F', 'NREGA job card', {}],
  ['G', 'NPR letter', {}],
  ['H', 'e-KYC authentication', { last4Only: true }],
  ['I', 'Offline verification of Aadhaar', { last4Only: true }],
  ['J', 'Foreign government document', { requiresResidentialStatus03: true }],
] as const satisfies readonly (readonly [string, string, IdentityDocumentFlags])[];
export type IdentityDocumentCode = (typeof IDENTITY_DOCUMENT_TYPES)[number][0];

export function identityDocumentFlags(code: string): IdentityDocumentFlags {
  return (IDENTITY_DOCUMENT_TYPES.find((entry) => entry[0] === code)?.[2] ?? {}) as IdentityDocumentFlags;
}

/** Identity code H, which account type 04 (OTP e-KYC) requires. */
export const IDENTITY_CODE_EKYC = 'H';

export interface AddressProofFlags {
  /** A "deemed" proof of address: allowed for the current (correspondence) address only. */
  currentAddressOnly?: true;
  /**
   * The identity document (by identity code) that is the same document, so its number can be taken
   * from the record's identity documents; deemed proofs have none.
   */
  identityCode?: IdentityDocumentCode;
}

/** Proof of address. 11–15 are deemed proofs, for the current address only. [V] */
export const ADDRESS_PROOF_TYPES = [
  ['01', 'Aadhaar', { identityCode: 'E' }],
  ['02', 'Passport', { identityCode: 'A' }],
  ['03', 'Driving licence', { identityCode: 'D' }],
  ['04', 'Voter ID', { identityCode: 'B' }],
  ['05', 'NREGA job card', { identityCode: 'F' }],
  ['08', 'NPR letter', { identityCode: 'G' }],
  ['09', 'e-KYC authentication', { identityCode: 'H' }],
  ['10', 'Offline verification of Aadhaar', { identityCode: 'I' }],
  ['16', 'Foreign government document', { identityCode: 'J' }],
  ['11', 'Utility bill (at most 2 months old)', { currentAddressOnly: true }],
  ['12', 'Property or municipal tax receipt', { currentAddressOnly: true }],
  ['13', 'Pension or family pension order', { currentAddressOnly: true }],
  ['14', 'Letter of allotment of accommodation', { currentAddressOnly: true }],
  ['15', 'Self-declaration', { currentAddressOnly: true }],
] as const satisfies readonly (readonly [string, string, AddressProofFlags])[];
export type AddressProofCode = (typeof ADDRESS_PROOF_TYPES)[number][0];

export function addressProofFlags(code: string): AddressProofFlags {
  return (ADDRESS_PROOF_TYPES.find((entry) => entry[0] === code)?.[2] ?? {}) as AddressProofFlags;
}

/** Correspondence address type. [V] */
export const ADDRESS_TYPES = [
  ['01', 'Residential or business'],
  ['02', 'Residential'],
  ['03', 'Business'],
  ['04', 'Registered office'],
  ['05', 'Unspecified'],
] as const;

// ---------------------------------------------------------------------------
// Images, related persons, verification
// ---------------------------------------------------------------------------

/** Document image codes. [V] */
export const IMAGE_TYPES = [
  ['02', 'Photograph'],
  ['04', 'Aadhaar (first 8 digits masked)'],
  ['05', 'Passport'],
  ['06', 'Driving licence'],
  ['07', 'Voter ID'],
  ['08', 'NREGA job card'],
  ['09', 'Signature'],
  ['35', 'NPR letter'],
  ['36', 'e-KYC authentication'],
  ['37', 'Offline verification of Aadhaar'],
] as const;
/** The photograph: mandatory for individuals. */
export const IMAGE_CODE_PHOTOGRAPH = '02';
/** The Aadhaar image: stored only with the first 8 digits (and the QR code) masked. */
export const IMAGE_CODE_AADHAAR = '04';
/** The customer's signature (drawn at the counter or scanned): optional for CKYC, needed by the digital-KYC push. */
export const IMAGE_CODE_SIGNATURE = '09';

/** File types V1.3 accepts (jpg, jpeg, pdf, tif, tiff), as MIME types. [V] */
export const IMAGE_MIME_TYPES = [
  ['image/jpeg', 'JPEG image'],
  ['application/pdf', 'PDF document'],
  ['image/tiff', 'TIFF image'],
] as const;

/**
 * Related person type. The reference lists 1, 2, 3 and 15 ("… 15 other"); 4–14 exist in V1.3 but
 * their labels were not found, so they are not offered until they are. [V] for the four listed.
 */
export const RELATED_PERSON_TYPES = [
  ['1', 'Guardian of minor'],
  ['2', 'Assignee'],
  ['3', 'Authorised representative'],
  ['15', 'Other'],
] as const;
/** Related person type 1: mandatory for a minor. */
export const RELATED_PERSON_GUARDIAN = '1';

/** KYC verification mode (type of document submitted). [V] */
export const KYC_VERIFICATION_MODES = [
  ['01', 'Certified copies of documents'],
  ['02', 'e-KYC (UIDAI)'],
  ['03', 'Offline verification'],
  ['04', 'Digital KYC'],
  ['05', 'Equivalent e-document'],
  ['06', 'Video KYC'],
] as const;

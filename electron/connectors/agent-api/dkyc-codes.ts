/**
 * Our CKYC code lists (shared/codes/ckyc-codes.ts) → the digital-KYC push's valid values (the agent
 * API's push_user_data, docs/apis/agent-api.md § Digital-KYC push: the mapping). Where the two lists
 * name the same thing the same way the code passes through; where they differ the table below says
 * how; a value with no counterpart is not guessed: the push names the field to change.
 */

/** V1.3 prefixes → the push's titles (Mr, Mrs, Miss, Dr). 'MS' has none: Ms is not Miss. */
export const TITLES: Readonly<Record<string, string>> = { MR: 'Mr', MRS: 'Mrs', MISS: 'Miss', DR: 'Dr' };

/** The father's (or spouse's) title: the push takes only Mr and Mrs. */
export const FATHER_TITLES: Readonly<Record<string, string>> = { MR: 'Mr', MRS: 'Mrs' };

/** Father or spouse flag '01'/'02' → relationship F/S. */
export const RELATIONSHIPS: Readonly<Record<string, string>> = { '01': 'F', '02': 'S' };

/**
 * Our occupations → the push's 01–13 and 99, read as the KRA occupation list the push's form follows
 * (01 private sector service, 02 public sector service, 03 business, 04 professional, 06 retired,
 * 07 housewife, 08 student, 10 government service, 99 others). An inference, written down in the
 * API document; self-employed has no code of its own there and goes as 99 (others).
 */
export const OCCUPATIONS: Readonly<Record<string, string>> = {
  'S-01': '02',
  'S-02': '01',
  'S-03': '10',
  'B-01': '03',
  'O-01': '04',
  'O-02': '99',
  'O-03': '06',
  'O-04': '07',
  'O-05': '08',
  'X-01': '99',
};

/** Residential status → applicant status: resident R, NRI N, person of Indian origin P, foreign national I. */
export const APPLICANT_STATUSES: Readonly<Record<string, string>> = { '01': 'R', '02': 'N', '04': 'P', '03': 'I' };

/** KYC verification mode '01'–'05' → kycType '1'–'5' by its number; video KYC ('06') has none. */
export const KYC_TYPES: Readonly<Record<string, string>> = { '01': '1', '02': '2', '03': '3', '04': '4', '05': '5' };

/** The identity document (A–J) → idProof 01–15, numbered as the same document is in the address-proof list. */
export const ID_PROOFS: Readonly<Record<string, string>> = { E: '01', A: '02', D: '03', B: '04', F: '05', G: '08', H: '09', I: '10' };

/** An address-proof code (V1.3's, 01–16) → the image code of its scan among the record's images. */
export const PROOF_IMAGE_CODES: Readonly<Record<string, string>> = {
  '01': '04',
  '02': '05',
  '03': '06',
  '04': '07',
  '05': '08',
  '08': '35',
  '09': '36',
  '10': '37',
};

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

/** '1988-04-12' → '12-APR-1988'; anything else → null. */
export function dayMonYear(iso: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${match[3]}-${month}-${match[1]}` : null;
}

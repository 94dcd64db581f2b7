import { isIndianStateCode } from '../codes/states';
import { KYC_FIELD_LIMITS } from '../validation/kyc/field-limits';
import { parseIsoDate } from '../validation/dates';
import { freeTextProblem } from '../validation/free-text';
import { validateCkycNumber, validateEmail, validateIndianMobile, validatePan, validatePinCode } from '../validation/identifiers';

/**
 * The bulk customer update file (docs/apis/bulk-customer-update.md § The update file): its columns,
 * defined once here, in the order KYC Desk writes them. The platform's own layout is not published;
 * this is KYC Desk's, documented for the platform's team (decision 0052). Every row carries the
 * customer's reference, the key the platform knows the customer by and the key a result row is
 * matched back to its record with.
 *
 * Pure: the renderer lists the columns, main writes and checks files with them.
 */
export const KYC_STATUSES = ['VERIFIED', 'PENDING', 'REJECTED'] as const;
export type KycStatus = (typeof KYC_STATUSES)[number];

export const UPDATE_COLUMNS = [
  { name: 'customer_reference', label: 'Customer reference', required: true, about: 'the branch’s reference for the customer (letters and digits), the platform’s key' },
  { name: 'customer_name', label: 'Customer name', required: true, about: 'as on the KYC record' },
  { name: 'ckyc_number', label: 'CKYC number', required: false, about: '14 digits; required when kyc_status is VERIFIED' },
  { name: 'kyc_status', label: 'KYC status', required: true, about: KYC_STATUSES.join(', ') },
  { name: 'kyc_date', label: 'KYC date', required: false, about: 'YYYY-MM-DD, the day the registry confirmed it; required when VERIFIED' },
  { name: 'pan', label: 'PAN', required: false, about: 'an individual’s PAN, or empty' },
  { name: 'mobile', label: 'Mobile number', required: false, about: '10 digits of an Indian mobile, no +91' },
  { name: 'email', label: 'Email', required: false, about: 'or empty' },
  { name: 'address_line1', label: 'Address line 1', required: true, about: 'the permanent address' },
  { name: 'address_line2', label: 'Address line 2', required: false, about: '' },
  { name: 'address_line3', label: 'Address line 3', required: false, about: '' },
  { name: 'city', label: 'City', required: true, about: 'city, town or village' },
  { name: 'district', label: 'District', required: false, about: '' },
  { name: 'state', label: 'State', required: false, about: 'ISO 3166-2:IN code (e.g. MH) for India' },
  { name: 'pincode', label: 'PIN code', required: false, about: '6 digits for India; the postal code abroad' },
  { name: 'country', label: 'Country', required: true, about: 'ISO 3166 alpha-2 (IN)' },
] as const;

export type UpdateColumn = (typeof UPDATE_COLUMNS)[number]['name'];
export type UpdateRow = Record<UpdateColumn, string>;
export const UPDATE_COLUMN_NAMES: readonly UpdateColumn[] = UPDATE_COLUMNS.map((column) => column.name);

/** The most rows one update file may hold, and its most bytes (a file is sent whole, in one request). */
export const UPDATE_MAX_ROWS = 50_000;
export const UPDATE_MAX_BYTES = 20 * 1024 * 1024;
/** The longest a cell may be: beyond any field the record holds. */
const CELL_MAX = 200;

/** What is wrong with the header row, in words; empty when every column is there once. Extra columns are refused: the platform would not know them. */
export function headerProblems(header: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    const cleaned = name.trim();
    if (seen.has(cleaned)) problems.push(`The column “${cleaned}” is given twice.`);
    seen.add(cleaned);
    if (!(UPDATE_COLUMN_NAMES as readonly string[]).includes(cleaned)) problems.push(`The column “${cleaned}” is not one of the update file’s columns.`);
  }
  const missing = UPDATE_COLUMN_NAMES.filter((name) => !seen.has(name));
  if (missing.length > 0) problems.push(`The ${missing.length === 1 ? 'column' : 'columns'} ${missing.map((name) => `“${name}”`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`);
  return problems;
}

type CellCheck = (value: string, row: UpdateRow) => string | undefined;

const identifier = (check: (raw: string) => { ok: true; value: string } | { ok: false; reason: string }) => (value: string) => {
  const result = check(value);
  if (!result.ok) return result.reason;
  // The file is sent as it is: a value the rule would have tidied is written tidy or not at all.
  return result.value === value ? undefined : `Write it as ${result.value.length <= 20 ? `“${result.value}”` : 'the rule gives it'} (no spaces or separators).`;
};

const CELL_CHECKS: Partial<Record<UpdateColumn, CellCheck>> = {
  customer_reference: (value) => (new RegExp(`^[A-Z0-9]{1,${KYC_FIELD_LIMITS.customerReference}}$`).test(value) ? undefined : `A customer reference is 1 to ${KYC_FIELD_LIMITS.customerReference} capital letters and digits.`),
  ckyc_number: (value, row) => (value === '' ? (row.kyc_status === 'VERIFIED' ? 'A verified customer has a CKYC number.' : undefined) : identifier(validateCkycNumber)(value)),
  kyc_status: (value) => ((KYC_STATUSES as readonly string[]).includes(value) ? undefined : `The KYC status is one of ${KYC_STATUSES.join(', ')}.`),
  kyc_date: (value, row) => {
    if (value === '') return row.kyc_status === 'VERIFIED' ? 'A verified customer has the KYC date.' : undefined;
    return /^\d{4}-\d{2}-\d{2}$/.test(value) && parseIsoDate(value) ? undefined : 'The KYC date is written YYYY-MM-DD, like 2026-12-04.';
  },
  pan: (value) => (value === '' ? undefined : identifier(validatePan)(value)),
  mobile: (value) => (value === '' ? undefined : identifier(validateIndianMobile)(value)),
  email: (value) => (value === '' ? undefined : identifier(validateEmail)(value)),
  state: (value, row) => (row.country === 'IN' && value !== '' && !isIndianStateCode(value) ? 'For India the state is its code, like MH or KA.' : undefined),
  pincode: (value, row) => (row.country === 'IN' && value !== '' ? identifier(validatePinCode)(value) : undefined),
  country: (value) => (/^[A-Z]{2}$/.test(value) ? undefined : 'The country is its two-letter ISO code, like IN.'),
};

/**
 * Each cell's problem, by column (empty when the row is clean): the required ones present, each
 * identifier by the shared rules, and every cell by the free-text rules (no full Aadhaar number,
 * no formula prefix, no invisible characters) — a file is a spreadsheet someone will open.
 */
export function rowProblems(row: UpdateRow): Partial<Record<UpdateColumn, string>> {
  const problems: Partial<Record<UpdateColumn, string>> = {};
  for (const column of UPDATE_COLUMNS) {
    const value = row[column.name] ?? '';
    const text = freeTextProblem(value);
    if (text !== undefined) problems[column.name] = text;
    else if (value.length > CELL_MAX) problems[column.name] = `At most ${CELL_MAX} characters.`;
    else if (column.required && value.trim() === '') problems[column.name] = `The ${column.label.toLowerCase()} is missing.`;
    else {
      const found = CELL_CHECKS[column.name]?.(value, row);
      if (found !== undefined) problems[column.name] = found;
    }
  }
  return problems;
}

import { rowProblems, UPDATE_COLUMNS, type UpdateRow } from '../../../shared/bulk-update/update-columns';

/**
 * How the Training platform judges one row of a bulk update, the way a customer master refuses
 * rows (docs/apis/bulk-customer-update.md § The Training platform): the update file's own rules
 * first (a file KYC Desk checked passes them), then what only the platform knows —
 * - an unknown customer: in Training, customers whose mobile number is 90000 00010 to 90000 00019
 *   were never onboarded on the platform;
 * - an email the platform cannot deliver to: the domains reserved for examples and tests
 *   (example.com, example.org, example.net, and anything under .example, .invalid or .test);
 * - a duplicate row: a customer already updated earlier in the same file.
 */
export const TRAINING_PARENT_COMPANY_ID = 'CEKTRAIN01';

const UNKNOWN_CUSTOMER_MOBILES = /^900000001\d$/;
const UNDELIVERABLE_EMAIL = /@(?:example\.(?:com|org|net)|[^@]*\.(?:example|invalid|test))$/i;

export type RowVerdict = { ok: true } | { ok: false; errorType: 'VALIDATION_ERROR' | 'RECORD_NOT_FOUND'; reason: string };

export function judgeRow(row: UpdateRow, seenReferences: Set<string>): RowVerdict {
  const problems = rowProblems(row);
  const first = UPDATE_COLUMNS.find((column) => problems[column.name] !== undefined);
  if (first) return { ok: false, errorType: 'VALIDATION_ERROR', reason: `${first.name}: ${problems[first.name]!}` };
  if (seenReferences.has(row.customer_reference)) return { ok: false, errorType: 'VALIDATION_ERROR', reason: 'Duplicate row: this customer is already updated earlier in the file.' };
  seenReferences.add(row.customer_reference);
  if (UNKNOWN_CUSTOMER_MOBILES.test(row.mobile)) return { ok: false, errorType: 'RECORD_NOT_FOUND', reason: 'Customer not found on the platform.' };
  if (row.email !== '' && UNDELIVERABLE_EMAIL.test(row.email)) return { ok: false, errorType: 'VALIDATION_ERROR', reason: 'Invalid email: the platform cannot deliver to this domain.' };
  return { ok: true };
}

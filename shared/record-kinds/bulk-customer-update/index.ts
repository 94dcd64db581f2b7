import { z } from 'zod';
import { rowProblems, UPDATE_COLUMN_NAMES, UPDATE_COLUMNS, UPDATE_MAX_ROWS, type UpdateColumn, type UpdateRow } from '../../bulk-update/update-columns';
import type { FieldErrors, RecordKind } from '../record-kind';

export const BULK_CUSTOMER_UPDATE_KIND_ID = 'bulk-customer-update';

/** Every cell a string (the file's own form); bounds and rules are rowProblems'. */
const updateRowSchema = z.object(Object.fromEntries(UPDATE_COLUMN_NAMES.map((name) => [name, z.string().max(400)])) as Record<UpdateColumn, z.ZodString>);

/**
 * A bulk customer update (docs/decisions/0053): the rows one update file will carry, and where they
 * came from — records of this store (each row's record id, so a result row leads back to the record
 * to fix) or a file the operator brought (its name). It is a record of its own kind so that
 * maker–checker, the queue, the sync engine, audit and retention treat it as any record: a maker
 * prepares it, a checker approves and sends it, and its file is made from these rows, sealed, once.
 */
export const bulkUpdateSchema = z.object({
  rows: z.array(updateRowSchema).min(1, 'An update carries at least one customer.').max(UPDATE_MAX_ROWS, `An update carries at most ${UPDATE_MAX_ROWS} customers; split it.`),
  /** For each row, in order, the record it was made from (empty for a row of a brought file). */
  recordIds: z.array(z.string().max(64)).max(UPDATE_MAX_ROWS),
  source: z.enum(['records', 'file']),
  /** The brought file's name, as the operator's computer named it (shown, never used as a path). */
  fileName: z.string().max(200).optional(),
  customerReference: z.string().max(30).optional(),
});
export type BulkUpdate = z.infer<typeof bulkUpdateSchema>;

const COLUMN_LABELS = new Map<string, string>(UPDATE_COLUMNS.map((column) => [column.name, column.label]));

function label(path: string): string {
  const [, row, column] = path.split('.');
  if (row === undefined) return 'Customers';
  return `Row ${Number(row) + 1}${column ? `, ${COLUMN_LABELS.get(column) ?? column}` : ''}`;
}

/** Every row's problems by 'rows.<i>.<column>'; a customer reference twice in one update is refused (its result row could not be matched). */
export function validateBulkUpdate(input: unknown): { ok: true; value: BulkUpdate } | { ok: false; errors: FieldErrors } {
  const parsed = bulkUpdateSchema.safeParse(input);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'rows'] ??= issue.message;
    return { ok: false, errors };
  }
  const update = parsed.data;
  if (update.recordIds.length !== 0 && update.recordIds.length !== update.rows.length) errors.rows = 'The update’s rows and the records they came from do not match; prepare it again.';
  const seen = new Map<string, number>();
  update.rows.forEach((row, index) => {
    for (const [column, problem] of Object.entries(rowProblems(row))) errors[`rows.${index}.${column}`] = problem;
    const earlier = seen.get(row.customer_reference);
    if (earlier !== undefined) errors[`rows.${index}.customer_reference`] ??= `Customer reference ${row.customer_reference} is already in row ${earlier + 1}.`;
    else seen.set(row.customer_reference, index);
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: update };
}

const FREE_TEXT_COLUMNS: readonly UpdateColumn[] = ['customer_name', 'address_line1', 'address_line2', 'address_line3', 'city', 'district'];

export const BULK_CUSTOMER_UPDATE: RecordKind<BulkUpdate> = {
  id: BULK_CUSTOMER_UPDATE_KIND_ID,
  label: 'Bulk customer update',
  schema: bulkUpdateSchema,
  steps: [{ id: 'customers', title: 'Customers to update' }],
  stepOf: () => 'customers',
  fieldLabel: label,
  blank: () => ({ rows: [], recordIds: [], source: 'records' }),
  validate: validateBulkUpdate,
  freeTextFields: (update) => update.rows.flatMap((row, index) => FREE_TEXT_COLUMNS.map((column): [string, string] => [`rows.${index}.${column}`, row[column]])),
  columns: (update) => ({
    name: `BULK UPDATE: ${update.rows.length} ${update.rows.length === 1 ? 'CUSTOMER' : 'CUSTOMERS'}`,
    panMasked: '',
    mobileMasked: '',
  }),
  images: () => [],
  withImages: (update) => update,
  withReference: (update, reference) => ({ ...update, customerReference: reference }),
};

export type { UpdateRow };

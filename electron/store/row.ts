import type { SqlValue } from 'sql.js';

/**
 * Reading sql.js rows into typed objects. A nullable column comes back as null (or, for a column a
 * query did not select, undefined); both read as null, anything else as the type the caller expects.
 */
export function textOrNull(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function numberOrNull(value: SqlValue | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

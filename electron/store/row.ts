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

/** A nullable JSON column. The store is authenticated and only KYC Desk writes it: what is there is a `T`. */
export function jsonOrNull<T>(value: SqlValue | undefined): T | null {
  const text = textOrNull(value);
  return text === null ? null : (JSON.parse(text) as T);
}

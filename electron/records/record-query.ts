import type { SqlValue } from 'sql.js';
import type { RecordState } from '../../shared/sync/states';
import type { RecordScope } from './record-scope';

/** What the queue can ask for: every part optional, combined with AND. */
export interface RecordFilter {
  state?: RecordState;
  /** Operator id of the maker who captured the record. */
  createdBy?: string;
  /** Captured at or after (ISO instant). */
  from?: string;
  /** Captured before (ISO instant); [from, to) ranges for consecutive days neither overlap nor leave gaps. */
  to?: string;
  /** A customer reference (or its start) or part of the customer's name. */
  search?: string;
}

const REFERENCE_PREFIX = /^KD[0-9A-Z]{0,12}$/;

/**
 * The WHERE clause for a queue filter within what the operator may read. A reference is matched as
 * a prefix with a range on its unique index (so "KD4F" answers at once); anything else searches
 * names, which are stored upper-case. A maker's scope is one more `created_by = ?`, which the
 * maker indexes (schema 8) answer in order, with the name and state on the index.
 */
export function recordFilterSql(filter: RecordFilter, scope: RecordScope, options: { broadReference?: boolean } = {}): { where: string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  if (scope.kind === 'own') {
    clauses.push('created_by = ?');
    params.push(scope.operatorId);
  }
  if (filter.state) {
    clauses.push('state = ?');
    params.push(filter.state);
  }
  if (filter.createdBy) {
    clauses.push('created_by = ?');
    params.push(filter.createdBy);
  }
  if (filter.from) {
    clauses.push('created_at >= ?');
    params.push(new Date(filter.from).toISOString());
  }
  if (filter.to) {
    clauses.push('created_at < ?');
    params.push(new Date(filter.to).toISOString());
  }
  const search = filter.search?.replace(/\s+/g, ' ').trim().toUpperCase();
  if (search) {
    if (REFERENCE_PREFIX.test(search)) {
      // A short prefix ("KD") can match most of the store: then walking the newest-first index and
      // filtering beats fetching every match by reference and sorting them. The unary + tells
      // SQLite not to use the reference index.
      clauses.push(options.broadReference ? '+reference >= ? AND +reference < ?' : 'reference >= ? AND reference < ?');
      params.push(search, `${search}\uffff`);
    } else {
      clauses.push("name LIKE ? ESCAPE '\\'");
      params.push(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Matches above this many make a reference-prefix page walk the date index instead. */
export const BROAD_REFERENCE_MATCHES = 2_000;

/** Newest change first; id breaks ties so paging is stable. */
export const RECORD_ORDER = 'ORDER BY updated_at DESC, id DESC';

import { can, type OperatorProfile } from '../../shared/operators/roles';

/**
 * Which records an operator may read. A maker reads only the records they captured (the only ones
 * they may change); checkers and admins read every record. Derived from the acting operator in main
 * and applied inside the SQL of each read, never by filtering rows after reading them.
 */
export type RecordScope = { kind: 'all' } | { kind: 'own'; operatorId: string };

export const ALL_RECORDS: RecordScope = { kind: 'all' };

export function recordScopeOf(operator: Pick<OperatorProfile, 'id' | 'role'>): RecordScope {
  return can(operator.role, 'records.viewAll') ? ALL_RECORDS : { kind: 'own', operatorId: operator.id };
}

/**
 * The same refusal whether the record does not exist or is another maker's: a maker learns nothing
 * about records that are not theirs, not even that one exists.
 */
export const NOT_IN_SCOPE_RECORD = 'That record is not on this PC, or another operator captured it: a maker opens only the records they captured.';
export const NOT_IN_SCOPE_DOCUMENT = 'That image is not on this PC, or it belongs to a record another operator captured: a maker opens only the images of their own records.';

import { AppFailure } from '../../../shared/errors';
import { textOrNull } from '../../store/row';
import type { SameCustomerMatch } from '../../../shared/contract/same-customer';
import type { SameCustomerFields } from '../../../shared/record-kinds/record-kind';
import { RECORD_STATE_LABELS, type RecordState } from '../../../shared/sync/states';
import { freeTextProblem } from '../../../shared/validation/free-text';
import type { Store } from '../../store/database';
import type { RecordScope } from '../record-scope';
import type { SameCustomerField } from './identifiers';
import type { SameCustomerIndex } from './same-customer-index';

/** The most matches one look-up answers: enough to say "this customer is here", not a search. */
const MAX_MATCHES = 10;

/** Another record a save would duplicate, for the refusal and for the audit entry. */
export interface Duplicate {
  field: SameCustomerField;
  path: string;
  reference: string;
  state: RecordState;
  createdBy: string | null;
}

/** A new record of a customer already in the store, saved with the operator's reason. */
export interface AcknowledgedDuplicate {
  references: string[];
  fields: SameCustomerField[];
  reason: string;
}

interface MatchedRow {
  id: string;
  reference: string;
  name: string;
  state: RecordState;
  createdBy: string | null;
}

function rowOf(store: Store, id: string): MatchedRow | undefined {
  const row = store.get('SELECT id, reference, name, state, created_by FROM records WHERE id = ?', [id]);
  if (!row) return undefined;
  return { id: String(row.id), reference: String(row.reference), name: String(row.name), state: row.state as RecordState, createdBy: textOrNull(row.created_by) };
}

/** 'ANITA RAO SHARMA' → 'ANITA R. S.': enough to recognise the customer across the counter, no more. */
export function maskedName(name: string): string {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  return [first, ...rest.map((part) => `${part.charAt(0)}.`)].join(' ').trim();
}

/**
 * What the form's notice says for the numbers typed so far: each other record holding one, with its
 * state; its reference and masked name only when the operator may read it (a maker reads their
 * own records only: another maker's is "a record by another maker", with its state).
 */
export function lookUpSameCustomer(index: SameCustomerIndex, store: Store, fields: SameCustomerFields, exceptId: string | null, scope: RecordScope, viewerId: string): SameCustomerMatch[] {
  const answers: SameCustomerMatch[] = [];
  for (const match of index.matchesOfFields(fields, exceptId).slice(0, MAX_MATCHES)) {
    const row = rowOf(store, match.recordId);
    if (!row) continue;
    const readable = scope.kind === 'all' || row.createdBy === scope.operatorId;
    answers.push({
      field: match.identifier.field,
      path: match.identifier.path,
      state: row.state,
      capturedByYou: row.createdBy === viewerId,
      record: readable ? { id: row.id, reference: row.reference, name: maskedName(row.name) } : null,
    });
  }
  return answers;
}

/**
 * The other records a record about to be saved would duplicate. A change to a stored record
 * (`stored`) is not a duplicate of itself, nor of a record the stored version already matched:
 * only a match the change brings counts.
 */
export function duplicatesOnSave(index: SameCustomerIndex, store: Store, kindId: string, record: unknown, stored: { id: string; record: unknown } | null): Duplicate[] {
  const before = new Set(stored ? index.matches(index.identifiersOf(kindId, stored.record), stored.id).map((m) => m.recordId) : []);
  const now = index.matches(index.identifiersOf(kindId, record), stored?.id ?? null).filter((m) => !before.has(m.recordId));
  // An update names the CKYC number the registry gave this customer: their records holding that
  // number are whom it updates, not a customer captured twice.
  const updateOf = index.updateOf(kindId, record);
  const seen = new Set<string>();
  const duplicates: Duplicate[] = [];
  for (const match of now) {
    if (seen.has(match.recordId)) continue;
    seen.add(match.recordId);
    if (updateOf !== null && store.get('SELECT 1 AS held FROM records WHERE id = ? AND ckyc_number = ?', [match.recordId, updateOf])) continue;
    const row = rowOf(store, match.recordId);
    if (row) duplicates.push({ field: match.identifier.field, path: match.identifier.path, reference: row.reference, state: row.state, createdBy: row.createdBy });
  }
  return duplicates;
}

const FIELD_WORDS: Record<SameCustomerField, string> = { pan: 'PAN', identity: 'identity document number', ckycNumber: 'CKYC number' };

/**
 * The save of a record that duplicates others goes through only with the operator's reason (the
 * free-text rules of every reason). Without one, the refusal names the field and the other record
 * (another maker's by its state only) and nothing is stored.
 */
export function acknowledge(duplicates: readonly Duplicate[], reason: string | undefined, operatorId: string): AcknowledgedDuplicate | null {
  if (duplicates.length === 0) return null;
  const why = (reason ?? '').replace(/\s+/g, ' ').trim();
  const first = duplicates[0]!;
  // Another operator's record is named by its state only, as the form's notice names it to a maker.
  const whose = first.createdBy === operatorId ? `your record ${first.reference}` : 'a record by another operator';
  const held = `The ${FIELD_WORDS[first.field]} already belongs to ${whose} (${RECORD_STATE_LABELS[first.state].toLowerCase()})`;
  if (why.length < 3) {
    const message = `${held}. Open that record instead, or say why this customer needs a second record.`;
    throw new AppFailure('VALIDATION_FAILED', message, { duplicateReason: 'Say why a second record of this customer is needed.' });
  }
  const problem = freeTextProblem(reason ?? '');
  if (problem !== undefined) throw new AppFailure('VALIDATION_FAILED', `Check the reason for a second record. ${problem}`, { duplicateReason: problem });
  return { references: [...new Set(duplicates.map((d) => d.reference))], fields: [...new Set(duplicates.map((d) => d.field))], reason: why };
}

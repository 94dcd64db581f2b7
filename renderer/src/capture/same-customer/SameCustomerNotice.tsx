import { createContext, useContext, useId } from 'react';
import type { SameCustomerMatch } from '../../../../shared/contract';
import { RECORD_STATE_LABELS } from '../../../../shared/sync/states';
import { useAppStore } from '../../state/app-store';
import type { SameCustomerState } from './use-same-customer';

const SameCustomerContext = createContext<SameCustomerState | null>(null);
export const SameCustomerProvider = SameCustomerContext.Provider;

const FIELD_WORDS: Record<SameCustomerMatch['field'], string> = { pan: 'PAN', identity: 'document number', ckycNumber: 'CKYC number' };

function sentenceOf(match: SameCustomerMatch): string {
  const state = RECORD_STATE_LABELS[match.state].toLowerCase();
  const word = FIELD_WORDS[match.field];
  if (!match.record) return `This ${word} is already on a record by another maker (${state}).`;
  const whose = match.capturedByYou ? 'your record' : 'record';
  return `This ${word} is already on ${whose} ${match.record.reference} — ${match.record.name}, ${state}.`;
}

/** Leaves the form (its draft is kept) for the queue with that record open. */
function openRecord(id: string): void {
  const store = useAppStore.getState();
  store.setView('queue');
  void store.showRecord(id);
}

/**
 * Beside a PAN, identity document number or CKYC number field: says at once when another record in
 * this store holds it, names that record and its state, and offers to open it. The region is always
 * there (and keeps its height), so a notice appearing neither moves the form nor goes unannounced.
 */
export function SameCustomerNotice({ path }: { path: string }) {
  const state = useContext(SameCustomerContext);
  const here = (state?.matches ?? []).filter((match) => match.path === path);
  return (
    <div className="same-customer" role="status" data-testid={`same-customer-${path}`}>
      {here.map((match, i) => (
        <p key={match.record?.id ?? `other-${i}`} className="same-customer__notice">
          {sentenceOf(match)}{' '}
          {match.record && (
            <button type="button" className="link" onClick={() => openRecord(match.record!.id)}>
              Open {match.record.reference}
            </button>
          )}
        </p>
      ))}
    </div>
  );
}

/**
 * On Review, while the record's customer is already in the store: why a second record is needed.
 * Main refuses the save without it and keeps it in the audit trail.
 */
export function SameCustomerReason() {
  const state = useContext(SameCustomerContext);
  const id = useId();
  // Also when main refused the save for want of one, though the form's look-up had not answered yet.
  if (!state || (state.matches.length === 0 && state.reasonError === undefined)) return null;
  const errorId = `${id}-error`;
  return (
    <div className={`field same-customer-reason${state.reasonError ? ' field--invalid' : ''}`} data-path="duplicateReason">
      <label htmlFor={id}>Why does this customer need a second record?</label>
      <textarea
        id={id}
        name="duplicateReason"
        rows={2}
        maxLength={500}
        value={state.reason}
        aria-invalid={Boolean(state.reasonError)}
        aria-describedby={state.reasonError ? errorId : undefined}
        onChange={(event) => {
          state.setReason(event.target.value);
          state.setReasonError(undefined);
        }}
      />
      {state.reasonError && (
        <p className="field__error" id={errorId}>
          {state.reasonError}
        </p>
      )}
    </div>
  );
}

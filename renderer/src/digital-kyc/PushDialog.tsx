import { useState } from 'react';
import type { PushProblem, ResponseOf } from '../../../shared/contract';
import { CKYC_INDIVIDUAL } from '../../../shared/record-kinds/ckyc-individual';
import { useAppStore } from '../state/app-store';
import { AadhaarBox, aadhaarHint } from './AadhaarBox';

type ForRecord = ResponseOf<'digitalKyc.forRecord'>;

/** "Documents step": where a problem's field is on the capture form. */
export function stepTitle(step: string | null): string | null {
  return step === null ? null : (CKYC_INDIVIDUAL.steps.find((candidate) => candidate.id === step)?.title ?? null);
}

/**
 * Each problem by its field: its name, the capture step that shows it and what to do. Whoever may
 * change the record (its maker) opens the form at it with the fields marked; anyone else is told who can.
 */
export function PushProblems({ problems, recordId, editable }: { problems: readonly PushProblem[]; recordId: string; editable: boolean }) {
  const editRecord = useAppStore((s) => s.editRecord);
  const markFields = () => {
    void editRecord(recordId).then(() => {
      const editing = useAppStore.getState().editing;
      if (editing) useAppStore.setState({ editing: { ...editing, registryErrors: Object.fromEntries(problems.map((problem) => [problem.path, problem.message])) } });
    });
  };
  return (
    <ul className="dkyc-problems" data-testid="dkyc-problems">
      {problems.map((problem) => (
        <li key={problem.path}>
          <strong>{problem.label}</strong>
          {stepTitle(problem.step) ? ` (${stepTitle(problem.step)} step)` : ''}: {problem.message}{' '}
          {problem.step !== null &&
            (editable ? (
              <button type="button" className="link" onClick={markFields} data-testid="dkyc-problem-link">
                Change it
              </button>
            ) : (
              <span className="muted">Its maker changes it; it then goes for approval again.</span>
            ))}
        </li>
      ))}
    </ul>
  );
}

/**
 * "Push for digital KYC" on a record's Review page: what is missing first (each linking to its
 * field), then the customer's full Aadhaar number (checked as typed), then Push. The number is
 * cleared as soon as the push is asked for, whatever the answer.
 */
export function PushDialog({ recordId, read, again, editable, onDone, onCancel }: { recordId: string; read: ForRecord; again: boolean; editable: boolean; onDone(): void; onCancel(): void }) {
  const api = useAppStore((s) => s.api);
  const [aadhaar, setAadhaar] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hint = aadhaarHint(aadhaar, read.aadhaarLast4);
  const blocked = again ? null : read.blocked;
  const ready = read.problems.length === 0 && blocked === null && hint.ok && !busy;

  const push = async () => {
    if (!api || !ready) return;
    setBusy(true);
    setError(null);
    const typed = aadhaar;
    setAadhaar('');
    const result = await api.invoke('digitalKyc.push', { recordId, aadhaar: typed, ...(again ? { again: true } : {}) });
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error.message);
  };

  return (
    <section className="dkyc-dialog" role="dialog" aria-labelledby="dkyc-dialog-title" data-testid="dkyc-dialog">
      <h5 id="dkyc-dialog-title">{again ? 'Push again on purpose' : 'Push for digital KYC'}</h5>
      {again && <p className="notice">The earlier push may have reached the vendor. Pushing again closes it here; the vendor may then hold two sessions for this customer.</p>}
      {blocked && <p className="alert alert--inline">{blocked}</p>}
      {read.problems.length > 0 ? (
        <div className="alert alert--inline">
          <p>Correct these before pushing:</p>
          <PushProblems problems={read.problems} recordId={recordId} editable={editable} />
        </div>
      ) : (
        <p className="muted">The customer’s data, photograph, signature, address proof, in-person video and the generated application form are ready.</p>
      )}
      <AadhaarBox id="dkyc-aadhaar" value={aadhaar} last4={read.aadhaarLast4} onChange={setAadhaar} />
      {error && (
        <p className="alert alert--inline" role="alert" data-testid="dkyc-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={!ready} onClick={() => void push()} data-testid="dkyc-push">
          {busy ? 'Pushing…' : 'Push'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

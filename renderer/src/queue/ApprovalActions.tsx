import { useId, useState } from 'react';
import type { RecordSummary } from '../../../shared/contract';
import { freeTextProblem } from '../../../shared/validation/free-text';
import { useAppStore } from '../state/app-store';

/** A checker's approve / reject for one record awaiting approval. A rejection needs a reason. */
export function ApprovalActions({ record }: { record: RecordSummary }) {
  const approve = useAppStore((s) => s.approve);
  const reject = useAppStore((s) => s.reject);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  /** Main checks the reason again; saying it here keeps the checker's typing in the box. */
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const problemId = `${id}-problem`;
  if (!rejecting) {
    return (
      <span className="row-actions">
        <button type="button" className="small" onClick={() => void approve([record.id])}>
          Approve
        </button>
        <button type="button" className="small secondary" onClick={() => setRejecting(true)}>
          Reject…
        </button>
      </span>
    );
  }
  return (
    <form
      className="row-actions"
      onSubmit={(event) => {
        event.preventDefault();
        const found = freeTextProblem(reason) ?? null;
        setProblem(found);
        if (found === null) void reject(record.id, reason).then((done) => done && setRejecting(false));
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Reason for rejecting {record.reference}
      </label>
      <input
        id={id}
        value={reason}
        placeholder="Reason the maker will see"
        maxLength={500}
        aria-invalid={problem !== null}
        aria-describedby={problem !== null ? problemId : undefined}
        onChange={(e) => setReason(e.target.value)}
        autoFocus
      />
      <button type="submit" className="small">
        Reject
      </button>
      <button type="button" className="small secondary" onClick={() => setRejecting(false)}>
        Cancel
      </button>
      {problem !== null && (
        <span id={problemId} className="field__error" role="alert" data-testid="reject-reason-problem">
          {problem}
        </span>
      )}
    </form>
  );
}

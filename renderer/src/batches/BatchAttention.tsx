import { useState } from 'react';
import type { BatchDetail } from '../../../shared/contract';
import { can } from '../../../shared/operators/roles';
import { useAdminCall } from '../admin/admin-api';
import { useAppStore } from '../state/app-store';

/**
 * A batch the registry answered in a way KYC Desk does not act on by itself: why, the registry's
 * answer as it came (admins), and a checker's or admin's two ways on — ask the registry again, or
 * close the batch as failed with a reason its records keep.
 */
export function BatchAttention({ batch }: { batch: BatchDetail }) {
  const role = useAppStore((s) => s.session?.operator?.role);
  const showBatch = useAppStore((s) => s.showBatch);
  const call = useAdminCall();
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const mayDecide = role !== undefined && can(role, 'sync.run');

  async function decide(action: 'follow' | 'close') {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    const result = action === 'follow' ? await call('batches.followAgain', { id: batch.id }) : await call('batches.close', { id: batch.id, reason });
    setBusy(false);
    if (!result.ok) {
      setOutcome({ ok: false, text: result.error.fields?.reason ?? result.error.message });
      return;
    }
    setOutcome({ ok: true, text: action === 'follow' ? 'The registry will be asked about this batch again now.' : 'The batch is closed as failed; each of its records says why.' });
    await showBatch(batch.id);
  }

  return (
    <div className="batch-attention" data-testid="batch-attention">
      <p className="alert alert--inline" role="alert">
        {batch.lastError ?? 'The registry answered in a way KYC Desk does not act on by itself.'}
      </p>
      {batch.lastAnswer !== null && (
        <details>
          <summary>The registry’s answer, as it came</summary>
          <pre className="batch-attention__answer" data-testid="batch-last-answer">
            {batch.lastAnswer}
          </pre>
        </details>
      )}
      {mayDecide && !closing && (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void decide('follow')}>
            Ask the registry again
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={() => setClosing(true)}>
            Close as failed…
          </button>
        </div>
      )}
      {mayDecide && closing && (
        <form
          className="batch-attention__close"
          onSubmit={(event) => {
            event.preventDefault();
            void decide('close');
          }}
        >
          <label htmlFor="batch-close-reason">Why is this batch closed? Each of its records keeps this reason.</label>
          <textarea id="batch-close-reason" value={reason} maxLength={500} rows={2} onChange={(event) => setReason(event.target.value)} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              Close the batch as failed
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setClosing(false)}>
              Keep it open
            </button>
          </div>
        </form>
      )}
      <div role="status" className={outcome ? (outcome.ok ? 'notice' : 'alert alert--inline') : undefined} data-testid="batch-attention-outcome">
        {outcome?.text ?? ''}
      </div>
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import type { DkycPushView, ResponseOf } from '../../../shared/contract';
import { can } from '../../../shared/operators/roles';
import { formatTime } from '../shell/formatting';
import { useAppStore } from '../state/app-store';
import { PHASE_LABELS } from '../video-kyc/session-words';
import { AadhaarBox, aadhaarHint } from './AadhaarBox';
import { PushDialog, PushProblems } from './PushDialog';

/** How often the section asks again while a push is being sent or its session followed. */
const REFRESH_MS = 2000;

const PUSH_PHASES: Readonly<Record<DkycPushView['phase'], string>> = { ...PHASE_LABELS, sending: 'Being pushed', may_have_been_sent: 'May have been pushed', following: 'Pushed, session followed' };

/** A push waiting for its Aadhaar number, or for a person's decision: the box or the choice. */
function PushDecision({ push, last4, onChanged, onAgain }: { push: DkycPushView; last4: string | null; onChanged(): void; onAgain(): void }) {
  const api = useAppStore((s) => s.api);
  const [aadhaar, setAadhaar] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const answer = (result: { ok: true } | { ok: false; error: { message: string } }) => (result.ok ? onChanged() : setError(result.error.message));
  if (push.waitingForAadhaar) {
    return (
      <div className="notice" data-testid="dkyc-waiting-aadhaar">
        <p>This push waits for the Aadhaar number: KYC Desk holds it only until the push is sent (at most two minutes, and never after a restart). Type it again to send the push.</p>
        <AadhaarBox id={`dkyc-again-${push.id}`} value={aadhaar} last4={last4} onChange={setAadhaar} />
        <button type="button" disabled={!aadhaarHint(aadhaar, last4).ok} onClick={() => void api?.invoke('digitalKyc.typeAadhaar', { id: push.id, aadhaar }).then((result) => (setAadhaar(''), answer(result)))}>
          Send the push
        </button>
        {error && <p className="field__error">{error}</p>}
      </div>
    );
  }
  if (push.phase !== 'may_have_been_sent' && push.phase !== 'needs_attention') return null;
  return (
    <div className="notice" data-testid="dkyc-decide">
      <p>{push.message}</p>
      <div className="field">
        <label htmlFor={`dkyc-reason-${push.id}`}>Why close it (for the audit trail)</label>
        <input id={`dkyc-reason-${push.id}`} value={reason} maxLength={300} onChange={(event) => setReason(event.target.value)} />
      </div>
      <div className="actions">
        <button type="button" className="secondary" disabled={reason.trim().length < 3} onClick={() => void api?.invoke('digitalKyc.close', { id: push.id, reason: reason.trim() }).then(answer)}>
          Close as not pushed
        </button>
        <button type="button" className="secondary" onClick={onAgain}>
          Push again on purpose
        </button>
      </div>
      {error && <p className="field__error">{error}</p>}
    </div>
  );
}

/**
 * A CKYC individual's digital KYC on its Review page: each push with its session (followed here
 * until the agent's verdict), what the vendor refused by field, a push waiting for its number or for
 * a person; and, for whoever may send, the "Push for digital KYC" dialog.
 */
export function RecordDigitalKyc({ recordId, state, editable }: { recordId: string; state: string; editable: boolean }) {
  const api = useAppStore((s) => s.api);
  const maySend = useAppStore((s) => (s.session?.operator ? can(s.session.operator.role, 'sync.run') : false));
  const [read, setRead] = useState<ResponseOf<'digitalKyc.forRecord'> | null>(null);
  const [dialog, setDialog] = useState<'push' | 'again' | null>(null);

  // Each change (a push, a close, a tick while one moves) asks main again.
  const [asked, setAsked] = useState(0);
  const load = useCallback(() => setAsked((n) => n + 1), []);
  useEffect(() => {
    if (!api) return undefined;
    let current = true;
    void api.invoke('digitalKyc.forRecord', { recordId }).then((result) => {
      if (current && result.ok) setRead(result.value);
    });
    return () => {
      current = false;
    };
    // The record's state is asked too: its approval makes it pushable.
  }, [api, recordId, state, asked]);

  const moving = read?.pushes.some((push) => (push.phase === 'sending' && !push.waitingForAadhaar) || push.phase === 'following') ?? false;
  useEffect(() => {
    if (!moving) return undefined;
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, moving]);

  if (!read) return null;
  return (
    <section className="record-review__dkyc" aria-label="Digital KYC" data-testid="record-digital-kyc">
      <h4>Digital KYC</h4>
      {read.pushes.length > 0 && (
        <ul>
          {read.pushes.map((push) => (
            <li key={push.id} data-testid="dkyc-push-row">
              Pushed {formatTime(push.createdAt)} ({push.reference}): {PUSH_PHASES[push.phase]}, {push.statusWords}
              {push.verdict && <strong className={push.verdict === 'approved' ? 'outcome outcome--saved' : 'notice'}>{push.verdict === 'approved' ? ' Approved by digital KYC.' : ' Not approved by digital KYC.'}</strong>}
              {push.phase === 'ended' && push.state === 'failed' && push.message && <p className="muted">{push.message}</p>}
              {push.problems.length > 0 && <PushProblems problems={push.problems} recordId={recordId} editable={editable} />}
              {maySend && <PushDecision push={push} last4={read.aadhaarLast4} onChanged={load} onAgain={() => setDialog('again')} />}
            </li>
          ))}
        </ul>
      )}
      {maySend && dialog === null && read.blocked === null && (
        <button type="button" className="secondary" onClick={() => setDialog('push')} data-testid="dkyc-open">
          Push for digital KYC
        </button>
      )}
      {!maySend && read.pushes.length === 0 && <p className="muted">A checker pushes an approved customer for digital KYC from here.</p>}
      {read.blocked !== null && read.pushes.length === 0 && <p className="muted">{read.blocked}</p>}
      {dialog !== null && (
        <PushDialog
          recordId={recordId}
          read={read}
          again={dialog === 'again'}
          editable={editable}
          onCancel={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            load();
          }}
        />
      )}
    </section>
  );
}

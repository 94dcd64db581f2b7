import { useState, type FormEvent } from 'react';
import type { CdpLookUpView } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import { can } from '../../../shared/operators/roles';
import { AdminField, ErrorBox } from '../admin/AdminField';
import { useAppStore } from '../state/app-store';
import '../admin/admin.css';
import './uae-cdp.css';

type IdType = '4' | '2';

/**
 * UAE partner onboarding at the counter (issue 14): look a customer up on the UAE Customer Data
 * Platform before capturing them (already there, stopped by compliance, or free to onboard), and,
 * for a checker or admin, send the approved UAE customers for onboarding. Main checks the id first
 * and answers in words; nothing of a look-up is kept.
 */
export function UaeCdpView() {
  const api = useAppStore((s) => s.api);
  const role = useAppStore((s) => s.session?.operator?.role);
  const maySend = role ? can(role, 'sync.run') : false;
  const [idType, setIdType] = useState<IdType>('4');
  const [idNumber, setIdNumber] = useState('');
  const [answer, setAnswer] = useState<CdpLookUpView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<{ ok: boolean; message: string } | null>(null);

  async function lookUp(event: FormEvent) {
    event.preventDefault();
    if (!api || busy) return;
    setBusy(true);
    setAnswer(null);
    setError(null);
    try {
      const result = await api.invoke('uaeCdp.lookUp', { idType, idNumber: idNumber.trim() });
      if (result.ok) setAnswer(result.value);
      else setError(result.error);
    } finally {
      setBusy(false);
    }
  }

  async function send() {
    if (!api) return;
    setSent(null);
    const result = await api.invoke('uaeCdp.send', {});
    if (!result.ok) setSent({ ok: false, message: result.error.message });
    else if (result.value.recordCount > 0) setSent({ ok: true, message: `${result.value.recordCount} approved UAE customer${result.value.recordCount === 1 ? '' : 's'} sent for onboarding. Each is looked up first and onboarded once; the queue shows how each ends.` });
    else setSent({ ok: true, message: result.value.message || 'No approved UAE customer is waiting to be sent.' });
  }

  const fieldError = error?.fields?.idNumber;
  return (
    <section className="admin" aria-labelledby="uae-cdp-title">
      <div className="screen-head">
        <h2 id="uae-cdp-title">UAE CDP</h2>
      </div>
      <p className="screen-intro">Look a customer up on the UAE Customer Data Platform before capturing them. Nothing of a look-up is kept.</p>
      <section className="admin-card">
        <form onSubmit={lookUp} noValidate aria-label="Look up a customer on the UAE CDP">
          <div className="admin-settings-grid">
            <AdminField label="Id type">
              {({ id }) => (
                <select id={id} name="uae.idType" value={idType} onChange={(e) => setIdType(e.target.value as IdType)}>
                  <option value="4">Emirates ID</option>
                  <option value="2">Passport</option>
                </select>
              )}
            </AdminField>
            <AdminField label="Id number" error={fieldError} hint={idType === '4' ? '15 digits starting 784, as on the card; dashes may be typed.' : 'As printed on the passport.'} announce>
              {({ id, describedBy, invalid }) => (
                <input id={id} name="uae.idNumber" type="text" autoComplete="off" spellCheck={false} value={idNumber} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => setIdNumber(e.target.value)} />
              )}
            </AdminField>
          </div>
          <div className="actions admin-form-actions">
            <button type="submit" className="primary" disabled={busy || idNumber.trim() === ''}>
              {busy ? 'Looking up…' : 'Look up'}
            </button>
            <ErrorBox error={error} shownFields={['idNumber']} testId="uae-lookup-error" onlyUnplaced />
          </div>
        </form>
        {answer && (
          <div className={answer.canOnboard ? 'outcome outcome--saved' : 'alert alert--inline'} role={answer.canOnboard ? 'status' : 'alert'} data-testid="uae-lookup-result">
            <p>{answer.message}</p>
            {answer.customer && (
              <dl className="uae-cdp-facts">
                <dt>ECRN</dt>
                <dd>{answer.customer.ecrn}</dd>
                <dt>Customer status</dt>
                <dd>{answer.customer.customerStatus ?? '—'}</dd>
                <dt>AML scan</dt>
                <dd>{answer.customer.amlScanStatus ?? '—'}</dd>
                <dt>Id status</dt>
                <dd>{answer.customer.idStatus ?? '—'}</dd>
                <dt>Id expires</dt>
                <dd>{answer.customer.idExpiry ?? '—'}</dd>
              </dl>
            )}
          </div>
        )}
      </section>
      {maySend && (
        <section className="admin-card" aria-label="Send for onboarding">
          <p>Approved UAE customers go to the UAE CDP only when sent from here.</p>
          <div className="actions admin-form-actions">
            <button type="button" className="primary" onClick={() => void send()}>
              Send approved UAE customers for onboarding
            </button>
            {sent && (
              <p className={sent.ok ? 'outcome outcome--saved' : 'field__error'} role={sent.ok ? 'status' : 'alert'} data-testid="uae-send-result">
                {sent.message}
              </p>
            )}
          </div>
        </section>
      )}
    </section>
  );
}

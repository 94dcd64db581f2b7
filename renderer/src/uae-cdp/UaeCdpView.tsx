import { useEffect, useState, type FormEvent } from 'react';
import type { CdpEnrolmentView, CdpLookUpView } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import { can } from '../../../shared/operators/roles';
import { AdminField, ErrorBox } from '../admin/AdminField';
import { groupIndian } from '../registry/registry-format';
import { DataTable, type Column } from '../shell/DataTable';
import { formatTime } from '../shell/formatting';
import { useAppStore } from '../state/app-store';
import { CdpEnrolmentFacts, HOW_WORDS, pepWords } from './CdpEnrolmentFacts';
import '../admin/admin.css';
import './uae-cdp.css';

type IdType = '4' | '2';

/**
 * UAE partner onboarding at the counter (issue 14): look a customer up on the UAE Customer Data
 * Platform before capturing them (already there, stopped by compliance, or free to onboard), and,
 * for a checker or admin, send the approved UAE customers for onboarding. Main checks the id first
 * and answers in words; nothing of a look-up is kept. Below, the customers the CDP holds, with what
 * it said of each (decision 0054), within what the operator may read.
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
      <HeldCustomers />
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

const dash = (value: string | null) => value ?? '—';

/** The customers the CDP holds, newest first, and one of them in full (list and detail). */
function HeldCustomers() {
  const api = useAppStore((s) => s.api);
  const records = useAppStore((s) => s.records);
  const [held, setHeld] = useState<{ items: CdpEnrolmentView[]; total: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);

  // Read again whenever the queue's records change: a customer's end reaches the screen that way.
  useEffect(() => {
    if (!api) return undefined;
    let current = true;
    void api.invoke('uaeCdp.enrolments', {}).then((result) => {
      if (!current) return;
      if (result.ok) {
        setHeld(result.value);
        setProblem(null);
      } else setProblem(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [api, records]);

  const columns: ReadonlyArray<Column<CdpEnrolmentView>> = [
    {
      key: 'record',
      header: 'Customer',
      cell: (e) => (
        <button type="button" className="link" aria-expanded={openId === e.recordId} onClick={() => setOpenId(openId === e.recordId ? null : e.recordId)}>
          {e.reference} {e.name}
        </button>
      ),
    },
    { key: 'ecrn', header: 'ECRN', cell: (e) => e.ecrn, className: 'mono', testId: 'cdp-ecrn' },
    { key: 'customerStatus', header: 'Customer status', cell: (e) => dash(e.customerStatus), testId: 'cdp-customer-status' },
    { key: 'amlScanStatus', header: 'AML scan', cell: (e) => dash(e.amlScanStatus), testId: 'cdp-aml-scan' },
    { key: 'pep', header: 'PEP', cell: (e) => pepWords(e.pep), testId: 'cdp-pep' },
    { key: 'amlCategory', header: 'AML category', cell: (e) => dash(e.amlCategory), testId: 'cdp-aml-category' },
    { key: 'how', header: 'How', cell: (e) => HOW_WORDS[e.how] },
    { key: 'notedAt', header: 'Since', cell: (e) => formatTime(e.notedAt) },
  ];
  const open = held?.items.find((e) => e.recordId === openId) ?? null;
  return (
    <section className="admin-card" aria-labelledby="uae-cdp-held-title">
      <h3 id="uae-cdp-held-title">Customers on the UAE CDP</h3>
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
      {held && (
        <>
          <p className="muted" data-testid="cdp-held-count">
            {held.total === 0
              ? 'No customer captured here is on the UAE CDP yet.'
              : held.total > held.items.length
                ? `The newest ${groupIndian(held.items.length)} of ${groupIndian(held.total)} customers on the UAE CDP.`
                : `${groupIndian(held.total)} ${held.total === 1 ? 'customer' : 'customers'} on the UAE CDP.`}
          </p>
          <DataTable label="Customers on the UAE CDP" rows={held.items} rowKey={(e) => e.recordId} rowAttributes={(e) => ({ 'data-reference': e.reference })} columns={columns} />
        </>
      )}
      {open && (
        <div className="uae-cdp-detail" aria-label={`${open.reference} on the UAE CDP`} role="region">
          <h4>
            {open.reference} {open.name}
          </h4>
          <CdpEnrolmentFacts enrolment={open} />
        </div>
      )}
    </section>
  );
}

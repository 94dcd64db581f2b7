import { useEffect, useState } from 'react';
import type { RequestOf, ResponseOf } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import type { AuditAction } from '../../../shared/audit/actions';
import { escapeInvisible } from '../../../shared/validation/free-text';
import { announce } from '../app-events';
import { ErrorBox } from './AdminField';
import { inPlainWords, useAdminCall } from './admin-api';
import { fromOfDay, toAfterDay } from '../../../shared/dates/local-day';
import { formatLocalDateTime, readInstant } from '../../../shared/dates/local-time';
import { whyNotADate } from '../../../shared/dates/typed-date';
import { DataTable, type Column } from '../shell/DataTable';
import { AuditFilters } from './AuditFilters';
import './admin.css';

type Entry = ResponseOf<'audit.list'>['items'][number];
type Verification = ResponseOf<'audit.verify'>;
type Filter = Pick<RequestOf<'audit.list'>, 'action' | 'from' | 'to'>;

const PAGE_SIZE = 50;

const PLAIN: Record<string, string> = {
  action: 'Choose an action from the list.',
  from: 'Enter a real “From” date, as DD/MM/YYYY.',
  to: 'Enter a real “To” date, as DD/MM/YYYY.',
};

/** The filter as the trail wants it, or the reason the typed dates cannot be used. */
function toFilter(action: string, fromDay: string, toDay: string): { filter: Filter; problem: AppError | null } {
  const fields: Record<string, string> = {};
  const filter: Filter = {};
  if (action !== '') filter.action = action as AuditAction;
  if (fromDay !== '') {
    const from = fromOfDay(fromDay);
    if (from) filter.from = from;
    else fields.from = `“From” date: ${whyNotADate(fromDay)}`;
  }
  if (toDay !== '') {
    const to = toAfterDay(toDay);
    if (to) filter.to = to;
    else fields.to = `“To” date: ${whyNotADate(toDay)}`;
  }
  if (filter.from && filter.to && fromDay > toDay) fields.to = 'The “To” date is before the “From” date.';
  const keys = Object.keys(fields);
  return {
    filter,
    problem: keys.length > 0 ? { code: 'VALIDATION_FAILED', message: keys.length === 1 ? 'Check the marked date.' : 'Check the marked dates.', fields } : null,
  };
}

/** Local date and time to the second (DD/MM/YYYY, HH:MM:SS): a trail is read across years and in order. */
function formatAuditTime(iso: string): string {
  const date = readInstant(iso);
  return date ? formatLocalDateTime(date, true) : iso;
}

/** Details in words; invisible characters (stored escaped, but raw in entries written before that) shown as \uXXXX. */
function detailsText(details: Entry['details']): string {
  if (!details) return '';
  return escapeInvisible(
    Object.entries(details)
      .map(([key, value]) => `${key}: ${value === null ? '—' : String(value)}`)
      .join('; '),
  );
}

/** A text file built in memory handed to the browser's download, with no navigation and nothing inline. */
function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    URL.revokeObjectURL(url);
  }
}

/** Everything done on this PC, by whom and when; checked link by link on request, and exportable. */
export function AuditView() {
  const call = useAdminCall();
  const [action, setAction] = useState('');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  /** Which date is being typed: its complaint waits until a whole date is there or the field is left. */
  const [typing, setTyping] = useState<'from' | 'to' | null>(null);
  const [page, setPage] = useState(1);
  const [reloads, setReloads] = useState(0);
  /** The page on show and the request it answered, so a late answer to an older request is dropped. */
  const [data, setData] = useState<{ key: string; items: Entry[]; total: number } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<string | null>(null);

  const { filter, problem } = toFilter(action, fromDay, toDay);
  const filterKey = JSON.stringify(filter);

  const requestKey = `${filterKey}|${page}|${reloads}`;
  const blocked = problem !== null;
  useEffect(() => {
    if (blocked) return;
    let current = true;
    // filterKey stands for the filter: the object itself is new on every render.
    const wanted = JSON.parse(filterKey) as Filter;
    void call('audit.list', { ...wanted, page, pageSize: PAGE_SIZE }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setData({ key: requestKey, ...result.value });
        setError(null);
      } else {
        setError(inPlainWords(result.error, PLAIN));
      }
    });
    return () => {
      current = false;
    };
  }, [call, filterKey, page, requestKey, blocked]);
  const loading = !blocked && data?.key !== requestKey && error === null;

  const changeFilter = (apply: () => void) => {
    apply();
    setPage(1);
    setExported(null);
  };

  async function verify() {
    setVerifying(true);
    try {
      const result = await call('audit.verify', {});
      if (result.ok) {
        setVerification(result.value);
        setError(null);
      } else {
        setVerification(null);
        setError(result.error);
      }
    } finally {
      setVerifying(false);
    }
  }

  async function exportCsv() {
    if (problem) return;
    setExporting(true);
    setExported(null);
    try {
      const result = await call('audit.exportCsv', filter);
      if (!result.ok) {
        setError(inPlainWords(result.error, PLAIN));
        return;
      }
      downloadText(result.value.fileName, result.value.csv, 'text/csv');
      setError(null);
      setExported(`Saved ${result.value.fileName} to your downloads. The export itself is now in the trail.`);
      announce('audit-exported');
      setReloads((n) => n + 1); // the export is itself an audited action
    } finally {
      setExporting(false);
    }
  }

  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const firstShown = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const lastShown = Math.min(total, page * PAGE_SIZE);
  const anyFilter = action !== '' || fromDay !== '' || toDay !== '';

  return (
    <section className="admin" aria-labelledby="audit-title">
      <div className="screen-head">
        <h2 id="audit-title">Audit trail</h2>
        <div className="admin-inline">
          <button type="button" className="admin-button" disabled={verifying} onClick={() => void verify()}>
            {verifying ? 'Checking…' : 'Verify the trail'}
          </button>
          <button type="button" className="primary" disabled={exporting || Boolean(problem)} onClick={() => void exportCsv()}>
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
        </div>
      </div>
      <p className="screen-intro">Every sign-in, change and export on this PC, newest first. Each entry is chained to the one before it, so a change made outside KYC Desk shows up when the trail is verified.</p>

      <AuditOutcome verification={verification} exported={exported} />

      <AuditFilters
        action={action}
        fromDay={fromDay}
        toDay={toDay}
        errors={{
          action: error?.fields?.action,
          from: typing === 'from' ? undefined : (problem?.fields?.from ?? error?.fields?.from),
          to: typing === 'to' ? undefined : (problem?.fields?.to ?? error?.fields?.to),
        }}
        onTyping={setTyping}
        onChange={(change) =>
          changeFilter(() => {
            if (change.action !== undefined) setAction(change.action);
            if (change.fromDay !== undefined) setFromDay(change.fromDay);
            if (change.toDay !== undefined) setToDay(change.toDay);
          })
        }
      />

      <ErrorBox error={error} shownFields={['action', 'from', 'to']} testId="audit-error" />

      {data === null ? (
        !error && <p className="muted">Loading the audit trail…</p>
      ) : (
        <DataTable
          label="Audit entries"
          columns={AUDIT_COLUMNS}
          rows={data.items}
          rowKey={(entry) => entry.seq}
          rowAttributes={(entry) => ({ 'data-action': entry.action })}
          empty={anyFilter ? 'No entries match these filters.' : 'The audit trail is empty.'}
          className="admin-table"
          wrapClassName="admin-table-wrap"
          busy={loading}
        />
      )}

      {data !== null && total > 0 && (
        <nav className="admin-pager" aria-label="Audit trail pages">
          <button type="button" className="admin-button" disabled={loading || page <= 1} onClick={() => setPage((p) => Math.max(1, p - 1))}>
            Previous
          </button>
          <span className="muted" data-testid="audit-page">
            Entries {firstShown}–{lastShown} of {total} · page {page} of {pages}
          </span>
          <button type="button" className="admin-button" disabled={loading || page >= pages} onClick={() => setPage((p) => Math.min(pages, p + 1))}>
            Next
          </button>
        </nav>
      )}
    </section>
  );
}

/** Names and subjects come from people: invisible characters in them are shown escaped, never obeyed. */
const AUDIT_COLUMNS: Column<Entry>[] = [
  { key: 'seq', header: '#', className: 'mono', cell: (entry) => entry.seq },
  { key: 'time', header: 'Time', className: 'admin-nowrap', cell: (entry) => <time dateTime={entry.at}>{formatAuditTime(entry.at)}</time> },
  { key: 'operator', header: 'Operator', cell: (entry) => (entry.operatorName === null ? <span className="muted">KYC Desk</span> : escapeInvisible(entry.operatorName)) },
  { key: 'action', header: 'Action', className: 'mono admin-nowrap', cell: (entry) => entry.action },
  { key: 'subject', header: 'Subject', className: 'mono admin-break', cell: (entry) => escapeInvisible(entry.subject ?? '') },
  { key: 'details', header: 'Details', className: 'admin-break', cell: (entry) => detailsText(entry.details) },
];

/** What the last chain check or export found, said where the admin is looking. */
function AuditOutcome({ verification, exported }: { verification: Verification | null; exported: string | null }) {
  return (
    <>
      {verification &&
        (verification.ok ? (
          <p className="notice admin-notice" role="status" data-testid="audit-verify-result">
            The audit trail is intact: {verification.entries} {verification.entries === 1 ? 'entry' : 'entries'} checked.
          </p>
        ) : (
          <p className="alert alert--inline admin-alert" role="alert" data-testid="audit-verify-result">
            The audit trail was altered: {verification.reason ?? 'an entry does not match'}
            {verification.firstBrokenSeq !== null ? ` (first broken entry ${verification.firstBrokenSeq})` : ''}.
          </p>
        ))}
      {exported && (
        <p className="notice admin-notice" role="status" data-testid="audit-export-result">
          {exported}
        </p>
      )}
    </>
  );
}

import { useMemo, useState } from 'react';
import type { BatchDetail, BatchSummary } from '../../../shared/contract';
import { DataTable, type Column } from '../shell/DataTable';
import { can } from '../../../shared/operators/roles';
import { SUBMISSION_ROUTE_LABELS } from '../../../shared/sync/routes';
import { BATCH_STATE_LABELS, RECORD_STATE_LABELS, type BatchState, type RecordState } from '../../../shared/sync/states';
import { formatBytes, formatBytesOf, formatDue, formatTime } from '../shell/formatting';
import { BatchStateBadge, RecordStateBadge } from '../shell/StateBadge';
import { useAppStore } from '../state/app-store';
import { BatchAttention } from './BatchAttention';

const KIND_LABELS: Record<BatchSummary['kind'], string> = {
  upload: 'New records',
  update: 'Updates',
  download: 'Downloads (Fetch from CKYC)',
  'video-kyc-link': 'Video KYC link',
  'dkyc-push': 'Digital KYC push',
  'cdp-onboard': 'UAE onboarding',
  'customer-update': 'Bulk customer update',
};

/** CKYC's routes by their label; the bulk download is a service of its own. */
const OTHER_SERVICE_LABELS: Readonly<Record<string, string>> = { 'ckyc-download': 'CKYC bulk download', 'video-kyc': 'Video KYC link', 'digital-kyc': 'Digital KYC push', 'uae-onboarding': 'UAE onboarding (CDP)', 'bulk-update': 'Bulk customer update' };
const routeLabel = (route: BatchSummary['route']): string => OTHER_SERVICE_LABELS[route] ?? SUBMISSION_ROUTE_LABELS[route as keyof typeof SUBMISSION_ROUTE_LABELS];

/** States in which the engine will come back to a batch by itself, at nextPollAt. */
const CHECKED_AGAIN: ReadonlySet<BatchState> = new Set(['polling', 'uploading', 'needs_reconciliation']);

function tries(attempts: number): string {
  return `after ${attempts} failed ${attempts === 1 ? 'try' : 'tries'}`;
}

/** When the engine looks at the batch again, and how many requests failed in a row before that. */
export function nextCheck(batch: Pick<BatchSummary, 'state' | 'nextPollAt' | 'attempts'>): string {
  if (!CHECKED_AGAIN.has(batch.state)) return '—';
  if (!batch.nextPollAt) return batch.attempts > 0 ? `Soon (${tries(batch.attempts)})` : '—';
  const when = formatDue(batch.nextPollAt);
  return batch.attempts > 0 ? `${when} (${tries(batch.attempts)})` : when;
}

/** The batch ZIP's size, and while it is being sent, how much of it the server has acknowledged. */
function BatchBytes({ batch }: { batch: BatchSummary }) {
  const live = useAppStore((s) => s.batchProgress[batch.id]);
  if (batch.state === 'uploading') {
    const total = live?.totalBytes ?? batch.fileBytes;
    if (total === null || total <= 0) return <span className="muted">Preparing the file…</span>;
    const sent = Math.min(live?.sentBytes ?? batch.sentBytes ?? 0, total);
    const text = formatBytesOf(sent, total);
    return (
      <span className="batch-bytes" data-testid="batch-bytes">
        <span>{text}</span>
        <progress max={total} value={sent} aria-label={`File of batch ${batch.batchFileName} sent`} aria-valuetext={text} />
      </span>
    );
  }
  if (batch.fileBytes !== null) return <span data-testid="batch-bytes">{formatBytes(batch.fileBytes)}</span>;
  return <span className="muted">{batch.route === 'records-api' ? 'No file (records API)' : '—'}</span>;
}

/** Batches sent to the registry, and for the chosen one, each record's result. */
export function BatchesView() {
  const batches = useAppStore((s) => s.batches);
  const openBatch = useAppStore((s) => s.openBatch);
  const showBatch = useAppStore((s) => s.showBatch);
  const columns = useMemo(() => batchColumns(showBatch), [showBatch]);

  return (
    <section aria-labelledby="batches-title">
      <div className="screen-head">
        <h2 id="batches-title">Batches</h2>
      </div>
      <DataTable
        label="Batches"
        columns={columns}
        rows={batches}
        rowKey={(batch) => batch.id}
        rowAttributes={(batch) => ({ 'data-batch-id': batch.id, className: openBatch?.id === batch.id ? 'selected' : undefined })}
        empty="No batches yet. Records go into a batch when you sync from the queue."
        wrapClassName="table-wrap"
      />
      {openBatch && <BatchDetailSection key={openBatch.id} batch={openBatch} />}
    </section>
  );
}

/** One batch: every record's result as the registry gave it, and for a checker, sending the failed ones again. */
function BatchDetailSection({ batch }: { batch: BatchDetail }) {
  const mayApprove = useAppStore((s) => (s.session?.operator ? can(s.session.operator.role, 'records.approve') : false));
  const markReady = useAppStore((s) => s.markReady);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const failed = batch.records.filter((record) => record.state === 'failed').map((record) => record.id);

  async function sendAgain() {
    if (busy || failed.length === 0) return;
    setBusy(true);
    setOutcome(null);
    try {
      const result = await markReady(failed);
      setOutcome(result.ok ? { ok: true, text: result.notice || 'Nothing was changed.' } : { ok: false, text: result.error.message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="batch-detail" aria-labelledby="batch-detail-title">
      <h3 id="batch-detail-title">
        Batch {batch.batchFileName} — <span data-testid="batch-detail-state">{BATCH_STATE_LABELS[batch.state]}</span>
      </h3>
      <p className="muted">
        Route: {routeLabel(batch.route)} · Registry reference: {batch.clientId ?? 'not yet assigned'} · registry state: {batch.remoteState ?? '—'}
      </p>
      {batch.state === 'needs_attention' && <BatchAttention batch={batch} />}
      {mayApprove && failed.length > 0 && (
        <div className="actions">
          <button type="button" className="secondary" disabled={busy} onClick={() => void sendAgain()}>
            {busy ? 'Sending again…' : 'Send failed records again'}
          </button>
          <span className="muted">
            {failed.length} failed record{failed.length === 1 ? '' : 's'} go back to the ready queue, for the next batch.
          </span>
        </div>
      )}
      <div role="status" className={outcome ? (outcome.ok ? 'notice batch-detail__outcome' : 'alert alert--inline batch-detail__outcome') : undefined} data-testid="batch-send-again-outcome">
        {outcome?.text ?? ''}
      </div>
      <DataTable label="Records in this batch" columns={BATCH_RECORD_COLUMNS} rows={batch.records} rowKey={(record) => record.id} rowAttributes={(record) => ({ 'data-reference': record.reference })} />
      {batch.responseFiles && <ResponseFiles files={batch.responseFiles} />}
    </section>
  );
}

/** The SFTP route's result and error files for this batch, as read from the response folder. */
function ResponseFiles({ files }: { files: NonNullable<BatchDetail['responseFiles']> }) {
  if (files.length === 0) return <p className="muted">The registry left no response file for this batch.</p>;
  return (
    <DataTable label="Response files from the SFTP server" columns={RESPONSE_FILE_COLUMNS} rows={files} rowKey={(file) => file.name} />
  );
}

/** The batch list's columns; the batch's file name opens its records beside the list. */
function batchColumns(showBatch: (id: string) => Promise<void>): Column<BatchSummary>[] {
  return [
    {
      key: 'batch',
      header: 'Batch',
      cell: (batch) => (
        <button type="button" className="link mono" onClick={() => void showBatch(batch.id)}>
          {batch.batchFileName}
        </button>
      ),
    },
    { key: 'route', header: 'Route', cell: (batch) => routeLabel(batch.route) },
    { key: 'kind', header: 'Kind', cell: (batch) => KIND_LABELS[batch.kind] ?? batch.kind },
    { key: 'state', header: 'State', cell: (batch) => <BatchStateBadge state={batch.state} /> },
    {
      key: 'records',
      header: 'Records',
      cell: (batch) => (
        <>
          {batch.recordCount}
          {Object.entries(batch.recordCounts).map(([state, count]) => (
            <span key={state} className="muted">
              {' '}
              · {RECORD_STATE_LABELS[state as RecordState] ?? state} {count}
            </span>
          ))}
        </>
      ),
    },
    { key: 'bytes', header: 'Bytes', cell: (batch) => <BatchBytes batch={batch} /> },
    { key: 'created', header: 'Created', cell: (batch) => formatTime(batch.createdAt) },
    { key: 'updated', header: 'Last update', cell: (batch) => formatTime(batch.updatedAt) },
    { key: 'next', header: 'Next check', cell: (batch) => nextCheck(batch) },
    { key: 'problem', header: 'Last problem', className: 'message', cell: (batch) => batch.lastError ?? '' },
  ];
}

const BATCH_RECORD_COLUMNS: Column<BatchDetail['records'][number]>[] = [
  { key: 'reference', header: 'Reference', className: 'mono', cell: (record) => record.reference },
  { key: 'name', header: 'Name', cell: (record) => record.name },
  { key: 'result', header: 'Result', cell: (record) => <RecordStateBadge state={record.state} /> },
  { key: 'ckyc', header: 'CKYC number', className: 'mono', testId: 'ckyc-number', cell: (record) => record.ckycNumber ?? '' },
  { key: 'message', header: 'Registry message', className: 'message', cell: (record) => record.message ?? '' },
];

type ResponseFile = NonNullable<BatchDetail['responseFiles']>[number];

/** What a response file says, in one line: its problem, its errors, where it differs from the registry. */
function responseFileSays(file: ResponseFile): string {
  return (
    [
      file.problem,
      file.errors?.length ? `Errors: ${file.errors.join(' | ')}` : undefined,
      file.disagreements?.length ? `Differs from the registry's status for ${file.disagreements.join(', ')}` : undefined,
    ]
      .filter(Boolean)
      .join(' ') || (file.kind === 'result' ? 'One row per record, as the registry settled them.' : '')
  );
}

const RESPONSE_FILE_COLUMNS: Column<ResponseFile>[] = [
  { key: 'name', header: 'Response file', className: 'mono', cell: (file) => file.name },
  { key: 'rows', header: 'Rows', cell: (file) => file.rows },
  { key: 'says', header: 'What it says', className: 'message', cell: responseFileSays },
  { key: 'archived', header: 'Archived on the server as', className: 'mono', cell: (file) => file.archivedAs ?? '—' },
];

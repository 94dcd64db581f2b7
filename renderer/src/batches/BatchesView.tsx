import { useState } from 'react';
import type { BatchDetail, BatchSummary } from '../../../shared/contract';
import { can } from '../../../shared/operators/roles';
import { SUBMISSION_ROUTE_LABELS } from '../../../shared/sync/routes';
import { BATCH_STATE_LABELS, RECORD_STATE_LABELS, type BatchState, type RecordState } from '../../../shared/sync/states';
import { formatBytes, formatBytesOf, formatDue, formatTime } from '../shell/formatting';
import { BatchStateBadge, RecordStateBadge } from '../shell/StateBadge';
import { useAppStore } from '../state/app-store';

const KIND_LABELS: Record<BatchSummary['kind'], string> = {
  upload: 'New records',
  update: 'Updates',
};

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

  return (
    <section aria-labelledby="batches-title">
      <div className="screen-head">
        <h2 id="batches-title">Batches</h2>
      </div>
      {batches.length === 0 ? (
        <p className="empty">No batches yet. Records go into a batch when you sync from the queue.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Batches">
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">Route</th>
                <th scope="col">Kind</th>
                <th scope="col">State</th>
                <th scope="col">Records</th>
                <th scope="col">Bytes</th>
                <th scope="col">Created</th>
                <th scope="col">Last update</th>
                <th scope="col">Next check</th>
                <th scope="col">Last problem</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((batch) => (
                <tr key={batch.id} data-batch-id={batch.id} className={openBatch?.id === batch.id ? 'selected' : undefined}>
                  <td>
                    <button type="button" className="link mono" onClick={() => void showBatch(batch.id)}>
                      {batch.batchFileName}
                    </button>
                  </td>
                  <td>{SUBMISSION_ROUTE_LABELS[batch.route] ?? batch.route}</td>
                  <td>{KIND_LABELS[batch.kind] ?? batch.kind}</td>
                  <td>
                    <BatchStateBadge state={batch.state} />
                  </td>
                  <td>
                    {batch.recordCount}
                    {Object.entries(batch.recordCounts).map(([state, count]) => (
                      <span key={state} className="muted">
                        {' '}
                        · {RECORD_STATE_LABELS[state as RecordState] ?? state} {count}
                      </span>
                    ))}
                  </td>
                  <td>
                    <BatchBytes batch={batch} />
                  </td>
                  <td>{formatTime(batch.createdAt)}</td>
                  <td>{formatTime(batch.updatedAt)}</td>
                  <td>{nextCheck(batch)}</td>
                  <td className="message">{batch.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
        Route: {SUBMISSION_ROUTE_LABELS[batch.route] ?? batch.route} · Registry reference: {batch.clientId ?? 'not yet assigned'} · registry state: {batch.remoteState ?? '—'}
      </p>
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
      <table className="table" aria-label="Records in this batch">
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Name</th>
            <th scope="col">Result</th>
            <th scope="col">CKYC number</th>
            <th scope="col">Registry message</th>
          </tr>
        </thead>
        <tbody>
          {batch.records.map((record) => (
            <tr key={record.id} data-reference={record.reference}>
              <td className="mono">{record.reference}</td>
              <td>{record.name}</td>
              <td>
                <RecordStateBadge state={record.state} />
              </td>
              <td className="mono" data-testid="ckyc-number">
                {record.ckycNumber ?? ''}
              </td>
              <td className="message">{record.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {batch.responseFiles && <ResponseFiles files={batch.responseFiles} />}
    </section>
  );
}

/** The SFTP route's result and error files for this batch, as read from the response folder. */
function ResponseFiles({ files }: { files: NonNullable<BatchDetail['responseFiles']> }) {
  if (files.length === 0) return <p className="muted">The registry left no response file for this batch.</p>;
  return (
    <table className="table" aria-label="Response files from the SFTP server">
      <thead>
        <tr>
          <th scope="col">Response file</th>
          <th scope="col">Rows</th>
          <th scope="col">What it says</th>
          <th scope="col">Archived on the server as</th>
        </tr>
      </thead>
      <tbody>
        {files.map((file) => (
          <tr key={file.name}>
            <td className="mono">{file.name}</td>
            <td>{file.rows}</td>
            <td className="message">
              {[
                file.problem,
                file.errors?.length ? `Errors: ${file.errors.join(' | ')}` : undefined,
                file.disagreements?.length ? `Differs from the registry's status for ${file.disagreements.join(', ')}` : undefined,
              ]
                .filter(Boolean)
                .join(' ') || (file.kind === 'result' ? 'One row per record, as the registry settled them.' : '')}
            </td>
            <td className="mono">{file.archivedAs ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

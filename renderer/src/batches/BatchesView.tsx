import { BATCH_STATE_LABELS, RECORD_STATE_LABELS, type RecordState } from '../../../shared/sync/states';
import { formatTime } from '../shell/formatting';
import { BatchStateBadge, RecordStateBadge } from '../shell/StateBadge';
import { useAppStore } from '../state/app-store';

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
        <table className="table" aria-label="Batches">
          <thead>
            <tr>
              <th scope="col">Batch</th>
              <th scope="col">State</th>
              <th scope="col">Records</th>
              <th scope="col">Created</th>
              <th scope="col">Last update</th>
              <th scope="col">Next check</th>
              <th scope="col">Last problem</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => (
              <tr key={batch.id} className={openBatch?.id === batch.id ? 'selected' : undefined}>
                <td>
                  <button type="button" className="link mono" onClick={() => void showBatch(batch.id)}>
                    {batch.batchFileName}
                  </button>
                </td>
                <td>
                  <BatchStateBadge state={batch.state} />
                </td>
                <td>
                  {batch.recordCount}
                  {Object.entries(batch.recordCounts).map(([state, count]) => (
                    <span key={state} className="muted"> · {RECORD_STATE_LABELS[state as RecordState] ?? state} {count}</span>
                  ))}
                </td>
                <td>{formatTime(batch.createdAt)}</td>
                <td>{formatTime(batch.updatedAt)}</td>
                <td>{batch.state === 'polling' ? formatTime(batch.nextPollAt) : '—'}</td>
                <td className="message">{batch.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {openBatch && (
        <section className="batch-detail" aria-labelledby="batch-detail-title">
          <h3 id="batch-detail-title">
            Batch {openBatch.batchFileName} — <span data-testid="batch-detail-state">{BATCH_STATE_LABELS[openBatch.state]}</span>
          </h3>
          <p className="muted">
            Registry reference: {openBatch.clientId ?? 'not yet assigned'} · registry state: {openBatch.remoteState ?? '—'}
          </p>
          <table className="table" aria-label="Records in this batch">
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Name</th>
                <th scope="col">Result</th>
                <th scope="col">Registry message</th>
              </tr>
            </thead>
            <tbody>
              {openBatch.records.map((record) => (
                <tr key={record.id} data-reference={record.reference}>
                  <td className="mono">{record.reference}</td>
                  <td>{record.name}</td>
                  <td>
                    <RecordStateBadge state={record.state} />
                  </td>
                  <td className="message">{record.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

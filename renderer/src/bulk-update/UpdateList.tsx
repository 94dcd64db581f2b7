import type { BulkUpdateSummaryView } from '../../../shared/contract';
import { formatTime } from '../shell/formatting';
import { RecordStateBadge } from '../shell/StateBadge';
import { barShares, countsText } from './update-format';

interface UpdateListProps {
  items: BulkUpdateSummaryView[];
  openId: string | null;
  onOpen(id: string): void;
  onDownload(id: string): void;
  /** Given to checkers: approve an update awaiting approval. */
  onApprove?(id: string): void;
}

/** Succeeded and failed customers as one bar, with the same counts in words beside it for anyone who cannot see it. */
function CountsBar({ update }: { update: BulkUpdateSummaryView }) {
  const words = countsText(update);
  if (!update.counts) return <span className="muted">{words}</span>;
  const shares = barShares(update.counts);
  return (
    <div className="update-counts">
      <div className="update-bar" aria-hidden="true" style={{ display: 'flex', height: '0.6rem', width: '8rem', background: 'var(--muted-bg, #ddd)' }}>
        <span style={{ width: `${shares.success}%`, background: 'var(--ok, #2e7d32)' }} />
        <span style={{ width: `${shares.failure}%`, background: 'var(--bad, #c62828)' }} />
      </div>
      <span>{words}</span>
    </div>
  );
}

/** The bulk updates, newest first: who prepared and sent each, when, its counts, its state and its file. */
export function UpdateList({ items, openId, onOpen, onDownload, onApprove }: UpdateListProps) {
  if (items.length === 0) return <p className="muted">No update yet.</p>;
  return (
    <table className="data-table" data-testid="bulk-updates">
      <thead>
        <tr>
          <th scope="col">Update</th>
          <th scope="col">State</th>
          <th scope="col">Customers</th>
          <th scope="col">Prepared</th>
          <th scope="col">Sent</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} aria-selected={item.id === openId}>
            <th scope="row">
              {item.reference}
              <div className="muted">{item.source === 'file' ? `From ${item.fileName ?? 'a file'}` : 'From records'}</div>
            </th>
            <td>
              <RecordStateBadge state={item.state} />
              {item.message && <div className="muted">{item.message}</div>}
              {item.sends > 1 && <div className="muted">Sent {item.sends} times (the same file: an answer was lost).</div>}
            </td>
            <td>
              <CountsBar update={item} />
            </td>
            <td>
              {item.preparedBy ?? '—'}, {formatTime(item.preparedAt)}
              {item.approvedBy && <div className="muted">Approved by {item.approvedBy}</div>}
            </td>
            <td>{item.sentAt ? `${item.sentBy ?? '—'}, ${formatTime(item.sentAt)}` : '—'}</td>
            <td>
              <button type="button" className="link" onClick={() => onOpen(item.id)}>
                Customers of {item.reference}
              </button>
              {item.sentAt && (
                <button type="button" className="secondary" onClick={() => onDownload(item.id)}>
                  Download the file of {item.reference}
                </button>
              )}
              {onApprove && item.state === 'awaiting_approval' && (
                <button type="button" className="secondary" onClick={() => onApprove(item.id)}>
                  Approve {item.reference}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

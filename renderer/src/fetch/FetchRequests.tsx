import type { FetchRequestSummary } from '../../../shared/contract';
import { formatTime } from '../shell/formatting';
import { RecordStateBadge } from '../shell/StateBadge';

interface FetchRequestsProps {
  items: FetchRequestSummary[];
  openId: string | null;
  onOpen(id: string): void;
  /** Given to checkers and admins: approve a request awaiting approval. */
  onApprove?(id: string): void;
}

/** The download requests, newest first, with how many people came back and how many the registry refused. */
export function FetchRequests({ items, openId, onOpen, onApprove }: FetchRequestsProps) {
  if (items.length === 0) return <p className="muted">No request yet.</p>;
  return (
    <table className="data-table" data-testid="fetch-requests">
      <thead>
        <tr>
          <th scope="col">Request</th>
          <th scope="col">State</th>
          <th scope="col">People</th>
          <th scope="col">Fetched</th>
          <th scope="col">Refused</th>
          <th scope="col">Asked by</th>
          <th scope="col">Last change</th>
          <th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} aria-selected={item.id === openId}>
            <th scope="row">{item.reference}</th>
            <td>
              <RecordStateBadge state={item.state} />
              {item.message && <div className="muted">{item.message}</div>}
            </td>
            <td>{item.people}</td>
            <td>{item.fetched}</td>
            <td>{item.failed}</td>
            <td>{item.requestedBy ?? '—'}</td>
            <td>{formatTime(item.updatedAt)}</td>
            <td>
              <button type="button" className="link" onClick={() => onOpen(item.id)}>
                People of {item.reference}
              </button>
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

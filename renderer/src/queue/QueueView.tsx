import { useMemo, useState } from 'react';
import type { RecordSummary } from '../../../shared/contract';
import { DataTable, type Column, type RowSelection } from '../shell/DataTable';
import { RecordStateBadge } from '../shell/StateBadge';
import { RecordReview } from '../review/RecordReview';
import { can } from '../../../shared/operators/roles';
import { ApprovalActions } from './ApprovalActions';
import { QueueFilters } from './QueueFilters';
import { openQueueRow } from './open-row';

/** The renderer holds one page at a time; main filters, sorts and pages (see records.list). */
const PAGE_SIZE = 100;
import { formatTime } from '../shell/formatting';
import { mayViewAll, useAppStore } from '../state/app-store';

/** Every record on this PC with its state and the last word from the registry. */
export function QueueView() {
  const records = useAppStore((s) => s.records);
  const syncing = useAppStore((s) => s.syncing);
  const syncNotice = useAppStore((s) => s.syncNotice);
  const startSync = useAppStore((s) => s.startSync);
  const setView = useAppStore((s) => s.setView);
  const ready = records.counts.ready ?? 0;
  const maySync = useAppStore((s) => (s.session?.operator ? can(s.session.operator.role, 'sync.run') : false));
  const mayApprove = useAppStore((s) => (s.session?.operator ? can(s.session.operator.role, 'records.approve') : false));
  const seesEveryone = useAppStore((s) => mayViewAll(s.session));
  const approve = useAppStore((s) => s.approve);
  const query = useAppStore((s) => s.queueQuery);
  const setQueueQuery = useAppStore((s) => s.setQueueQuery);
  const filtered = Boolean(query.state || query.search || query.from || query.to || query.onlyMine);
  const awaiting = records.items.filter((record) => record.state === 'awaiting_approval');
  const markReady = useAppStore((s) => s.markReady);
  // Ticked rows of this page; only records a checker can act on in bulk can be ticked.
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const selectable = (state: string) => mayApprove && (state === 'awaiting_approval' || state === 'failed');
  const chosen = records.items.filter((record) => ticked.has(record.id) && selectable(record.state));
  const chosenAwaiting = chosen.filter((record) => record.state === 'awaiting_approval').map((record) => record.id);
  const chosenFailed = chosen.filter((record) => record.state === 'failed').map((record) => record.id);
  const toggle = (id: string) =>
    setTicked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const afterBulk = () => setTicked(new Set());
  const selection: RowSelection<RecordSummary> = {
    canSelect: (record) => selectable(record.state),
    isSelected: (record) => ticked.has(record.id),
    toggle: (record) => toggle(record.id),
    label: (record) => `Tick ${record.reference}`,
  };
  const columns = useMemo(() => queueColumns((record) => openQueueRow(useAppStore.getState(), record), mayApprove), [mayApprove]);

  return (
    <section aria-labelledby="queue-title">
      <div className="screen-head">
        <h2 id="queue-title">Queue</h2>
        {mayApprove && awaiting.length > 0 && (
          <button type="button" className="secondary" onClick={() => void approve(awaiting.map((record) => record.id))}>
            Approve all {awaiting.length} awaiting
          </button>
        )}
        {maySync ? (
          <button type="button" className="primary" onClick={() => void startSync()} disabled={syncing || ready === 0}>
            {syncing ? 'Starting sync…' : `Sync ${ready} ready record${ready === 1 ? '' : 's'}`}
          </button>
        ) : (
          <p className="muted">A checker sends ready records to the registry.</p>
        )}
      </div>
      {syncNotice && (
        <p className="notice" role="status">
          {syncNotice}{' '}
          {seesEveryone && (
            <button type="button" className="link" onClick={() => setView('batches')}>
              See batches
            </button>
          )}
        </p>
      )}
      {!seesEveryone && <p className="muted" data-testid="own-records-note">The records you captured. Each shows its state and the registry’s last word on it.</p>}
      <QueueFilters />
      {mayApprove && chosen.length > 0 && (
        <div className="bulk-bar" role="group" aria-label="With the ticked records">
          <span>{chosen.length} ticked</span>
          {chosenAwaiting.length > 0 && (
            <button type="button" className="small" onClick={() => void approve(chosenAwaiting).then(afterBulk)}>
              Approve {chosenAwaiting.length} ticked
            </button>
          )}
          {chosenFailed.length > 0 && (
            <button type="button" className="small" onClick={() => void markReady(chosenFailed).then(afterBulk)}>
              Send {chosenFailed.length} failed again
            </button>
          )}
          <button type="button" className="small secondary" onClick={afterBulk}>
            Clear
          </button>
        </div>
      )}
      <RecordReview />
      <DataTable
        label="Records"
        columns={columns}
        rows={records.items}
        rowKey={(record) => record.id}
        rowAttributes={(record) => ({ 'data-reference': record.reference })}
        empty={filtered ? 'No records match these filters.' : 'No records yet. Capture one under “New individual”.'}
        {...(mayApprove ? { selection } : {})}
      />
      {records.total > 0 && (
        <nav className="pager" aria-label="Queue pages">
          <button type="button" className="secondary" disabled={query.page <= 1} onClick={() => void setQueueQuery({ page: query.page - 1 })}>
            Previous
          </button>
          <span>
            {(query.page - 1) * PAGE_SIZE + 1}–{(query.page - 1) * PAGE_SIZE + records.items.length} of {records.total.toLocaleString('en-IN')}
          </span>
          <button type="button" className="secondary" disabled={query.page * PAGE_SIZE >= records.total} onClick={() => void setQueueQuery({ page: query.page + 1 })}>
            Next
          </button>
        </nav>
      )}
    </section>
  );
}

/**
 * The queue's columns; a checker also gets the approval buttons of each record awaiting approval.
 * A row opens where its kind is shown (a download request on Fetch from CKYC, see open-row.ts).
 */
function queueColumns(open: (record: RecordSummary) => void, mayApprove: boolean): Column<RecordSummary>[] {
  const columns: Column<RecordSummary>[] = [
    {
      key: 'reference',
      header: 'Reference',
      className: 'mono',
      cell: (record) => (
        <button type="button" className="link mono" aria-label={`Open ${record.reference}`} onClick={() => open(record)}>
          {record.reference}
        </button>
      ),
    },
    { key: 'name', header: 'Name', cell: (record) => record.name },
    { key: 'pan', header: 'PAN', className: 'mono', cell: (record) => record.panMasked },
    { key: 'mobile', header: 'Mobile', className: 'mono', cell: (record) => record.mobileMasked },
    { key: 'state', header: 'State', cell: (record) => <RecordStateBadge state={record.state} /> },
    { key: 'updated', header: 'Updated', cell: (record) => formatTime(record.updatedAt) },
    { key: 'message', header: 'Message', className: 'message', cell: (record) => record.message ?? '' },
  ];
  if (mayApprove) columns.push({ key: 'approval', header: 'Approval', cell: (record) => record.state === 'awaiting_approval' && <ApprovalActions record={record} /> });
  return columns;
}

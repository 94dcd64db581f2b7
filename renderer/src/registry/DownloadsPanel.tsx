import { useEffect, useId, useMemo, useState } from 'react';
import type { RegistryDownload } from '../../../shared/contract';
import { BATCH_STATE_LABELS, type BatchState } from '../../../shared/sync/states';
import { DataTable, type Column } from '../shell/DataTable';
import { formatTime } from '../shell/formatting';
import { useAppStore } from '../state/app-store';
import { countText, groupIndian, orDash } from './registry-format';
import { ProblemAlert } from './ProblemAlert';
import { RegistryState } from './RegistryState';
import { useRegistryRead } from './use-registry-read';

const PAGE_SIZE = 50;

/** A download batch's end in its own words (the batch labels speak of uploads). */
const DOWNLOAD_END: Partial<Record<BatchState, string>> = { succeeded: 'Download succeeded', failed: 'Download failed' };

interface Openers {
  batch(id: string): void;
  request(id: string): void;
}

/** A download KYC Desk sent: its batch (the Batches screen) and each fetch request it carried (the Fetch screen). */
function SentFromHere({ row, open }: { row: RegistryDownload; open: Openers }) {
  const batch = row.localBatch;
  if (!batch) return <span className="muted">—</span>;
  return (
    <span className="row-actions">
      <button type="button" className="link" onClick={() => open.batch(batch.id)} aria-label={`Open our batch ${row.batchFileName ?? row.clientId}`}>
        Our batch ({DOWNLOAD_END[batch.state] ?? BATCH_STATE_LABELS[batch.state]})
      </button>
      {row.fetchRequests.map((request) => (
        <button key={request.id} type="button" className="link mono" onClick={() => open.request(request.id)} aria-label={`Open fetch request ${request.reference}`}>
          {request.reference}
        </button>
      ))}
    </span>
  );
}

const downloadColumns = (open: Openers): Column<RegistryDownload>[] => [
  { key: 'name', header: 'Batch file name', className: 'mono', cell: (r) => orDash(r.batchFileName) },
  { key: 'client', header: 'Client id', className: 'mono', cell: (r) => r.clientId },
  { key: 'state', header: 'State', cell: (r) => <RegistryState state={r.state} /> },
  { key: 'individuals', header: 'People asked for', cell: (r) => countText(r.individuals) },
  { key: 'succeeded', header: 'Found', cell: (r) => countText(r.succeeded) },
  { key: 'failed', header: 'Not found', cell: (r) => countText(r.failed) },
  { key: 'created', header: 'Made', cell: (r) => formatTime(r.createdAt) },
  { key: 'updated', header: 'Updated', cell: (r) => formatTime(r.updatedAt) },
  { key: 'local', header: 'Sent from here', testId: 'local-download', cell: (r) => <SentFromHere row={r} open={open} /> },
];

/** The registry's bulk download requests (get-bulk-download-clients), newest first, a page at a time. */
export function DownloadsPanel() {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [asked, setAsked] = useState('');
  const id = useId();
  const setView = useAppStore((s) => s.setView);
  const showBatch = useAppStore((s) => s.showBatch);
  const openFetchRequest = useAppStore((s) => s.openFetchRequest);
  const columns = useMemo(
    () =>
      downloadColumns({
        batch: (batchId) => {
          setView('batches');
          void showBatch(batchId);
        },
        request: openFetchRequest,
      }),
    [setView, showBatch, openFetchRequest],
  );
  useEffect(() => {
    const timer = setTimeout(() => {
      setAsked(search.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(timer);
  }, [search]);
  const request = { page, pageSize: PAGE_SIZE, ...(asked ? { search: asked } : {}) };
  const read = useRegistryRead('registry.downloads', request, JSON.stringify(request));
  const value = read.value;
  const more = value ? (value.totalPages !== null ? value.page < value.totalPages : value.items.length === value.pageSize) : false;
  return (
    <section aria-labelledby="registry-downloads-title">
      <h3 id="registry-downloads-title">Bulk download requests</h3>
      <div className="filter-row">
        <div className="field">
          <label htmlFor={`${id}-search`}>Search client id or batch file name</label>
          <input id={`${id}-search`} type="search" value={search} maxLength={100} onChange={(e) => setSearch(e.target.value)} />
        </div>
      </div>
      <ProblemAlert problem={read.problem} onRetry={read.reload} />
      {value && (
        <DataTable label="Bulk download requests" columns={columns} rows={value.items} rowKey={(r) => r.clientId} empty="The registry has no bulk download requests." busy={read.loading} wrapClassName="table-wrap" />
      )}
      {!value && !read.problem && <p className="muted">Asking the registry…</p>}
      {value && value.items.length > 0 && (
        <nav className="pager" aria-label="Bulk download pages">
          <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span>
            Page {groupIndian(value.page)}
            {value.totalPages !== null ? ` of ${groupIndian(value.totalPages)}` : ''}
          </span>
          <button type="button" className="secondary" disabled={!more} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </nav>
      )}
    </section>
  );
}

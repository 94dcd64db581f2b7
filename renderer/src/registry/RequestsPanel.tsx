import { useEffect, useId, useMemo, useState } from 'react';
import { REGISTRY_REQUEST_STATES, REGISTRY_STATE_LABELS, type RegistryRequest } from '../../../shared/contract';
import { fromOfDay, toAfterDay } from '../../../shared/dates/local-day';
import { BATCH_STATE_LABELS } from '../../../shared/sync/states';
import { CaptureDateFilter } from '../queue/CaptureDateFilter';
import { DataTable, type Column } from '../shell/DataTable';
import { formatTime } from '../shell/formatting';
import { useAppStore } from '../state/app-store';
import { countText, groupIndian, orDash } from './registry-format';
import { RegistryState } from './RegistryState';

/** The registry's upload and update requests, paged and filtered by the registry; ours link to their batch. */
export function RequestsPanel() {
  const query = useAppStore((s) => s.registryQuery);
  const page = useAppStore((s) => s.registryPage);
  const problem = useAppStore((s) => s.registryProblem);
  const loading = useAppStore((s) => s.registryLoading);
  const setQuery = useAppStore((s) => s.setRegistryQuery);
  const refresh = useAppStore((s) => s.refreshRegistryRequests);
  const openLocal = useOpenLocalBatch();
  const columns = useMemo(() => requestColumns(openLocal), [openLocal]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const filtered = Boolean(query.state || query.from || query.to || query.search);
  return (
    <section aria-labelledby="registry-requests-title">
      <h3 id="registry-requests-title">Requests at the registry</h3>
      <RequestFilters />
      {problem && (
        <div className="alert alert--inline" role="alert">
          {problem}{' '}
          <button type="button" className="link" onClick={() => void refresh()}>
            Try again
          </button>
        </div>
      )}
      {page && (
        <DataTable
          label="Requests at the registry"
          columns={columns}
          rows={page.items}
          rowKey={(row) => row.clientId}
          rowAttributes={(row) => ({ 'data-client-id': row.clientId })}
          empty={filtered ? 'The registry has no requests matching these filters.' : `The registry has no ${query.statusType} requests.`}
          busy={loading}
          wrapClassName="table-wrap"
        />
      )}
      {!page && !problem && <p className="muted">Asking the registry…</p>}
      {page && page.items.length > 0 && <Pager page={page} onPage={(n) => void setQuery({ page: n })} />}
    </section>
  );
}

function Pager({ page, onPage }: { page: { page: number; pageSize: number; items: unknown[]; total: number | null; totalPages: number | null }; onPage(page: number): void }) {
  const first = (page.page - 1) * page.pageSize + 1;
  // Without a total from the registry, a full page means there may be more.
  const more = page.totalPages !== null ? page.page < page.totalPages : page.items.length === page.pageSize;
  return (
    <nav className="pager" aria-label="Registry request pages">
      <button type="button" className="secondary" disabled={page.page <= 1} onClick={() => onPage(page.page - 1)}>
        Previous
      </button>
      <span>
        {groupIndian(first)}–{groupIndian(first + page.items.length - 1)}
        {page.total !== null ? ` of ${groupIndian(page.total)}` : ''}
      </span>
      <button type="button" className="secondary" disabled={!more} onClick={() => onPage(page.page + 1)}>
        Next
      </button>
    </nav>
  );
}

/** Upload or update, the state, the days it was made (DD/MM/YYYY) and a search; the registry filters. */
function RequestFilters() {
  const query = useAppStore((s) => s.registryQuery);
  const setQuery = useAppStore((s) => s.setRegistryQuery);
  const [search, setSearch] = useState(query.search ?? '');
  const id = useId();
  useEffect(() => {
    if ((query.search ?? '') === search) return;
    const timer = setTimeout(() => void setQuery({ search: search || undefined }), 300);
    return () => clearTimeout(timer);
  }, [search, query.search, setQuery]);
  return (
    <div className="filter-row">
      <div className="field">
        <label htmlFor={`${id}-type`}>Requests</label>
        <select id={`${id}-type`} value={query.statusType} onChange={(e) => void setQuery({ statusType: e.target.value === 'update' ? 'update' : 'upload' })}>
          <option value="upload">New records (upload)</option>
          <option value="update">Updates</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-state`}>State</label>
        <select id={`${id}-state`} value={query.state ?? ''} onChange={(e) => void setQuery({ state: REGISTRY_REQUEST_STATES.find((s) => s === e.target.value) })}>
          <option value="">Any</option>
          {REGISTRY_REQUEST_STATES.map((state) => (
            <option key={state} value={state}>
              {REGISTRY_STATE_LABELS[state]}
            </option>
          ))}
        </select>
      </div>
      <CaptureDateFilter label="Made from" bound={fromOfDay} onBound={(from) => void setQuery({ from })} />
      <CaptureDateFilter label="Made to" bound={toAfterDay} onBound={(to) => void setQuery({ to })} />
      <div className="field">
        <label htmlFor={`${id}-search`}>Search client id or batch file name</label>
        <input id={`${id}-search`} type="search" value={search} maxLength={100} onChange={(e) => setSearch(e.target.value)} />
      </div>
    </div>
  );
}

/** Opens a batch of this store on the Batches screen. */
function useOpenLocalBatch(): (id: string) => void {
  const setView = useAppStore((s) => s.setView);
  const showBatch = useAppStore((s) => s.showBatch);
  return useMemo(
    () => (id: string) => {
      setView('batches');
      void showBatch(id);
    },
    [setView, showBatch],
  );
}

function requestColumns(openLocal: (id: string) => void): Column<RegistryRequest>[] {
  return [
    { key: 'name', header: 'Batch file name', className: 'mono', cell: (r) => orDash(r.batchFileName) },
    { key: 'client', header: 'Client id', className: 'mono', cell: (r) => r.clientId },
    { key: 'state', header: 'State', cell: (r) => <RegistryState state={r.state} /> },
    { key: 'individuals', header: 'Individuals', cell: (r) => countText(r.individuals) },
    { key: 'succeeded', header: 'Succeeded', cell: (r) => countText(r.succeeded) },
    { key: 'failed', header: 'Failed', cell: (r) => countText(r.failed) },
    { key: 'created', header: 'Made', cell: (r) => formatTime(r.createdAt) },
    { key: 'updated', header: 'Updated', cell: (r) => formatTime(r.updatedAt) },
    { key: 'error', header: 'Registry’s message', className: 'message', cell: (r) => orDash(r.error) },
    {
      key: 'local',
      header: 'Sent from here',
      testId: 'local-batch',
      cell: (r) =>
        r.localBatch ? (
          <button type="button" className="link" onClick={() => openLocal(r.localBatch!.id)} aria-label={`Open our batch ${r.batchFileName ?? r.clientId}`}>
            Our batch ({BATCH_STATE_LABELS[r.localBatch.state]})
          </button>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
}

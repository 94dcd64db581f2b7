import { useCallback, useEffect, useState, type ChangeEvent } from 'react';
import type { BulkUpdateRowViewSchema, BulkUpdateSummaryView } from '../../../shared/contract';
import { UPDATE_MAX_BYTES } from '../../../shared/bulk-update/update-columns';
import { can } from '../../../shared/operators/roles';
import { bytesToBase64 } from '../capture/images/base64';
import { groupIndian } from '../registry/registry-format';
import { useAppStore } from '../state/app-store';
import { downloadText } from './update-format';
import { UpdateList } from './UpdateList';
import { UpdateRows } from './UpdateRows';
import { correctCustomer } from './correct-customer';

/** How often the open screen reads the updates again while the engine sends them. */
const REFRESH_MS = 5_000;

/**
 * Updates (the bulk customer update; docs/decisions/0053): a maker prepares an update from the
 * records that succeeded at CKYC since the last one, or from a file they bring; a checker approves
 * and sends it; everyone who may see records reads each update's counts and its customers' ends,
 * opens a failed record to fix it, and puts fixed records in a new update.
 */
export function BulkUpdateView() {
  const api = useAppStore((s) => s.api);
  const role = useAppStore((s) => s.session?.operator?.role);
  const [items, setItems] = useState<BulkUpdateSummaryView[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [rows, setRows] = useState<BulkUpdateRowViewSchema[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mayPrepare = role ? can(role, 'records.capture') : false;
  const maySend = role ? can(role, 'sync.run') : false;
  const mayApprove = role ? can(role, 'records.approve') : false;

  const refresh = useCallback(async () => {
    if (!api) return;
    const list = await api.invoke('bulkUpdate.list', {});
    if (list.ok) {
      setItems(list.value.items);
      setProblem(null);
    } else setProblem(list.error.message);
    if (!openId) return;
    const detail = await api.invoke('bulkUpdate.detail', { id: openId });
    if (detail.ok) setRows(detail.value.rows);
    else setProblem(detail.error.message);
  }, [api, openId]);

  useEffect(() => {
    const first = setTimeout(() => void refresh(), 0);
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh]);

  async function prepared(result: Awaited<ReturnType<NonNullable<typeof api>['invoke']>>) {
    if (result.ok) {
      const value = result.value as BulkUpdateSummaryView;
      setNotice(`Update ${value.reference} prepared with ${groupIndian(value.customers)} ${value.customers === 1 ? 'customer' : 'customers'}; a checker approves and sends it.`);
      setOpenId(value.id);
      setRows(null);
    } else setNotice(result.error.message);
    await refresh();
  }

  async function fromRecords(recordIds?: string[]) {
    if (!api) return;
    setBusy(true);
    try {
      let ids = recordIds;
      if (!ids) {
        const candidates = await api.invoke('bulkUpdate.candidates', {});
        if (!candidates.ok) return setNotice(candidates.error.message);
        ids = candidates.value.recordIds;
        if (ids.length === 0) return setNotice(candidates.value.since ? 'No record has succeeded at CKYC since the last update was prepared.' : 'No record has succeeded at CKYC yet.');
      }
      await prepared(await api.invoke('bulkUpdate.prepareFromRecords', { recordIds: ids }));
    } finally {
      setBusy(false);
    }
  }

  async function fromFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // the same file can be picked again after it is fixed
    if (!file || !api) return;
    if (file.size > UPDATE_MAX_BYTES) {
      setNotice(`This file is ${(file.size / (1024 * 1024)).toFixed(1)} MB; an update file may be at most ${UPDATE_MAX_BYTES / (1024 * 1024)} MB. Split it in two. Nothing was saved.`);
      return;
    }
    setBusy(true);
    try {
      const contentBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      await prepared(await api.invoke('bulkUpdate.prepareFromFile', { fileName: file.name.slice(0, 255) || 'update.csv', contentBase64 }));
    } finally {
      setBusy(false);
    }
  }

  async function approve(id: string) {
    if (!api) return;
    const result = await api.invoke('records.approve', { ids: [id] });
    if (!result.ok) setNotice(result.error.message);
    else setNotice(result.value.refused.length > 0 ? result.value.refused.map((r) => `${r.reference}: ${r.message}`).join(' ') : 'Approved: send it when ready.');
    await refresh();
  }

  async function send() {
    if (!api) return;
    const result = await api.invoke('bulkUpdate.send', {});
    setNotice(result.ok ? result.value.message : result.error.message);
    await refresh();
  }

  async function download(id: string) {
    if (!api) return;
    const file = await api.invoke('bulkUpdate.file', { id });
    if (file.ok) downloadText(file.value.fileName, file.value.text);
    else setNotice(file.error.message);
  }

  function openRecord(recordId: string) {
    const store = useAppStore.getState();
    store.setView('queue');
    void store.showRecord(recordId);
  }

  const shown = items.find((item) => item.id === openId) ?? null;
  return (
    <div className="bulk-update-view">
      <h2>Updates</h2>
      <p className="screen-intro">Keep the partner platform’s customer details up to date: a maker prepares an update, a checker approves and sends it, and each customer’s end is shown here.</p>
      {mayPrepare && (
        <section aria-labelledby="bulk-prepare-title">
          <h3 id="bulk-prepare-title">Prepare an update</h3>
          <button type="button" className="primary" disabled={busy} onClick={() => void fromRecords()}>
            From records that succeeded at CKYC since the last update
          </button>
          <label className="file-pick">
            From a file (CSV UTF-8)
            <input type="file" accept=".csv,text/csv" disabled={busy} onChange={(event) => void fromFile(event)} />
          </label>
        </section>
      )}
      <section aria-labelledby="bulk-updates-title">
        <h3 id="bulk-updates-title">Updates</h3>
        {maySend && (
          <button type="button" className="primary" onClick={() => void send()}>
            Send approved updates
          </button>
        )}
        <p role="status" data-testid="bulk-update-notice">
          {notice ?? ''}
        </p>
        {problem && <p role="alert">The updates could not be read: {problem}</p>}
        <UpdateList
          items={items}
          openId={openId}
          onOpen={(id) => {
            setOpenId(id);
            setRows(null);
          }}
          onDownload={(id) => void download(id)}
          {...(mayApprove ? { onApprove: (id: string) => void approve(id) } : {})}
        />
      </section>
      {shown && (
        <section aria-labelledby="bulk-rows-title">
          <h3 id="bulk-rows-title">Customers of {shown.reference}</h3>
          {!rows && <p className="muted">Reading…</p>}
          {rows && <UpdateRows rows={rows} onOpenRecord={openRecord} {...(mayPrepare ? { onPrepareAgain: (ids: string[]) => void fromRecords(ids), onCorrect: (id: string) => void correctCustomer(api, id, setNotice) } : {})} />}
        </section>
      )}
    </div>
  );
}

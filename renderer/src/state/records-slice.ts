import type { StateCreator } from 'zustand';
import { announce } from '../app-events';
import type { AppState, MarkReadyOutcome, RecordsSlice } from './shape';
import { captureViewOf, PAGE } from './views';

/** What a bulk action did, then each refusal by reference with its reason. */
function bulkNotice(done: string, refused: ReadonlyArray<{ reference: string; message: string }>): string {
  return [done, ...refused.map((refusal) => `${refusal.reference}: ${refusal.message}`)].filter(Boolean).join(' ');
}

// eslint-disable-next-line max-lines-per-function -- a store slice: one short action per entry, the record screens' whole vocabulary in one place
export const createRecordsSlice: StateCreator<AppState, [], [], RecordsSlice> = (set, get) => ({
  records: { items: [], total: 0, counts: {} },
  queueQuery: { page: 1 },
  openRecord: null,
  editing: null,
  updateFrom: null,
  fetchFocus: null,

  async setQueueQuery(change) {
    // Any change other than the page starts again from the first page.
    set({ queueQuery: { ...get().queueQuery, page: 1, ...change } });
    await get().refreshRecords();
    announce('queue-loaded');
  },

  async refreshRecords() {
    const api = get().api;
    if (!api) return;
    const { page, state, search, from, to, onlyMine, createdBy } = get().queueQuery;
    const me = get().session?.operator?.id;
    const maker = onlyMine && me ? me : createdBy;
    const result = await api.invoke('records.list', {
      page,
      pageSize: PAGE.pageSize,
      ...(state ? { state } : {}),
      ...(search?.trim() ? { search: search.trim() } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(maker ? { createdBy: maker } : {}),
    });
    if (result.ok) set({ records: result.value });
    else if (result.error.code === 'SIGNED_OUT') await get().refreshSession();
    else set({ actionError: result.error });
  },

  async showRecord(id) {
    const api = get().api;
    if (!api || id === null) {
      set({ openRecord: null });
      return;
    }
    const result = await api.invoke('records.get', { id });
    if (result.ok) {
      set({ openRecord: result.value });
      announce('record-opened');
    } else set({ actionError: result.error });
  },

  async refreshOpenRecord() {
    const open = get().openRecord;
    if (open) await get().showRecord(open.summary.id);
  },

  async approve(ids) {
    const api = get().api;
    if (!api || ids.length === 0) return;
    const result = await api.invoke('records.approve', { ids });
    if (!result.ok) set({ actionError: result.error });
    else {
      const { approved, refused } = result.value;
      set({ syncNotice: bulkNotice(approved.length > 0 ? `Approved ${approved.length} record${approved.length === 1 ? '' : 's'}; ready to sync.` : '', refused) });
    }
    await get().refreshRecords();
    await get().refreshOpenRecord();
    announce('records-approved');
  },

  async reject(id, reason) {
    const api = get().api;
    if (!api) return false;
    const result = await api.invoke('records.reject', { id, reason });
    if (!result.ok) {
      set({ actionError: result.error });
      return false;
    }
    await get().refreshRecords();
    await get().refreshOpenRecord();
    return true;
  },

  async markReady(ids) {
    const api = get().api;
    if (!api) return { ok: false, error: { code: 'INTERNAL', message: 'KYC Desk is not connected yet. Wait a moment and try again.' } };
    if (ids.length === 0) return { ok: true, notice: '' };
    const result = await api.invoke('records.markReady', { ids });
    let outcome: MarkReadyOutcome;
    if (!result.ok) {
      set({ actionError: result.error });
      outcome = { ok: false, error: result.error };
    } else {
      const { marked, refused } = result.value;
      const notice = bulkNotice(marked.length > 0 ? `${marked.length} record${marked.length === 1 ? '' : 's'} will go in the next batch.` : '', refused);
      set({ syncNotice: notice });
      outcome = { ok: true, notice };
    }
    // The batch shown beside the list (if any) is reloaded with the list.
    await Promise.all([get().refreshRecords(), get().refreshBatches()]);
    announce('records-marked-ready');
    return outcome;
  },

  async editRecord(id) {
    const api = get().api;
    if (!api) return;
    const result = await api.invoke('records.get', { id });
    if (!result.ok) {
      set({ actionError: result.error });
      return;
    }
    set({ editing: { id, reference: result.value.summary.reference, kind: result.value.kind, record: result.value.record, registryErrors: result.value.registryErrors }, view: captureViewOf(result.value.kind), actionError: null });
    announce('record-opened');
  },

  finishEditing() {
    set({ editing: null });
  },

  openFetchRequest(id) {
    set({ fetchFocus: id, openRecord: null, view: 'fetch' });
  },
});

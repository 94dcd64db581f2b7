import { create } from 'zustand';
import type { BatchDetail, BatchSummary, KycDeskApi, RecordSummary, ResponseOf, SessionStateView, SyncStatus } from '../../../shared/contract';
import { can, type Permission } from '../../../shared/operators/roles';
import type { RecordState } from '../../../shared/sync/states';
import type { AppError } from '../../../shared/errors';
import type { KycRecord } from '../../../shared/record/kyc-record';
import { announce } from '../app-events';

export type View = 'capture' | 'queue' | 'batches' | 'operators' | 'audit' | 'settings' | 'connections';

/** What each screen needs the signed-in operator's role to allow. */
export const VIEW_PERMISSION: Record<View, Permission> = {
  capture: 'records.capture',
  queue: 'records.view',
  // A batch holds many makers' records: a maker follows their own in the queue instead.
  batches: 'records.viewAll',
  operators: 'operators.manage',
  audit: 'audit.view',
  settings: 'settings.manage',
  connections: 'connections.manage',
};

/** Whether the operator reads every maker's records and the batches (checkers, admins), or only their own. */
export function mayViewAll(session: SessionStateView | null): boolean {
  return session?.operator ? can(session.operator.role, 'records.viewAll') : false;
}

/** Where an operator lands after signing in: a maker captures, everyone else starts at the queue. */
function homeView(session: SessionStateView): View {
  return session.operator && can(session.operator.role, 'records.capture') ? 'capture' : 'queue';
}

interface AppState {
  api: KycDeskApi | null;
  info: ResponseOf<'app.info'> | null;
  session: SessionStateView | null;
  view: View;
  /** A problem that stops the app working (no bridge, lost connection). */
  problem: string | null;
  /** The last failed action, shown where the operator will see it. */
  actionError: AppError | null;
  records: { items: RecordSummary[]; total: number; counts: Record<string, number> };
  /** The queue's filter and page; main filters, sorts and pages, the renderer holds one page. */
  queueQuery: QueueQuery;
  setQueueQuery(change: Partial<QueueQuery>): Promise<void>;
  batches: BatchSummary[];
  openBatch: BatchDetail | null;
  syncNotice: string | null;
  syncing: boolean;
  /** The record open for review beside the queue (records.get): fields and images. */
  openRecord: ResponseOf<'records.get'> | null;
  showRecord(id: string | null): Promise<void>;
  /** Reload the open record after an action changed it (approve, reject). */
  refreshOpenRecord(): Promise<void>;
  /**
   * A checker sends failed records again: they become ready for the next batch. The outcome
   * (how many were marked, each refusal with its reason) is also the queue's notice.
   */
  markReady(ids: string[]): Promise<MarkReadyOutcome>;
  /** The way out to the registry (sync.status), kept live by the 'sync-status' event; null until loaded. */
  syncStatus: SyncStatus | null;
  /** Why the sync status could not be read, when it could not. */
  syncStatusProblem: string | null;
  refreshSyncStatus(): Promise<void>;
  /** A newer status from an action (an admin changed the route). */
  setSyncStatus(status: SyncStatus): void;
  /** Live upload progress of batch ZIPs, by batch id, from 'batch-progress' events. */
  batchProgress: Readonly<Record<string, BatchProgress>>;
  /** A stored record the maker opened to change: the capture flow starts from it, not from a blank. */
  editing: { id: string; reference: string; record: KycRecord; registryErrors?: Record<string, string> | null } | null;

  connect(api: KycDeskApi): Promise<void>;
  /** Apply a session answer (sign-in, switch, lock …) and reload what the new operator may see. */
  applySession(session: SessionStateView): Promise<void>;
  refreshSession(): Promise<void>;
  setProblem(problem: string): void;
  setView(view: View): void;
  refreshRecords(): Promise<void>;
  refreshBatches(): Promise<void>;
  startSync(): Promise<void>;
  /** Approve records; refusals (e.g. a checker's own capture) are shown with their reasons. */
  approve(ids: string[]): Promise<void>;
  reject(id: string, reason: string): Promise<boolean>;
  showBatch(id: string | null): Promise<void>;
  clearActionError(): void;
  /** Load a stored record (records.get) and open it in the capture flow. */
  editRecord(id: string): Promise<void>;
  /** The capture flow saved or abandoned the edit. */
  finishEditing(): void;
}

const PAGE = { page: 1, pageSize: 100 };

export type MarkReadyOutcome = { ok: true; notice: string } | { ok: false; error: AppError };

export interface BatchProgress {
  sentBytes: number;
  totalBytes: number;
}

/** What a bulk action did, then each refusal by reference with its reason. */
function bulkNotice(done: string, refused: ReadonlyArray<{ reference: string; message: string }>): string {
  return [done, ...refused.map((refusal) => `${refusal.reference}: ${refusal.message}`)].filter(Boolean).join(' ');
}

export interface QueueQuery {
  page: number;
  state?: RecordState;
  search?: string;
  from?: string;
  to?: string;
  onlyMine?: boolean;
  /** Another operator's captures (an operator id); "only mine" wins when both are set. */
  createdBy?: string;
}

export const useAppStore = create<AppState>((set, get) => ({
  api: null,
  info: null,
  session: null,
  view: 'capture',
  problem: null,
  actionError: null,
  records: { items: [], total: 0, counts: {} },
  queueQuery: { page: 1 },
  batches: [],
  openBatch: null,
  syncNotice: null,
  syncing: false,
  editing: null,
  openRecord: null,
  syncStatus: null,
  syncStatusProblem: null,
  batchProgress: {},

  async connect(api) {
    set({ api });
    const info = await api.invoke('app.info', {});
    if (!info.ok) {
      set({ problem: info.error.message });
      return;
    }
    set({ info: info.value });
    api.on('session-changed', () => void get().refreshSession());
    api.on('record-saved', () => void get().refreshRecords());
    api.on('batch-updated', () => {
      void get().refreshRecords();
      void get().refreshBatches();
      void get().refreshSyncStatus();
    });
    api.on('batch-progress', ({ id, sentBytes, totalBytes }) => {
      set({ batchProgress: { ...get().batchProgress, [id]: { sentBytes, totalBytes } } });
    });
    api.on('sync-status', (status) => {
      // Only for a signed-in (or locked) session: signed out, nothing of the registry is shown.
      if (get().session?.operator) set({ syncStatus: status, syncStatusProblem: null });
    });
    api.on('sync-finished', ({ state, succeeded, failed }) => {
      // A maker cannot open batches; their records' new states reach them with the queue's refresh.
      if (!mayViewAll(get().session)) {
        void get().refreshRecords().then(() => announce('sync-finished'));
        return;
      }
      // Replace "Sending …" with the outcome, so the notice never reports a finished batch as under way.
      const outcome =
        state === 'send_failed'
          ? 'The batch could not be sent; its records are ready again. See Batches for the reason.'
          : `A batch finished: ${succeeded} succeeded, ${failed} failed.`;
      set({ syncNotice: outcome });
      void Promise.all([get().refreshRecords(), get().refreshBatches(), get().refreshSyncStatus()]).then(() => announce('sync-finished'));
    });
    await get().refreshSession();
    announce('app-ready');
  },

  async applySession(session) {
    const previous = get().session;
    const operatorChanged = previous?.operator?.id !== session.operator?.id || previous?.state !== session.state;
    set({ session });
    if (session.state === 'signed_out') set({ syncStatus: null, syncStatusProblem: null, batchProgress: {} });
    if (session.state !== 'signed_in' || !session.operator) return;
    if (operatorChanged) {
      const view = get().view;
      if (previous?.operator?.id !== session.operator.id || !can(session.operator.role, VIEW_PERMISSION[view])) set({ view: homeView(session) });
      set({ openBatch: null, openRecord: null, editing: null, syncNotice: null, actionError: null, queueQuery: { page: 1 } });
      if (can(session.operator.role, 'records.view')) await Promise.all([get().refreshRecords(), get().refreshBatches(), get().refreshSyncStatus()]);
      announce('session-ready');
    }
  },

  async refreshSession() {
    const api = get().api;
    if (!api) return;
    const result = await api.invoke('session.state', {});
    if (result.ok) await get().applySession(result.value);
    else set({ problem: result.error.message });
  },

  setProblem(problem) {
    set({ problem });
  },

  setView(view) {
    set({ view, actionError: null });
  },

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

  async refreshBatches() {
    const api = get().api;
    // Main refuses batches to a maker; asking would only put a refusal on their screen.
    if (!api || !mayViewAll(get().session)) return;
    const result = await api.invoke('batches.list', PAGE);
    if (!result.ok) {
      if (result.error.code === 'SIGNED_OUT') await get().refreshSession();
      else set({ actionError: result.error });
      return;
    }
    const items = result.value.items;
    // Live progress is kept only for batches still sending their file; the list holds the rest.
    const uploading = new Set(items.filter((batch) => batch.state === 'uploading').map((batch) => batch.id));
    const progress = Object.fromEntries(Object.entries(get().batchProgress).filter(([id]) => uploading.has(id)));
    set({ batches: items, batchProgress: progress });
    const open = get().openBatch;
    if (open) await get().showBatch(open.id);
  },

  async startSync() {
    const api = get().api;
    if (!api || get().syncing) return;
    set({ syncing: true, actionError: null });
    try {
      const result = await api.invoke('sync.start', {});
      if (!result.ok) {
        set({ actionError: result.error });
        return;
      }
      set({ syncNotice: result.value.message });
      await Promise.all([get().refreshRecords(), get().refreshBatches()]);
      if (result.value.batchId) await get().showBatch(result.value.batchId);
    } finally {
      set({ syncing: false });
    }
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

  async showBatch(id) {
    const api = get().api;
    if (!api || id === null) {
      set({ openBatch: null });
      return;
    }
    const result = await api.invoke('batches.get', { id });
    if (result.ok) set({ openBatch: result.value });
    else set({ actionError: result.error });
  },

  clearActionError() {
    set({ actionError: null });
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

  async refreshSyncStatus() {
    const api = get().api;
    if (!api) return;
    const result = await api.invoke('sync.status', {});
    if (result.ok) set({ syncStatus: result.value, syncStatusProblem: null });
    else if (result.error.code === 'SIGNED_OUT') await get().refreshSession();
    // Kept beside the indicator, not as the screen's alert: the work on screen is not affected.
    else set({ syncStatusProblem: result.error.message });
  },

  setSyncStatus(status) {
    set({ syncStatus: status, syncStatusProblem: null });
  },

  async editRecord(id) {
    const api = get().api;
    if (!api) return;
    const result = await api.invoke('records.get', { id });
    if (!result.ok) {
      set({ actionError: result.error });
      return;
    }
    set({ editing: { id, reference: result.value.summary.reference, record: result.value.record, registryErrors: result.value.registryErrors }, view: 'capture', actionError: null });
    announce('record-opened');
  },

  finishEditing() {
    set({ editing: null });
  },
}));

import type { BatchDetail, BatchSummary, KycDeskApi, RecordSummary, RegistryRequestsQuery, ResponseOf, SessionStateView, SyncStatus } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import type { KycRecord } from '../../../shared/record/kyc-record';
import type { AnyKindRecord } from '../../../shared/record-kinds';
import type { RecordState } from '../../../shared/sync/states';

// The store's shape, slice by slice. Types only: each slice reads the whole state through get(), so
// the slices and the store that joins them all import from here and never from each other.

export type View = 'capture' | 'capture-uae' | 'queue' | 'batches' | 'registry' | 'fetch' | 'video-kyc' | 'uae-cdp' | 'bulk-update' | 'operators' | 'audit' | 'settings' | 'connections';

/** The bridge to main, the signed-in operator, the screen shown, and what went wrong. */
export interface SessionSlice {
  api: KycDeskApi | null;
  info: ResponseOf<'app.info'> | null;
  session: SessionStateView | null;
  view: View;
  /** A problem that stops the app working (no bridge, lost connection). */
  problem: string | null;
  /** The last failed action, shown where the operator will see it. */
  actionError: AppError | null;
  connect(api: KycDeskApi): Promise<void>;
  /** Apply a session answer (sign-in, switch, lock …) and reload what the new operator may see. */
  applySession(session: SessionStateView): Promise<void>;
  refreshSession(): Promise<void>;
  setProblem(problem: string): void;
  setView(view: View): void;
  clearActionError(): void;
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

export type MarkReadyOutcome = { ok: true; notice: string } | { ok: false; error: AppError };

/** The queue's page of records, the record open for review or for editing, and the checker's actions on them. */
export interface RecordsSlice {
  records: { items: RecordSummary[]; total: number; counts: Record<string, number> };
  /** The queue's filter and page; main filters, sorts and pages, the renderer holds one page. */
  queueQuery: QueueQuery;
  setQueueQuery(change: Partial<QueueQuery>): Promise<void>;
  refreshRecords(): Promise<void>;
  /** The record open for review beside the queue (records.get): fields and images. */
  openRecord: ResponseOf<'records.get'> | null;
  showRecord(id: string | null): Promise<void>;
  /** Reload the open record after an action changed it (approve, reject). */
  refreshOpenRecord(): Promise<void>;
  /** Approve records; refusals (e.g. a checker's own capture) are shown with their reasons. */
  approve(ids: string[]): Promise<void>;
  reject(id: string, reason: string): Promise<boolean>;
  /**
   * A checker sends failed records again: they become ready for the next batch. The outcome
   * (how many were marked, each refusal with its reason) is also the queue's notice.
   */
  markReady(ids: string[]): Promise<MarkReadyOutcome>;
  /** A stored record the maker opened to change: the capture flow starts from it, not from a blank. */
  editing: { id: string; reference: string; kind?: string; record: AnyKindRecord; registryErrors?: Record<string, string> | null } | null;
  /**
   * An update started from a person fetched from CKYC: the capture flow opens with the registry's
   * copy (application type Update, the CKYC number) as a new record, and Review shows what differs.
   */
  updateFrom: { ckycNumber: string; record: KycRecord } | null;
  /**
   * A download request to open on the Fetch from CKYC screen: a queue row or a Registry entry asked
   * for it. The screen opens it and clears this.
   */
  fetchFocus: string | null;
  /** Go to the Fetch from CKYC screen with this download request open (its people and results). */
  openFetchRequest(id: string): void;
  /** Load a stored record (records.get) and open it in the capture flow. */
  editRecord(id: string): Promise<void>;
  /** The capture flow saved or abandoned the edit. */
  finishEditing(): void;
}

export interface BatchProgress {
  sentBytes: number;
  totalBytes: number;
}

/** The batches sent to the registry, the one open beside the list, and live upload progress. */
export interface BatchesSlice {
  batches: BatchSummary[];
  openBatch: BatchDetail | null;
  /** Live upload progress of batch ZIPs, by batch id, from 'batch-progress' events. */
  batchProgress: Readonly<Record<string, BatchProgress>>;
  refreshBatches(): Promise<void>;
  showBatch(id: string | null): Promise<void>;
}

/** The way out to the registry: starting a sync, its notice, and the live route status. */
export interface SyncSlice {
  syncNotice: string | null;
  syncing: boolean;
  startSync(): Promise<void>;
  /** The way out to the registry (sync.status), kept live by the 'sync-status' event; null until loaded. */
  syncStatus: SyncStatus | null;
  /** Why the sync status could not be read, when it could not. */
  syncStatusProblem: string | null;
  refreshSyncStatus(): Promise<void>;
  /** A newer status from an action (an admin changed the route). */
  setSyncStatus(status: SyncStatus): void;
}

/**
 * The Registry screen's list of requests, as the registry pages and filters it: the query, the
 * page main answered, and why the registry could not be read (shown on that screen, not as the
 * app's last action error).
 */
export interface RegistrySlice {
  registryQuery: RegistryRequestsQuery;
  registryPage: ResponseOf<'registry.requests'> | null;
  registryProblem: string | null;
  registryLoading: boolean;
  /** Change the filters (back to page 1 unless a page is given) and read that page. */
  setRegistryQuery(change: Partial<RegistryRequestsQuery>): Promise<void>;
  refreshRegistryRequests(): Promise<void>;
}

export type AppState = SessionSlice & RecordsSlice & BatchesSlice & SyncSlice & RegistrySlice;

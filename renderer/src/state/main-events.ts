import type { KycDeskApi } from '../../../shared/contract';
import { announce } from '../app-events';
import type { AppState } from './shape';
import { mayViewAll } from './views';

type Get = () => AppState;
type Set = (partial: Partial<AppState>) => void;

/** Keep the store in step with main's events: session changes, saved records, batch and sync news. */
export function listenToMain(api: KycDeskApi, get: Get, set: Set): void {
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
}

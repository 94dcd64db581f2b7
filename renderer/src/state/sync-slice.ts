import type { StateCreator } from 'zustand';
import type { AppState, SyncSlice } from './shape';

export const createSyncSlice: StateCreator<AppState, [], [], SyncSlice> = (set, get) => ({
  syncNotice: null,
  syncing: false,
  syncStatus: null,
  syncStatusProblem: null,

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
});

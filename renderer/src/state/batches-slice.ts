import type { StateCreator } from 'zustand';
import type { AppState, BatchesSlice } from './shape';
import { mayViewAll, PAGE } from './views';

export const createBatchesSlice: StateCreator<AppState, [], [], BatchesSlice> = (set, get) => ({
  batches: [],
  openBatch: null,
  batchProgress: {},

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
});

import type { StateCreator } from 'zustand';
import type { AppState, RegistrySlice } from './shape';
import { mayViewAll } from './views';

/** A page as large as the registry gives (page_size ≤ 100, our reading of seed 000). */
export const REGISTRY_PAGE_SIZE = 100;

export const createRegistrySlice: StateCreator<AppState, [], [], RegistrySlice> = (set, get) => ({
  registryQuery: { page: 1, pageSize: REGISTRY_PAGE_SIZE, statusType: 'upload' },
  registryPage: null,
  registryProblem: null,
  registryLoading: false,

  async setRegistryQuery(change) {
    set({ registryQuery: { ...get().registryQuery, page: 1, ...change } });
    await get().refreshRegistryRequests();
  },

  async refreshRegistryRequests() {
    const api = get().api;
    if (!api || !mayViewAll(get().session)) return;
    const query = get().registryQuery;
    set({ registryLoading: true });
    const result = await api.invoke('registry.requests', query);
    // An answer to a query since replaced (a filter changed while it was on its way) is dropped.
    if (get().registryQuery !== query) return;
    if (result.ok) {
      set({ registryPage: result.value, registryProblem: null, registryLoading: false });
      return;
    }
    if (result.error.code === 'SIGNED_OUT') await get().refreshSession();
    // The last page stays on screen under the message: what was read is not lost by a failed read.
    set({ registryProblem: result.error.message, registryLoading: false });
  },
});

import type { StateCreator } from 'zustand';
import { can } from '../../../shared/operators/roles';
import { announce } from '../app-events';
import { listenToMain } from './main-events';
import type { AppState, SessionSlice } from './shape';
import { homeView, VIEW_PERMISSION } from './views';

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set, get) => ({
  api: null,
  info: null,
  session: null,
  view: 'capture',
  problem: null,
  actionError: null,

  async connect(api) {
    set({ api });
    const info = await api.invoke('app.info', {});
    if (!info.ok) {
      set({ problem: info.error.message });
      return;
    }
    set({ info: info.value });
    listenToMain(api, get, set);
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
      // What the previous operator had open or was told belongs to them, not to the new one.
      set({ openBatch: null, openRecord: null, editing: null, fetchFocus: null, syncNotice: null, actionError: null, queueQuery: { page: 1 }, registryPage: null, registryProblem: null });
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

  clearActionError() {
    set({ actionError: null });
  },
});

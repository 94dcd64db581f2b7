// The renderer's state: one zustand store made of slices, one file per capability —
//   session-slice  the bridge, the signed-in operator, the screen shown, the last error
//   records-slice  the queue's page and filters, the record open for review or editing, approve/reject/send again
//   batches-slice  the batch list, the open batch, live upload progress
//   sync-slice     starting a sync, its notice, the route status
//   registry-slice the Registry screen's page of the registry's own requests
// One store rather than one per slice, because the slices are not independent: a new operator clears the
// queue, the open batch and the notice together; the events from main refresh records, batches and status
// at once; every action reports into the one actionError. With one store, each of those is one consistent
// change, and a component still reads a single field with `useAppStore((s) => s.field)`.
// The shape of each slice is in shape.ts (types only, so the slices never import one another).
import { create } from 'zustand';
import { createBatchesSlice } from './batches-slice';
import { createRecordsSlice } from './records-slice';
import { createSessionSlice } from './session-slice';
import type { AppState } from './shape';
import { createSyncSlice } from './sync-slice';
import { createRegistrySlice } from './registry-slice';

export type { BatchProgress, MarkReadyOutcome, QueueQuery, View } from './shape';
export { mayViewAll, VIEW_PERMISSION } from './views';

export const useAppStore = create<AppState>()((...slice) => ({
  ...createSessionSlice(...slice),
  ...createRecordsSlice(...slice),
  ...createBatchesSlice(...slice),
  ...createSyncSlice(...slice),
  ...createRegistrySlice(...slice),
}));

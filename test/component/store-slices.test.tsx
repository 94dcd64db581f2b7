import { describe, expect, it } from 'vitest';
import { createBatchesSlice } from '../../renderer/src/state/batches-slice';
import { createRecordsSlice } from '../../renderer/src/state/records-slice';
import { createSessionSlice } from '../../renderer/src/state/session-slice';
import { createSyncSlice } from '../../renderer/src/state/sync-slice';
import { createRegistrySlice } from '../../renderer/src/state/registry-slice';
import { useAppStore } from '../../renderer/src/state/app-store';

// The store spreads its slices into one object, where a member defined twice would silently replace the
// other: each member must come from exactly one slice.
describe('renderer store slices', () => {
  it('give every member of the store exactly once', () => {
    const store = useAppStore;
    const slices = { session: createSessionSlice, records: createRecordsSlice, batches: createBatchesSlice, sync: createSyncSlice, registry: createRegistrySlice };
    const owner = new Map<string, string[]>();
    for (const [name, create] of Object.entries(slices)) {
      for (const key of Object.keys(create(store.setState, store.getState, store))) owner.set(key, [...(owner.get(key) ?? []), name]);
    }
    const twice = [...owner].filter(([, names]) => names.length > 1).map(([key, names]) => `${key} (${names.join(', ')})`);
    expect(twice).toEqual([]);
    expect([...owner.keys()].sort()).toEqual(Object.keys(store.getState()).sort());
  });
});

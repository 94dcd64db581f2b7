import type { Store } from '../store/database';
import type { BatchState } from '../../shared/sync/states';

export interface LocalBatchLink {
  id: string;
  state: BatchState;
}

/**
 * The records each named batch carried (for a download batch: its fetch requests), by batch id,
 * in the order they were put in it. One query for the whole page.
 */
export function recordsOfBatches(store: Store, batchIds: readonly string[]): Map<string, Array<{ id: string; reference: string }>> {
  const byBatch = new Map<string, Array<{ id: string; reference: string }>>();
  if (batchIds.length === 0) return byBatch;
  const rows = store.all(`SELECT batch_id, record_id, reference FROM batch_records WHERE batch_id IN (${batchIds.map(() => '?').join(', ')}) ORDER BY rowid`, [...batchIds]);
  for (const row of rows) {
    const list = byBatch.get(String(row.batch_id)) ?? [];
    list.push({ id: String(row.record_id), reference: String(row.reference) });
    byBatch.set(String(row.batch_id), list);
  }
  return byBatch;
}

/**
 * Which entries of a registry page are batches this store sent: the same batch file name (ours,
 * unique, sent at initialize) or, for a batch whose name the registry did not echo, the same
 * client id. One query for the whole page, on the batches table's unique name index.
 */
export function linkLocalBatches(store: Store, entries: ReadonlyArray<{ clientId: string; batchFileName: string | null }>): Map<string, LocalBatchLink> {
  const links = new Map<string, LocalBatchLink>();
  if (entries.length === 0) return links;
  const names = entries.map((e) => e.batchFileName).filter((name): name is string => name !== null && name !== '');
  const ids = entries.map((e) => e.clientId);
  const marks = (n: number) => (n === 0 ? "''" : Array.from({ length: n }, () => '?').join(', '));
  const rows = store.all(`SELECT id, state, batch_file_name, client_id FROM batches WHERE batch_file_name IN (${marks(names.length)}) OR client_id IN (${marks(ids.length)})`, [...names, ...ids]);
  const byName = new Map<string, LocalBatchLink>();
  const byClientId = new Map<string, LocalBatchLink>();
  for (const row of rows) {
    const link = { id: String(row.id), state: String(row.state) as BatchState };
    byName.set(String(row.batch_file_name), link);
    if (row.client_id !== null && row.client_id !== undefined) byClientId.set(String(row.client_id), link);
  }
  for (const entry of entries) {
    const link = (entry.batchFileName ? byName.get(entry.batchFileName) : undefined) ?? byClientId.get(entry.clientId);
    if (link) links.set(entry.clientId, link);
  }
  return links;
}

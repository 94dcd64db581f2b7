import path from 'node:path';
import { EventHub } from '../../electron/app/event-hub';
import { CkycBulkClient } from '../../electron/connectors/ckyc-bulk/client';
import { silentLogger } from '../../electron/logging/logger';
import { RecordRepository } from '../../electron/records/record-repository';
import { RecordService } from '../../electron/records/record-service';
import { Store } from '../../electron/store/database';
import { BatchRepository } from '../../electron/sync/batch-repository';
import { SyncEngine } from '../../electron/sync/sync-engine';
import type { EventName } from '../../shared/contract';

export interface SyncHarness {
  store: Store;
  records: RecordRepository;
  batches: BatchRepository;
  service: RecordService;
  engine: SyncEngine;
  events: Array<{ event: EventName; payload: unknown }>;
  close(): Promise<void>;
}

/** The real store, repositories and engine, pointed at any server a test chooses. */
export async function openSyncHarness(dataDir: string, server: { url: string; token: string }, pollIntervalMs = 50): Promise<SyncHarness> {
  const { store } = await Store.open(path.join(dataDir, 'kyc-desk.sqlite'));
  const records = new RecordRepository(store);
  const batches = new BatchRepository(store);
  const hub = new EventHub();
  const events: SyncHarness['events'] = [];
  hub.subscribe((event, payload) => events.push({ event, payload }));
  const engine = new SyncEngine({
    store,
    records,
    batches,
    client: new CkycBulkClient({ baseUrl: server.url, token: server.token, timeoutMs: 1000 }),
    events: hub,
    logger: silentLogger,
    verifier: () => ({ name: 'A OFFICER', designation: 'OFFICER', branch: 'MAIN', employmentCode: 'E1', organization: 'BANK' }),
    pollIntervalMs,
    maxBatchRecords: 100,
    random: () => 0,
  });
  return {
    store,
    records,
    batches,
    service: new RecordService(store, records, () => new Date()),
    engine,
    events,
    close: async () => {
      await engine.stop();
      store.close();
    },
  };
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/audit/audit-log';
import { EventHub } from '../../electron/events/event-hub';
import type { Store } from '../../electron/store/database';
import { auditFinishedSyncs } from '../../electron/sync/finish-audit';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore } from '../support/test-store';

let temp: ReturnType<typeof makeTempDir>;
let store: Store;
beforeEach(async () => {
  temp = makeTempDir();
  store = (await openTestStore(temp.dir)).store;
});
afterEach(async () => {
  await store.close();
  temp.remove();
});

describe('the audit of a finished sync', () => {
  it('records the registry’s terminal answer once per batch, under KYC Desk itself, and ignores other events', () => {
    const events = new EventHub();
    const audit = new AuditLog(store);
    const stop = auditFinishedSyncs(events, audit);
    events.emit('record-saved', { id: 'record-1', state: 'ready' });
    events.emit('sync-finished', { batchId: 'batch-1', state: 'failed', succeeded: 3, failed: 1 });
    stop();
    events.emit('sync-finished', { batchId: 'batch-2', state: 'succeeded', succeeded: 1, failed: 0 });

    const { items } = audit.list({ page: 1, pageSize: 10 });
    expect(items.map((e) => ({ action: e.action, subject: e.subject, operatorId: e.operatorId, details: e.details }))).toEqual([
      { action: 'sync-finish', subject: 'batch-1', operatorId: null, details: { state: 'failed', succeeded: 3, failed: 1 } },
    ]);
  });
});

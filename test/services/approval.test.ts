import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/audit/audit-log';
import { makeTempDir } from '../support/temp-dir';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';

let temp: ReturnType<typeof makeTempDir>;
let h: SyncHarness;
beforeEach(async () => {
  temp = makeTempDir();
  h = await openSyncHarness(temp.dir, { url: 'http://127.0.0.1:9', token: 'unused' });
});
afterEach(async () => {
  await h.close();
  temp.remove();
});

describe('maker–checker', async () => {
  it('a saved record waits for approval and is not picked up by a sync', async () => {
    const saved = h.service.save({ record: await h.sample(1) }, h.maker);
    expect(saved.state).toBe('awaiting_approval');
    expect(h.records.find(saved.id)?.createdBy).toBe(h.maker.id);
    expect(h.startSync().recordCount).toBe(0);
  });

  it('a checker approves a maker’s record, which becomes ready and names its approver', async () => {
    const audit = new AuditLog(h.store);
    const saved = h.service.save({ record: await h.sample(2) }, h.maker);
    const outcome = h.service.approve([saved.id], h.checker, (reference) => audit.append({ actor: h.checker, action: 'record-approve', subject: reference }));
    expect(outcome).toEqual({ approved: [saved.reference], refused: [] });
    expect(h.records.find(saved.id)?.state).toBe('ready');
    expect(h.store.get('SELECT approved_by FROM records WHERE id = ?', [saved.id])?.approved_by).toBe(h.checker.id);
    expect(audit.list({ page: 1, pageSize: 10 }).items.map((e) => [e.action, e.subject])).toEqual([['record-approve', saved.reference]]);
  });

  it('nobody approves a record they captured; the others in the same request still go through', async () => {
    const own = h.service.save({ record: await h.sample(3) }, h.checker);
    const other = h.service.save({ record: await h.sample(4) }, h.maker);
    const outcome = h.service.approve([own.id, other.id], h.checker);
    expect(outcome.approved).toEqual([other.reference]);
    expect(outcome.refused).toEqual([{ reference: own.reference, message: 'You captured this record, so another operator must approve it.' }]);
    expect(h.records.find(own.id)?.state).toBe('awaiting_approval');
  });

  it('a maker cannot approve at all', async () => {
    const saved = h.service.save({ record: await h.sample(5) }, h.maker);
    expect(h.service.approve([saved.id], h.maker).refused[0]?.message).toMatch(/cannot approve records/);
  });

  it('a rejection needs a reason, which the maker then sees on the record', async () => {
    const saved = h.service.save({ record: await h.sample(6) }, h.maker);
    expect(() => h.service.reject(saved.id, '  ', h.checker)).toThrow(/Say why/);
    h.service.reject(saved.id, 'Photograph   is blurred', h.checker);
    const record = h.records.find(saved.id)!;
    expect(record.state).toBe('rejected');
    expect(record.message).toBe(`Rejected by ${h.checker.name}: Photograph is blurred`);
    expect(h.service.approve([saved.id], h.checker).refused[0]?.message).toMatch(/not waiting for approval/);
  });
});

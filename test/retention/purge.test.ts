import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditLog } from '../../electron/audit/audit-log';
import { SendHistory } from '../../electron/bulk-update/send-history';
import type { Logger } from '../../electron/logging/logger';
import { DAY_MS, PENDING_FILE_DELETIONS_KEY, PURGE_INTERVAL_MS, RetentionPurge, type RetentionPurgeOptions } from '../../electron/retention/purge';
import { DEFAULT_RETENTION_DAYS, RETENTION_DAYS_KEY, RetentionSettings, readRetentionDays } from '../../electron/retention/retention-settings';
import type { Store } from '../../electron/store/database';
import { AppFailure } from '../../shared/errors';
import type { OperatorProfile, Role } from '../../shared/operators/roles';
import type { RecordState } from '../../shared/sync/states';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore } from '../support/test-store';

const NOW = Date.parse('2026-11-22T10:00:00.000Z');
const daysAgo = (days: number, from = NOW) => new Date(from - days * DAY_MS).toISOString();

let temp: ReturnType<typeof makeTempDir>;
let dir: string;
let store: Store;
let audit: AuditLog;
let now: number;
let deleted: string[][];
let warnings: string[];

const logger: Logger = {
  debug() {},
  info() {},
  warn: (message) => warnings.push(message),
  error: (message) => warnings.push(message),
};

beforeEach(async () => {
  temp = makeTempDir();
  dir = `${temp.dir}/store`;
  store = (await openTestStore(dir)).store;
  now = NOW;
  audit = new AuditLog(store, () => new Date(now));
  deleted = [];
  warnings = [];
});
afterEach(async () => {
  vi.useRealTimers();
  await store.close();
  temp.remove();
});

function operator(role: Role, overrides: Partial<OperatorProfile> = {}): OperatorProfile {
  return {
    id: `op_${role}`,
    name: `${role} operator`,
    employeeCode: `E_${role}`,
    designation: 'Officer',
    branch: 'Main',
    organisation: 'Bank',
    role,
    active: true,
    ...overrides,
  };
}

let serial = 0;
/** A record as migrations 1 + 2 define it, with just enough data to be a row. */
function insertRecord(id: string, state: RecordState, terminalAt: string | null): void {
  serial++;
  store.write(() =>
    store.run(
      `INSERT INTO records (id, reference, state, data, name, pan_masked, mobile_masked, created_at, updated_at, created_by, terminal_at)
       VALUES (?, ?, ?, '{}', ?, '••••••234F', '•••••••210', ?, ?, 'op_maker', ?)`,
      [id, `KD${String(serial).padStart(12, '0')}`, state, `Customer ${id}`, daysAgo(400), daysAgo(400), terminalAt],
    ),
  );
}

function insertDocument(hash: string, recordId: string | null): void {
  store.write(() =>
    store.run(`INSERT INTO documents (hash, record_id, kind, mime, bytes, created_at) VALUES (?, ?, 'photo', 'image/jpeg', 1234, ?)`, [hash, recordId, daysAgo(400)]),
  );
}

const hash = (c: string) => c.repeat(64);
const recordIds = () => store.all('SELECT id FROM records ORDER BY id').map((r) => String(r.id));
const documentHashes = () => store.all('SELECT hash FROM documents ORDER BY hash').map((r) => String(r.hash));
const purgeEntries = () => audit.list({ action: 'retention-purge', page: 1, pageSize: 10 }).items;

function makePurge(overrides: Partial<RetentionPurgeOptions> = {}): RetentionPurge {
  return new RetentionPurge({
    store,
    audit,
    clock: () => new Date(now),
    deleteDocumentFiles: (hashes) => {
      deleted.push([...hashes].sort());
    },
    logger,
    ...overrides,
  });
}

describe('retention purge', () => {
  beforeEach(() => {
    insertRecord('old_succeeded', 'succeeded', daysAgo(200));
    insertRecord('just_past', 'succeeded', daysAgo(180, NOW - 1));
    insertRecord('exactly_180', 'succeeded', daysAgo(180));
    insertRecord('recent_succeeded', 'succeeded', daysAgo(10));
    insertRecord('old_failed', 'failed', daysAgo(400));
    insertRecord('old_rejected', 'rejected', daysAgo(400));
    insertRecord('ready', 'ready', null);
    insertRecord('submitted', 'submitted', daysAgo(400));
    insertRecord('succeeded_no_time', 'succeeded', null);
    insertRecord('succeeded_garbage_time', 'succeeded', 'last year');
    // 12:00 IST is 06:30 UTC, before the cut-off of 10:00 UTC that day — though later as text.
    insertRecord('old_succeeded_ist', 'succeeded', '2026-05-26T12:00:00+05:30');
    insertDocument(hash('a'), 'old_succeeded');
    insertDocument(hash('b'), 'old_succeeded');
    insertDocument(hash('c'), 'recent_succeeded');
    insertDocument(hash('d'), 'old_failed');
    insertDocument(hash('e'), 'old_succeeded_ist');
    insertDocument(hash('f'), null);
  });

  it('deletes only succeeded records older than the period, and their documents; the callback gets their hashes', async () => {
    const result = await makePurge().runOnce();
    expect(result).toEqual({ purgedRecords: 3, purgedDocuments: 3, filesDeleted: 3, filesPending: 0 });
    expect(recordIds()).toEqual([
      'exactly_180',
      'old_failed',
      'old_rejected',
      'ready',
      'recent_succeeded',
      'submitted',
      'succeeded_garbage_time',
      'succeeded_no_time',
    ]);
    expect(documentHashes()).toEqual([hash('c'), hash('d'), hash('f')]);
    expect(deleted).toEqual([[hash('a'), hash('b'), hash('e')]]);
    expect(store.get('SELECT value FROM settings WHERE key = ?', [PENDING_FILE_DELETIONS_KEY])).toBeUndefined();
  });

  it('takes a purged bulk update’s send history with it, and leaves a kept one’s', async () => {
    const history = new SendHistory(store);
    store.write(() => {
      store.run(`INSERT INTO batch_records (batch_id, record_id, reference, state) VALUES ('batch_old', 'old_succeeded', 'KD1', 'succeeded')`);
      store.run(`INSERT INTO batch_records (batch_id, record_id, reference, state) VALUES ('batch_recent', 'recent_succeeded', 'KD4', 'succeeded')`);
    });
    for (const batch of ['batch_old', 'batch_recent']) history.end(batch, history.begin(batch, new Date(NOW)), 'answered');
    await makePurge().runOnce();
    expect(history.of('batch_old')).toEqual([]);
    expect(history.of('batch_recent')).toEqual([{ at: new Date(NOW).toISOString(), outcome: 'answered' }]);
    expect(store.all(`SELECT key FROM settings WHERE key LIKE 'bulkUpdate.sends.%'`).map((row) => row.key)).toEqual(['bulkUpdate.sends.batch_recent']);
  });

  it('is durable: after reopening the store the purged records are still gone', async () => {
    await makePurge().runOnce();
    await store.close();
    store = (await openTestStore(dir)).store;
    audit = new AuditLog(store);
    expect(recordIds()).not.toContain('old_succeeded');
    expect(recordIds()).toContain('recent_succeeded');
    expect(audit.verify()).toEqual({ ok: true, entries: 1 });
  });

  it('writes one audit entry with counts and no names or references, and the chain still verifies', async () => {
    audit.record({ actor: operator('admin'), action: 'sign-in' });
    await makePurge().runOnce();
    const entries = purgeEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      operatorId: null,
      operatorName: null,
      subject: null,
      details: { records: 3, documents: 3, retentionDays: 180, terminalBefore: daysAgo(180) },
    });
    const raw = JSON.stringify(store.all('SELECT * FROM audit_log'));
    expect(raw).not.toMatch(/Customer|old_succeeded|KD0000/);
    expect(audit.verify()).toEqual({ ok: true, entries: 2 });
  });

  it('with nothing due writes nothing, audits nothing and deletes no file', async () => {
    const purge = makePurge();
    await purge.runOnce();
    const write = vi.spyOn(store, 'write');
    expect(await purge.runOnce()).toEqual({ purgedRecords: 0, purgedDocuments: 0, filesDeleted: 0, filesPending: 0 });
    expect(write).not.toHaveBeenCalled();
    expect(purgeEntries()).toHaveLength(1);
    expect(deleted).toHaveLength(1);
  });

  it('follows the retention period in settings', async () => {
    new RetentionSettings(store, audit).setDays(operator('admin'), 5);
    const result = await makePurge().runOnce();
    expect(result.purgedRecords).toBe(5); // the three above, plus 180 days exactly and 10 days ago
    expect(recordIds()).not.toContain('recent_succeeded');
    expect(recordIds()).toEqual(expect.arrayContaining(['old_failed', 'ready', 'submitted', 'succeeded_no_time']));
    expect(purgeEntries()[0]!.details).toMatchObject({ retentionDays: 5 });
  });

  it('keeps the purge when deleting the files fails, reports it, and retries the files next run', async () => {
    let failures = 1;
    const deleteDocumentFiles = async (hashes: string[]) => {
      if (failures-- > 0) throw Object.assign(new Error('EBUSY: file in use'), { code: 'EBUSY' });
      deleted.push([...hashes].sort());
    };
    const first = await makePurge({ deleteDocumentFiles }).runOnce();
    expect(first).toEqual({ purgedRecords: 3, purgedDocuments: 3, filesDeleted: 0, filesPending: 3 });
    expect(recordIds()).not.toContain('old_succeeded');
    expect(documentHashes()).toEqual([hash('c'), hash('d'), hash('f')]);
    expect(purgeEntries()).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/could not be deleted/);
    expect(deleted).toEqual([]);

    // The list of files to delete survives a restart.
    await store.close();
    store = (await openTestStore(dir)).store;
    audit = new AuditLog(store, () => new Date(now));
    const second = await makePurge({ deleteDocumentFiles }).runOnce();
    expect(second).toEqual({ purgedRecords: 0, purgedDocuments: 0, filesDeleted: 3, filesPending: 0 });
    expect(deleted).toEqual([[hash('a'), hash('b'), hash('e')]]);
    expect(store.get('SELECT value FROM settings WHERE key = ?', [PENDING_FILE_DELETIONS_KEY])).toBeUndefined();
    expect(audit.verify()).toEqual({ ok: true, entries: 1 });

    const third = await makePurge().runOnce();
    expect(third.filesDeleted).toBe(0);
    expect(deleted).toHaveLength(1);
  });

  it('also keeps the purge when the callback throws synchronously', async () => {
    const result = await makePurge({
      deleteDocumentFiles: () => {
        throw new Error('EACCES');
      },
    }).runOnce();
    expect(result).toMatchObject({ purgedRecords: 3, filesPending: 3 });
    expect(recordIds()).not.toContain('old_succeeded');
  });

  it('does not delete a pending file whose content was captured again for another record meanwhile', async () => {
    await makePurge({
      deleteDocumentFiles: () => {
        throw new Error('EBUSY');
      },
    }).runOnce();
    insertDocument(hash('a'), 'recent_succeeded');
    const result = await makePurge().runOnce();
    expect(deleted).toEqual([[hash('b'), hash('e')]]);
    expect(result).toMatchObject({ filesDeleted: 2, filesPending: 0 });
    expect(store.get('SELECT value FROM settings WHERE key = ?', [PENDING_FILE_DELETIONS_KEY])).toBeUndefined();
  });

  it('shares a run already under way instead of starting a second one', async () => {
    let release!: () => void;
    const calls: string[][] = [];
    const purge = makePurge({
      deleteDocumentFiles: (hashes) => {
        calls.push(hashes);
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    const a = purge.runOnce();
    const b = purge.runOnce();
    expect(b).toBe(a);
    release();
    await a;
    expect(calls).toHaveLength(1);
    expect(purgeEntries()).toHaveLength(1);
  });

  it('lists files on disk that no documents row references', () => {
    const purge = makePurge();
    expect(purge.orphanFiles([hash('a'), hash('c'), hash('9'), hash('f'), hash('8')])).toEqual([hash('9'), hash('8')]);
    expect(purge.orphanFiles([])).toEqual([]);
  });
});

describe('retention purge schedule', () => {
  it('runs at once, then every 24 hours, until stopped', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // Due 12 hours from now: not at the first run, purged at the second.
    insertRecord('due_tomorrow', 'succeeded', new Date(NOW - 180 * DAY_MS + 12 * 60 * 60 * 1000).toISOString());
    const purge = makePurge();
    const runs = vi.spyOn(purge, 'runOnce');
    const stop = purge.schedule({ setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) });
    expect(runs).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(recordIds()).toEqual(['due_tomorrow']);

    now += PURGE_INTERVAL_MS;
    await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS - 1);
    expect(runs).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toHaveBeenCalledTimes(2);
    expect(recordIds()).toEqual([]);

    await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);
    expect(runs).toHaveBeenCalledTimes(3);
    stop();
    await vi.advanceTimersByTimeAsync(3 * PURGE_INTERVAL_MS);
    expect(runs).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps its daily rhythm after a run that fails', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let calls = 0;
    const purge = makePurge({
      retentionDays: () => {
        if (calls++ === 0) throw new AppFailure('STORAGE_FAILED', 'disk refused');
        return 180;
      },
    });
    insertRecord('old', 'succeeded', daysAgo(300));
    const stop = purge.schedule({ setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) });
    await vi.advanceTimersByTimeAsync(0);
    expect(warnings.join('\n')).toMatch(/purge failed/);
    expect(recordIds()).toEqual(['old']);
    await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);
    expect(recordIds()).toEqual([]);
    stop();
  });
});

describe('retention settings', () => {
  it('reads 180 days by default, and the default again if the stored value is not a valid period', () => {
    const settings = new RetentionSettings(store, audit);
    expect(settings.days()).toBe(DEFAULT_RETENTION_DAYS);
    expect(DEFAULT_RETENTION_DAYS).toBe(180);
    for (const value of ['0', '-5', 'abc', '3651', '1.5', '']) {
      store.write(() => store.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [RETENTION_DAYS_KEY, value]));
      expect(readRetentionDays(store)).toBe(180);
    }
  });

  it('lets an admin set 1 to 3650 days, audited as a settings change', () => {
    const settings = new RetentionSettings(store, audit);
    expect(settings.setDays(operator('admin'), 30)).toBe(30);
    expect(settings.days()).toBe(30);
    expect(settings.setDays(operator('admin'), 1)).toBe(1);
    expect(settings.setDays(operator('admin'), 3650)).toBe(3650);
    const entries = audit.list({ action: 'settings-change', page: 1, pageSize: 10 }).items;
    expect(entries.map((e) => e.details)).toEqual([
      { from: 1, to: 3650 },
      { from: 30, to: 1 },
      { from: 180, to: 30 },
    ]);
    expect(entries[0]).toMatchObject({ operatorId: 'op_admin', operatorName: 'admin operator', subject: RETENTION_DAYS_KEY });
    // Same value again: nothing to record.
    settings.setDays(operator('admin'), 3650);
    expect(audit.list({ action: 'settings-change', page: 1, pageSize: 10 }).total).toBe(3);
    expect(audit.verify()).toEqual({ ok: true, entries: 3 });
  });

  it.each([[0], [3651], [1.5], [-1], [Number.NaN], [Number.POSITIVE_INFINITY], ['30' as unknown as number]])('refuses %s days and changes nothing', (days) => {
    const settings = new RetentionSettings(store, audit);
    let failure: unknown;
    try {
      settings.setDays(operator('admin'), days);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).code).toBe('VALIDATION_FAILED');
    expect((failure as AppFailure).fields).toEqual({ days: 'Enter a whole number of days from 1 to 3650.' });
    expect(settings.days()).toBe(180);
    expect(audit.list({ page: 1, pageSize: 10 }).total).toBe(0);
  });

  it.each([
    ['a maker', operator('maker')],
    ['a checker', operator('checker')],
    ['a deactivated admin', operator('admin', { active: false })],
  ])('refuses %s', (_who, actor) => {
    const settings = new RetentionSettings(store, audit);
    expect(() => settings.setDays(actor, 30)).toThrow(/Only a branch admin/);
    expect(settings.days()).toBe(180);
    expect(audit.list({ page: 1, pageSize: 10 }).total).toBe(0);
  });
});

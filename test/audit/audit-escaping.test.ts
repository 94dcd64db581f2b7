import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, entryHash } from '../../electron/audit/audit-log';
import type { Store } from '../../electron/store/database';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore } from '../support/test-store';

/**
 * Text someone typed at the sign-in screen reaches the audit trail as a failed sign-in's subject.
 * Invisible characters in it (bidi overrides, zero-width spaces, U+2028, U+0085) are stored,
 * listed and exported escaped, so no entry reads differently from what it holds.
 */
let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let audit: AuditLog;

beforeEach(async () => {
  temp = makeTempDir();
  store = (await openTestStore(`${temp.dir}/store`)).store;
  audit = new AuditLog(store, () => new Date('2026-11-22T10:00:00.000Z'));
});
afterEach(async () => {
  await store.close();
  temp.remove();
});

const readCsv = (text: string): string[][] => parse(text, { bom: true }) as string[][];
const RAW = /[\u202E\u200B\u2028\u0085\uFEFF]/;

describe('audit trail: invisible characters are shown escaped', () => {
  it('a failed sign-in subject with a right-to-left override is stored, listed and hashed escaped', () => {
    const written = audit.record({ actor: null, action: 'sign-in-failed', subject: 'ADMIN\u202E1ZYX\u200B' });
    expect(written.subject).toBe('ADMIN\\u202E1ZYX\\u200B');
    const row = store.get('SELECT subject FROM audit_log WHERE seq = ?', [written.seq]);
    expect(String(row?.subject)).toBe('ADMIN\\u202E1ZYX\\u200B');
    expect(audit.list({ page: 1, pageSize: 10 }).items[0]!.subject).toBe('ADMIN\\u202E1ZYX\\u200B');
    expect(audit.verify()).toEqual({ ok: true, entries: 1 });
  });

  it('details and operator names are escaped too; tabs and line breaks stay as typed', () => {
    const written = audit.record({ actor: { id: 'op_1', name: 'Asha\u2028Verma' }, action: 'settings-change', details: { note: 'a\u0085b\tc\nd' } });
    expect(written.operatorName).toBe('Asha\\u2028Verma');
    expect(written.details).toEqual({ note: 'a\\u0085b\tc\nd' });
  });

  it('the CSV export escapes entries written raw before escaping existed, and still verifies', () => {
    // An entry as an older KYC Desk wrote it: raw characters, correctly chained and hashed.
    const fields = { seq: 1, at: '2026-11-22T09:00:00.000Z', operatorId: null, operatorName: null, action: 'sign-in-failed', subject: 'E1\u202E42\uFEFF', details: { via: 'x\u2028y' }, prevHash: '0'.repeat(64) };
    const hash = entryHash(fields);
    store.write(() => {
      store.run('INSERT INTO audit_log (seq, at, operator_id, operator_name, action, subject, details, prev_hash, hash) VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, ?)', [
        1,
        fields.at,
        fields.action,
        fields.subject,
        JSON.stringify(fields.details),
        fields.prevHash,
        hash,
      ]);
      store.run("INSERT INTO settings (key, value) VALUES ('audit.head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [JSON.stringify({ seq: 1, hash })]);
    });
    audit.record({ actor: null, action: 'sign-in-failed', subject: 'X\u200BY' });
    expect(audit.verify()).toEqual({ ok: true, entries: 2 });
    const csv = audit.exportCsv();
    expect(csv.slice(1)).not.toMatch(RAW); // after the byte-order mark the export starts with
    const rows = readCsv(csv).slice(1);
    expect(rows.map((r) => r[4])).toEqual(['E1\\u202E42\\uFEFF', 'X\\u200BY']);
    expect(rows[0]![5]).toBe('{"via":"x\\u2028y"}');
  });
});

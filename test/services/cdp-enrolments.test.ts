import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/store/migrations';
import type { Store } from '../../electron/store/database';
import { CdpEnrolments } from '../../electron/uae-onboarding/cdp-enrolments';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore } from '../support/test-store';

/**
 * Schema 15's cdp_enrolments through its one owner, on the real encrypted store: a store at schema
 * 14 upgrades with its records kept; an answer written twice is one row (the second wins); a row is
 * never written for a record that is gone, and goes when its record goes (retention's delete);
 * a maker lists only the customers they captured; nothing of it is readable on disk.
 */
let temp: ReturnType<typeof makeTempDir>;
let dir: string;
beforeEach(() => {
  temp = makeTempDir();
  dir = path.join(temp.dir, 'store');
});
afterEach(() => temp.remove());

function addRecord(store: Store, id: string, createdBy: string): void {
  store.write(() =>
    store.run(
      `INSERT INTO records (id, reference, state, data, name, pan_masked, mobile_masked, created_by, created_at, updated_at, kind)
       VALUES (?, ?, 'submitted', '{}', ?, '', '', ?, '2026-12-01T08:00:00.000Z', '2026-12-01T08:00:00.000Z', 'uae-customer')`,
      [id, `KD${id.toUpperCase().padEnd(12, '0')}`, `CUSTOMER ${id.toUpperCase()}`, createdBy],
    ),
  );
}

const onboarded = (recordId: string, ecrn: string) =>
  ({ recordId, ecrn, customerStatus: 'ACTIVE', amlScanStatus: 'Accepted', pep: false, amlCategory: '2', idStatus: null, idExpiry: null, how: 'onboarded' }) as const;

describe('cdp_enrolments (schema 15)', () => {
  it('a store at schema 14 upgrades to 15 with its records, and the new table starts empty', async () => {
    const { store: old } = await openTestStore(dir, { migrations: MIGRATIONS.slice(0, 14) });
    addRecord(old, 'rec_a', 'op_maker');
    await old.close();
    const { store } = await openTestStore(dir);
    expect(store.schemaVersion).toBe(15);
    expect(store.get("SELECT kind FROM records WHERE id = 'rec_a'")?.kind).toBe('uae-customer');
    expect(store.all('SELECT * FROM cdp_enrolments')).toEqual([]);
    await store.close();
  });

  it('writes one row per record (the same answer twice rewrites it), never for a record that is gone, and drops it with its record', async () => {
    const { store } = await openTestStore(dir);
    const enrolments = new CdpEnrolments(store);
    addRecord(store, 'rec_a', 'op_maker');
    store.write(() => enrolments.note(onboarded('rec_a', '7841000000000001'), '2026-12-01T09:00:00.000Z'));
    store.write(() =>
      enrolments.note({ recordId: 'rec_a', ecrn: '7841000000000001', customerStatus: 'ACTIVE', amlScanStatus: 'Pending', pep: null, amlCategory: null, idStatus: 'VALID', idExpiry: '2099-08-07', how: 'found-after-doubt' }, '2026-12-01T09:05:00.000Z'),
    );
    expect(store.all('SELECT record_id FROM cdp_enrolments')).toHaveLength(1);
    expect(enrolments.find('rec_a')).toEqual({
      recordId: 'rec_a',
      ecrn: '7841000000000001',
      customerStatus: 'ACTIVE',
      amlScanStatus: 'Pending',
      pep: null,
      amlCategory: null,
      idStatus: 'VALID',
      idExpiry: '2099-08-07',
      how: 'found-after-doubt',
      notedAt: '2026-12-01T09:05:00.000Z',
    });

    store.write(() => enrolments.note(onboarded('rec_gone', '7841000000000002'), '2026-12-01T09:00:00.000Z'));
    expect(enrolments.find('rec_gone')).toBeUndefined();

    // A PEP 'yes' and 'no' read back as said; a refused how is refused by the table itself.
    addRecord(store, 'rec_b', 'op_maker');
    store.write(() => enrolments.note({ ...onboarded('rec_b', '7841000000000003'), pep: true }, '2026-12-01T09:10:00.000Z'));
    expect(enrolments.find('rec_b')?.pep).toBe(true);
    expect(() => store.write(() => store.run("UPDATE cdp_enrolments SET how = 'guessed' WHERE record_id = 'rec_b'"))).toThrow();
    expect(enrolments.find('rec_b')?.how).toBe('onboarded');

    store.write(() => store.run("DELETE FROM records WHERE id = 'rec_a'"));
    expect(enrolments.find('rec_a')).toBeUndefined();
    expect(enrolments.find('rec_b')?.ecrn).toBe('7841000000000003');
    await store.close();

    const onDisk = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f)).toString('latin1')).join('');
    expect(onDisk).not.toContain('7841000000000003');
    expect(onDisk).not.toContain('cdp_enrolments');
  });

  it('lists newest first with the record’s reference and name; a maker sees only the customers they captured', async () => {
    const { store } = await openTestStore(dir);
    const enrolments = new CdpEnrolments(store);
    addRecord(store, 'rec_a', 'op_one');
    addRecord(store, 'rec_b', 'op_two');
    addRecord(store, 'rec_c', 'op_one');
    store.write(() => {
      enrolments.note(onboarded('rec_a', '7841000000000011'), '2026-12-01T09:00:00.000Z');
      enrolments.note(onboarded('rec_b', '7841000000000012'), '2026-12-01T09:01:00.000Z');
      enrolments.note({ ...onboarded('rec_c', '7841000000000013'), how: 'found' }, '2026-12-01T09:02:00.000Z');
    });
    const all = enrolments.list({ kind: 'all' }, 2);
    expect(all.total).toBe(3);
    expect(all.items.map((e) => [e.ecrn, e.how, e.name])).toEqual([
      ['7841000000000013', 'found', 'CUSTOMER REC_C'],
      ['7841000000000012', 'onboarded', 'CUSTOMER REC_B'],
    ]);
    const own = enrolments.list({ kind: 'own', operatorId: 'op_one' }, 50);
    expect(own.total).toBe(2);
    expect(own.items.map((e) => e.recordId)).toEqual(['rec_c', 'rec_a']);
    await store.close();
  });
});

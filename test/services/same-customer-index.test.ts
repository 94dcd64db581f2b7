import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordRepository } from '../../electron/records/record-repository';
import { SameCustomerIndex } from '../../electron/records/same-customer/same-customer-index';
import type { Store } from '../../electron/store/database';
import { storedSample } from '../support/kyc-records';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore, testKey } from '../support/test-store';

/**
 * The index behind the same-customer look-up, on a real store: keyed hashes only, the registry's
 * CKYC numbers, records stored before it indexed at start-up, a deleted record's hashes gone, and
 * a look-up in a few milliseconds among 1,00,000 records.
 */
let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let records: RecordRepository;
beforeEach(async () => {
  temp = makeTempDir();
  ({ store } = await openTestStore(temp.dir));
  records = new RecordRepository(store);
});
afterEach(() => {
  store.close();
  temp.remove();
});

const NOW = '2026-11-20T10:00:00.000Z';

/** Sample `n` stored as an older version (or another path) stored it: in the records table, not in the index. */
function insertUnindexed(n: number, overrides: Parameters<typeof storedSample>[1] = {}): string {
  const id = `rec_${n}`;
  store.write(() => records.insert({ id, reference: `KD${String(n).padStart(12, '0')}`, state: 'awaiting_approval', record: storedSample(n, overrides), now: NOW, createdBy: 'op_1' }));
  return id;
}

describe('the same-customer index', () => {
  it('keeps keyed hashes only: no number in it, and another data key gives other hashes', () => {
    const index = new SameCustomerIndex(store, testKey(temp.dir));
    const id = insertUnindexed(7, { pan: 'AFZPM4821Q' });
    store.write(() => index.index(id, 'ckyc-individual', records.find(id)!.record));
    const rows = store.all('SELECT hash, field FROM record_identifiers ORDER BY field');
    expect(rows.map((row) => row.field)).toEqual(['identity', 'pan']);
    expect(JSON.stringify(rows)).not.toMatch(/AFZPM4821Q|J8369854|4821/);
    const other = new SameCustomerIndex(store, testKey('another PC'));
    expect(other.matchesOfFields({ pan: 'AFZPM4821Q' }, null)).toEqual([]);
    expect(index.matchesOfFields({ pan: 'AFZPM4821Q' }, null)).toMatchObject([{ recordId: id }]);
  });

  it('finds the CKYC number the registry gave a record, on its own column', () => {
    const index = new SameCustomerIndex(store, testKey(temp.dir));
    const id = insertUnindexed(8);
    store.write(() => store.run('UPDATE records SET ckyc_number = ? WHERE id = ?', ['50012345678901', id]));
    expect(index.matchesOfFields({ ckycNumber: '50012345678901' }, null)).toMatchObject([{ identifier: { field: 'ckycNumber', path: 'ckycNumber' }, recordId: id }]);
    expect(index.matchesOfFields({ ckycNumber: '5001234567890' }, null)).toEqual([]);
  });

  it('indexes records stored before it at start-up, a chunk per write, once', () => {
    const ids = [1, 2, 3, 4, 5].map((n) => insertUnindexed(n));
    const index = new SameCustomerIndex(store, testKey(temp.dir));
    expect(index.matchesOfFields({ pan: storedSample(3).pan }, null)).toEqual([]);
    expect(index.indexBacklog(2)).toBe(5);
    expect(index.indexBacklog(2)).toBe(0);
    expect(index.matchesOfFields({ pan: storedSample(3).pan }, null)).toMatchObject([{ recordId: ids[2] }]);
  });

  it('marks a record it cannot read as indexed, so start-up never tries it for ever', () => {
    insertUnindexed(1);
    store.write(() => store.run(`UPDATE records SET data = 'not json' WHERE id = 'rec_1'`));
    const index = new SameCustomerIndex(store, testKey(temp.dir));
    expect(index.indexBacklog()).toBe(1);
    expect(index.indexBacklog()).toBe(0);
  });

  it('forgets a deleted record (retention) with its record', () => {
    const index = new SameCustomerIndex(store, testKey(temp.dir));
    const id = insertUnindexed(9);
    index.indexBacklog();
    expect(Number(store.get('SELECT COUNT(*) AS n FROM record_identifiers')?.n)).toBe(2);
    store.write(() => store.run('DELETE FROM records WHERE id = ?', [id]));
    expect(Number(store.get('SELECT COUNT(*) AS n FROM record_identifiers')?.n)).toBe(0);
  });

  it('answers a look-up among 1,00,000 records in a few milliseconds', () => {
    // 1,00,000 records with a PAN and a passport each (their hashes random), then one known record.
    store.write(() => {
      store.run(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
        INSERT INTO records (id, reference, state, data, name, pan_masked, mobile_masked, created_at, updated_at, identity_indexed)
        SELECT 'bulk_' || i, 'KB' || printf('%012d', i), 'succeeded', '{}', 'BULK', '', '', '${NOW}', '${NOW}', 1 FROM n`);
      store.run(`INSERT INTO record_identifiers (hash, record_id, field) SELECT lower(hex(randomblob(32))), id, 'pan' FROM records`);
      store.run(`INSERT INTO record_identifiers (hash, record_id, field) SELECT lower(hex(randomblob(32))), id, 'identity' FROM records`);
    });
    const index = new SameCustomerIndex(store, testKey(temp.dir));
    const id = insertUnindexed(10, { pan: 'AFZPM4821Q' });
    index.indexBacklog();
    const typed = { pan: 'AFZPM4821Q', identityDocuments: [{ code: 'A', number: 'J0000000' }], ckycNumber: '50012345678901' };
    const times: number[] = [];
    for (let run = 0; run < 30; run++) {
      const started = performance.now();
      const found = index.matchesOfFields(typed, null);
      times.push(performance.now() - started);
      expect(found).toMatchObject([{ recordId: id }]);
    }
    times.sort((a, b) => a - b);
    const median = times[15]!;
    console.log(`same-customer look-up among 1,00,000 records: median ${median.toFixed(3)} ms`);
    expect(median).toBeLessThan(5);
  }, 60_000);
});

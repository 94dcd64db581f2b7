import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordRepository } from '../../electron/records/record-repository';
import { BROAD_REFERENCE_MATCHES, RECORD_ORDER, recordFilterSql, type RecordFilter } from '../../electron/records/record-query';
import { ALL_RECORDS, type RecordScope } from '../../electron/records/record-scope';
import type { Store } from '../../electron/store/database';
import type { RecordState } from '../../shared/sync/states';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore } from '../support/test-store';
import { storedSample } from '../support/kyc-records';

let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let repo: RecordRepository;

function add(n: number, options: { name: [string, string]; state: RecordState; createdBy: string; at: string; reference?: string }): void {
  const record = storedSample(n, { firstName: options.name[0], lastName: options.name[1] });
  repo.insert({ id: `rec_${n}`, reference: options.reference ?? `KD${String(n).padStart(12, '0')}`, state: options.state, record, now: options.at, createdBy: options.createdBy });
}

beforeEach(async () => {
  temp = makeTempDir();
  store = (await openTestStore(temp.dir)).store;
  repo = new RecordRepository(store);
  store.write(() => {
    add(1, { name: ['Asha', 'Verma'], state: 'ready', createdBy: 'op_a', at: '2026-11-01T05:00:00.000Z' });
    add(2, { name: ['Meera', 'Iyer'], state: 'failed', createdBy: 'op_b', at: '2026-11-02T05:00:00.000Z' });
    add(3, { name: ['Ravi', 'Iyer'], state: 'ready', createdBy: 'op_b', at: '2026-11-03T05:00:00.000Z' });
    add(4, { name: ['Priya', 'Percent'], state: 'succeeded', createdBy: 'op_a', at: '2026-11-04T05:00:00.000Z', reference: 'KDZZ00000000AB' });
  });
});
afterEach(async () => {
  await store.close();
  temp.remove();
});

const references = (filter: Parameters<RecordRepository['list']>[0], scope: RecordScope = ALL_RECORDS) => repo.list(filter, scope).items.map((r) => r.reference);
const page = { page: 1, pageSize: 50 };

describe('the queue’s query', () => {
  it('names the operators who captured records, for the "Captured by" filter', () => {
    store.write(() => {
      for (const [id, name] of [['op_a', 'Zoya Khan'], ['op_b', 'Arun Das'], ['op_c', 'Never Captured']] as const) {
        store.run(
          "INSERT INTO operators (id, name, employee_code, designation, branch, organisation, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, 'Officer', 'Main', 'Bank', 'maker', 'x', '2026-01-01', '2026-01-01')",
          [id, name, id],
        );
      }
    });
    expect(repo.makers(ALL_RECORDS)).toEqual([
      { id: 'op_b', name: 'Arun Das' },
      { id: 'op_a', name: 'Zoya Khan' },
    ]);
  });

  it('lists newest first and pages stably', () => {
    expect(references(page)).toEqual(['KDZZ00000000AB', 'KD000000000003', 'KD000000000002', 'KD000000000001']);
    expect(repo.list({ page: 2, pageSize: 3 }, ALL_RECORDS)).toMatchObject({ total: 4, items: [{ reference: 'KD000000000001' }] });
  });

  it('filters by state, by maker and by capture date, together', () => {
    expect(references({ ...page, state: 'ready' })).toEqual(['KD000000000003', 'KD000000000001']);
    expect(references({ ...page, createdBy: 'op_b' })).toEqual(['KD000000000003', 'KD000000000002']);
    expect(references({ ...page, state: 'ready', createdBy: 'op_b' })).toEqual(['KD000000000003']);
    // [from, to) in the branch's time zone: 2 and 3 November in India.
    expect(references({ ...page, from: '2026-11-02T00:00:00+05:30', to: '2026-11-04T00:00:00+05:30' })).toEqual(['KD000000000003', 'KD000000000002']);
  });

  it('searches names case-insensitively, and a reference by its start', () => {
    expect(references({ ...page, search: '  iyer ' })).toEqual(['KD000000000003', 'KD000000000002']);
    expect(references({ ...page, search: 'meera iyer' })).toEqual(['KD000000000002']);
    expect(references({ ...page, search: 'kdzz' })).toEqual(['KDZZ00000000AB']);
    expect(references({ ...page, search: 'KD000000000001' })).toEqual(['KD000000000001']);
  });

  it('treats % and _ in a search as plain characters', () => {
    expect(references({ ...page, search: '%' })).toEqual([]);
    expect(references({ ...page, search: 'I_ER' })).toEqual([]);
  });

  it('answers a broad reference prefix with the same rows either way it plans the query', () => {
    store.write(() => {
      for (let n = 10; n < 10 + BROAD_REFERENCE_MATCHES + 50; n++) add(n, { name: ['Bulk', 'Customer'], state: 'draft', createdBy: 'op_c', at: new Date(Date.parse('2026-10-01T00:00:00Z') + n * 1000).toISOString() });
    });
    const broad = repo.list({ page: 1, pageSize: 20, search: 'KD' }, ALL_RECORDS);
    expect(broad.total).toBe(4 + BROAD_REFERENCE_MATCHES + 50);
    const newestFirst = repo.list({ page: 1, pageSize: 20 }, ALL_RECORDS);
    expect(broad.items.map((r) => r.id)).toEqual(newestFirst.items.map((r) => r.id));
  });
});

describe('a maker’s queue: only the records they captured, answered on indexes', () => {
  const makerA: RecordScope = { kind: 'own', operatorId: 'op_a' };

  it('lists, counts, searches and names makers within the maker’s own records', () => {
    store.write(() => {
      store.run(
        "INSERT INTO operators (id, name, employee_code, designation, branch, organisation, role, password_hash, created_at, updated_at) VALUES ('op_a', 'Zoya Khan', 'op_a', 'Officer', 'Main', 'Bank', 'maker', 'x', '2026-01-01', '2026-01-01'), ('op_b', 'Arun Das', 'op_b', 'Officer', 'Main', 'Bank', 'maker', 'x', '2026-01-01', '2026-01-01')",
      );
    });
    expect(references(page, makerA)).toEqual(['KDZZ00000000AB', 'KD000000000001']);
    expect(repo.list(page, makerA).total).toBe(2);
    expect(repo.countsByState(makerA)).toMatchObject({ ready: 1, succeeded: 1, failed: 0 });
    // Another maker's records are not there, however they are asked for.
    expect(references({ ...page, search: 'iyer' }, makerA)).toEqual([]);
    expect(references({ ...page, search: 'KD000000000002' }, makerA)).toEqual([]);
    expect(references({ ...page, createdBy: 'op_b' }, makerA)).toEqual([]);
    expect(references({ ...page, state: 'failed' }, makerA)).toEqual([]);
    expect(repo.makers(makerA)).toEqual([{ id: 'op_a', name: 'Zoya Khan' }]);
    expect(repo.findInFull('rec_2', makerA)).toBeUndefined();
    expect(repo.findInFull('rec_1', makerA)?.summary.reference).toBe('KD000000000001');
  });

  it('answers every filter of a maker’s queue on a maker index, its counts from the index alone', () => {
    const plan = (sql: string, params: unknown[]) =>
      store
        .all(`EXPLAIN QUERY PLAN ${sql}`, params as never)
        .map((row) => String(row.detail))
        .join(' | ');
    const filters: RecordFilter[] = [{}, { state: 'ready' }, { search: 'iyer' }, { search: 'KD0000' }, { from: '2026-11-02T00:00:00Z', to: '2026-11-03T00:00:00Z' }];
    for (const filter of filters) {
      for (const broadReference of [false, true]) {
        const { where, params } = recordFilterSql(filter, makerA, { broadReference });
        const count = plan(`SELECT COUNT(*) AS n FROM records ${where}`, params);
        expect(count, JSON.stringify(filter)).toMatch(/USING COVERING INDEX records_creator_(queue|state) \(created_by=\?/);
        const pageRows = plan(`SELECT id, reference, name, pan_masked, mobile_masked, state, created_at, updated_at, batch_id, message FROM records ${where} ${RECORD_ORDER} LIMIT 100`, params);
        expect(pageRows, JSON.stringify(filter)).toMatch(/USING INDEX records_creator_(queue|state) \(created_by=\?/);
        expect(pageRows, JSON.stringify(filter)).not.toMatch(/TEMP B-TREE/);
      }
    }
    expect(plan('SELECT state, COUNT(*) AS n FROM records WHERE created_by = ? GROUP BY state', ['op_a'])).toMatch(/COVERING INDEX records_creator_state/);
  });
});

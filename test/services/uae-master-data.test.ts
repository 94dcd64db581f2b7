import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHIPPED_UAE_LISTS, putUaeListsInForce, uaeLists } from '../../shared/master-data/uae-lists';
import { validateUaeCustomer } from '../../shared/record-kinds/uae-customer';
import { AuditLog } from '../../electron/audit/audit-log';
import { UaeMasterData } from '../../electron/master-data/uae-master-data';
import type { Store } from '../../electron/store/database';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore } from '../support/test-store';
import { completeUaeCustomer, UAE_FIXTURE_TODAY } from '../support/uae-customers';

/** An admin imports the CDP's own code list over a shipped one (decision 0051): checked, kept encrypted, audited, in force at once and after a restart. */
const ADMIN = { id: 'op-admin', name: 'Training Admin' };
const OCCUPATIONS = JSON.stringify({ list: 'occupations', entries: [{ code: '2856', label: 'Accountant' }, { code: '3001', label: 'Driver' }] });

let temp: ReturnType<typeof makeTempDir>;
let store: Store;

beforeEach(async () => {
  temp = makeTempDir();
  store = (await openTestStore(temp.dir)).store;
});

afterEach(async () => {
  await store.close();
  temp.remove();
  putUaeListsInForce(SHIPPED_UAE_LISTS);
});

describe('the UAE code lists in force', () => {
  it('are the shipped ones until an import, which is in force at once for the record’s rules, audited, and read back after a restart', async () => {
    const audit = new AuditLog(store);
    const master = new UaeMasterData(store, audit, () => new Date('2026-12-05T06:00:00Z'));
    expect(master.putInForce().occupations).toEqual(SHIPPED_UAE_LISTS.occupations);
    const customer = { ...completeUaeCustomer(), occupation: '3001' };
    expect(validateUaeCustomer(customer, UAE_FIXTURE_TODAY).ok).toBe(false);

    const source = master.import('occupations', OCCUPATIONS, ADMIN);
    expect(source).toEqual({ list: 'occupations', title: 'Occupations', entries: 2, importedAt: '2026-12-05T06:00:00.000Z', importedBy: 'Training Admin' });
    expect(uaeLists().occupations.map((entry) => entry.label)).toEqual(['Accountant', 'Driver']);
    expect(validateUaeCustomer(customer, UAE_FIXTURE_TODAY).ok).toBe(true);
    const entry = audit.list({ page: 1, pageSize: 10 }).items[0]!;
    expect(entry).toMatchObject({ action: 'settings-change', subject: 'master-data.uae.occupations' });
    expect(audit.verify().ok).toBe(true);

    await store.close();
    putUaeListsInForce(SHIPPED_UAE_LISTS);
    store = (await openTestStore(temp.dir)).store;
    const reopened = new UaeMasterData(store, new AuditLog(store));
    expect(reopened.putInForce().occupations.map((e) => e.code)).toEqual(['2856', '3001']);
    expect(reopened.sources().find((s) => s.list === 'countries')).toMatchObject({ entries: 249, importedAt: null });
  });

  it('refuses a bad file with the reason and changes nothing: no entry in the audit trail, the list in force kept', () => {
    const audit = new AuditLog(store);
    const master = new UaeMasterData(store, audit);
    master.putInForce();
    const refusals = [
      ['<html><body>502 Bad Gateway</body></html>', 'it is not JSON, nor a CSV'],
      ['{"list":"occupations",', 'it is not JSON.'],
      [JSON.stringify({ list: 'countries', entries: [{ code: 'AE', label: 'UAE' }] }), 'not “Occupations”'],
      [JSON.stringify({ list: 'occupations', entries: [{ code: '1', label: 'A' }, { code: '1', label: 'B' }] }), 'The code 1 appears twice'],
      [`{"list":"occupations","entries":[${'{"code":"1","label":"A"},'.repeat(60_000)}]}`, 'too large for a code list'],
    ] as const;
    for (const [text, reason] of refusals) {
      expect(() => master.import('occupations', text, ADMIN)).toThrow(reason);
    }
    expect(audit.list({ page: 1, pageSize: 10 }).total).toBe(0);
    expect(uaeLists().occupations).toEqual(SHIPPED_UAE_LISTS.occupations);
  });

  it('takes the list as a CSV exported from a spreadsheet, with a code and a label column, and says what is wrong with one that is not', () => {
    const audit = new AuditLog(store);
    const master = new UaeMasterData(store, audit);
    const csv = '\uFEFFCode, Label ,Notes\r\n2856,Accountant,\r\n4100,"Nurse, registered",x\r\n\r\n';
    expect(master.import('occupations', csv, ADMIN)).toMatchObject({ entries: 2 });
    expect(uaeLists().occupations).toEqual([{ code: '2856', label: 'Accountant' }, { code: '4100', label: 'Nurse, registered' }]);
    expect(() => master.import('occupations', 'id;name\n1;A\n', ADMIN)).toThrow('nor a CSV whose first row names a “code” and a “label” column');
    expect(() => master.import('occupations', 'code,label\n1\n', ADMIN)).toThrow('Row 2 of this file has no label.');
    expect(() => master.import('occupations', 'code,label\n1,A\n1,B\n', ADMIN)).toThrow('The code 1 appears twice');
    expect(audit.list({ page: 1, pageSize: 10 }).total).toBe(1);
  });

  it('goes back to the shipped list on an admin’s word, audited', () => {
    const audit = new AuditLog(store);
    const master = new UaeMasterData(store, audit);
    master.import('occupations', OCCUPATIONS, ADMIN);
    expect(master.revert('occupations', ADMIN)).toMatchObject({ entries: SHIPPED_UAE_LISTS.occupations.length, importedAt: null });
    expect(uaeLists().occupations).toEqual(SHIPPED_UAE_LISTS.occupations);
    expect(audit.list({ page: 1, pageSize: 10 }).total).toBe(2);
  });
});

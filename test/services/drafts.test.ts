import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DraftStore } from '../../electron/drafts/draft-store';
import type { Store } from '../../electron/store/database';
import { emptyKycRecord, type KycRecord } from '../../shared/record/kyc-record';
import { MIGRATIONS } from '../../electron/store/migrations';
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

const typed = (change: Partial<KycRecord>): KycRecord => ({ ...emptyKycRecord(), ...change });

describe('capture drafts', () => {
  it('keeps each operator’s draft, durably: it is there after the app is closed without saving', async () => {
    const drafts = new DraftStore(store, () => new Date('2026-11-22T10:00:00Z'));
    drafts.save('op_maker', { record: typed({ firstName: 'Asha', pan: 'abcpv1234k' }), editing: null });
    drafts.save('op_other', { record: typed({ firstName: 'Ravi' }), editing: 'rec_1' });
    await store.close(); // as a crash would leave it: nothing but what the writes made durable
    store = (await openTestStore(temp.dir)).store;
    const again = new DraftStore(store, () => new Date());
    expect(again.get('op_maker')).toEqual({ record: typed({ firstName: 'Asha', pan: 'abcpv1234k' }), editing: null, updatedAt: '2026-11-22T10:00:00.000Z' });
    expect(again.get('op_other')).toMatchObject({ record: { firstName: 'Ravi' }, editing: 'rec_1' });
    expect(again.get('op_nobody')).toBeNull();
  });

  it('replaces the draft on each save and forgets it when discarded', () => {
    const drafts = new DraftStore(store, () => new Date());
    drafts.save('op_maker', { record: typed({ firstName: 'A' }), editing: null });
    drafts.save('op_maker', { record: typed({ firstName: 'Asha' }), editing: null });
    expect(drafts.get('op_maker')?.record.firstName).toBe('Asha');
    drafts.discard('op_maker');
    expect(drafts.get('op_maker')).toBeNull();
  });

  it('a draft of the ten-field form, written before schema 5, comes back as a canonical record', async () => {
    await store.close();
    temp.remove();
    temp = makeTempDir();
    const { store: old } = await openTestStore(temp.dir, { migrations: MIGRATIONS.slice(0, 4) });
    const thin = { firstName: 'Meera', lastName: '', gender: 'F', dateOfBirth: '', pan: 'ABCPI4321M', mobile: '98765', addressLine1: '4 Beach Road', city: '', state: '', pinCode: '600001' };
    old.write(() => old.run("INSERT INTO drafts (operator_id, data, updated_at) VALUES ('op_old', ?, '2026-01-01T00:00:00.000Z')", [JSON.stringify(thin)]));
    await old.close();
    store = (await openTestStore(temp.dir)).store;
    const draft = new DraftStore(store, () => new Date()).get('op_old');
    expect(draft?.editing).toBeNull();
    expect(draft?.record).toMatchObject({ firstName: 'Meera', gender: 'F', pan: 'ABCPI4321M', contact: { mobileIsd: '91', mobile: '98765' } });
    expect(draft?.record.permanentAddress).toMatchObject({ line1: '4 Beach Road', pinCode: '600001', country: 'IN' });
  });

  it('a draft that no longer fits the record is not offered, rather than failing the form', () => {
    store.write(() => store.run("INSERT INTO drafts (operator_id, data, updated_at) VALUES ('op_odd', '{\"record\":{\"firstName\":1}}', '2026-01-01T00:00:00.000Z')"));
    expect(new DraftStore(store, () => new Date()).get('op_odd')).toBeNull();
  });

  it('names the documents drafts refer to, so start-up does not forget them', () => {
    const drafts = new DraftStore(store, () => new Date());
    const image = { code: '02', documentHash: 'ab'.repeat(32), mime: 'image/jpeg', bytes: 100, masked: false };
    drafts.save('op_maker', { record: typed({ images: [image] }), editing: null });
    drafts.save('op_other', { record: typed({}), editing: null });
    expect([...drafts.referencedDocuments()]).toEqual(['ab'.repeat(32)]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DraftStore } from '../../electron/drafts/draft-store';
import type { Store } from '../../electron/store/database';
import { EMPTY_INDIVIDUAL_INPUT } from '../../shared/record/individual';
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

describe('capture drafts', () => {
  it('keeps each operator’s draft, durably: it is there after the app is closed without saving', async () => {
    const drafts = new DraftStore(store, () => new Date('2026-11-22T10:00:00Z'));
    drafts.save('op_maker', { ...EMPTY_INDIVIDUAL_INPUT, firstName: 'Asha', pan: 'abcpv1234k' });
    drafts.save('op_other', { ...EMPTY_INDIVIDUAL_INPUT, firstName: 'Ravi' });
    await store.close(); // as a crash would leave it: nothing but what the writes made durable
    store = (await openTestStore(temp.dir)).store;
    const again = new DraftStore(store, () => new Date());
    expect(again.get('op_maker')).toEqual({ input: { ...EMPTY_INDIVIDUAL_INPUT, firstName: 'Asha', pan: 'abcpv1234k' }, updatedAt: '2026-11-22T10:00:00.000Z' });
    expect(again.get('op_other')?.input.firstName).toBe('Ravi');
    expect(again.get('op_nobody')).toBeNull();
  });

  it('replaces the draft on each save and forgets it when discarded', () => {
    const drafts = new DraftStore(store, () => new Date());
    drafts.save('op_maker', { ...EMPTY_INDIVIDUAL_INPUT, firstName: 'A' });
    drafts.save('op_maker', { ...EMPTY_INDIVIDUAL_INPUT, firstName: 'Asha' });
    expect(drafts.get('op_maker')?.input.firstName).toBe('Asha');
    drafts.discard('op_maker');
    expect(drafts.get('op_maker')).toBeNull();
  });

  it('fills fields a draft from an older form did not have, rather than failing', () => {
    store.write(() => store.run("INSERT INTO drafts (operator_id, data, updated_at) VALUES ('op_old', '{\"firstName\":\"Meera\"}', '2026-01-01T00:00:00.000Z')"));
    expect(new DraftStore(store, () => new Date()).get('op_old')?.input).toEqual({ ...EMPTY_INDIVIDUAL_INPUT, firstName: 'Meera' });
  });
});

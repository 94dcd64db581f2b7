import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { MemoryVault } from '../../electron/vault/memory-vault';
import type { KycRecord } from '../../shared/record/kyc-record';
import { sampleKycRecord } from '../support/kyc-records';
import { fakeJpeg } from '../support/stored-samples';
import { makeTempDir } from '../support/temp-dir';

/**
 * Who may read what, through the real router as the renderer calls it: a maker reads only the
 * records they captured and their images; checkers and admins read every record; batches (which
 * carry many makers' records) are for checkers and admins only.
 */
const ORIGIN = 'test://read-scope';
const SECOND_MAKER = { name: 'Second Maker', employeeCode: 'M0002', designation: 'Officer', branch: 'Chennai Main', organisation: 'Example Co-operative Bank' };
const SECOND_PASSWORD = 'second maker passphrase';

let temp: ReturnType<typeof makeTempDir>;
let services: AppServices;
const training: Record<'maker' | 'checker' | 'admin', string> = { maker: '', checker: '', admin: '' };
let secondMakerId = '';
/** Training Maker's record and images, Second Maker's, an image Training Maker put on no record yet, and the batch. */
const mine = { id: '', reference: '', hashes: [] as string[] };
const theirs = { id: '', reference: '', hashes: [] as string[] };
let loose = '';
let batchId = '';

const call = (channel: string, payload: unknown): Promise<any> => services.dispatch({ channel, payload, origin: ORIGIN });

async function as(who: 'maker' | 'checker' | 'admin' | 'second maker'): Promise<void> {
  if (who === 'second maker') {
    await call('session.signOut', {});
    expect(await call('session.signIn', { employeeCode: SECOND_MAKER.employeeCode, password: SECOND_PASSWORD })).toMatchObject({ ok: true, value: { state: 'signed_in' } });
    return;
  }
  expect(await call('session.switchTraining', { operatorId: training[who] })).toMatchObject({ ok: true });
}

/** Sample `n` with its photograph and passport page put over the contract first, as the form does. */
async function recordWithImages(n: number): Promise<KycRecord> {
  const images: KycRecord['images'] = [];
  for (const [code, bytes] of [['02', fakeJpeg(n * 2)], ['05', fakeJpeg(n * 2 + 1)]] as const) {
    const put = await call('documents.put', { imageCode: code, base64: bytes.toString('base64'), masked: false });
    expect(put).toMatchObject({ ok: true });
    images.push({ code, documentHash: put.value.hash, mime: put.value.mime, bytes: put.value.bytes, masked: false });
  }
  return sampleKycRecord(n, {}, images);
}

async function saveOne(n: number): Promise<{ id: string; reference: string; hashes: string[] }> {
  const record = await recordWithImages(n);
  const saved = await call('records.save', { record });
  expect(saved).toMatchObject({ ok: true });
  return { id: saved.value.id, reference: saved.value.reference, hashes: record.images.map((image) => image.documentHash) };
}

beforeAll(async () => {
  temp = makeTempDir();
  services = await startAppServices({
    dataDir: temp.dir,
    version: 'test',
    vault: new MemoryVault(),
    env: { KYC_DESK_POLL_SECONDS: '0.1', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.2' },
  });
  services.trustOrigin(ORIGIN);
  const { value: session } = await call('session.state', {});
  for (const role of ['maker', 'checker', 'admin'] as const) training[role] = session.trainingOperators.find((o: { role: string }) => o.role === role).id;

  await as('admin');
  const created = await call('operators.create', { ...SECOND_MAKER, role: 'maker', password: SECOND_PASSWORD });
  expect(created).toMatchObject({ ok: true });
  secondMakerId = created.value.id;

  await as('maker');
  Object.assign(mine, await saveOne(1));
  const put = await call('documents.put', { imageCode: '02', base64: fakeJpeg(901).toString('base64'), masked: false });
  expect(put).toMatchObject({ ok: true });
  loose = put.value.hash;

  await as('second maker');
  Object.assign(theirs, await saveOne(2));

  await as('checker');
  expect(await call('records.approve', { ids: [mine.id, theirs.id] })).toMatchObject({ ok: true, value: { refused: [] } });
  const sync = await call('sync.start', {});
  expect(sync).toMatchObject({ ok: true, value: { recordCount: 2 } });
  batchId = sync.value.batchId;
}, 60_000);

afterAll(async () => {
  await services?.close();
  temp?.remove();
});

const ids = (list: any) => list.value.items.map((item: { id: string }) => item.id);
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('a maker reads only the records they captured', () => {
  it('the queue lists, counts, searches and names makers within their own records', async () => {
    await as('maker');
    const list = await call('records.list', { page: 1, pageSize: 100 });
    expect(ids(list)).toEqual([mine.id]);
    expect(list.value.total).toBe(1);
    expect(total(list.value.counts)).toBe(1);
    // Asked for by reference or by maker, another maker's record is still not there.
    expect(ids(await call('records.list', { page: 1, pageSize: 100, search: theirs.reference }))).toEqual([]);
    expect((await call('records.list', { page: 1, pageSize: 100, createdBy: secondMakerId })).value).toMatchObject({ items: [], total: 0 });
    expect((await call('records.makers', {})).value.items).toEqual([{ id: training.maker, name: expect.any(String) }]);

    await as('second maker');
    expect(ids(await call('records.list', { page: 1, pageSize: 100 }))).toEqual([theirs.id]);
    expect((await call('records.makers', {})).value.items).toEqual([{ id: secondMakerId, name: SECOND_MAKER.name }]);
  });

  it('another maker’s record is refused exactly as a record that does not exist, so nothing is learnt of it', async () => {
    await as('maker');
    expect(await call('records.get', { id: mine.id })).toMatchObject({ ok: true, value: { summary: { reference: mine.reference } } });
    const other = await call('records.get', { id: theirs.id });
    expect(other).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/a maker opens only the records they captured/) } });
    expect(JSON.stringify(other)).not.toContain(theirs.reference);
    expect((await call('records.get', { id: 'rec_never_existed' })).error).toEqual(other.error);
  });

  it('reads the images of their own records and the image they just put, never another maker’s', async () => {
    await as('maker');
    for (const hash of [...mine.hashes, loose]) expect(await call('documents.get', { hash }), hash).toMatchObject({ ok: true, value: { mime: 'image/jpeg' } });
    const refusals = [];
    for (const hash of theirs.hashes) refusals.push(await call('documents.get', { hash }));
    expect(refusals.map((r) => r.error?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(refusals[0].error.message).toMatch(/a maker opens only the images of their own records/);
    // The same answer as for an image that is not on this PC at all.
    expect((await call('documents.get', { hash: 'f'.repeat(64) })).error).toEqual(refusals[0].error);

    // Training Maker's image that is on no record yet is theirs alone.
    await as('second maker');
    expect(await call('documents.get', { hash: loose })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('documents.get', { hash: mine.hashes[0] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('documents.get', { hash: theirs.hashes[0] })).toMatchObject({ ok: true });
  });

  it('is refused the batches, which carry other makers’ records', async () => {
    await as('maker');
    expect(await call('batches.list', { page: 1, pageSize: 20 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const detail = await call('batches.get', { id: batchId });
    expect(detail).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(JSON.stringify(detail)).not.toContain(theirs.reference);
  });

  it('keeps their draft to themselves', async () => {
    await as('maker');
    const record = await recordWithImages(3);
    expect(await call('drafts.save', { record, editing: null })).toMatchObject({ ok: true });
    await as('second maker');
    expect(await call('drafts.get', {})).toMatchObject({ ok: true, value: { draft: null } });
    for (const image of record.images) expect(await call('documents.get', { hash: image.documentHash })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await as('maker');
    expect((await call('drafts.get', {})).value.draft.record.firstName).toBe(record.firstName);
    // Images its draft refers to stay readable to the maker before the record is saved.
    for (const image of record.images) expect(await call('documents.get', { hash: image.documentHash })).toMatchObject({ ok: true });
  });
});

describe.each(['checker', 'admin'] as const)('a %s reads every record', (role) => {
  it('lists both makers’ records, opens them and their images, and follows the batch', async () => {
    await as(role);
    const list = await call('records.list', { page: 1, pageSize: 100 });
    expect(ids(list)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect((await call('records.list', { page: 1, pageSize: 100, createdBy: secondMakerId })).value.items.map((r: { id: string }) => r.id)).toEqual([theirs.id]);
    expect((await call('records.makers', {})).value.items.map((m: { id: string }) => m.id).sort()).toEqual([training.maker, secondMakerId].sort());
    for (const record of [mine, theirs]) {
      expect(await call('records.get', { id: record.id })).toMatchObject({ ok: true, value: { summary: { reference: record.reference }, editable: false } });
      for (const hash of record.hashes) expect(await call('documents.get', { hash })).toMatchObject({ ok: true });
    }
    expect((await call('batches.list', { page: 1, pageSize: 20 })).value.items.map((b: { id: string }) => b.id)).toContain(batchId);
    const batch = await call('batches.get', { id: batchId });
    expect(batch.value.records.map((r: { reference: string }) => r.reference).sort()).toEqual([mine.reference, theirs.reference].sort());
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { seededPeople, withPhotograph } from '../../electron/sandbox/ckyc/registry-people';
import { DEFAULT_SANDBOX_SEED } from '../../electron/sandbox/shell/faults';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { makeTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';

/** Fetch from CKYC over the IPC contract, through the app's own wiring and the Training sandbox. */
const ORIGIN = 'test://fetch-channels';
let temp: ReturnType<typeof makeTempDir>;
let services: AppServices;
const training: Record<string, string> = {};

const call = (channel: string, payload: unknown): Promise<any> => services.dispatch({ channel, payload, origin: ORIGIN });
const as = async (role: 'maker' | 'checker') => expect(await call('session.switchTraining', { operatorId: training[role] })).toMatchObject({ ok: true });

beforeAll(async () => {
  temp = makeTempDir();
  services = await startAppServices({ dataDir: temp.dir, version: 'test', vault: new MemoryVault(), env: { KYC_DESK_POLL_SECONDS: '0.1', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.2' } });
  services.trustOrigin(ORIGIN);
  const { value: session } = await call('session.state', {});
  for (const operator of session.trainingOperators as Array<{ role: string; id: string }>) training[operator.role] = operator.id;
});
afterAll(async () => {
  await services.close();
  temp.remove();
});

describe('fetch.* channels', () => {
  it('a maker asks for three people, a checker approves and sends, all three come back as records', async () => {
    const [a, b, c] = seededPeople(DEFAULT_SANDBOX_SEED);
    await as('maker');
    const asked = await call('fetch.request', { people: [a, b, c].map((p) => ({ ckycNumber: p!.ckyc_number, dob: p!.dob })), recordIds: [] });
    expect(asked).toMatchObject({ ok: true, value: { state: 'awaiting_approval', people: 3 } });
    expect(await call('fetch.send', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await as('checker');
    expect((await call('records.approve', { ids: [asked.value.id] })).value.approved).toHaveLength(1);
    const sent = await call('fetch.send', {});
    expect(sent).toMatchObject({ ok: true, value: { recordCount: 1 } });
    const results = await waitFor('three people fetched', async () => {
      const read = await call('fetch.results', { id: asked.value.id });
      return read.value.people.every((person: { state: string }) => person.state === 'fetched') ? read.value : undefined;
    }, 20_000);
    expect(results.people.map((person: { record: { ckycNumber: string } }) => person.record.ckycNumber)).toEqual([a, b, c].map((p) => p!.ckyc_number));
    expect(results.request).toMatchObject({ state: 'succeeded', fetched: 3, failed: 0 });
    // Each photograph the registry sent is named with its sealed document, which the maker may read
    // back (to carry into an update); a person sent without one has none.
    for (const [index, person] of [a, b, c].entries()) {
      const photographed = withPhotograph(DEFAULT_SANDBOX_SEED, person!).photograph_base64;
      const named = results.people[index].photograph;
      if (!photographed) {
        expect(named).toBeNull();
        continue;
      }
      expect(named).toMatchObject({ documentHash: expect.stringMatching(/^[0-9a-f]{64}$/), mime: 'image/jpeg', bytes: Buffer.from(photographed, 'base64').length });
      await as('maker');
      const read = await call('documents.get', { hash: named.documentHash });
      expect(read).toMatchObject({ ok: true, value: { mime: 'image/jpeg' } });
      expect(Buffer.from(read.value.base64, 'base64').equals(Buffer.from(photographed, 'base64'))).toBe(true);
      await as('checker');
    }
    const listed = await call('fetch.list', { page: 1, pageSize: 20 });
    expect(listed.value.total).toBe(1);
    const batch = await call('batches.get', { id: sent.value.batchId });
    expect(batch).toMatchObject({ ok: true, value: { route: 'ckyc-download', kind: 'download', state: 'succeeded' } });
  });
});

describe('a download request outside the Fetch screen', () => {
  it('records.get refuses it in words that say where it opens, never as an internal error, and approval by id still works', async () => {
    const [, , , d] = seededPeople(DEFAULT_SANDBOX_SEED);
    await as('maker');
    const asked = await call('fetch.request', { people: [{ ckycNumber: d!.ckyc_number, mobile: d!.mobile_number }], recordIds: [] });
    expect(asked.ok).toBe(true);
    for (const role of ['maker', 'checker'] as const) {
      await as(role);
      const got = await call('records.get', { id: asked.value.id });
      expect(got).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: `${asked.value.reference} is a CKYC download request, not a customer's record: open it on its own screen (Fetch from CKYC for a download request), not in the record review.` } });
    }
    // The checker approves it by id, as the queue's row and bulk buttons do.
    expect((await call('records.approve', { ids: [asked.value.id] })).value.approved).toEqual([asked.value.reference]);
    expect((await call('fetch.results', { id: asked.value.id })).value.request.state).toBe('ready');
  });
});

describe('the Registry screen\'s bulk downloads', () => {
  it('link a download KYC Desk sent to its batch and the fetch request it carried, by batch file name', async () => {
    await as('checker');
    const listed = await call('fetch.list', { page: 1, pageSize: 50 });
    const sentRequest = listed.value.items.find((item: { batchId: string | null }) => item.batchId !== null);
    const batch = (await call('batches.get', { id: sentRequest.batchId })).value;
    const downloads = await call('registry.downloads', { page: 1, pageSize: 50 });
    expect(downloads.ok).toBe(true);
    const ours = downloads.value.items.find((item: { batchFileName: string | null }) => item.batchFileName === batch.batchFileName);
    expect(ours).toMatchObject({ localBatch: { id: batch.id, state: 'succeeded' }, fetchRequests: [{ id: sentRequest.id, reference: sentRequest.reference }] });
    // An entry this PC did not send links to nothing.
    expect(downloads.value.items.filter((item: { localBatch: unknown }) => item.localBatch === null).every((item: { fetchRequests: unknown[] }) => item.fetchRequests.length === 0)).toBe(true);
  });
});

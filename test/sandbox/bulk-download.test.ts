import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycSandbox, type SandboxOptions } from '../../electron/sandbox/ckyc/sandbox';
import { downloadInitializeResponseSchema, downloadStatusResponseSchema, type DownloadStatusResponse } from '../../electron/connectors/ckyc-bulk/download-wire';
import { downloadClientsResponseSchema } from '../../electron/connectors/ckyc-bulk/management-wire';
import { statusCheckResponseSchema } from '../../electron/connectors/ckyc-bulk/wire';
import { silentLogger } from '../../electron/logging/logger';
import { makeTempDir } from '../support/temp-dir';
import { Documents, get, initializeBody, post, TOKEN, wireOf } from './sandbox-support';

const T0 = Date.parse('2026-11-22T10:00:00Z');
const PROCESSING_MS = 6000;
let temp: ReturnType<typeof makeTempDir>;
let clock: number;
let sandbox: CkycSandbox;

async function start(extra: Partial<SandboxOptions> = {}) {
  sandbox = await CkycSandbox.start({ stateDir: `${temp.dir}/sandbox`, token: TOKEN, processingMs: PROCESSING_MS, logger: silentLogger, now: () => clock, sftp: false, ...extra });
}
beforeEach(async () => {
  temp = makeTempDir();
  clock = T0;
  await start();
});
afterEach(async () => {
  await sandbox.close();
  temp.remove();
});

const u = () => sandbox.url;
async function initialize(name: string, individuals: unknown[]) {
  const reply = await post(u(), '/ckyc-upload/download/initialize', { data: { batch_file_name: name, individuals } });
  expect(reply.status, reply.text).toBe(200);
  return downloadInitializeResponseSchema.parse(reply.body).data.client_id;
}
async function status(clientId: string): Promise<DownloadStatusResponse['data']> {
  const reply = await post(u(), '/ckyc-upload/download/status', { client_id: clientId });
  expect(reply.status, reply.text).toBe(200);
  return downloadStatusResponseSchema.parse(reply.body).data;
}
const people = () => sandbox.seededPeople();

describe('bulk download of seeded people', () => {
  it('goes pending → processing → upload_succeeded and returns each person; a wrong dob, a wrong mobile or an unknown number fails only that individual', async () => {
    const [a, b, c, d] = people();
    const id = await initialize('KD_DL_1', [
      { ckyc_id: a!.ckyc_number, dob: a!.dob },
      { ckyc_id: b!.ckyc_number, mobile_number: b!.mobile_number },
      { ckyc_id: c!.ckyc_number, dob: '1901-01-01' },
      { ckyc_id: d!.ckyc_number, mobile_number: '9000000000', dob: d!.dob },
      { ckyc_id: '99999999999999', dob: '1990-01-01' },
    ]);
    expect(await status(id)).toMatchObject({ state: 'pending', individuals_count: 5 });
    expect((await status(id)).individuals).toBeUndefined();
    clock += 2500;
    expect((await status(id)).state).toBe('processing');
    clock += 3500;
    const done = await status(id);
    expect(done).toMatchObject({ client_id: id, state: 'upload_succeeded', batch_file_name: 'KD_DL_1', error: null });
    const byId = new Map(done.individuals!.map((i) => [i.ckyc_id, i]));
    expect(byId.get(a!.ckyc_number)).toMatchObject({ state: 'succeeded', error: null, person: { ckyc_number: a!.ckyc_number, first_name: a!.first_name, dob: a!.dob, pan: a!.pan } });
    expect(byId.get(b!.ckyc_number)?.person?.permanent_address?.pin_code).toBe(b!.permanent_address!.pin_code);
    expect(byId.get(c!.ckyc_number)).toMatchObject({ state: 'failed', person: null, error: expect.stringMatching(/date of birth does not match/) });
    expect(byId.get(d!.ckyc_number)).toMatchObject({ state: 'failed', error: expect.stringMatching(/mobile number does not match/) });
    expect(byId.get('99999999999999')).toMatchObject({ state: 'failed', error: 'No record with CKYC number 99999999999999 in the registry.' });
    // Terminal answers do not change on the next poll.
    clock += 60_000;
    expect(await status(id)).toEqual(done);
  });

  it('returns the photograph (Base64 JPEG) of the people the registry has one of, and none for the others', async () => {
    const chosen = people().slice(0, 9);
    const id = await initialize('KD_DL_PHOTO', chosen.map((p) => ({ ckyc_id: p.ckyc_number, dob: p.dob })));
    clock += PROCESSING_MS;
    const photos = (await status(id)).individuals!.map((i) => i.person?.photograph_base64);
    expect(photos.filter((photo) => photo !== undefined).length).toBeGreaterThan(0);
    expect(photos.filter((photo) => photo === undefined).length).toBeGreaterThan(0);
    for (const photo of photos) if (photo !== undefined) expect(Buffer.from(photo, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('ends upload_failed only when no individual succeeded, with each reason in the error', async () => {
    const id = await initialize('KD_DL_2', [{ ckyc_id: '12345678901234', mobile_number: '9876543210' }, { ckyc_id: people()[0]!.ckyc_number, dob: '2000-02-02' }]);
    clock += PROCESSING_MS;
    const done = await status(id);
    expect(done.state).toBe('upload_failed');
    expect(done.error).toMatch(/12345678901234: No record/);
    expect(done.error).toMatch(/date of birth does not match/);
  });

  it('refuses with 400 an individual with neither dob nor mobile_number, and keeps nothing', async () => {
    const reply = await post(u(), '/ckyc-upload/download/initialize', { data: { batch_file_name: 'KD_DL_3', individuals: [{ ckyc_id: people()[0]!.ckyc_number }] } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/dob .* or a mobile_number/);
    expect(reply.body.error.details.join(' ')).toMatch(/dob or mobile_number is required/);
    const list = downloadClientsResponseSchema.parse((await get(u(), '/ckyc-upload/get-bulk-download-clients')).body);
    expect(list.data.total).toBe(0);
  });

  it('refuses a second initialize under the same batch file name (409) and an unknown client_id (404)', async () => {
    const id = await initialize('KD_DL_4', [{ ckyc_id: people()[0]!.ckyc_number, dob: people()[0]!.dob }]);
    const again = await post(u(), '/ckyc-upload/download/initialize', { data: { batch_file_name: 'KD_DL_4', individuals: [{ ckyc_id: people()[1]!.ckyc_number, dob: people()[1]!.dob }] } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(id);
    expect((await post(u(), '/ckyc-upload/download/status', { client_id: 'ckyc_dl_nope' })).status).toBe(404);
  });

  it('asks for the bearer token like the upload endpoints', async () => {
    expect((await post(u(), '/ckyc-upload/download/initialize', { data: {} }, null)).status).toBe(401);
    expect((await post(u(), '/ckyc-upload/download/status', { client_id: 'x' }, 'wrong')).status).toBe(401);
    expect((await get(u(), '/ckyc-upload/get-bulk-download-clients', null)).status).toBe(401);
  });

  it('sits behind fault injection', async () => {
    await sandbox.close();
    await start({ faults: 'http500=1@before', stateDir: `${temp.dir}/faulty` });
    const reply = await post(u(), '/ckyc-upload/download/initialize', { data: { batch_file_name: 'KD_DL_F', individuals: [{ ckyc_id: people()[0]!.ckyc_number, dob: people()[0]!.dob }] } });
    expect(reply.status).toBe(500);
    await sandbox.close();
    await start({ stateDir: `${temp.dir}/faulty` });
    expect(downloadClientsResponseSchema.parse((await get(u(), '/ckyc-upload/get-bulk-download-clients')).body).data.total).toBe(0);
  });

  it('survives a sandbox restart: the download is still followed to its end and listed', async () => {
    const [a] = people();
    const id = await initialize('KD_DL_5', [{ ckyc_id: a!.ckyc_number, dob: a!.dob }]);
    await sandbox.close();
    clock += PROCESSING_MS;
    await start();
    expect((await status(id)).individuals?.[0]).toMatchObject({ state: 'succeeded', person: { ckyc_number: a!.ckyc_number } });
    const list = downloadClientsResponseSchema.parse((await get(u(), '/ckyc-upload/get-bulk-download-clients')).body).data;
    expect(list.items).toMatchObject([{ client_id: id, batch_file_name: 'KD_DL_5', state: 'upload_succeeded', individuals_count: 1, individuals_succeeded: 1, individuals_failed: 0 }]);
  });
});

describe('people registered by an upload batch', () => {
  it('are downloadable by dob or mobile, with what the sandbox kept (the masked PAN), and a wrong mobile fails', async () => {
    const docs = new Documents();
    const item = docs.record(7);
    const wire = wireOf(item, false);
    const upload = await post(u(), '/ckyc-upload/upload/initialize', initializeBody('KD_UP_7', [wire]));
    expect(upload.status).toBe(200);
    clock += PROCESSING_MS;
    const checked = statusCheckResponseSchema.parse((await post(u(), '/ckyc-upload/upload/status-check', { client_id: upload.body.data.client_id })).body).data;
    const ckycNumber = checked.individuals[0]!.ckyc_number!;
    expect(ckycNumber).toMatch(/^\d{14}$/);
    const id = await initialize('KD_DL_UP', [
      { ckyc_id: ckycNumber, dob: wire.dob },
      { ckyc_id: ckycNumber, mobile_number: wire.mobile_number },
    ]);
    const wrong = await initialize('KD_DL_UP_WRONG', [{ ckyc_id: ckycNumber, mobile_number: wire.mobile_number === '9000000001' ? '9000000002' : '9000000001' }]);
    clock += PROCESSING_MS;
    const done = await status(id);
    expect(done.state).toBe('upload_succeeded');
    for (const individual of done.individuals!) {
      expect(individual.state).toBe('succeeded');
      expect(individual.person).toMatchObject({ ckyc_number: ckycNumber, kyc_date: '2026-11-22', pan: checked.individuals[0]!.request?.pan_masked });
      expect(individual.person?.pan).not.toContain(wire.pan.slice(0, 5));
      expect(individual.person?.first_name).toBeUndefined();
    }
    expect(await status(wrong)).toMatchObject({ state: 'upload_failed', individuals: [{ state: 'failed', error: expect.stringMatching(/mobile number does not match/) }] });
  });
});

describe('get-bulk-download-clients', () => {
  it('pages newest first, filters by state and searches client_id or batch_file_name', async () => {
    const [a] = people();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await initialize(`KD_LIST_${i}`, [{ ckyc_id: i === 4 ? '11111111111111' : a!.ckyc_number, dob: a!.dob }]));
      clock += 1000;
    }
    clock += PROCESSING_MS; // all five terminal; the last one failed
    const page = async (query: string) => downloadClientsResponseSchema.parse((await get(u(), `/ckyc-upload/get-bulk-download-clients${query}`)).body).data;
    const first = await page('?page=1&page_size=2');
    expect(first).toMatchObject({ page: 1, page_size: 2, total: 5, total_pages: 3 });
    expect(first.items.map((i) => i.batch_file_name)).toEqual(['KD_LIST_4', 'KD_LIST_3']);
    expect((await page('?page=3&page_size=2')).items.map((i) => i.batch_file_name)).toEqual(['KD_LIST_0']);
    expect((await page('?state=upload_failed')).items.map((i) => i.client_id)).toEqual([ids[4]]);
    expect((await page('?search=list_2')).items.map((i) => i.client_id)).toEqual([ids[2]]);
    expect((await page(`?search=${ids[1]!.slice(-6)}`)).items.map((i) => i.client_id)).toEqual([ids[1]]);
    const bad = await get(u(), '/ckyc-upload/get-bulk-download-clients?page_size=500');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/page_size up to 100/);
  });
});

import AdmZip from 'adm-zip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycSandbox, type SandboxOptions } from '../../electron/sandbox/ckyc/sandbox';
import { duplicateRegistrations, readLedger } from '../../electron/sandbox/shell/ledger';
import { registryRejection } from '../../electron/sandbox/ckyc/registry-rules';
import { clientDetailsResponseSchema, statusCheckResponseSchema, uploadFileResponseSchema, sftpHealthResponseSchema } from '../../electron/connectors/ckyc-bulk/wire';
import { silentLogger } from '../../electron/logging/logger';
import { makeTempDir } from '../support/temp-dir';
import { Documents, TOKEN, get, initializeBody, post, reference, sha256, upload, wireOf, zipFor } from './sandbox-support';

const T0 = Date.parse('2026-11-22T10:00:00Z');
let temp: ReturnType<typeof makeTempDir>;
let clock: number;
let sandbox: CkycSandbox;
let docs: Documents;

async function start(extra: Partial<SandboxOptions> = {}) {
  sandbox = await CkycSandbox.start({ stateDir: `${temp.dir}/sandbox`, token: TOKEN, processingMs: 6000, logger: silentLogger, now: () => clock, ...extra });
}
beforeEach(async () => {
  temp = makeTempDir();
  clock = T0;
  docs = new Documents();
  await start();
});
afterEach(async () => {
  await sandbox.close();
  temp.remove();
});

const u = () => sandbox.url;
async function init(name: string, individuals: unknown[], kind: 'upload' | 'update' = 'upload') {
  const r = await post(u(), `/ckyc-upload/${kind}/initialize`, initializeBody(name, individuals));
  expect(r.status).toBe(200);
  return r.body.data.client_id as string;
}
const status = async (id: string) => (await post(u(), '/ckyc-upload/update/status', { client_id: id })).body.data;
const check = async (id: string, kind: 'upload' | 'update' = 'upload') => statusCheckResponseSchema.parse((await post(u(), `/ckyc-upload/${kind}/status-check`, { client_id: id })).body).data;

describe('upload-file', () => {
  it('waits for the ZIP, then processes it: per-individual results with CKYC numbers, one ledger line each', async () => {
    const records = [docs.record(1), docs.record(2)];
    const id = await init('KD_U1', records.map((r) => wireOf(r)));
    clock += 60_000;
    expect(await status(id)).toMatchObject({ state: 'pending', file_required: true, file_received: false });
    const zip = zipFor(temp.dir, docs, 'KD_U1', records);
    const sent = await upload(u(), 'upload', { client_id: id, file: zip, sha256: sha256(zip) });
    expect(sent.status).toBe(200);
    expect(uploadFileResponseSchema.parse(sent.body).data).toMatchObject({ client_id: id, state: 'pending', sha256: sha256(zip), bytes: zip.length, already_received: false });
    clock += 2500;
    expect((await check(id)).individuals.map((i) => i.state)).toEqual(['processing', 'processing']);
    clock += 3500;
    const result = await check(id);
    expect(result).toMatchObject({ state: 'upload_succeeded', error: null, individuals_succeeded: 2, individuals_failed: 0, status_type: 'upload' });
    expect(result.individuals.map((i) => i.kyc_ref_no)).toEqual([reference(1), reference(2)]);
    for (const individual of result.individuals) {
      expect(individual).toMatchObject({ state: 'succeeded', error: null });
      expect(individual.ckyc_number).toMatch(/^[1-9]\d{13}$/);
      expect(individual.request?.pan_masked).toMatch(/^•+\d{3}K$/);
      expect(individual.request?.image_files).toHaveLength(2);
    }
    const ledger = readLedger(`${temp.dir}/sandbox`);
    expect(ledger.map((l) => [l.client_id, l.kyc_ref_no, l.ckyc_number])).toEqual(result.individuals.map((i) => [id, i.kyc_ref_no, i.ckyc_number]));
    expect(ledger.every((l) => !Number.isNaN(Date.parse(l.at)))).toBe(true);
  });

  it('is idempotent: the same ZIP again is accepted once; another ZIP for the batch is a 409', async () => {
    const records = [docs.record(3)];
    const id = await init('KD_U2', records.map((r) => wireOf(r)));
    const zip = zipFor(temp.dir, docs, 'KD_U2', records);
    expect((await upload(u(), 'upload', { client_id: id, file: zip })).body.data.already_received).toBe(false);
    const again = await upload(u(), 'upload', { client_id: id, file: zip });
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ already_received: true, sha256: sha256(zip) });
    const other = await upload(u(), 'upload', { client_id: id, file: Buffer.concat([zip, Buffer.from('\n')]) });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('FILE_ALREADY_RECEIVED');
    clock += 6000;
    expect((await check(id)).state).toBe('upload_succeeded');
    expect(readLedger(`${temp.dir}/sandbox`)).toHaveLength(1);
  });

  it('fails the batch with the reason for a ZIP that is not the batch, and one individual for a missing document', async () => {
    const [a, b, c] = [docs.record(4), docs.record(5), docs.record(6)];
    const notZip = await init('KD_BAD1', [wireOf(a)]);
    expect((await upload(u(), 'upload', { client_id: notZip, file: Buffer.from('PK but not really a zip') })).status).toBe(200);
    const otherBatch = await init('KD_BAD2', [wireOf(b)]);
    await upload(u(), 'upload', { client_id: otherBatch, file: zipFor(temp.dir, docs, 'KD_SOMETHING_ELSE', [b]) });
    const stranger = await init('KD_BAD3', [wireOf(c)]);
    await upload(u(), 'upload', { client_id: stranger, file: zipFor(temp.dir, docs, 'KD_BAD3', [c, docs.record(7)]) });
    const traversal = await init('KD_BAD4', [wireOf(docs.record(8))]);
    const evil = new AdmZip(zipFor(temp.dir, docs, 'KD_BAD4', [docs.record(8)]));
    evil.addFile('documents/../../x.jpg', Buffer.from('x'));
    await upload(u(), 'upload', { client_id: traversal, file: evil.toBuffer() });
    // Two individuals, one of whose PDF is missing from the ZIP: that one fails, the other is registered.
    const [d, e] = [docs.record(9), docs.record(10)];
    const partial = await init('KD_PART', [wireOf(d), wireOf(e)]);
    const missing = new AdmZip(zipFor(temp.dir, docs, 'KD_PART', [d, e]));
    const pdfEntry = missing.getEntries().find((entry) => entry.entryName.startsWith(`documents/${reference(10)}_`) && entry.entryName.endsWith('.pdf'))!.entryName;
    missing.deleteFile(pdfEntry);
    await upload(u(), 'upload', { client_id: partial, file: missing.toBuffer() });

    clock += 6000;
    expect(await status(notZip)).toMatchObject({ state: 'upload_failed', error: expect.stringMatching(/not a ZIP|cannot be read/) });
    expect((await status(otherBatch)).error).toMatch(/names the batch "KD_SOMETHING_ELSE", but it was initialized as "KD_BAD2"/);
    expect((await status(stranger)).error).toMatch(new RegExp(`kyc_ref_no ${reference(7)}, who was not initialized`));
    expect((await status(traversal)).error).toMatch(/unexpected entry|refused/);
    const result = await check(partial);
    expect(result).toMatchObject({ state: 'upload_succeeded', individuals_succeeded: 1, individuals_failed: 1, error: null });
    expect(result.individuals[1]).toMatchObject({ kyc_ref_no: reference(10), state: 'failed', ckyc_number: null, error: expect.stringContaining(`${pdfEntry.slice('documents/'.length)} is listed in image_files but not in documents/`) });
    expect(readLedger(`${temp.dir}/sandbox`).map((l) => l.kyc_ref_no)).toEqual([reference(9)]);
  });

  it('answers a malformed request with a 4xx and keeps nothing', async () => {
    const item = docs.record(11);
    const id = await init('KD_M1', [wireOf(item)]);
    const zip = zipFor(temp.dir, docs, 'KD_M1', [item]);
    expect((await upload(u(), 'upload', { file: zip })).body.error.code).toBe('INVALID_REQUEST');
    expect((await upload(u(), 'upload', { client_id: id })).body.error.code).toBe('INVALID_REQUEST');
    expect((await upload(u(), 'upload', { client_id: 'ckyc_nobody', file: zip })).status).toBe(404);
    expect((await upload(u(), 'update', { client_id: id, file: zip })).body.error.code).toBe('WRONG_ROUTE');
    expect((await upload(u(), 'upload', { client_id: id, file: zip, sha256: '0'.repeat(64) })).body.error.code).toBe('CHECKSUM_MISMATCH');
    const cut = await fetch(`${u()}/ckyc-upload/upload/upload-file`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'multipart/form-data; boundary=XyZ' },
      body: `--XyZ\r\ncontent-disposition: form-data; name="client_id"\r\n\r\n${id}\r\n--XyZ\r\ncontent-disposition: form-data; name="file"; filename="a.zip"\r\n\r\nPK\u0003\u0004 half a file`,
    });
    expect(cut.status).toBe(400);
    expect(((await cut.json()) as any).error.message).toMatch(/cut short/);
    const json = await post(u(), '/ckyc-upload/upload/upload-file', { client_id: id });
    expect(json.body.error.code).toBe('INVALID_MULTIPART');
    expect((await status(id)).file_received).toBe(false);
    await sandbox.close();
    await start({ maxUploadBytes: 1024 });
    expect((await upload(u(), 'upload', { client_id: id, file: zip })).status).toBe(413);
    // Still nothing kept: the right ZIP goes through.
    await sandbox.close();
    await start();
    expect((await upload(u(), 'upload', { client_id: id, file: zip })).body.data.already_received).toBe(false);
  });
});

describe('registry-side rejections and the ledger', () => {
  it('rejects a kyc_ref_no already registered, and a PAN registered under another name; never two lines', async () => {
    const first = await init('KD_L1', [wireOf(docs.record(20), false)]);
    clock += 6000;
    expect((await status(first)).state).toBe('upload_succeeded');
    const again = await init('KD_L2', [wireOf(docs.record(20), false)]);
    const samePan = await init('KD_L3', [{ ...wireOf(docs.record(21), false), pan: wireOf(docs.record(20)).pan, first_name: 'RAVI', last_name: 'KUMAR' }]);
    clock += 6000;
    const dup = await check(again);
    expect(dup).toMatchObject({ state: 'upload_failed', individuals_failed: 1 });
    expect(dup.individuals[0]!.error).toMatch(/already registered/);
    expect(dup.individuals[0]!.error).toContain((await check(first)).individuals[0]!.ckyc_number);
    expect((await check(samePan)).individuals[0]!.error).toMatch(/^PAN already registered under another name/);
    const ledger = readLedger(`${temp.dir}/sandbox`);
    expect(ledger.map((l) => l.kyc_ref_no)).toEqual([reference(20)]);
    expect(duplicateRegistrations(ledger)).toEqual([]);
    expect(JSON.stringify(ledger)).not.toContain(wireOf(docs.record(20)).pan);
  });

  it('fails a seeded share of individuals with CERSAI-like messages, the same every run', async () => {
    const outcomes: string[][] = [];
    for (const run of [1, 2]) {
      await sandbox.close();
      temp.remove();
      temp = makeTempDir();
      await start({ faults: 'registry_reject=0.5', seed: 'reject-seed' });
      const items = Array.from({ length: 12 }, (_, i) => wireOf(docs.record(30 + i), false));
      const id = await init(`KD_R${run}`, items);
      clock += 6000;
      const result = await check(id);
      for (const individual of result.individuals) {
        const predicted = registryRejection('reject-seed', 0.5, individual.kyc_ref_no);
        expect(individual.error).toBe(predicted);
        expect(individual.state).toBe(predicted ? 'failed' : 'succeeded');
      }
      outcomes.push(result.individuals.map((i) => `${i.state}:${i.error ?? ''}`));
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
    const failed = outcomes[0]!.filter((o) => o.startsWith('failed'));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(12);
    expect(failed.some((o) => /Number of pipe separated records do not match|Invalid ID number|Invalid PIN code|Photograph not clear/.test(o))).toBe(true);
  });

  it('caches the terminal answer: it never changes, across time and a restart', async () => {
    const id = await init('KD_C1', [wireOf(docs.record(50), false)]);
    clock += 6000;
    const firstAnswer = await check(id);
    clock += 86_400_000;
    expect(await check(id)).toEqual(firstAnswer);
    await sandbox.close();
    await start({ faults: 'registry_reject=1' }); // what would now reject it changes nothing
    expect(await check(id)).toEqual(firstAnswer);
    expect(readLedger(`${temp.dir}/sandbox`)).toHaveLength(1);
  });
});

describe('get-client-details and sftp-health', () => {
  it('pages, filters by state and date, and searches by batch file name or client_id', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      ids.push(await init(`KD_LIST_${n}`, [wireOf(docs.record(60 + n), false)]));
      if (n < 4) clock += 86_400_000; // one a day
    }
    const updateId = await init('KD_UPD_0', [wireOf(docs.record(70), false)], 'update');
    const list = async (query: string) => {
      const r = await get(u(), `/ckyc-upload/get-client-details?${query}`);
      expect(r.status).toBe(200);
      return clientDetailsResponseSchema.parse(r.body).data;
    };
    const page2 = await list('status_type=upload&page=2&page_size=2');
    expect(page2).toMatchObject({ page: 2, page_size: 2, total: 5, total_pages: 3 });
    expect(page2.items.map((i) => i.batch_file_name)).toEqual(['KD_LIST_2', 'KD_LIST_1']);
    expect((await list('status_type=upload')).items).toHaveLength(5);
    expect((await list('status_type=update')).items.map((i) => i.client_id)).toEqual([updateId]);
    // The last one was only just initialized: all others succeeded.
    expect((await list('status_type=upload&state=upload_succeeded')).total).toBe(4);
    expect((await list('status_type=upload&state=pending')).items.map((i) => i.batch_file_name)).toEqual(['KD_LIST_4']);
    expect((await list('status_type=upload&search=kd_list_3')).items).toMatchObject([{ client_id: ids[3], batch_file_name: 'KD_LIST_3', individuals_count: 1, individuals_succeeded: 1 }]);
    expect((await list(`status_type=upload&search=${ids[1]}`)).items.map((i) => i.batch_file_name)).toEqual(['KD_LIST_1']);
    expect((await list('status_type=upload&search=KD_NOTHING')).total).toBe(0);
    expect((await list('status_type=upload&start_date=2026-11-23&end_date=2026-11-24')).items.map((i) => i.batch_file_name)).toEqual(['KD_LIST_2', 'KD_LIST_1']);
    for (const bad of ['', 'status_type=both', 'status_type=upload&page=0', 'status_type=upload&page_size=1000', 'status_type=upload&state=done', 'status_type=upload&start_date=yesterday']) {
      const r = await get(u(), `/ckyc-upload/get-client-details?${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.code).toBe('INVALID_REQUEST');
    }
    expect((await get(u(), '/ckyc-upload/get-client-details?status_type=upload', null)).status).toBe(401);
    expect((await post(u(), '/ckyc-upload/get-client-details?status_type=upload', {})).status).toBe(405);
  });

  it('says the SFTP server is up', async () => {
    const r = await get(u(), '/ckyc-upload/sftp-health');
    expect(sftpHealthResponseSchema.parse(r.body)).toEqual({ success: true, data: { status: 'up' } });
  });

  it('refuses status-check on the wrong route and for an unknown client', async () => {
    const id = await init('KD_W1', [wireOf(docs.record(80), false)]);
    expect((await post(u(), '/ckyc-upload/update/status-check', { client_id: id })).body.error.code).toBe('WRONG_ROUTE');
    expect((await post(u(), '/ckyc-upload/upload/status-check', { client_id: 'ckyc_none' })).status).toBe(404);
    expect((await post(u(), '/ckyc-upload/upload/status-check', {})).status).toBe(400);
  });
});

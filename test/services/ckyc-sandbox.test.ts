import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycSandbox } from '../../electron/sandbox/ckyc/sandbox';
import { silentLogger } from '../../electron/logging/logger';
import { toWireIndividual } from '../../electron/connectors/ckyc-bulk/map-individual';
import type { KycRecord } from '../../shared/record/kyc-record';
import { makeTempDir } from '../support/temp-dir';
import { storedSample } from '../support/kyc-records';

const TOKEN = 'sandbox-test-token';
let temp: ReturnType<typeof makeTempDir>;
let clock: number;
let sandbox: CkycSandbox;

const individual = (n: number): KycRecord => storedSample(n);

function initializeBody(batchFileName: string, individuals: unknown[]) {
  return {
    data: {
      purpose: 'new_kyc_upload',
      batch_file_name: batchFileName,
      verifier: { name: 'A OFFICER', designation: 'OFFICER', branch: 'MAIN', employment_code: 'E1', organization: 'BANK' },
      individuals,
    },
  };
}

async function post(path: string, body: unknown, token: string | null = TOKEN) {
  const response = await fetch(sandbox.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

beforeEach(async () => {
  temp = makeTempDir();
  clock = Date.parse('2026-11-22T10:00:00Z');
  sandbox = await CkycSandbox.start({ stateDir: temp.dir, token: TOKEN, processingMs: 6000, logger: silentLogger, now: () => clock });
});
afterEach(async () => {
  await sandbox.close();
  temp.remove();
});

describe('CKYC sandbox (seed 000 initialize + status)', () => {
  it('walks a valid batch pending → processing → upload_succeeded', async () => {
    const init = await post('/ckyc-upload/upload/initialize', initializeBody('KD_B1', [toWireIndividual('KD0000000000A1', individual(1))]));
    expect(init.status).toBe(200);
    expect(init.body).toMatchObject({ success: true, data: { state: 'pending', batch_file_name: 'KD_B1' } });
    const clientId = init.body.data.client_id as string;
    const states: string[] = [];
    for (const at of [0, 2500, 5999, 6000, 60_000]) {
      clock = Date.parse('2026-11-22T10:00:00Z') + at;
      const status = await post('/ckyc-upload/update/status', { client_id: clientId });
      expect(status.status).toBe(200);
      states.push(status.body.data.state);
    }
    expect(states).toEqual(['pending', 'processing', 'processing', 'upload_succeeded', 'upload_succeeded']);
  });

  it('judges individuals with the shared rules and fails the batch with the reason', async () => {
    const bad = { ...toWireIndividual('KD0000000000A2', individual(2)), pan: 'ABCCE1234F', mobile_number: '912345678' };
    const init = await post('/ckyc-upload/upload/initialize', initializeBody('KD_B2', [bad]));
    expect(init.status).toBe(200);
    clock += 6000;
    const status = await post('/ckyc-upload/update/status', { client_id: init.body.data.client_id });
    expect(status.body.data.state).toBe('upload_failed');
    expect(status.body.data.error).toContain('KD0000000000A2');
    expect(status.body.data.error).toMatch(/PAN: .*individual/);
    expect(status.body.data.error).toMatch(/Mobile number: .*10 digits/);
  });

  it('asks no PAN of a Form 60 customer, nor an Indian mobile number or PIN of one abroad', async () => {
    const form60 = { ...toWireIndividual('KD0000000000A5', { ...individual(5), pan: '', form60: true }) };
    const abroad = toWireIndividual('KD0000000000A6', individual(6));
    abroad.mobile_isd = '971';
    abroad.mobile_number = '501234567';
    abroad.permanent_address = { ...abroad.permanent_address, country: 'AE', state: 'DUBAI', pin_code: '' };
    const noPan = { ...toWireIndividual('KD0000000000A7', individual(7)), pan: '' };
    const good = await post('/ckyc-upload/upload/initialize', initializeBody('KD_B5', [form60, abroad]));
    const bad = await post('/ckyc-upload/upload/initialize', initializeBody('KD_B6', [noPan]));
    clock += 6000;
    expect((await post('/ckyc-upload/update/status', { client_id: good.body.data.client_id })).body.data).toMatchObject({ state: 'upload_succeeded', error: null });
    const failed = (await post('/ckyc-upload/update/status', { client_id: bad.body.data.client_id })).body.data;
    expect(failed.state).toBe('upload_failed');
    expect(failed.error).toMatch(/KD0000000000A7: PAN:/);
  });

  it('keeps what it received across a restart', async () => {
    const init = await post('/ckyc-upload/upload/initialize', initializeBody('KD_B3', [toWireIndividual('KD0000000000A3', individual(3))]));
    await sandbox.close();
    sandbox = await CkycSandbox.start({ stateDir: temp.dir, token: TOKEN, processingMs: 6000, logger: silentLogger, now: () => clock + 7000 });
    const status = await post('/ckyc-upload/update/status', { client_id: init.body.data.client_id });
    expect(status.body.data.state).toBe('upload_succeeded');
  });

  it('refuses a second batch with the same file name, naming the first', async () => {
    const body = initializeBody('KD_DUP', [toWireIndividual('KD0000000000A4', individual(4))]);
    const first = await post('/ckyc-upload/upload/initialize', body);
    const second = await post('/ckyc-upload/upload/initialize', body);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ success: false, error: { code: 'DUPLICATE_BATCH' } });
    expect(second.body.error.message).toContain(first.body.data.client_id);
  });

  it.each([
    ['no token', '/ckyc-upload/upload/initialize', {}, null, 401, 'UNAUTHORIZED'],
    ['wrong token', '/ckyc-upload/upload/initialize', {}, 'nope', 401, 'UNAUTHORIZED'],
    ['malformed JSON', '/ckyc-upload/upload/initialize', '{"data": [', TOKEN, 400, 'INVALID_JSON'],
    ['wrong shape', '/ckyc-upload/upload/initialize', { data: { individuals: 'x' } }, TOKEN, 400, 'INVALID_REQUEST'],
    ['empty batch', '/ckyc-upload/upload/initialize', initializeBody('KD_E', []), TOKEN, 400, 'INVALID_REQUEST'],
    ['unknown client', '/ckyc-upload/update/status', { client_id: 'ckyc_missing' }, TOKEN, 404, 'NOT_FOUND'],
    ['unknown endpoint', '/ckyc-upload/nothing', {}, TOKEN, 404, 'NOT_FOUND'],
  ])('answers %s with a clear error', async (_name, path, body, token, status, code) => {
    const response = await post(path, body, token);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ success: false, error: { code } });
    expect(typeof response.body.error.message).toBe('string');
  });
});

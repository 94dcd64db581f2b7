import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifierFromOperator } from '../../shared/record/kyc-record';
import { uploadRequestFor } from '../../electron/connectors/ckyc-records/client';
import { CkycSandbox, TRAINING_RECORDS_API_CREDENTIALS } from '../../electron/sandbox/ckyc/sandbox';
import { ALREADY_UPLOADED_MESSAGE } from '../../electron/sandbox/ckyc/records-api';
import { duplicateRegistrations, readLedger } from '../../electron/sandbox/shell/ledger';
import { silentLogger } from '../../electron/logging/logger';
import { storedSample } from '../support/kyc-records';
import { makeTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';
import { TOKEN, initializeBody, post, reference, wireOf } from './sandbox-support';

/** Seed 001 (and seed 002's token endpoint) through the real sandbox server, into its ledger. */
const VERIFIER = verifierFromOperator({ name: 'Priya Nair', designation: 'Officer', branch: 'MG Road', employeeCode: 'E1', organisation: 'Example Bank' });
const INSTITUTION = { fiCode: 'IN0308', version: 'V1.3', regionCode: 'KA01', username: 'CERSAIUSER1', branchCode: 'BLR042' };
const UPLOAD = '/ckycportalapi/ckyc-upload/';
const TOKEN_PATH = '/agentapi/v1/agent/generate_token';

let temp: ReturnType<typeof makeTempDir>;
let sandbox: CkycSandbox;
const stateDir = () => `${temp.dir}/sandbox`;
const start = async () => {
  sandbox = await CkycSandbox.start({ stateDir: stateDir(), token: TOKEN, processingMs: 200, logger: silentLogger, sftp: false });
};
const records = (...numbers: number[]) => uploadRequestFor(INSTITUTION, numbers.map((n) => ({ reference: reference(n), record: storedSample(n) })), VERIFIER);

beforeEach(async () => {
  temp = makeTempDir();
  await start();
});
afterEach(async () => {
  await sandbox.close();
  temp.remove();
});

describe('records API in the sandbox server', () => {
  it('takes a token from the training credentials, accepts valid records and writes one ledger line per kyc_ref_no', async () => {
    const wrong = await post(sandbox.url, TOKEN_PATH, { username: TRAINING_RECORDS_API_CREDENTIALS.username, password: 'NotThePassw0rd' }, null);
    expect(wrong).toMatchObject({ status: 401, body: { success: false } });
    const issued = await post(sandbox.url, TOKEN_PATH, TRAINING_RECORDS_API_CREDENTIALS, null);
    expect(issued).toMatchObject({ status: 200, body: { success: true, status_code: 200 } });
    const token = issued.body.Token as string;

    expect((await post(sandbox.url, UPLOAD, records(1, 2), null)).status).toBe(401);
    expect(await post(sandbox.url, UPLOAD, records(1, 2), token)).toMatchObject({ status: 200, body: { status: 'success', message: '2 records received.' } });
    const ledger = readLedger(stateDir());
    expect(ledger.map((e) => e.kyc_ref_no)).toEqual([reference(1), reference(2)]);
    for (const entry of ledger) {
      expect(entry).toMatchObject({ kind: 'upload', client_id: expect.stringMatching(/^records_api_[0-9a-f]{16}$/) });
      expect(entry.ckyc_number).toMatch(/^[1-9]\d{13}$/);
      expect(entry.pan_key).toMatch(/^[0-9a-f]{64}$/); // keyed hash, never the PAN
    }
    // The pasted token (Training mode's) works too, and a repeat is refused by reference.
    const again = await post(sandbox.url, UPLOAD, records(3, 2), TOKEN);
    expect(again.status).toBe(400);
    expect(again.body.detail.records).toEqual([{ index: 1, kyc_ref_no: reference(2), errors: { kyc_ref_no: ALREADY_UPLOADED_MESSAGE } }]);
    expect(readLedger(stateDir())).toHaveLength(2);
  });

  it('catches a duplicate across routes and restarts: the ledger is the one record of what was accepted', async () => {
    expect((await post(sandbox.url, UPLOAD, records(1), TOKEN)).status).toBe(200);
    // Bulk after records API: the same customer reference fails as already registered.
    const init = await post(sandbox.url, '/ckyc-upload/upload/initialize', initializeBody('KD_CROSS_1', [wireOf({ reference: reference(1), record: storedSample(1) }, false)]));
    expect(init.status).toBe(200);
    const clientId = init.body.data.client_id as string;
    const result = await waitFor('the bulk batch to end', async () => {
      const r = await post(sandbox.url, '/ckyc-upload/upload/status-check', { client_id: clientId });
      return r.body.data?.state === 'upload_failed' ? r.body.data : undefined;
    });
    expect(result.individuals[0].error).toMatch(/^Record already registered: kyc_ref_no KD000000000001 has CKYC number \d{14}\.$/);

    // Records API after a restart: the ledger, not memory, refuses the repeat.
    await sandbox.close();
    await start();
    const repeat = await post(sandbox.url, UPLOAD, records(1), TOKEN);
    expect(repeat.status).toBe(400);
    expect(repeat.body.detail.records[0].errors.kyc_ref_no).toBe(ALREADY_UPLOADED_MESSAGE);
    expect(duplicateRegistrations(readLedger(stateDir()))).toEqual([]);
    expect(readLedger(stateDir())).toHaveLength(1);
  });

  it('keeps seed 001’s error shapes through the main server: unknown method, oversize body', async () => {
    expect(await post(sandbox.url, UPLOAD.slice(0, -1), records(1), TOKEN)).toMatchObject({ status: 200 });
    const get = await fetch(`${sandbox.url}${UPLOAD}`, { signal: AbortSignal.timeout(5000) });
    expect(get.status).toBe(405);
    expect(await get.json()).toEqual({ detail: {}, message: 'Use POST.' });
    const big = await post(sandbox.url, UPLOAD, 'x'.repeat(8 * 1024 * 1024 + 1), TOKEN).catch(() => null);
    if (big) expect(big).toMatchObject({ status: 413, body: { detail: {}, message: 'The request body is too large.' } });
  });
});

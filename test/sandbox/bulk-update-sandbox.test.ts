import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateRow } from '../../shared/bulk-update/update-columns';
import { writeUpdateFile } from '../../electron/connectors/bulk-update/update-file';
import { CkycSandbox } from '../../electron/sandbox';
import { readBulkUpdateLedger } from '../../electron/sandbox/bulk-update/customer-master';
import { bulkUpdateSandbox, sampleUpdateFile, TRAINING_BULK_UPDATE_CREDENTIALS, TRAINING_PARENT_COMPANY_ID } from '../../electron/sandbox/bulk-update/service';
import { silentLogger } from '../../electron/logging/logger';
import { makeTempDir } from '../support/temp-dir';
import { updateRow } from '../support/bulk-update';

/**
 * The Training platform's bulk customer update (seed 004) over real HTTP: multipart parsing, the
 * company id's pattern, each documented answer in the seed's envelope, rows failing as a customer
 * master refuses them, result files at the URLs it returns, and a ledger of applied rows.
 */
let temp: ReturnType<typeof makeTempDir>;
let sandbox: CkycSandbox;
const TOKEN = TRAINING_BULK_UPDATE_CREDENTIALS.token;

beforeEach(async () => {
  temp = makeTempDir();
  sandbox = await CkycSandbox.start({ stateDir: path.join(temp.dir, 'sandbox'), token: 'unused', processingMs: 300, logger: silentLogger, sftp: false, services: [bulkUpdateSandbox()] });
});
afterEach(async () => {
  await sandbox.close();
  temp.remove();
});

const row = (n: number, changes: Partial<UpdateRow> = {}): UpdateRow => updateRow('KDTEST', n, changes);

interface Reply {
  status: number;
  body: any;
}

async function upload(file: Buffer | null, options: { token?: string | null; company?: string; type?: string } = {}): Promise<Reply> {
  const form = new FormData();
  if (file) form.append('file', new Blob([file], { type: options.type ?? 'text/csv' }), 'update.csv');
  const query = options.company === undefined ? '' : `?parentCompanyId=${encodeURIComponent(options.company)}`;
  const token = options.token === undefined ? TOKEN : options.token;
  const response = await fetch(`${sandbox.url}/api/v0/customer/bulk/update${query}`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.json() };
}

async function resultRows(url: string): Promise<Record<string, string>[]> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(5000) });
  expect(response.status).toBe(200);
  return parse(await response.text(), { columns: true }) as Record<string, string>[];
}

const ledger = () => readBulkUpdateLedger(path.join(temp.dir, 'sandbox', 'bulk-update'));

describe('bulk update sandbox', () => {
  it('applies the clean rows, fails an unknown customer, an undeliverable email and a duplicate, and serves both result files', async () => {
    const rows = [row(1), row(2, { mobile: '9000000011' }), row(3, { email: 'someone@example.com' }), row(4), row(1, { city: 'MUMBAI' })];
    const reply = await upload(writeUpdateFile(rows), { company: TRAINING_PARENT_COMPANY_ID });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ response_code: 0, errorResponse: null, payload: { total_count: 5, success_count: 2, failure_count: 3, warn_count: 0, failure_count_second_file: 0 } });
    const failed = await resultRows(reply.body.payload.failure_file_url);
    expect(failed.map((entry) => [entry.customer_reference, entry.status, entry.reason])).toEqual([
      ['KDTEST000002', 'FAILED', 'Customer not found on the platform.'],
      ['KDTEST000003', 'FAILED', 'Invalid email: the platform cannot deliver to this domain.'],
      ['KDTEST000001', 'FAILED', 'Duplicate row: this customer is already updated earlier in the file.'],
    ]);
    const succeeded = await resultRows(reply.body.payload.success_file_url);
    expect(succeeded.map((entry) => entry.customer_reference)).toEqual(['KDTEST000001', 'KDTEST000004']);
    expect(reply.body.payload.failureRequests).toEqual([
      { row: 2, customer_reference: 'KDTEST000002', reason: 'Customer not found on the platform.' },
      { row: 3, customer_reference: 'KDTEST000003', reason: 'Invalid email: the platform cannot deliver to this domain.' },
      { row: 5, customer_reference: 'KDTEST000001', reason: 'Duplicate row: this customer is already updated earlier in the file.' },
    ]);
    expect(ledger().map((entry) => [entry.customer_reference, entry.changed])).toEqual([
      ['KDTEST000001', true],
      ['KDTEST000004', true],
    ]);
  });

  it('takes the same file again as a harmless repeat: each row applied again, unchanged, said as a warning', async () => {
    const file = writeUpdateFile([row(1), row(2)]);
    expect((await upload(file)).body.payload).toMatchObject({ success_count: 2, warn_count: 0 });
    const again = await upload(file);
    expect(again.body.payload).toMatchObject({ success_count: 2, warn_count: 2, failure_count: 0 });
    const entries = ledger();
    expect(entries).toHaveLength(4);
    expect(entries.filter((entry) => !entry.changed).map((entry) => entry.customer_reference)).toEqual(['KDTEST000001', 'KDTEST000002']);
    expect(new Set(entries.map((entry) => entry.file_sha256)).size).toBe(1);
  });

  it('answers each documented refusal in the seed’s envelope', async () => {
    const file = writeUpdateFile([row(1)]);
    const unauthorised = await upload(file, { token: 'wrong' });
    expect(unauthorised).toMatchObject({ status: 401, body: { payload: null, errorResponse: { errorType: 'UNAUTHORIZED' } } });
    expect((await upload(file, { token: null })).status).toBe(401);
    const badCompany = await upload(file, { company: 'CEK123' });
    expect(badCompany).toMatchObject({ status: 400, body: { errorResponse: { errorType: 'VALIDATION_ERROR', apiSubErrors: [{ field: 'parentCompanyId' }] } } });
    expect(badCompany.body.errorResponse.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(badCompany.body.errorResponse.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await upload(file, { company: 'CEKOTHER01' })).toMatchObject({ status: 403, body: { errorResponse: { errorType: 'INVALID_ACCESS' } } });
    expect(await upload(null)).toMatchObject({ status: 400, body: { errorResponse: { errorType: 'VALIDATION_ERROR', apiSubErrors: [{ field: 'file' }] } } });
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 0x90)]);
    expect(await upload(exe)).toMatchObject({ status: 422, body: { errorResponse: { errorType: 'UNPROCESSABLE_REQUEST', errorMessage: expect.stringContaining('a Windows program') } } });
    const noColumn = Buffer.from('customer_reference,customer_name\r\nKDTEST000001,A\r\n');
    const missing = await upload(noColumn);
    expect(missing).toMatchObject({ status: 422, body: { errorResponse: { errorType: 'UNPROCESSABLE_REQUEST', errorMessage: expect.stringContaining('“ckyc_number”') } } });
    const notFound = await fetch(`${sandbox.url}/api/v0/customer/bulk/files/nothing.csv`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as any).errorResponse.errorType).toBe('RECORD_NOT_FOUND');
    const traversal = await fetch(`${sandbox.url}/api/v0/customer/bulk/files/..%2F..%2Fledger.jsonl`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(traversal.status).toBe(404);
    expect(ledger()).toEqual([]);
  });

  it('writes a sample update file that the platform takes whole', async () => {
    const sample = fs.readFileSync(sampleUpdateFile(path.join(temp.dir, 'sandbox')));
    const reply = await upload(sample, { company: TRAINING_PARENT_COMPANY_ID });
    expect(reply.body.payload).toMatchObject({ total_count: 3, success_count: 3, failure_count: 0 });
  });
});

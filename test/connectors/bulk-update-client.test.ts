import { createHash } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateRow } from '../../shared/bulk-update/update-columns';
import { BulkUpdateClient, type BulkUpdateConnection } from '../../electron/connectors/bulk-update/client';
import { writeUpdateFile } from '../../electron/connectors/bulk-update/update-file';
import { silentLogger } from '../../electron/logging/logger';
import { CkycSandbox } from '../../electron/sandbox';
import { bulkUpdateSandbox, TRAINING_BULK_UPDATE_CREDENTIALS, TRAINING_PARENT_COMPANY_ID } from '../../electron/sandbox/bulk-update/service';
import type { UploadFileSource } from '../../electron/transport/multipart-upload';
import { closedPortUrl, startHostileServer } from '../support/hostile-server';
import { makeTempDir } from '../support/temp-dir';
import { updateRow } from '../support/bulk-update';

/** The bulk update client against the Training platform over real HTTP, and against servers that misbehave. */
let temp: ReturnType<typeof makeTempDir>;
let sandbox: CkycSandbox;

beforeAll(async () => {
  temp = makeTempDir();
  sandbox = await CkycSandbox.start({ stateDir: path.join(temp.dir, 'sandbox'), token: 'unused', processingMs: 300, logger: silentLogger, sftp: false, services: [bulkUpdateSandbox()] });
});
afterAll(async () => {
  await sandbox.close();
  temp.remove();
});

const connection = (changes: Partial<BulkUpdateConnection> = {}): BulkUpdateConnection => ({ baseUrl: sandbox.url, token: TRAINING_BULK_UPDATE_CREDENTIALS.token, parentCompanyId: TRAINING_PARENT_COMPANY_ID, timeoutMs: 5000, ...changes });

const row = (n: number, changes: Partial<UpdateRow> = {}) => updateRow('KDCLIENT', n, { email: '', ...changes });

function source(bytes: Buffer, name = 'update.csv'): UploadFileSource {
  return { name, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), open: () => Readable.from([bytes]) };
}

describe('bulk update client', () => {
  it('streams the file, reads the counts, and fetches the failure file’s rows with their reasons', async () => {
    const client = new BulkUpdateClient(connection());
    const progress: number[] = [];
    const file = writeUpdateFile([row(1), row(2, { mobile: '9000000012' }), row(3, { email: 'x@mail.invalid' })]);
    const outcome = await client.send(source(file), (sent) => progress.push(sent));
    expect(outcome.kind).toBe('answered');
    if (outcome.kind !== 'answered') return;
    expect(outcome.answer.payload).toMatchObject({ total_count: 3, success_count: 1, failure_count: 2 });
    expect(progress.at(-1)).toBe(file.length);
    const failed = await client.resultFile(outcome.answer.payload!.failure_file_url!);
    expect(failed).toEqual({
      ok: true,
      rows: [
        { line: 1, customerReference: 'KDCLIENT0002', status: 'FAILED', reason: 'Customer not found on the platform.' },
        { line: 2, customerReference: 'KDCLIENT0003', status: 'FAILED', reason: 'Invalid email: the platform cannot deliver to this domain.' },
      ],
    });
  });

  it('says each refusal in plain words, with the fields the platform named', async () => {
    const file = source(writeUpdateFile([row(9)]));
    const unauthorised = await new BulkUpdateClient(connection({ token: 'stale' })).send(file);
    expect(unauthorised).toMatchObject({ kind: 'refused', refusal: { status: 401, errorType: 'UNAUTHORIZED', message: expect.stringContaining('enter a fresh token on the Connections screen') } });
    const pattern = await new BulkUpdateClient(connection({ parentCompanyId: 'CEK12' })).send(file);
    expect(pattern).toMatchObject({ kind: 'refused', refusal: { status: 400, errorType: 'VALIDATION_ERROR', fields: [{ field: 'parentCompanyId', message: expect.stringContaining('CEK') }] } });
    const other = await new BulkUpdateClient(connection({ parentCompanyId: 'CEKOTHER01' })).send(file);
    expect(other).toMatchObject({ kind: 'refused', refusal: { status: 403, errorType: 'INVALID_ACCESS' } });
    const unprocessable = await new BulkUpdateClient(connection()).send(source(Buffer.from('customer_reference\r\nKD1\r\n')));
    expect(unprocessable).toMatchObject({ kind: 'refused', refusal: { status: 422, errorType: 'UNPROCESSABLE_REQUEST', message: expect.stringContaining('“country” are missing.”') } });
  });

  it('tests the connection without applying anything', async () => {
    expect(await new BulkUpdateClient(connection()).testConnection()).toMatchObject({ ok: true });
    expect(await new BulkUpdateClient(connection({ token: 'stale' })).testConnection()).toMatchObject({ ok: false, message: expect.stringContaining('did not accept the token') });
    expect(await new BulkUpdateClient(connection({ baseUrl: await closedPortUrl() })).testConnection()).toMatchObject({ ok: false, message: expect.stringContaining('could not be reached') });
  });

  it('keeps to the platform’s own address for result files', async () => {
    const client = new BulkUpdateClient(connection());
    expect(await client.resultFile('https://elsewhere.example/files/x.csv')).toEqual({ ok: false, message: `KYC Desk fetches result files only from the platform's own address (${new URL(sandbox.url).host}), not from elsewhere.example.` });
    expect(await client.resultFile('file:///etc/passwd')).toMatchObject({ ok: false, message: 'KYC Desk fetches result files only over https.' });
  });
});

describe('bulk update client against servers that misbehave', () => {
  it('an HTML error page: a 502 is doubt (the file may have been applied), a 400 a refusal in words', async () => {
    const gateway = await startHostileServer((req, res) => {
      const status = req.url?.includes('parentCompanyId=CEKBADREQ01') ? 400 : 502;
      res.writeHead(status, { 'content-type': 'text/html' }).end('<html><body><h1>Bad gateway</h1></body></html>');
    });
    try {
      const file = source(writeUpdateFile([row(1)]));
      expect(await new BulkUpdateClient(connection({ baseUrl: gateway.url })).send(file)).toMatchObject({ kind: 'doubt', raw: expect.stringContaining('Bad gateway') });
      expect(await new BulkUpdateClient(connection({ baseUrl: gateway.url, parentCompanyId: 'CEKBADREQ01' })).send(file)).toMatchObject({
        kind: 'refused',
        refusal: { status: 400, errorType: null, message: 'The platform refused the request (HTTP 400). Nothing was applied.' },
      });
    } finally {
      await gateway.close();
    }
  });

  it('a 422 with sub-errors names each field; an unknown error type is shown as it came; a 200 without counts is doubt', async () => {
    const answers = [
      { status: 422, body: { response_code: 422, errorResponse: { errorType: 'UNPROCESSABLE_REQUEST', errorMessage: '=cmd bad rows', requestId: 'r-1', apiSubErrors: [{ object: 'row 2', field: 'email', message: 'invalid' }, {}, { field: 'pan', message: 'invalid PAN', rejectedValue: 'X' }] } } },
      { status: 409, body: { errorResponse: { errorType: 'DUPLICATE_FILE', errorMessage: 'seen' } } },
      { status: 200, body: { response_code: 0, response_message: 'ok', extra: true } },
    ];
    let next = 0;
    const server = await startHostileServer((_req, res) => {
      const answer = answers[next++]!;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
    try {
      const client = new BulkUpdateClient(connection({ baseUrl: server.url }));
      const file = source(writeUpdateFile([row(1)]));
      expect(await client.send(file)).toMatchObject({
        kind: 'refused',
        refusal: { status: 422, message: 'The platform could not process the file. Nothing was applied. It said: “cmd bad rows”.', requestId: 'r-1', fields: [{ field: 'email', message: 'invalid' }, { field: 'pan', message: 'invalid PAN' }] },
      });
      expect(await client.send(file)).toMatchObject({ kind: 'refused', refusal: { status: 409, errorType: 'DUPLICATE_FILE', message: 'The platform refused the update (“DUPLICATE_FILE”, HTTP 409). It said: “seen”.' } });
      expect(await client.send(file)).toMatchObject({ kind: 'doubt', message: expect.stringContaining('without the update’s counts') });
    } finally {
      await server.close();
    }
  });

  it('a connection that cannot be made is reported as not sent (nothing to reconcile)', async () => {
    const outcome = await new BulkUpdateClient(connection({ baseUrl: await closedPortUrl() })).send(source(writeUpdateFile([row(1)])));
    expect(outcome.kind).toBe('not_sent');
  });
});

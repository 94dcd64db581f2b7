import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateRow } from '../../shared/bulk-update/update-columns';
import { BULK_CUSTOMER_UPDATE_KIND_ID, type BulkUpdate } from '../../shared/record-kinds/bulk-customer-update';
import { BulkUpdateClient, type BulkUpdateConnection, type SendOutcome } from '../../electron/connectors/bulk-update/client';
import type { UploadFileSource } from '../../electron/transport/multipart-upload';
import { CkycSandbox } from '../../electron/sandbox';
import { readBulkUpdateLedger } from '../../electron/sandbox/bulk-update/customer-master';
import { bulkUpdateSandbox, TRAINING_BULK_UPDATE_CREDENTIALS, TRAINING_PARENT_COMPANY_ID } from '../../electron/sandbox/bulk-update/service';
import { silentLogger } from '../../electron/logging/logger';
import { bulkUpdateService, BULK_UPDATE_SERVICE_ID, MAX_SENDS_IN_DOUBT, type AnsweredUpdate } from '../../electron/services/bulk-update';
import type { RecordService } from '../../electron/records/record-service';
import { SendHistory } from '../../electron/bulk-update/send-history';
import type { SubmissionService } from '../../electron/sync/submission-service';
import { makeTempDir } from '../support/temp-dir';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { waitFor } from '../support/wait';
import { updateRow } from '../support/bulk-update';

/**
 * The bulk customer update as a submission service, through the real sync engine and store against
 * the Training platform over HTTP: an answered update's failed rows matched to their records, a
 * refusal in words, a send that never left retried, and a lost answer sending the same sealed bytes
 * again (the platform's ledger showing each row applied as often as the update was sent).
 */
const VERIFIER = { name: 'A OFFICER', designation: 'OFFICER', branch: 'MAIN', employmentCode: 'E1', organization: 'BANK' };
let temp: ReturnType<typeof makeTempDir>;
let sandbox: CkycSandbox | undefined;
let harness: SyncHarness | undefined;

beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  await harness?.close();
  await sandbox?.close();
  harness = undefined;
  sandbox = undefined;
  temp.remove();
});

const row = (n: number, changes: Partial<UpdateRow> = {}): UpdateRow => updateRow('KDBULK', n, changes);

/** A client that loses the answer of its first `lose` sends after the platform has applied them, or every one. */
class LosesAnswers extends BulkUpdateClient {
  sends: string[] = [];
  constructor(
    connection: BulkUpdateConnection,
    private readonly lose: number,
    private offlineFirst = 0,
  ) {
    super(connection);
  }
  override async send(file: UploadFileSource): Promise<SendOutcome> {
    if (this.offlineFirst > 0) {
      this.offlineFirst -= 1;
      return { kind: 'not_sent', message: 'Could not connect to the platform.' };
    }
    this.sends.push(file.sha256);
    const outcome = await super.send(file);
    if (this.sends.length <= this.lose) return { kind: 'doubt', message: 'The platform did not answer in time.', raw: null };
    return outcome;
  }
}

async function start(options: { token?: string; company?: string; lose?: number; offlineFirst?: number; keepSandbox?: boolean } = {}) {
  if (!options.keepSandbox) sandbox = await CkycSandbox.start({ stateDir: path.join(temp.dir, 'sandbox'), token: 'unused', processingMs: 100, logger: silentLogger, sftp: false, services: [bulkUpdateSandbox()] });
  const connection: BulkUpdateConnection = { baseUrl: sandbox!.url, token: options.token ?? TRAINING_BULK_UPDATE_CREDENTIALS.token, parentCompanyId: options.company ?? TRAINING_PARENT_COMPANY_ID, timeoutMs: 5000 };
  const client = new LosesAnswers(connection, options.lose ?? 0, options.offlineFirst ?? 0);
  // The engine reads its services when it uses them: the service is made once the store is open.
  const all: Record<string, SubmissionService> = {};
  harness = await openSyncHarness(temp.dir, { url: sandbox!.url, token: 'unused' }, 50, { services: { all, route: BULK_UPDATE_SERVICE_ID } });
  const history = new SendHistory(harness.store);
  all[BULK_UPDATE_SERVICE_ID] = bulkUpdateService({ client: () => Promise.resolve({ ok: true, client }), history });
  return { h: harness, client, history };
}

const ledger = () => readBulkUpdateLedger(path.join(temp.dir, 'sandbox', 'bulk-update'));

/** The maker prepares the update, the checker approves it and sends it; waits for its batch to end. */
async function prepareApproveSend(h: SyncHarness, update: BulkUpdate, end: readonly string[] = ['succeeded', 'failed', 'needs_attention']) {
  const saved = h.service.save({ kind: BULK_CUSTOMER_UPDATE_KIND_ID, record: update } as Parameters<RecordService['save']>[0], h.maker);
  expect(saved.state).toBe('awaiting_approval');
  expect(h.service.approve([saved.id], h.checker).approved).toHaveLength(1);
  const started = h.engine.startSync(VERIFIER, BULK_UPDATE_SERVICE_ID);
  expect(started.batchId).not.toBeNull();
  await waitFor('the update batch to end', () => end.includes(h.batches.find(started.batchId!)?.state ?? ''), 15_000);
  return { id: saved.id, batch: h.batches.find(started.batchId!)! };
}

const tenRows = () => Array.from({ length: 10 }, (_, i) => row(i + 1, i === 3 ? { mobile: '9000000011' } : i === 7 ? { email: 'someone@example.com' } : {}));
const recordIds = (rows: readonly UpdateRow[]) => rows.map((_, i) => `rec-${i + 1}`);

describe('bulk customer update through the sync engine, against the Training platform', () => {
  it('sends ten customers once: eight updated, two failed with their reasons matched to their records', async () => {
    const { h, client } = await start();
    const rows = tenRows();
    const { id, batch } = await prepareApproveSend(h, { rows, recordIds: recordIds(rows), source: 'records' });
    expect(batch.state).toBe('succeeded');
    expect(client.sends).toHaveLength(1);
    expect(batch.fileSha256).toBe(client.sends[0]);
    const kept = JSON.parse(batch.lastAnswer!) as AnsweredUpdate;
    expect(kept.counts).toEqual({ total: 10, success: 8, failure: 2, warn: 0 });
    expect(kept.rows.map((entry) => [entry.customerReference, entry.recordId, entry.status])).toEqual([
      ['KDBULK000004', 'rec-4', 'FAILED'],
      ['KDBULK000008', 'rec-8', 'FAILED'],
    ]);
    for (const entry of kept.rows) expect(entry.reason.length).toBeGreaterThan(5);
    const stored = h.records.find(id)!;
    expect(stored.state).toBe('succeeded');
    expect(stored.message).toMatch(/8 of 10 customers updated, 2 failed/);
    expect(ledger()).toHaveLength(8);
    expect(new Set(ledger().map((entry) => entry.file_sha256))).toEqual(new Set([batch.fileSha256]));
  });

  it('a lost answer sends the same sealed bytes again; the platform applied each row once per send', async () => {
    const { h, client, history } = await start({ lose: 1 });
    const rows = tenRows().slice(0, 3);
    const { batch } = await prepareApproveSend(h, { rows, recordIds: [], source: 'file', fileName: 'update.csv' });
    expect(batch.state).toBe('succeeded');
    expect(client.sends).toHaveLength(2);
    expect(history.of(batch.id).map((entry) => entry.outcome)).toEqual(['doubt', 'answered']);
    expect(new Set(client.sends)).toEqual(new Set([batch.fileSha256]));
    const applied = ledger();
    expect(applied).toHaveLength(rows.length * 2);
    for (const r of rows) expect(applied.filter((entry) => entry.customer_reference === r.customer_reference)).toHaveLength(2);
    // The repeat set the same values: the platform's own words say nothing changed.
    const kept = JSON.parse(batch.lastAnswer!) as AnsweredUpdate;
    expect(kept.send).toBe(2);
    expect(kept.counts.warn).toBe(3);
  });

  it('never answered clearly: sent at most the bound, then it waits for a person', async () => {
    const { h, client } = await start({ lose: 100 });
    const { batch } = await prepareApproveSend(h, { rows: [row(1)], recordIds: [], source: 'file' }, ['needs_attention', 'succeeded', 'failed']);
    expect(batch.state).toBe('needs_attention');
    expect(client.sends).toHaveLength(MAX_SENDS_IN_DOUBT);
    expect(ledger()).toHaveLength(MAX_SENDS_IN_DOUBT);
    expect(batch.lastError).toMatch(/sent 4 times/);
  });

  it('a send that never left is tried again, and the platform applies the update once', async () => {
    const { h, client, history } = await start({ offlineFirst: 2 });
    const { batch } = await prepareApproveSend(h, { rows: [row(1), row(2)], recordIds: [], source: 'file' });
    expect(batch.state).toBe('succeeded');
    expect(client.sends).toHaveLength(1);
    expect(history.of(batch.id).map((entry) => entry.outcome)).toEqual(['not_sent', 'not_sent', 'answered']);
    expect(ledger()).toHaveLength(2);
  });

  it('a token the platform refuses: nothing applied, the update ready again, the reason in words', async () => {
    const { h } = await start({ token: 'stale-token' });
    const { id, batch } = await prepareApproveSend(h, { rows: [row(1)], recordIds: [], source: 'file' }, ['send_failed', 'failed', 'succeeded', 'needs_attention']);
    expect(batch.lastError).toBeTruthy();
    expect(batch.lastError).not.toMatch(/stale-token/);
    expect(h.records.find(id)!.state).toBe('ready');
    expect(ledger()).toHaveLength(0);
  });

  it('a company id the platform refuses by its pattern: the update fails with the field named, nothing applied', async () => {
    const { h } = await start({ company: 'NOTACOMPANY' });
    const { id, batch } = await prepareApproveSend(h, { rows: [row(1)], recordIds: [], source: 'file' });
    expect(batch.state).toBe('failed');
    const stored = h.records.find(id)!;
    expect(stored.state).toBe('failed');
    expect(JSON.stringify(stored)).toMatch(/parentCompanyId/);
    expect(ledger()).toHaveLength(0);
  });

  it('restart-safe: stopped while in doubt, the reopened app sends the same sealed bytes and the update ends answered', async () => {
    const first = await start({ lose: 100 });
    const rows = [row(1), row(2)];
    const saved = first.h.service.save({ kind: BULK_CUSTOMER_UPDATE_KIND_ID, record: { rows, recordIds: [], source: 'file' } } as Parameters<RecordService['save']>[0], first.h.maker);
    first.h.service.approve([saved.id], first.h.checker);
    const started = first.h.engine.startSync(VERIFIER, BULK_UPDATE_SERVICE_ID);
    await waitFor('the first send to end in doubt', () => first.h.batches.find(started.batchId!)?.state === 'needs_reconciliation', 10_000);
    await first.h.close();
    harness = undefined;
    const sha = first.client.sends[0]!;

    const second = await start({ keepSandbox: true });
    second.h.engine.resume();
    await waitFor('the update to end after the restart', () => ['succeeded', 'failed', 'needs_attention'].includes(second.h.batches.find(started.batchId!)?.state ?? ''), 15_000);
    const batch = second.h.batches.find(started.batchId!)!;
    expect(batch.state).toBe('succeeded');
    expect(batch.fileSha256).toBe(sha);
    expect(new Set([...first.client.sends, ...second.client.sends])).toEqual(new Set([sha]));
    const sends = second.history.of(batch.id);
    expect(sends.at(-1)?.outcome).toBe('answered');
    // Each send that may have reached the platform applied each row once, and no other file was applied.
    const applied = ledger();
    expect(new Set(applied.map((entry) => entry.file_sha256))).toEqual(new Set([sha]));
    expect(applied).toHaveLength(rows.length * sends.filter((entry) => entry.outcome !== 'not_sent').length);
  });

  it('a gateway’s HTML error page is doubt and the same file goes again; the platform’s 422 with sub-errors then fails the update with each field in words', async () => {
    // A stand-in platform: first an HTML 502 from a gateway, then the platform's 422 naming two fields.
    const bodies: string[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        if (bodies.length === 1) {
          res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
          return;
        }
        res.writeHead(422, { 'content-type': 'application/json' }).end(
          JSON.stringify({ response_code: 422, response_message: 'Unprocessable', payload: null, errorResponse: { errorType: 'UNPROCESSABLE_REQUEST', errorMessage: 'The file has rows the platform cannot take.', requestId: 'req-1', apiSubErrors: [{ object: 'file', field: 'email', message: 'must be a well-formed email address' }, { object: 'file', field: 'pincode', message: 'must be 6 digits' }] } }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = new BulkUpdateClient({ baseUrl: url, token: 'stub-token', parentCompanyId: '', timeoutMs: 3000 });
      const all: Record<string, SubmissionService> = {};
      harness = await openSyncHarness(temp.dir, { url, token: 'unused' }, 50, { services: { all, route: BULK_UPDATE_SERVICE_ID } });
      const history = new SendHistory(harness.store);
      all[BULK_UPDATE_SERVICE_ID] = bulkUpdateService({ client: () => Promise.resolve({ ok: true, client }), history });
      const { id, batch } = await prepareApproveSend(harness, { rows: [row(1)], recordIds: [], source: 'file' });
      // The same bytes refused for their content: the platform could not have taken them the first time either.
      expect(batch.state).toBe('failed');
      expect(history.of(batch.id).map((entry) => entry.outcome)).toEqual(['doubt', 'refused']);
      expect(bodies).toHaveLength(2);
      const file = (body: string) => body.slice(body.indexOf('customer_reference'), body.lastIndexOf('\r\n--'));
      expect(file(bodies[1]!)).toBe(file(bodies[0]!));
      const stored = harness.records.find(id)!;
      expect(stored.state).toBe('failed');
      expect(JSON.stringify(stored)).toMatch(/must be 6 digits/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a 422 with sub-errors on the first send fails the update with each field in words', async () => {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () =>
        res.writeHead(422, { 'content-type': 'application/json' }).end(
          JSON.stringify({ response_code: 422, payload: null, errorResponse: { errorType: 'UNPROCESSABLE_REQUEST', errorMessage: 'The file has rows the platform cannot take.', apiSubErrors: [{ object: 'file', field: 'email', message: 'must be a well-formed email address' }] } }),
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = new BulkUpdateClient({ baseUrl: url, token: 'stub-token', parentCompanyId: '', timeoutMs: 3000 });
      const all: Record<string, SubmissionService> = {};
      harness = await openSyncHarness(temp.dir, { url, token: 'unused' }, 50, { services: { all, route: BULK_UPDATE_SERVICE_ID } });
      all[BULK_UPDATE_SERVICE_ID] = bulkUpdateService({ client: () => Promise.resolve({ ok: true, client }), history: new SendHistory(harness.store) });
      const { id, batch } = await prepareApproveSend(harness, { rows: [row(1)], recordIds: [], source: 'file' });
      expect(batch.state).toBe('failed');
      const stored = harness.records.find(id)!;
      expect(stored.state).toBe('failed');
      expect(stored.message).toMatch(/refused the whole update, nothing was applied/);
      expect(JSON.stringify(stored)).toMatch(/must be a well-formed email address/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

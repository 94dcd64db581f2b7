import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycSandbox } from '../../electron/sandbox/ckyc/sandbox';
import { silentLogger } from '../../electron/logging/logger';
import { assertConnectionAllowed } from '../../electron/connectors/connection-guard';
import { AppFailure } from '../../shared/errors';
import { makeTempDir } from '../support/temp-dir';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { closedPortUrl, startHostileServer } from '../support/hostile-server';
import { waitFor } from '../support/wait';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { duplicateRegistrations, readLedger } from '../../electron/sandbox/shell/ledger';

const TOKEN = 'sync-test-token';
let temp: ReturnType<typeof makeTempDir>;
let sandbox: CkycSandbox | undefined;
let harness: SyncHarness | undefined;
const closers: Array<() => Promise<void>> = [];

beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  await harness?.close();
  await sandbox?.close();
  for (const close of closers.splice(0)) await close();
  harness = undefined;
  sandbox = undefined;
  temp.remove();
});

async function startSandbox(processingMs = 200) {
  sandbox = await CkycSandbox.start({ stateDir: `${temp.dir}/sandbox`, token: TOKEN, processingMs, logger: silentLogger });
  return sandbox;
}

const batchState = (h: SyncHarness, id: string) => h.batches.find(id)?.state;

describe('sync engine against the training sandbox', () => {
  it('takes ready records to upload_succeeded and stores each outcome', async () => {
    const s = await startSandbox();
    harness = await openSyncHarness(temp.dir, { url: s.url, token: TOKEN });
    const saved = [];
    for (const n of [1, 2, 3]) saved.push(await harness.save(n));
    const started = harness.startSync();
    expect(started.recordCount).toBe(3);
    // Durable before the network call: the batch and its records are already on disk as submitted.
    expect(harness.records.inState('submitted', 10).map((r) => r.id).sort()).toEqual(saved.map((r) => r.id).sort());
    await waitFor('batch to succeed', () => batchState(harness!, started.batchId!) === 'succeeded');
    for (const record of saved) expect(harness.records.find(record.id)?.state).toBe('succeeded');
    const finished = harness.events.find((e) => e.event === 'sync-finished');
    expect(finished?.payload).toEqual({ batchId: started.batchId, state: 'succeeded', succeeded: 3, failed: 0 });
    const batch = harness.batches.find(started.batchId!)!;
    expect(batch.clientId).toMatch(/^ckyc_/);
    expect(batch.remoteState).toBe('upload_succeeded');
    expect(batch.nextPollAt).toBeNull();
  });

  it('says so when nothing is ready, and creates no batch', async () => {
    const s = await startSandbox();
    harness = await openSyncHarness(temp.dir, { url: s.url, token: TOKEN });
    expect(harness.startSync()).toEqual({ batchId: null, recordCount: 0, message: 'No records are ready to sync.' });
    expect(harness.batches.list({ page: 1, pageSize: 10 }).total).toBe(0);
  });

  it('keeps the registry’s reason verbatim on every record of a failed batch', async () => {
    const s = await startSandbox();
    harness = await openSyncHarness(temp.dir, { url: s.url, token: TOKEN });
    const saved = await harness.save(7);
    const { batchId } = harness.startSync();
    // Corrupt the stored PAN behind the validator's back once the batch is formed (forming asks
    // today's rules again), as a registry-side rule change would: the batch is built from it.
    harness.store.write(() => harness!.store.run(`UPDATE records SET data = json_set(data, '$.pan', 'ABCCE1234F') WHERE id = ?`, [saved.id]));
    await waitFor('batch to fail', () => batchState(harness!, batchId!) === 'failed');
    const record = harness.records.find(saved.id)!;
    expect(record.state).toBe('failed');
    expect(record.message).toMatch(/PAN: This PAN is not an individual/);
    // …and, mapped onto the form, beside the PAN field when its maker changes it.
    expect(record.registryErrors).toEqual({ pan: expect.stringMatching(/^This PAN is not an individual/) });
    // The batch keeps the registry's own line, which names the record.
    expect(harness.batches.find(batchId!)!.lastError).toContain(saved.reference);
  });

  it('resumes following a batch after a restart, without sending it again', async () => {
    const s = await startSandbox(600);
    harness = await openSyncHarness(temp.dir, { url: s.url, token: TOKEN }, 100);
    await harness.save(11);
    const { batchId } = harness.startSync();
    await waitFor('batch accepted', () => batchState(harness!, batchId!) === 'polling');
    const clientId = harness.batches.find(batchId!)!.clientId;
    await harness.close();
    harness = await openSyncHarness(temp.dir, { url: s.url, token: TOKEN }, 100);
    harness.engine.resume();
    await waitFor('batch to succeed after restart', () => batchState(harness!, batchId!) === 'succeeded');
    expect(harness.batches.find(batchId!)!.clientId).toBe(clientId);
  });

  it('never resends a batch that was interrupted mid-send: it waits for reconciliation', async () => {
    const server = await startHostileServer(() => undefined); // swallows the request, never answers
    closers.push(server.close);
    harness = await openSyncHarness(temp.dir, { url: server.url, token: TOKEN });
    await harness.save(12);
    const { batchId } = harness.startSync();
    await waitFor('request to reach the server', () => server.hits() === 1);
    // Simulate the app dying here: the engine stops, the batch is still "sending" on disk.
    await harness.engine.stop();
    await harness.store.close();
    harness = await openSyncHarness(temp.dir, { url: server.url, token: TOKEN });
    expect(batchState(harness, batchId!)).toBe('sending');
    harness.engine.resume();
    expect(batchState(harness, batchId!)).toBe('needs_reconciliation');
    expect(harness.batches.find(batchId!)!.lastError).toMatch(/looked up at the registry before anything is sent again/);
    expect(harness.records.inState('submitted', 10)).toHaveLength(1);
    expect(harness.startSync().recordCount).toBe(0);
    expect(server.hitsTo('/initialize')).toBe(1);
  });
});

describe('exactly once: per-record outcomes and reconciliation by batch name', () => {
  it('a batch the registry partly accepts settles each record from status-check, the refused ones with their reason', async () => {
    sandbox = await CkycSandbox.start({ stateDir: `${temp.dir}/sandbox`, token: TOKEN, processingMs: 50, logger: silentLogger, faults: 'registry_reject=0.5', seed: 'partial-batch' });
    harness = await openSyncHarness(temp.dir, { url: sandbox.url, token: TOKEN });
    const saved = [];
    // Twelve, so that "some of each" fails by chance once in 2,000 runs (references are random; each is refused with p = 0.5).
    for (const n of [31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42]) saved.push(await harness.save(n));
    const { batchId } = harness.startSync();
    await waitFor('batch to finish', () => ['succeeded', 'failed'].includes(batchState(harness!, batchId!) ?? ''), 10_000);
    const states = saved.map((r) => harness!.records.find(r.id)!);
    const accepted = new Set(readLedger(`${temp.dir}/sandbox`).map((entry) => entry.kyc_ref_no));
    // Some of each, with this seed — and each record's state is exactly what the registry said of it.
    expect(states.some((r) => r.state === 'succeeded') && states.some((r) => r.state === 'failed')).toBe(true);
    for (const record of states) {
      expect(record.state).toBe(accepted.has(record.reference) ? 'succeeded' : 'failed');
      if (record.state === 'failed') expect(record.message).toBeTruthy();
    }
    expect(batchState(harness, batchId!)).toBe('succeeded');
    expect(harness.batches.find(batchId!)!.lastError).toMatch(/of 12 records were refused by the registry/);
  });

  it('an initialize that took effect but whose answer was lost is found by name and followed, never sent twice', async () => {
    sandbox = await CkycSandbox.start({ stateDir: `${temp.dir}/sandbox`, token: TOKEN, processingMs: 50, logger: silentLogger });
    const proxy = await forwardingProxy(sandbox.url, (path) => path.endsWith('/initialize'));
    closers.push(proxy.close);
    harness = await openSyncHarness(temp.dir, { url: proxy.url, token: TOKEN });
    const saved = await harness.save(41);
    const { batchId } = harness.startSync();
    await waitFor('batch to succeed after reconciliation', () => batchState(harness!, batchId!) === 'succeeded', 10_000);
    expect(harness.records.find(saved.id)!.state).toBe('succeeded');
    expect(proxy.hitsTo('/initialize')).toBe(1);
    expect(proxy.hitsTo('/get-client-details')).toBeGreaterThanOrEqual(1);
    const ledger = readLedger(`${temp.dir}/sandbox`);
    expect(ledger.map((entry) => entry.kyc_ref_no)).toEqual([saved.reference]);
    expect(duplicateRegistrations(ledger)).toEqual([]);
  });

  it('an initialize that never arrived is not found twice: its records are ready again, and the next sync sends them once', async () => {
    sandbox = await CkycSandbox.start({ stateDir: `${temp.dir}/sandbox`, token: TOKEN, processingMs: 50, logger: silentLogger });
    let swallow = true;
    const proxy = await forwardingProxy(sandbox.url, () => false, (path) => swallow && path.endsWith('/initialize'));
    closers.push(proxy.close);
    harness = await openSyncHarness(temp.dir, { url: proxy.url, token: TOKEN });
    const saved = await harness.save(42);
    const { batchId } = harness.startSync();
    await waitFor('batch to be settled as never received', () => batchState(harness!, batchId!) === 'send_failed', 10_000);
    expect(proxy.hitsTo('/get-client-details')).toBe(2);
    expect(harness.records.find(saved.id)).toMatchObject({ state: 'ready', message: 'Not received by the registry; it goes in the next batch.' });
    swallow = false;
    const again = harness.startSync();
    await waitFor('the next batch to succeed', () => batchState(harness!, again.batchId!) === 'succeeded', 10_000);
    expect(readLedger(`${temp.dir}/sandbox`).map((entry) => entry.kyc_ref_no)).toEqual([saved.reference]);
  });
});

/**
 * A loopback proxy to the sandbox that can lose the answer of a request after the sandbox acted on
 * it (`loseAnswer`), or drop a request before it reaches the sandbox (`dropRequest`, answered with
 * a broken connection): the two halves of "the network failed mid-request".
 */
async function forwardingProxy(target: string, loseAnswer: (path: string) => boolean, dropRequest: (path: string) => boolean = () => false) {
  let hits: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      hits.push(path);
      if (dropRequest(path)) {
        res.destroy();
        return;
      }
      void fetch(target + (req.url ?? '/'), {
        method: req.method,
        headers: { authorization: String(req.headers.authorization ?? ''), 'content-type': String(req.headers['content-type'] ?? 'application/json') },
        body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
      }).then(async (answer) => {
        const text = await answer.text();
        if (loseAnswer(path)) res.destroy();
        else res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
      }, () => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hitsTo: (end: string) => hits.filter((p) => p.endsWith(end)).length,
    close: () => {
      hits = [];
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('sync engine when the registry is down or talks nonsense', () => {
  it('a registry that cannot be reached keeps the batch whole and waiting (sync paused), with the reason', async () => {
    harness = await openSyncHarness(temp.dir, { url: await closedPortUrl(), token: TOKEN });
    const saved = await harness.save(21);
    const { batchId } = harness.startSync();
    await waitFor('sync to pause', () => harness!.engine.status().connectivity === 'offline');
    expect(batchState(harness, batchId!)).toBe('sending');
    expect(harness.batches.find(batchId!)!.lastError).toMatch(/could not be reached/);
    expect(harness.records.find(saved.id)!.state).toBe('submitted');
    expect(harness.events.some((e) => e.event === 'sync-finished')).toBe(false);
    expect(harness.events.some((e) => e.event === 'sync-status' && (e.payload as { connectivity: string }).connectivity === 'offline')).toBe(true);
  });

  it('a garbage answer to initialize is treated as "may have arrived": nothing is re-sent', async () => {
    const server = await startHostileServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>'));
    closers.push(server.close);
    harness = await openSyncHarness(temp.dir, { url: server.url, token: TOKEN });
    await harness.save(22);
    const { batchId } = harness.startSync();
    await waitFor('batch to need reconciliation', () => batchState(harness!, batchId!) === 'needs_reconciliation');
    expect(harness.batches.find(batchId!)!.lastError).toMatch(/web page instead of data/);
    expect(harness.records.inState('submitted', 10)).toHaveLength(1);
    expect(server.hitsTo('/initialize')).toBe(1);
  });

  it('garbage status answers are retried with backoff until the registry makes sense again', async () => {
    let statusCalls = 0;
    let reference = '';
    const status = '"client_id":"c-1","state":"upload_succeeded","batch_file_name":"x","individuals_count":1,"error":null,"updated_at":"2026-11-22T10:00:00Z","individuals_succeeded":1,"individuals_failed":0';
    const server = await startHostileServer((req, res) => {
      if (req.url?.endsWith('/initialize')) {
        res.writeHead(200).end('{"success":true,"data":{"client_id":"c-1","state":"pending","batch_file_name":"x"}}');
        return;
      }
      if (req.url?.endsWith('/upload-file')) {
        res.writeHead(200).end(`{"success":true,"data":{"client_id":"c-1","state":"pending","batch_file_name":"x","sha256":"${'0'.repeat(64)}","bytes":1,"already_received":false}}`);
        return;
      }
      if (req.url?.endsWith('/status-check')) {
        res.writeHead(200).end(`{"success":true,"data":{${status},"status_type":"upload","individuals":[{"kyc_ref_no":"${reference}","request":{"pan_masked":"","mobile_masked":"","image_files":[]},"state":"succeeded","ckyc_number":"10000000000001","error":null}]}}`);
        return;
      }
      statusCalls++;
      if (statusCalls <= 2) res.writeHead(200).end('{"success":tru');
      else res.writeHead(200).end(`{"success":true,"data":{${status}}}`);
    });
    closers.push(server.close);
    harness = await openSyncHarness(temp.dir, { url: server.url, token: TOKEN }, 20);
    const saved = await harness.save(23);
    reference = saved.reference;
    const { batchId } = harness.startSync();
    await waitFor('a failed poll to be recorded', () => (harness!.batches.find(batchId!)?.attempts ?? 0) >= 1 && harness!.batches.find(batchId!));
    expect(harness.batches.find(batchId!)!.lastError).toMatch(/not JSON/);
    await waitFor('batch to succeed', () => batchState(harness!, batchId!) === 'succeeded', 10_000);
    expect(harness.records.find(saved.id)!.state).toBe('succeeded');
    expect(statusCalls).toBe(3);
  });
});

describe('training data never reaches a real connection', () => {
  it('allows training only to the sandbox and live never to it', () => {
    const sandboxUrl = 'http://127.0.0.1:41234';
    expect(() => assertConnectionAllowed('training', 'http://127.0.0.1:41234/ckyc-upload', sandboxUrl)).not.toThrow();
    expect(() => assertConnectionAllowed('training', 'https://api.vendor.example', sandboxUrl)).toThrow(AppFailure);
    expect(() => assertConnectionAllowed('training', 'http://127.0.0.1:41235', sandboxUrl)).toThrow(/only send to the built-in training sandbox/);
    expect(() => assertConnectionAllowed('live', sandboxUrl, sandboxUrl)).toThrow(/cannot be sent to the training sandbox/);
    expect(() => assertConnectionAllowed('live', 'https://api.vendor.example', sandboxUrl)).not.toThrow();
  });
});

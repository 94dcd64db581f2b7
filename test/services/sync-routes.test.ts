import fs from 'node:fs';
import { IMAGES_NOT_SENT } from '../../electron/services/ckyc/records-api';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycSandbox, TRAINING_RECORDS_API_CREDENTIALS } from '../../electron/sandbox/ckyc/sandbox';
import { sftpSandboxPaths } from '../../electron/sandbox/ckyc/sftp/server';
import { silentLogger } from '../../electron/logging/logger';
import { duplicateRegistrations, readLedger } from '../../electron/sandbox/shell/ledger';
import { CkycBulkClient } from '../../electron/connectors/ckyc-bulk/client';
import { BATCH_FIXED_BYTES, recordZipBytes } from '../../electron/connectors/ckyc-bulk/batch-zip';
import { trainingSftpSettings } from '../../electron/app/training-connections';
import type { SftpConnectionSettings } from '../../electron/transport/sftp';
import type { SubmissionRoute } from '../../shared/sync/routes';
import type { BatchState } from '../../shared/sync/states';
import { makeTempDir } from '../support/temp-dir';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { startToggleProxy } from '../support/toggle-proxy';
import { waitFor } from '../support/wait';

const TOKEN = 'routes-test-token';
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

const stateDir = () => path.join(temp.dir, 'sandbox');

async function start(route: SubmissionRoute, options: { maxBatchBytes?: number; sftp?: () => SftpConnectionSettings | { problem: string } } = {}) {
  sandbox = await CkycSandbox.start({ stateDir: stateDir(), token: TOKEN, processingMs: 150, logger: silentLogger });
  const s = sandbox;
  harness = await openSyncHarness(temp.dir, { url: s.url, token: TOKEN, sftp: options.sftp ?? (() => trainingSftpSettings(s)) }, 50, {
    route,
    ...(options.maxBatchBytes !== undefined ? { maxBatchBytes: options.maxBatchBytes } : {}),
  });
  return { sandbox: s, harness };
}

const batchState = (h: SyncHarness, id: string): BatchState | undefined => h.batches.find(id)?.state;
const statesSeen = (h: SyncHarness, id: string) =>
  h.events.filter((e) => e.event === 'batch-updated' && (e.payload as { id: string }).id === id).map((e) => (e.payload as { state: BatchState }).state);
const outboxFiles = () => (fs.existsSync(path.join(temp.dir, 'outbox')) ? fs.readdirSync(path.join(temp.dir, 'outbox')) : []);

describe('route 1: bulk over HTTP — initialize, the ZIP through upload-file, status, status-check', () => {
  it('sends the sealed ZIP the registry waits for, and stores each record’s CKYC number', async () => {
    const { sandbox: s, harness: h } = await start('bulk-api');
    const saved = [await h.save(1), await h.save(2)];
    const { batchId } = h.startSync();
    // The ZIP waits sealed in the outbox: not a byte of the customers' data in clear.
    await waitFor('the registry to have the file', () => h.batches.find(batchId!)?.state === 'polling' || batchState(h, batchId!) === 'succeeded');
    await waitFor('batch to succeed', () => batchState(h, batchId!) === 'succeeded', 10_000);
    expect(statesSeen(h, batchId!)).toEqual(expect.arrayContaining(['uploading', 'polling', 'succeeded']));
    const batch = h.batches.find(batchId!)!;
    expect(batch.route).toBe('bulk-api');
    expect(batch.fileBytes).toBeGreaterThan(0);
    expect(batch.sentBytes).toBe(batch.fileBytes);
    const remote = await new CkycBulkClient({ baseUrl: s.url, token: TOKEN, timeoutMs: 2000 }).findBatch('upload', batch.batchFileName);
    expect(remote.ok && remote.batch).toMatchObject({ file_required: true, file_received: true, file_sha256: batch.fileSha256 });
    for (const record of saved) {
      const stored = h.records.find(record.id)!;
      expect(stored.state).toBe('succeeded');
      expect(stored.ckycNumber).toMatch(/^\d{14}$/);
    }
    expect(h.events.some((e) => e.event === 'batch-progress' && (e.payload as { id: string }).id === batchId)).toBe(true);
    expect(outboxFiles()).toEqual([]); // the batch ended: nothing of its file stays on this PC
    expect(duplicateRegistrations(readLedger(stateDir()))).toEqual([]);
  });

  it('keeps the ZIP sealed while it waits: the outbox file holds no reference, name or PAN in clear', async () => {
    // An SFTP connection not set up yet: the batch is registered and waits, with its ZIP, in the outbox.
    const { harness: h } = await start('bulk-sftp', { sftp: () => ({ problem: 'The SFTP connection is not set up yet.' }) });
    const saved = await h.save(3);
    const record = h.records.find(saved.id)!;
    const { batchId } = h.startSync();
    await waitFor('the batch to wait for SFTP', () => h.engine.status().sftp === 'not_configured');
    expect(batchState(h, batchId!)).toBe('uploading');
    expect(h.batches.find(batchId!)!.lastError).toBe('The SFTP connection is not set up yet.');
    const files = outboxFiles();
    expect(files).toEqual([`${h.batches.find(batchId!)!.batchFileName}.zip.sealed`]);
    const bytes = fs.readFileSync(path.join(temp.dir, 'outbox', files[0]!)).toString('latin1');
    for (const secret of [record.reference, record.record.pan, record.record.lastName, 'individuals.csv']) expect(bytes.includes(secret)).toBe(false);
  });
});

describe('route 2: bulk with the ZIP over SFTP', () => {
  it('puts the ZIP and its trigger in the input folder, follows the batch to its end, and the registry writes its result file', async () => {
    const { harness: h } = await start('bulk-sftp');
    const saved = [await h.save(11), await h.save(12)];
    const { batchId } = h.startSync();
    await waitFor('batch to succeed', () => batchState(h, batchId!) === 'succeeded', 15_000);
    const batch = h.batches.find(batchId!)!;
    expect(batch.route).toBe('bulk-sftp');
    for (const record of saved) expect(h.records.find(record.id)).toMatchObject({ state: 'succeeded', ckycNumber: expect.stringMatching(/^\d{14}$/) });
    // The result file is read, kept with the batch, and archived on the server.
    const response = sftpSandboxPaths(stateDir()).response;
    const read = await waitFor('the response files to be read', () => h.batches.find(batchId!)?.responseFiles ?? false);
    const files = JSON.parse(read) as Array<{ name: string; kind: string; rows: number; archivedAs: string; problem?: string; disagreements?: string[] }>;
    expect(files).toEqual([
      { name: `${batch.batchFileName}.zip.result.csv`, kind: 'result', bytes: expect.any(Number), rows: 2, archivedAs: `/response/archive/${batch.batchFileName}.zip.result.csv` },
    ]);
    expect(fs.readdirSync(response).filter((f) => f.startsWith(batch.batchFileName))).toEqual([]);
    expect(fs.readdirSync(path.join(response, 'archive'))).toContain(`${batch.batchFileName}.zip.result.csv`);
    expect(h.engine.status()).toMatchObject({ route: 'bulk-sftp', sftp: 'up', connectivity: 'online' });
    expect(readLedger(stateDir()).map((e) => e.kyc_ref_no).sort()).toEqual(saved.map((r) => r.reference).sort());
  });

  it('asks after the SFTP server at start, so the indicator shows its health before any transfer', async () => {
    const { harness: h } = await start('bulk-sftp');
    expect(h.engine.status().sftp).toBe('unknown');
    h.engine.resume();
    await waitFor('the SFTP health', () => h.engine.status().sftp === 'up');
    expect(h.engine.status().connectivity).toBe('online');
  });

  it('a changed host key stops every transfer with a clear warning, and an admin’s confirmation lets them go on', async () => {
    let settings: () => SftpConnectionSettings | { problem: string } = () => ({ problem: 'not yet' });
    const { sandbox: s, harness: h } = await start('bulk-sftp', { sftp: () => settings() });
    const real = trainingSftpSettings(s) as SftpConnectionSettings;
    // The pin the admin confirmed once; the server now shows another key.
    settings = () => ({ ...real, hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    await h.save(13);
    const { batchId } = h.startSync();
    await waitFor('the transfer to be stopped', () => h.engine.status().sftp === 'host_key_changed');
    expect(batchState(h, batchId!)).toBe('uploading');
    expect(h.engine.status().message).toMatch(/host key|identity/i);
    expect(fs.readdirSync(sftpSandboxPaths(stateDir()).input)).toEqual([]);
    expect(h.events.some((e) => e.event === 'sync-status' && (e.payload as { sftp: string }).sftp === 'host_key_changed')).toBe(true);
    settings = () => real;
    h.engine.unblockDeliveries();
    await waitFor('batch to succeed once the key is confirmed', () => batchState(h, batchId!) === 'succeeded', 15_000);
  });
});

describe('route 3: the records API', () => {
  it('sends the records in one request and settles them from the answer', async () => {
    const { harness: h } = await start('records-api');
    const saved = [await h.save(21), await h.save(22)];
    const { batchId } = h.startSync();
    await waitFor('batch to succeed', () => batchState(h, batchId!) === 'succeeded', 10_000);
    const batch = h.batches.find(batchId!)!;
    expect(batch.route).toBe('records-api');
    expect(batch.fileBytes).toBeNull();
    for (const record of saved) expect(h.records.find(record.id)!.state).toBe('succeeded');
    // The records API takes no images: each record says its photograph and documents were not sent.
    for (const record of saved) expect(h.records.find(record.id)!.message).toBe(IMAGES_NOT_SENT);
    expect(readLedger(stateDir()).map((e) => e.kyc_ref_no).sort()).toEqual(saved.map((r) => r.reference).sort());
    expect(outboxFiles()).toEqual([]);
  });
});

describe('forming batches', () => {
  it('never mixes new records and updates: each kind gets its own batch, an update keeps its CKYC number', async () => {
    const { harness: h } = await start('bulk-api');
    const fresh = await h.save(31);
    const update = { ...(await h.sample(32)), applicationType: '03', ckycNumber: '12345678901234' };
    const saved = h.service.save({ record: update }, h.maker);
    h.service.approve([saved.id], h.checker);
    const started = h.startSync();
    expect(started.recordCount).toBe(2);
    const batches = h.batches.list({ page: 1, pageSize: 10 }).items;
    expect(batches.map((b) => b.kind).sort()).toEqual(['update', 'upload']);
    for (const b of batches) await waitFor(`${b.kind} batch to succeed`, () => batchState(h, b.id) === 'succeeded', 10_000);
    expect(h.records.find(fresh.id)!.batchId).not.toBe(h.records.find(saved.id)!.batchId);
    expect(h.records.find(saved.id)).toMatchObject({ state: 'succeeded', ckycNumber: '12345678901234' });
  });

  it('cuts batches by bytes, and leaves out a record too big for any batch with the reason on it', async () => {
    const probe = await start('bulk-api');
    const one = await probe.harness.save(41);
    const bytesOfOne = recordZipBytes({ reference: one.reference, record: probe.harness.records.find(one.id)!.record });
    await probe.harness.save(42);
    await probe.harness.save(43);
    await probe.harness.close();
    await probe.sandbox.close();
    // Room for one record per batch.
    const { harness: h } = await (async () => {
      sandbox = await CkycSandbox.start({ stateDir: stateDir(), token: TOKEN, processingMs: 150, logger: silentLogger });
      harness = await openSyncHarness(temp.dir, { url: sandbox.url, token: TOKEN }, 50, { route: 'bulk-api', maxBatchBytes: BATCH_FIXED_BYTES + Math.ceil(bytesOfOne * 1.5) });
      return { harness };
    })();
    const started = h.startSync();
    expect(started.recordCount).toBe(3);
    expect(h.batches.list({ page: 1, pageSize: 10 }).total).toBe(3);
    await h.close();
    await sandbox!.close();
    sandbox = await CkycSandbox.start({ stateDir: path.join(temp.dir, 'sandbox-2'), token: TOKEN, processingMs: 150, logger: silentLogger });
    harness = await openSyncHarness(path.join(temp.dir, 'small'), { url: sandbox.url, token: TOKEN }, 50, { route: 'bulk-api', maxBatchBytes: BATCH_FIXED_BYTES + Math.floor(bytesOfOne / 2) });
    const big = await harness.save(44);
    expect(harness.startSync()).toMatchObject({ batchId: null, recordCount: 0 });
    expect(harness.records.find(big.id)).toMatchObject({ state: 'ready', message: expect.stringMatching(/more than the batch limit .* Make its images smaller/) });
  });
});

describe('offline: sync pauses and resumes by itself', () => {
  it('a registry that cannot be reached pauses the batch (nothing given back, nothing lost) and it goes once the network is back', async () => {
    sandbox = await CkycSandbox.start({ stateDir: stateDir(), token: TOKEN, processingMs: 150, logger: silentLogger });
    const network = await startToggleProxy(sandbox.url);
    closers.push(network.close);
    harness = await openSyncHarness(temp.dir, { url: network.url, token: TOKEN }, 50, { route: 'bulk-api' });
    const h = harness;
    const saved = await h.save(51);
    await network.down();
    const { batchId } = h.startSync();
    await waitFor('sync to see it is offline', () => h.engine.status().connectivity === 'offline');
    expect(batchState(h, batchId!)).toBe('sending');
    expect(h.records.find(saved.id)!.state).toBe('submitted');
    expect(h.engine.status().message).toMatch(/cannot be reached .* resumes by itself/);
    expect(h.engine.status().nextCheckAt).not.toBeNull();
    await network.up();
    await waitFor('batch to succeed after the network came back', () => batchState(h, batchId!) === 'succeeded', 15_000);
    expect(h.engine.status().connectivity).toBe('online');
    expect(readLedger(stateDir()).map((e) => e.kyc_ref_no)).toEqual([saved.reference]);
  });
});

describe('credentials: a token that runs out mid-batch', () => {
  it('is renewed once when the registry refuses it (revoked mid-batch), and the batch goes on', async () => {
    sandbox = await CkycSandbox.start({ stateDir: stateDir(), token: TOKEN, processingMs: 800, logger: silentLogger });
    const s = sandbox;
    harness = await openSyncHarness(temp.dir, { url: s.url, token: TOKEN }, 50, { route: 'bulk-api', bulkCredentials: TRAINING_RECORDS_API_CREDENTIALS });
    const h = harness;
    const saved = await h.save(61);
    const { batchId } = h.startSync();
    await waitFor('the batch to be at the registry', () => batchState(h, batchId!) === 'polling');
    s.revokeTokens(); // the vendor revoked every token: the next poll meets a 401
    await waitFor('batch to succeed', () => batchState(h, batchId!) === 'succeeded', 10_000);
    expect(h.records.find(saved.id)!.state).toBe('succeeded');
    expect(readLedger(stateDir()).map((e) => e.kyc_ref_no)).toEqual([saved.reference]);
  });

  it('refused credentials send nothing and say what to check', async () => {
    sandbox = await CkycSandbox.start({ stateDir: stateDir(), token: TOKEN, processingMs: 150, logger: silentLogger });
    harness = await openSyncHarness(temp.dir, { url: sandbox.url, token: TOKEN }, 50, { route: 'bulk-api', bulkCredentials: { username: TRAINING_RECORDS_API_CREDENTIALS.username, password: 'not the password' } });
    const h = harness;
    const saved = await h.save(62);
    const { batchId } = h.startSync();
    await waitFor('batch to be refused', () => batchState(h, batchId!) === 'send_failed');
    expect(h.records.find(saved.id)).toMatchObject({ state: 'ready', message: expect.stringMatching(/refused our credentials .* Check the connection’s username and password/) });
    expect(h.records.find(saved.id)!.message).not.toContain('not the password');
    expect(readLedger(stateDir())).toEqual([]);
  });
});

describe('each batch keeps its own outcome for its records', () => {
  it('a record refused in one batch and accepted in the next shows as refused in the first and accepted in the second', async () => {
    const { harness: h } = await start('bulk-api');
    const saved = await h.save(71);
    const { data } = h.store.get('SELECT data FROM records WHERE id = ?', [saved.id]) as { data: string };
    const first = h.startSync().batchId!;
    // A registry-side rule the form did not know: the PAN is refused (changed once the batch is
    // formed, since forming asks today's rules again; the batch is built from it).
    h.store.write(() => h.store.run(`UPDATE records SET data = json_set(data, '$.pan', 'ABCCE1234F') WHERE id = ?`, [saved.id]));
    await waitFor('the first batch to fail', () => batchState(h, first) === 'failed', 10_000);
    // Fixed, and sent again by a checker.
    h.store.write(() => h.store.run('UPDATE records SET data = ? WHERE id = ?', [data, saved.id]));
    expect(h.service.markReady([saved.id], h.checker).marked).toEqual([saved.reference]);
    const second = h.startSync().batchId!;
    await waitFor('the second batch to succeed', () => batchState(h, second) === 'succeeded', 10_000);

    const [inFirst] = h.records.batchOutcomes(first);
    const [inSecond] = h.records.batchOutcomes(second);
    expect(inFirst).toMatchObject({ reference: saved.reference, state: 'failed', ckycNumber: null, message: expect.stringMatching(/PAN/) });
    expect(inSecond).toMatchObject({ reference: saved.reference, state: 'succeeded', ckycNumber: expect.stringMatching(/^\d{14}$/) });
    expect(h.batches.summarise(h.batches.find(first)!).recordCounts).toEqual({ failed: 1 });
    expect(h.batches.summarise(h.batches.find(second)!).recordCounts).toEqual({ succeeded: 1 });
  });
});

describe('route 3: a record the registry refuses is its maker’s to fix', () => {
  it('keeps the registry’s errors by form field, lets the maker change the record, and sends the fixed one once', async () => {
    const { harness: h } = await start('records-api');
    const good = await h.save(81);
    const bad = await h.save(82);
    const { data } = h.store.get('SELECT data FROM records WHERE id = ?', [bad.id]) as { data: string };
    const first = h.startSync().batchId!;
    // A rule the form did not know: the registry refuses this PAN (changed once the request is
    // formed, since forming asks today's rules again; the request is built from it).
    h.store.write(() => h.store.run(`UPDATE records SET data = json_set(data, '$.pan', 'ABCCE1234F') WHERE id = ?`, [bad.id]));
    await waitFor('the request to be answered', () => ['succeeded', 'failed'].includes(batchState(h, first) ?? ''), 10_000);
    // The whole request was refused: the good record was not accepted either and waits for the next batch.
    expect(h.records.find(good.id)!.state).toBe('ready');
    const refused = h.records.find(bad.id)!;
    expect(refused.state).toBe('failed');
    expect(Object.keys(refused.registryErrors ?? {})).toEqual(['pan']);
    expect(refused.message).toMatch(/^pan: /);

    // The maker fixes it; it goes for approval again, and the registry's complaints go with the old content.
    const fixed = { ...(JSON.parse(data) as typeof refused.record) };
    expect(h.service.save({ id: bad.id, record: fixed }, h.maker)).toMatchObject({ id: bad.id, state: 'awaiting_approval' });
    expect(h.records.find(bad.id)!.registryErrors).toBeNull();
    h.service.approve([bad.id], h.checker);
    const second = h.startSync().batchId!;
    await waitFor('the fixed batch to succeed', () => batchState(h, second) === 'succeeded', 10_000);
    expect(h.records.find(bad.id)!.state).toBe('succeeded');
    expect(h.records.find(good.id)!.state).toBe('succeeded');
    expect(readLedger(stateDir()).map((e) => e.kyc_ref_no).sort()).toEqual([good.reference, bad.reference].sort());
  });
});

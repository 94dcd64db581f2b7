import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycSandbox } from '../../electron/sandbox/ckyc/sandbox';
import { duplicateRegistrations, readLedger } from '../../electron/sandbox/shell/ledger';
import { silentLogger } from '../../electron/logging/logger';
import { endpointUrl } from '../../electron/connectors/endpoint-url';
import { makeTempDir } from '../support/temp-dir';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { waitFor } from '../support/wait';
import { AuditLog } from '../../electron/audit/audit-log';
import { OperatorSession } from '../../electron/session/session';
import { batchAttentionHandlers } from '../../electron/app/handlers/batch-attention-handlers';
import { trainingSftpSettings } from '../../electron/app/training-connections';
import { sftpSandboxPaths } from '../../electron/sandbox/ckyc/sftp/layout';
import fs from 'node:fs';

/**
 * Readers that survive a real vendor (issue 12). A vendor is played by a proxy in front of the
 * Training sandbox that serves it under a base path, as vendors do (`/kyc/v1`), and can be told to
 * answer a batch's status in ways the seed never shows: a state KYC Desk does not know, with
 * extra fields; a 404 for a batch it no longer keeps. The batch must stop being asked after, wait
 * for a person with the answer kept, and lose nothing.
 */
const TOKEN = 'vendor-answers-token';
const BASE_PATH = '/kyc/v1';
type Mode = 'pass' | 'unknown-state' | 'gone' | 'sftp-down';

interface Vendor {
  url: string;
  mode: Mode;
  statusCalls: number;
  pathsSeen: string[];
  close(): Promise<void>;
}

async function startVendor(sandboxUrl: string): Promise<Vendor> {
  const vendor = { mode: 'pass' as Mode, statusCalls: 0, pathsSeen: [] as string[] };
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    vendor.pathsSeen.push(path.split('?')[0]!);
    if (!path.startsWith(`${BASE_PATH}/`)) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not found</body></html>');
      return;
    }
    const forwarded = path.slice(BASE_PATH.length);
    if (forwarded.startsWith('/ckyc-upload/sftp-health') && vendor.mode === 'sftp-down') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: true, data: { status: 'down' } }));
      return;
    }
    if (forwarded.startsWith('/ckyc-upload/update/status') && !forwarded.includes('status-check')) {
      vendor.statusCalls += 1;
      if (vendor.mode === 'unknown-state') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: true, data: { client_id: 'whatever', state: 'on_hold_by_cersai', hold_reason: 'manual review' }, trace: 'x1' }));
        return;
      }
      if (vendor.mode === 'gone') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ success: false, error: { code: 'NOT_FOUND', message: 'Request expired' } }));
        return;
      }
    }
    const upstream = http.request(`${sandboxUrl}${forwarded}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(vendor, {
    url: `http://127.0.0.1:${port}${BASE_PATH}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

let temp: ReturnType<typeof makeTempDir>;
let sandbox: CkycSandbox | undefined;
let vendor: Vendor | undefined;
let harness: SyncHarness | undefined;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  await harness?.close();
  await vendor?.close();
  await sandbox?.close();
  harness = undefined;
  vendor = undefined;
  sandbox = undefined;
  temp.remove();
});

async function start(route: 'bulk-api' | 'bulk-sftp' = 'bulk-api'): Promise<SyncHarness> {
  const s = await CkycSandbox.start({ stateDir: `${temp.dir}/sandbox`, token: TOKEN, processingMs: 200, logger: silentLogger, sftp: route === 'bulk-sftp' ? undefined : false });
  sandbox = s;
  vendor = await startVendor(s.url);
  harness = await openSyncHarness(temp.dir, { url: vendor.url, token: TOKEN, sftp: () => trainingSftpSettings(s) }, 30, { route });
  return harness;
}

describe('answers a real vendor may give', { timeout: 60_000 }, () => {
  it('keeps the path of a base URL: every request goes under it', async () => {
    expect(endpointUrl('https://api.vendor.in/kyc/v1', '/ckyc-upload/update/status')).toBe('https://api.vendor.in/kyc/v1/ckyc-upload/update/status');
    expect(endpointUrl('https://api.vendor.in/kyc/v1/', 'ckyc-upload/sftp-health')).toBe('https://api.vendor.in/kyc/v1/ckyc-upload/sftp-health');
    expect(endpointUrl('https://api.vendor.in', '/ckyc-upload/get-client-details', { status_type: 'upload', search: 'KD 1' })).toBe(
      'https://api.vendor.in/ckyc-upload/get-client-details?status_type=upload&search=KD+1',
    );
    const h = await start();
    const saved = await h.save(1);
    h.startSync();
    await waitFor('the record to succeed through the vendor', () => h.records.find(saved.id)!.state === 'succeeded');
    expect(vendor!.pathsSeen.length).toBeGreaterThan(2);
    expect(vendor!.pathsSeen.every((path) => path.startsWith(`${BASE_PATH}/ckyc-upload/`))).toBe(true);
  });

  it('a state KYC Desk does not know stops the asking: the batch needs attention, the answer is kept, a person follows it again', async () => {
    const h = await start();
    vendor!.mode = 'unknown-state';
    const saved = await h.save(2);
    const batchId = h.startSync().batchId!;
    await waitFor('the batch to need attention', () => h.batches.find(batchId)!.state === 'needs_attention');
    const held = h.batches.find(batchId)!;
    expect(held.lastError).toMatch(/"on_hold_by_cersai", a state KYC Desk does not know/);
    expect(held.lastAnswer).toContain('"hold_reason":"manual review"');
    expect(h.records.find(saved.id)!.state).toBe('submitted');
    // Not asked again on its own.
    const calls = vendor!.statusCalls;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(vendor!.statusCalls).toBe(calls);
    expect(h.batches.inStates(['needs_attention']).map((b) => b.id)).toEqual([batchId]);

    // The vendor sorts itself out; a person follows the batch again and it ends, once.
    vendor!.mode = 'pass';
    h.engine.followAgain(batchId);
    await waitFor('the record to succeed', () => h.records.find(saved.id)!.state === 'succeeded');
    expect(h.batches.find(batchId)!.state).toBe('succeeded');
    expect(duplicateRegistrations(readLedger(`${temp.dir}/sandbox`))).toEqual([]);
    expect(() => h.engine.followAgain(batchId)).toThrow(/does not need attention/);
  });

  it('a 404 for a batch the vendor no longer keeps ends the asking with a clear state; a person may close it', async () => {
    const h = await start();
    vendor!.mode = 'gone';
    const saved = await h.save(3);
    const batchId = h.startSync().batchId!;
    await waitFor('the batch to need attention', () => h.batches.find(batchId)!.state === 'needs_attention');
    expect(h.batches.find(batchId)!.lastError).toMatch(/no longer has this batch \(HTTP 404: Request expired\).*180 days/);
    expect(h.records.find(saved.id)!.state).toBe('submitted');

    h.engine.closeBatch(batchId, 'The vendor confirmed it deleted the request.');
    expect(h.batches.find(batchId)!.state).toBe('failed');
    const record = h.records.find(saved.id)!;
    expect(record.state).toBe('failed');
    expect(record.message).toBe('Closed by a person, not settled by the registry: The vendor confirmed it deleted the request.');
    expect(h.events.some((e) => e.event === 'sync-finished' && (e.payload as { batchId: string }).batchId === batchId)).toBe(true);
  });

  it("a person's decision goes through its handlers: a reason is required and checked, and what is done is audited", async () => {
    const h = await start();
    vendor!.mode = 'gone';
    await h.save(4);
    const batchId = h.startSync().batchId!;
    await waitFor('the batch to need attention', () => h.batches.find(batchId)!.state === 'needs_attention');
    const audit = new AuditLog(h.store);
    const session = new OperatorSession();
    session.signIn(h.checker);
    const handlers = batchAttentionHandlers({ batches: h.batches, sync: h.engine as never, audit, session });
    await expect(async () => handlers['batches.close']({ id: batchId, reason: '  ' })).rejects.toThrow(/Say why the batch is closed/);
    await expect(async () => handlers['batches.close']({ id: batchId, reason: '=HYPERLINK("http://x")' })).rejects.toThrow(/Check the reason/);
    expect(h.batches.find(batchId)!.state).toBe('needs_attention');
    vendor!.mode = 'pass';
    await handlers['batches.followAgain']({ id: batchId });
    await waitFor('the batch to end', () => h.batches.find(batchId)!.state === 'succeeded');
    await expect(async () => handlers['batches.followAgain']({ id: batchId })).rejects.toThrow(/does not need attention/);
    const actions = audit.list({ page: 1, pageSize: 10 }).items.map((entry) => [entry.action, entry.subject]);
    expect(actions).toEqual([['batch-follow-again', h.batches.find(batchId)!.batchFileName]]);
    session.dispose();
  });

  it('asks sftp-health before every SFTP transfer: while the registry reports its server down, no transfer is tried', async () => {
    const h = await start('bulk-sftp');
    vendor!.mode = 'sftp-down';
    const saved = await h.save(5);
    const batchId = h.startSync().batchId!;
    await waitFor('the transfer to be held', () => h.batches.find(batchId)!.lastError?.includes('reports its SFTP server down') ?? false);
    expect(h.batches.find(batchId)!.state).toBe('uploading');
    expect(h.engine.status().sftp).toBe('down');
    expect(fs.readdirSync(sftpSandboxPaths(`${temp.dir}/sandbox`).input)).toEqual([]);
    vendor!.mode = 'pass';
    await waitFor('the record to succeed', () => h.records.find(saved.id)!.state === 'succeeded', 20_000);
    expect(h.engine.status().sftp).toBe('up');
  });
});

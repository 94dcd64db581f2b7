import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycSandbox } from '../../electron/sandbox/ckyc/sandbox';
import { silentLogger } from '../../electron/logging/logger';
import { CkycManagementClient } from '../../electron/connectors/ckyc-bulk/management-client';
import { BatchRepository } from '../../electron/sync/batch-repository';
import { HealthWatchedBulkClient, RegistryDashboard, SftpHealthHistory } from '../../electron/registry-dashboard';
import type { Store } from '../../electron/store/database';
import { makeTempDir } from '../support/temp-dir';
import { openTestStore } from '../support/test-store';
import { writeSandboxRequests } from '../support/registry-requests';

/**
 * The Registry screen's main side against the Training sandbox's own get-client-details (250
 * requests it "received" before a restart) and, for what the sandbox does not serve the way a
 * vendor might, a local server: a page of HTML, a 5xx, charts with one type missing.
 */
const TOKEN = 'registry-dashboard-token';
let temp: ReturnType<typeof makeTempDir>;
let sandbox: CkycSandbox;
let store: Store;

beforeEach(async () => {
  temp = makeTempDir();
  writeSandboxRequests(path.join(temp.dir, 'sandbox'), 250);
  sandbox = await CkycSandbox.start({ stateDir: path.join(temp.dir, 'sandbox'), token: TOKEN, processingMs: 1000, logger: silentLogger, sftp: false });
  store = (await openTestStore(path.join(temp.dir, 'store'))).store;
});

afterEach(async () => {
  await sandbox.close();
  store.close();
  temp.remove();
});

function dashboard(baseUrl: string, history = new SftpHealthHistory(), problem: () => string | null = () => null) {
  return new RegistryDashboard({ management: new CkycManagementClient({ baseUrl, token: TOKEN, timeoutMs: 5_000 }), history, store, problem });
}

describe('the Registry screen\'s requests (get-client-details)', () => {
  it('passes paging, status type, state and search through to the registry and links its entries to this store\'s batches by name or client id', async () => {
    const batches = new BatchRepository(store);
    const now = new Date().toISOString();
    store.write(() => {
      batches.insert({ id: 'bat_by_name', batchFileName: 'KD_SYN_000002', route: 'bulk-api', kind: 'upload', state: 'succeeded', recordCount: 3, now });
      batches.insert({ id: 'bat_by_id', batchFileName: 'KD_OURS_RENAMED', route: 'bulk-api', kind: 'upload', state: 'polling', recordCount: 5, now });
      store.run("UPDATE batches SET client_id = 'c_syn_000004' WHERE id = 'bat_by_id'");
    });

    const page = await dashboard(sandbox.url).requests({ page: 1, pageSize: 100, statusType: 'upload' });
    expect(page).toMatchObject({ page: 1, pageSize: 100, total: 125, totalPages: 2 });
    expect(page.items).toHaveLength(100);
    expect(page.items[0]).toMatchObject({ clientId: 'c_syn_000000', batchFileName: 'KD_SYN_000000', state: 'upload_succeeded', individuals: 1, succeeded: 1, failed: 0, error: null, localBatch: null });
    expect(page.items.find((i) => i.clientId === 'c_syn_000002')?.localBatch).toEqual({ id: 'bat_by_name', state: 'succeeded' });
    expect(page.items.find((i) => i.clientId === 'c_syn_000004')?.localBatch).toEqual({ id: 'bat_by_id', state: 'polling' });

    const second = await dashboard(sandbox.url).requests({ page: 2, pageSize: 100, statusType: 'upload' });
    expect(second.items).toHaveLength(25);
    const failed = await dashboard(sandbox.url).requests({ page: 1, pageSize: 100, statusType: 'update', state: 'upload_failed' });
    expect(failed.items.length).toBeGreaterThan(0);
    expect(failed.items.every((i) => i.state === 'upload_failed' && i.error !== null)).toBe(true);
    const found = await dashboard(sandbox.url).requests({ page: 1, pageSize: 20, statusType: 'update', search: ' KD_SYN_000011 ' });
    expect(found.items.map((i) => i.clientId)).toEqual(['c_syn_000011']);
  });

  it('filters by local days: from the first moment of the first day to the last moment of the last', async () => {
    // Requests are a minute apart back from 30/11/2026 10:00 UTC: the last 60 fall after 09:00 UTC.
    const page = await dashboard(sandbox.url).requests({ page: 1, pageSize: 100, statusType: 'upload', from: '2026-11-30T09:00:00+00:00', to: '2026-11-30T09:30:00+00:00' });
    expect(page.items.map((i) => i.createdAt)).toEqual(page.items.map((i) => i.createdAt).sort().reverse());
    expect(page.items.every((i) => i.createdAt! >= '2026-11-30T09:00:00' && i.createdAt! < '2026-11-30T09:30:00')).toBe(true);
    expect(page.total).toBe(15);
  });

  it('says the connection is not set up instead of asking, when it is not', async () => {
    await expect(dashboard(sandbox.url, undefined, () => 'No registry connection is set up yet.').requests({ page: 1, pageSize: 20, statusType: 'upload' })).rejects.toMatchObject({
      code: 'CONNECTION_NOT_ALLOWED',
      message: 'The registry cannot be asked yet: No registry connection is set up yet.',
    });
  });
});

describe('answers a vendor may give', () => {
  let vendor: http.Server;
  let vendorUrl: string;
  let answer: (path: string, query: URLSearchParams) => { status: number; type: string; body: string };
  let calls: string[];

  beforeEach(async () => {
    calls = [];
    vendor = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      calls.push(`${url.pathname}?${url.searchParams}`);
      const a = answer(url.pathname, url.searchParams);
      res.writeHead(a.status, { 'content-type': a.type }).end(a.body);
    });
    await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
    vendorUrl = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => vendor.close(() => resolve())));

  it('an HTML page instead of data, or a 5xx, is a sentence a person reads, not a crash', async () => {
    answer = () => ({ status: 200, type: 'text/html', body: '<html><body>Please log in to the portal</body></html>' });
    await expect(dashboard(vendorUrl).requests({ page: 1, pageSize: 20, statusType: 'upload' })).rejects.toMatchObject({
      code: 'REMOTE_INVALID_RESPONSE',
      message: expect.stringContaining('The server sent a web page instead of data.'),
    });
    answer = () => ({ status: 503, type: 'text/html', body: '<html>Service Unavailable</html>' });
    await expect(dashboard(vendorUrl).downloads({ page: 1, pageSize: 20 })).rejects.toMatchObject({
      code: 'REMOTE_UNREACHABLE',
      message: expect.stringContaining('had a problem of its own answering the list of bulk download requests (HTTP 503)'),
    });
  });

  it('shows each chart the registry gave, says why one is missing, and bills per month only from the registry\'s own counts', async () => {
    answer = (pathname, query) => {
      if (!pathname.endsWith('/chart-data')) return { status: 404, type: 'text/plain', body: '' };
      const type = query.get('type');
      if (type === 'download') return { status: 500, type: 'text/html', body: '<html>oops</html>' };
      const points =
        type === 'upload'
          ? [
              { date: '2026-10-31', requests: 2, individuals: 7 },
              { date: '2026-11-01', requests: 1, individuals: 1_00_000, succeeded: 99_000, failed: 1_000 },
            ]
          : [
              { date: '2026-10-31', requests: 1 },
              { date: '2026-11-01', requests: 3, individuals: 4 },
            ];
      return { status: 200, type: 'application/json', body: JSON.stringify({ success: true, data: { type, days: Number(query.get('days')), points } }) };
    };
    const activity = await dashboard(vendorUrl).activity(7);
    expect(activity.series.map((s) => [s.type, s.points.length, s.problem === null])).toEqual([
      ['upload', 2, true],
      ['update', 2, true],
      ['download', 0, false],
    ]);
    expect(activity.series[2]!.problem).toContain('the download chart');
    expect(activity.series[0]!.points[0]).toEqual({ date: '2026-10-31', requests: 2, individuals: 7, succeeded: null, failed: null });
    // Billing always from the 30-day charts: 3 charts for the 7 days asked, 3 more for the months.
    expect(calls.filter((c) => c.includes('days=7'))).toHaveLength(3);
    expect(calls.filter((c) => c.includes('days=30'))).toHaveLength(3);
    expect(activity.billing).toEqual([
      { month: '2026-10', from: '2026-10-31', to: '2026-10-31', upload: 7, update: null, download: null, total: null },
      { month: '2026-11', from: '2026-11-01', to: '2026-11-01', upload: 1_00_000, update: 4, download: null, total: null },
    ]);
  });

  it('SFTP health: the screen\'s checks at most every 10 s, KYC Desk\'s own checks beside them, newest first, an unknown word kept', async () => {
    let status = 'up';
    answer = () => ({ status: 200, type: 'application/json', body: JSON.stringify({ success: true, data: { status } }) });
    let clock = Date.parse('2026-11-30T10:00:00Z');
    const history = new SftpHealthHistory(() => new Date(clock));
    const board = dashboard(vendorUrl, history);
    await board.sftpHealth(true);
    clock += 5_000;
    status = 'degraded';
    const soon = await board.sftpHealth(true);
    expect(soon.history).toHaveLength(1);
    clock += 5_000;
    const later = await board.sftpHealth(true);
    expect(later.history.map((s) => [s.status, s.source])).toEqual([
      ['degraded', 'screen'],
      ['up', 'screen'],
    ]);
    status = 'down';
    const engineSide = new HealthWatchedBulkClient({ baseUrl: vendorUrl, token: TOKEN, timeoutMs: 5_000 }, history);
    clock += 1_000;
    await engineSide.health();
    expect((await board.sftpHealth(false)).history[0]).toEqual({ at: new Date(clock).toISOString(), status: 'down', problem: null, source: 'app' });
    expect(calls.filter((c) => c.includes('sftp-health'))).toHaveLength(3);
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycManagementClient } from '../../electron/connectors/ckyc-bulk/management-client';
import type { BearerTokens } from '../../electron/connectors/agent-api/token';

/**
 * The Registry screen's client against a local HTTP server playing a vendor that serves under a
 * base path and says more, or less, than the seed shows. Each request is answered from `next`.
 */
interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
}
type Answer = { status: number; type?: string; body: string };

let server: http.Server;
let base: string;
let seen: Seen[];
let answers: Answer[];

const json = (body: unknown, status = 200): Answer => ({ status, type: 'application/json', body: JSON.stringify(body) });

beforeEach(async () => {
  seen = [];
  answers = [];
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization });
    const answer = answers.shift() ?? { status: 500, body: 'no answer scripted' };
    res.writeHead(answer.status, { 'content-type': answer.type ?? 'text/html' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kyc/v1`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const client = (token: string | BearerTokens = 'tok-123') => new CkycManagementClient({ baseUrl: base, token, timeoutMs: 5_000 });

describe('CkycManagementClient', () => {
  it('asks get-client-details under the base URL\'s path, with the filters as query parameters and the bearer token', async () => {
    answers.push(json({ success: true, data: { items: [], page: 2, page_size: 50, total: 0, total_pages: 0 } }));
    const outcome = await client().requests({ page: 2, page_size: 50, status_type: 'update', state: 'processing', start_date: '2026-11-01', search: 'KD_2026' });
    expect(outcome.ok).toBe(true);
    expect(seen).toEqual([
      { method: 'GET', path: '/kyc/v1/ckyc-upload/get-client-details', query: { page: '2', page_size: '50', status_type: 'update', state: 'processing', start_date: '2026-11-01', search: 'KD_2026' }, authorization: 'Bearer tok-123' },
    ]);
  });

  it('reads an entry tolerantly: fields it does not know are dropped, a state it does not know is kept as said, optional fields may be missing', async () => {
    answers.push(
      json({
        success: true,
        trace_id: 'abc',
        data: { items: [{ client_id: 'c_1', batch_file_name: 'KD_1', state: 'on_hold_by_cersai', branch_hint: 'x' }], vendor_cursor: 'zz' },
      }),
    );
    const outcome = await client().requests({ page: 1, page_size: 20, status_type: 'upload' });
    expect(outcome.ok && outcome.body.data).toEqual({ items: [{ client_id: 'c_1', batch_file_name: 'KD_1', state: 'on_hold_by_cersai' }] });
  });

  it('reads get-bulk-download-clients and chart-data at the seed\'s paths', async () => {
    answers.push(json({ success: true, data: { items: [{ client_id: 'd_1', state: 'processing', individuals_count: 3 }], total: 1 } }));
    answers.push(json({ success: true, data: { type: 'download', days: 7, points: [{ date: '2026-11-20', requests: 2, individuals: 5, extra: 1 }] } }));
    const downloads = await client().downloadClients({ page: 1, page_size: 20, search: 'd_' });
    const chart = await client().chartData({ days: 7, type: 'download' });
    expect(downloads.ok && downloads.body.data.items).toEqual([{ client_id: 'd_1', state: 'processing', individuals_count: 3 }]);
    expect(chart.ok && chart.body.data.points).toEqual([{ date: '2026-11-20', requests: 2, individuals: 5 }]);
    expect(seen.map((s) => [s.path, s.query])).toEqual([
      ['/kyc/v1/ckyc-upload/get-bulk-download-clients', { page: '1', page_size: '20', search: 'd_' }],
      ['/kyc/v1/ckyc-upload/chart-data', { days: '7', type: 'download' }],
    ]);
  });

  it('keeps an sftp-health status it does not know as the registry said it', async () => {
    answers.push(json({ success: true, data: { status: 'degraded', latency_ms: 900 } }));
    const outcome = await client().sftpHealth();
    expect(outcome.ok && outcome.body.data.status).toBe('degraded');
  });

  it('says an HTML page with 200 is a web page, and a 502 page is the server\'s error, never data', async () => {
    answers.push({ status: 200, body: '<!doctype html><html><body>Session expired, log in</body></html>' });
    answers.push({ status: 502, body: '<html><body>Bad gateway</body></html>' });
    const page = await client().requests({ page: 1, page_size: 20, status_type: 'upload' });
    const gateway = await client().chartData({ days: 30, type: 'upload' });
    expect(page.ok ? null : page.failure).toMatchObject({ kind: 'invalid_response', message: 'The server sent a web page instead of data.' });
    expect(gateway.ok ? null : gateway.failure).toMatchObject({ kind: 'server_error', status: 502 });
  });

  it('renews a refused renewable token once and asks again with the new one', async () => {
    let issued = 0;
    const tokens: BearerTokens = {
      token: async () => ({ ok: true, token: `jwt-${++issued}` }),
      invalidate: () => undefined,
      renewable: true,
      scrub: (text: string) => text,
    } as unknown as BearerTokens;
    answers.push(json({ success: false, error: { code: 'UNAUTHORIZED', message: 'Token expired.' } }, 401));
    answers.push(json({ success: true, data: { status: 'up' } }));
    const outcome = await client(tokens).sftpHealth();
    expect(outcome.ok).toBe(true);
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer jwt-1', 'Bearer jwt-2']);
  });
});

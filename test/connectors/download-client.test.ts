import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CkycDownloadClient } from '../../electron/connectors/ckyc-bulk/download-client';

/** A vendor at a base URL with a path, answering as the test says, and noting what it was asked. */
async function vendor(answer: (req: http.IncomingMessage, body: string) => { status: number; type?: string; body: string }) {
  const asked: Array<{ method: string; url: string; body: string; auth: string | undefined }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      asked.push({ method: req.method ?? '', url: req.url ?? '', body, auth: req.headers.authorization });
      const reply = answer(req, body);
      res.writeHead(reply.status, { 'content-type': reply.type ?? 'application/json' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  const client = new CkycDownloadClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/kyc/v1`, token: 'tkn', timeoutMs: 2000 });
  return { client, asked };
}
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('the CKYC download client', () => {
  it('initializes under the base URL’s path with the bearer token, and reads extra fields tolerantly', async () => {
    const { client, asked } = await vendor(() => ({ status: 200, body: JSON.stringify({ success: true, data: { client_id: 'dl_1', state: 'pending', vendor_extra: 1 } }) }));
    const outcome = await client.initialize({ data: { batch_file_name: 'KD_1', individuals: [{ ckyc_id: '50012345678901', dob: '1990-04-15' }] } });
    expect(outcome).toMatchObject({ ok: true, body: { data: { client_id: 'dl_1', state: 'pending' } } });
    expect(asked[0]).toMatchObject({ method: 'POST', url: '/kyc/v1/ckyc-upload/download/initialize', auth: 'Bearer tkn' });
    expect(JSON.parse(asked[0]!.body)).toEqual({ data: { batch_file_name: 'KD_1', individuals: [{ ckyc_id: '50012345678901', dob: '1990-04-15' }] } });
  });

  it('finds a download by its very name only, not by a name that merely contains it', async () => {
    const items = [{ client_id: 'dl_9', batch_file_name: 'KD_10', state: 'pending' }, { client_id: 'dl_1', batch_file_name: 'KD_1', state: 'processing' }];
    const { client, asked } = await vendor(() => ({ status: 200, body: JSON.stringify({ success: true, data: { items } }) }));
    expect(await client.findByName('KD_1')).toMatchObject({ ok: true, download: { client_id: 'dl_1' } });
    expect(await client.findByName('KD_')).toEqual({ ok: true, download: null });
    expect(asked[0]!.url).toMatch(/^\/kyc\/v1\/ckyc-upload\/get-bulk-download-clients\?.*search=KD_1/);
  });

  it('an HTML error page to status is a garbled answer, not a state', async () => {
    const { client } = await vendor(() => ({ status: 200, type: 'text/html', body: '<html><body>Gateway says hello</body></html>' }));
    const outcome = await client.status('dl_1');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.failure.kind).toBe('invalid_response');
  });
});

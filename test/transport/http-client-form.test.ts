import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FORM_CONTENT_TYPE, requestJson } from '../../electron/transport/http-client';

/**
 * requestJson's two bodies over real HTTP on loopback: a form goes as
 * application/x-www-form-urlencoded that a server's own parser reads back to the same names and
 * values (reserved characters, spaces, non-ASCII, an empty value), a JSON body as JSON, and a
 * request with neither carries no content-type.
 */
interface Seen {
  method: string;
  contentType: string | undefined;
  text: string;
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function echoServer(): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', contentType: req.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`, seen };
}

const okSchema = z.object({ ok: z.boolean() });

describe('requestJson: form-urlencoded bodies', () => {
  it('sends a form whose names and values a server reads back exactly, in order', async () => {
    const { url, seen } = await echoServer();
    const form = {
      grant_type: 'password',
      scope: 'api://3a3f52a1-1b64-4c27-81f0-50a6ca01324d/customer',
      client_id: 'branch desk',
      client_secret: 'a+b/c=d&e%f?g#h',
      username: 'रवि',
      password: '',
    };
    const outcome = await requestJson({ url, form, timeoutMs: 5000 }, okSchema);
    expect(outcome.ok).toBe(true);
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.method).toBe('POST');
    expect(request!.contentType).toBe(FORM_CONTENT_TYPE);
    expect(request!.text.startsWith('grant_type=password&scope=api%3A%2F%2F')).toBe(true);
    // Nothing a form parser would split on or change is left unencoded.
    expect(request!.text).not.toMatch(/[ /?#]|&e|=d/);
    expect(request!.text).toContain('client_id=branch+desk');
    expect([...new URLSearchParams(request!.text)]).toEqual(Object.entries(form));
  });

  it('still sends a JSON body as JSON, and no content-type without a body', async () => {
    const { url, seen } = await echoServer();
    await requestJson({ url, body: { idType: '4', idNumber: '784199012345678' }, timeoutMs: 5000 }, okSchema);
    await requestJson({ url, method: 'GET', timeoutMs: 5000 }, okSchema);
    expect(seen[0]).toEqual({ method: 'POST', contentType: 'application/json', text: '{"idType":"4","idNumber":"784199012345678"}' });
    expect(seen[1]).toEqual({ method: 'GET', contentType: undefined, text: '' });
  });

  it('lets a caller name its own content-type header over the form’s', async () => {
    const { url, seen } = await echoServer();
    await requestJson({ url, form: { a: '1' }, headers: { 'content-type': 'application/x-www-form-urlencoded' }, timeoutMs: 5000 }, okSchema);
    expect(seen[0]).toMatchObject({ contentType: 'application/x-www-form-urlencoded', text: 'a=1' });
  });
});

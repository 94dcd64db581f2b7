import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RAW_CHARS, requestJson } from '../../electron/transport/http-client';
import { closedPortUrl, startHostileServer, type Behaviour } from '../support/hostile-server';

const schema = z.object({ success: z.literal(true), data: z.object({ client_id: z.string() }) });
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function call(behaviour: Behaviour, timeoutMs = 2000) {
  const server = await startHostileServer(behaviour);
  close = server.close;
  return requestJson({ url: `${server.url}/x`, body: { a: 1 }, timeoutMs }, schema);
}

describe('requestJson classifies every outcome', () => {
  it('returns the parsed body of a good answer', async () => {
    const outcome = await call((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"data":{"client_id":"c1"}}'));
    // The answer as it came rides along, for a person to read when it is one KYC Desk cannot act on.
    expect(outcome).toEqual({ ok: true, status: 200, body: { success: true, data: { client_id: 'c1' } }, raw: '{"success":true,"data":{"client_id":"c1"}}' });
  });

  it('keeps an HTML error page as it came, cut to size, on the failure', async () => {
    const page = `<html><body>${'Bad gateway '.repeat(10_000)}</body></html>`;
    const outcome = await call((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'invalid_response', message: 'The server sent a web page instead of data.' } });
    const raw = !outcome.ok && outcome.failure.kind === 'invalid_response' ? outcome.failure.raw : undefined;
    expect(raw).toBe(page.slice(0, RAW_CHARS));
  });

  it('a refused connection never reached the server', async () => {
    const outcome = await requestJson({ url: `${await closedPortUrl()}/x`, body: {}, timeoutMs: 2000 }, schema);
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'unreachable' } });
  });

  it('a silent server is a timeout: it may have acted', async () => {
    const outcome = await call(() => undefined, 300);
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'timeout' } });
  });

  it('a connection reset mid-answer is not mistaken for "never delivered"', async () => {
    const outcome = await call((req) => req.socket.destroy());
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.failure.kind).toBe('timeout');
  });

  it.each([
    ['an HTML error page with 200', (_req: unknown, res: any) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Gateway</body></html>'), /web page/],
    ['truncated JSON', (_req: unknown, res: any) => res.writeHead(200).end('{"success":true,"da'), /not JSON/],
    ['JSON of the wrong shape', (_req: unknown, res: any) => res.writeHead(200).end('{"success":true,"data":{"id":5}}'), /expected shape/],
    ['an empty body', (_req: unknown, res: any) => res.writeHead(200).end(''), /not JSON/],
  ])('%s is an invalid response', async (_name, behaviour, message) => {
    const outcome = await call(behaviour as Behaviour);
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'invalid_response' } });
    if (!outcome.ok) expect(outcome.failure.message).toMatch(message);
  });

  it('a 400 is a definite refusal carrying the server’s own words', async () => {
    const outcome = await call((_req, res) => res.writeHead(400).end('{"success":false,"error":{"code":"X","message":"PAN is invalid for record 3"}}'));
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'rejected', status: 400, message: 'PAN is invalid for record 3' } });
  });

  it('a 429 says when to come back', async () => {
    const outcome = await call((_req, res) => res.writeHead(429, { 'retry-after': '42' }).end());
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'rate_limited', retryAfterMs: 42_000 } });
  });

  it('a 502 HTML page is a server error, not a refusal', async () => {
    const outcome = await call((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'));
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'server_error', status: 502 } });
  });

  it('does not follow redirects to somewhere else', async () => {
    const outcome = await call((_req, res) => res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end());
    expect(outcome.ok).toBe(false);
  });
});

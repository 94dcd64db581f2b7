import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { IN_PERSON_VIDEO_MAX_BYTES } from '../../shared/documents/in-person-video';
import { webmOf } from '../support/video-bytes';
import { startPreviewHost, type PreviewHost } from '../../electron/preview/preview-host';
import { makeTempDir } from '../support/temp-dir';
import { sampleKycRecord } from '../support/kyc-records';
import { saveRequestOverContract } from '../support/stored-samples';
import { startTestKeyring, type TestKeyring } from '../support/keyring';

let temp: ReturnType<typeof makeTempDir>;
let services: AppServices;
let host: PreviewHost;
let origin: string;
const printedAddresses: string[] = [];

let keyring: TestKeyring;

beforeAll(async () => {
  keyring = await startTestKeyring();
  temp = makeTempDir();
  const rendererDir = path.join(temp.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>KYC Desk</title>');
  services = await startAppServices({ dataDir: path.join(temp.dir, 'data'), version: '9.9.9', env: { KYC_DESK_POLL_SECONDS: '0.1', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.2' } });
  host = await startPreviewHost({ services, rendererDir, onNewAddress: (url) => printedAddresses.push(url) });
  origin = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host.close();
  await services.close();
  await keyring.stop();
  temp.remove();
});

function get(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: host.port, path: pathname, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

const sessionKeys = new WeakMap<WebSocket, Promise<string>>();

/** The one-time token of the address the host would print now. */
function currentToken(of: PreviewHost = host): string {
  return new URL(of.url).hash.replace('#token=', '');
}

/**
 * Open the IPC socket, by default with the current one-time token (using it up); resolves with the
 * socket, or with the HTTP status that refused it.
 */
function openSocket(options: { token?: string; session?: string; origin?: string; host?: string; of?: PreviewHost } = {}): Promise<WebSocket | number> {
  const of = options.of ?? host;
  const credential = options.session !== undefined ? `session=${options.session}` : `token=${options.token ?? currentToken(of)}`;
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${of.port}/ipc?${credential}`, {
      origin: options.origin ?? `http://127.0.0.1:${of.port}`,
      headers: options.host ? { host: options.host } : {},
    });
    // Listening from the start: the host sends the session key right after the handshake.
    sessionKeys.set(
      ws,
      new Promise((resolveKey, rejectKey) => {
        const timer = setTimeout(() => rejectKey(new Error('no session key within 5 s')), 5000);
        ws.once('message', (data) => {
          clearTimeout(timer);
          resolveKey((JSON.parse(String(data)) as { session: string }).session);
        });
      }),
    );
    sessionKeys.get(ws)!.catch(() => undefined);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

function call(ws: WebSocket, id: number, channel: string, payload: unknown): Promise<any> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data));
      if (message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, payload }));
  });
}

describe('browser preview host', () => {
  it('binds to loopback and prints a URL with a long random token in the fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{40,}$/);
  });

  it('serves the renderer with a strict CSP that allows only its own socket', async () => {
    const page = await get('/', { host: `127.0.0.1:${host.port}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('KYC Desk');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain(`ws://127.0.0.1:${host.port}`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a request whose Host is not loopback (DNS rebinding)', async () => {
    expect((await get('/', { host: `attacker.example:${host.port}` })).status).toBe(421);
  });

  it('refuses the socket without the token, from another origin, or under another Host', async () => {
    expect(await openSocket({ token: 'wrong' })).toBe(403);
    expect(await openSocket({ token: '' })).toBe(403);
    expect(await openSocket({ origin: 'http://evil.example' })).toBe(403);
    expect(await openSocket({ origin: `http://127.0.0.1:${host.port + 1}` })).toBe(403);
    expect(await openSocket({ host: `rebind.example:${host.port}` })).toBe(403);
  });

  it('carries the contract: a save through the socket lands in the store and raises an event', async () => {
    const ws = (await openSocket()) as WebSocket;
    const events: string[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.event) events.push(message.event);
    });
    expect(await call(ws, 1, 'app.info', {})).toMatchObject({ ok: true, value: { mode: 'training', version: '9.9.9' } });
    // Nobody is signed in yet: capture is refused until the training maker is chosen.
    expect(await call(ws, 10, 'records.save', { record: sampleKycRecord(30) })).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
    const state = await call(ws, 11, 'session.state', {});
    const maker = state.value.trainingOperators.find((operator: { role: string }) => operator.role === 'maker');
    expect(await call(ws, 12, 'session.switchTraining', { operatorId: maker.id })).toMatchObject({ ok: true, value: { state: 'signed_in', operator: { role: 'maker' } } });
    let next = 100;
    const overSocket = (channel: string, payload: unknown) => call(ws, next++, channel, payload);
    const saved = await call(ws, 2, 'records.save', await saveRequestOverContract(overSocket, 31));
    expect(saved).toMatchObject({ ok: true, value: { state: 'awaiting_approval' } });
    // The whole record comes back for review and editing, with who captured it.
    const opened = await call(ws, 13, 'records.get', { id: saved.value.id });
    expect(opened).toMatchObject({ ok: true, value: { summary: { reference: saved.value.reference }, record: { firstName: 'ASHA', customerReference: saved.value.reference }, capturedBy: maker.name, approvedBy: null, editable: true } });
    expect(opened.value.verifier).toMatchObject({ name: maker.name.toUpperCase() });
    expect(await call(ws, 3, 'records.list', { page: 1, pageSize: 10 })).toMatchObject({ ok: true, value: { total: 1 } });
    expect(await call(ws, 4, 'nope.channel', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await call(ws, 5, 'records.save', { firstName: 5 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const invalid = await call(ws, 6, 'records.save', await saveRequestOverContract(overSocket, 32, { pan: 'ABCPE0000F', pinCode: '012345' }));
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(Object.keys(invalid.error.fields).sort()).toEqual(['pan', 'permanentAddress.pinCode']);
    expect(await call(ws, 20, 'pins.lookup', { pin: '560001' })).toMatchObject({ ok: true, value: { found: true, state: 'KA', districts: ['BANGALORE'] } });
    const unknown = await call(ws, 21, 'pins.lookup', { pin: '799999' });
    expect(unknown).toMatchObject({ ok: true, value: { found: false, state: null } });
    expect(unknown.value.message).toMatch(/not in the PIN list from India Post \(about 2015\)\. If you are sure it is right, keep it\./);
    // A photograph goes in as bytes over the contract and comes back the same, from memory.
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('a photograph')]).toString('base64');
    const put = await call(ws, 22, 'documents.put', { imageCode: '02', base64: photo, masked: false });
    expect(put).toMatchObject({ ok: true, value: { mime: 'image/jpeg' } });
    expect(await call(ws, 23, 'documents.get', { hash: put.value.hash })).toEqual({ ok: true, value: { mime: 'image/jpeg', base64: photo } });
    const disguised = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]).toString('base64');
    expect(await call(ws, 24, 'documents.put', { imageCode: '02', base64: disguised, masked: false })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(events).toContain('record-saved');
    expect(events).toContain('session-changed');
    // A maker may neither approve nor sync: those are a checker's steps.
    expect(await call(ws, 13, 'sync.start', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(ws, 14, 'records.approve', { ids: [saved.value.id] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The checker approves it; the checker's own capture would be refused by name.
    const checker = state.value.trainingOperators.find((operator: { role: string }) => operator.role === 'checker');
    await call(ws, 15, 'session.switchTraining', { operatorId: checker.id });
    expect(await call(ws, 16, 'records.approve', { ids: [saved.value.id] })).toMatchObject({ ok: true, value: { approved: [saved.value.reference], refused: [] } });
    expect(await call(ws, 17, 'records.reject', { id: saved.value.id, reason: 'too late' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    ws.close();
  });

  it('carries a full 25 MB in-person video in and out; an image that large is refused by the contract', async () => {
    const ws = (await openSocket()) as WebSocket;
    const state = await call(ws, 1, 'session.state', {});
    const maker = state.value.trainingOperators.find((operator: { role: string }) => operator.role === 'maker');
    await call(ws, 2, 'session.switchTraining', { operatorId: maker.id });
    const video = webmOf(IN_PERSON_VIDEO_MAX_BYTES).toString('base64');
    const put = await call(ws, 3, 'documents.put', { imageCode: 'IPV', base64: video, masked: false });
    expect(put).toMatchObject({ ok: true, value: { mime: 'video/webm', bytes: IN_PERSON_VIDEO_MAX_BYTES } });
    const back = await call(ws, 4, 'documents.get', { hash: put.value.hash });
    expect(back.value.mime).toBe('video/webm');
    expect(back.value.base64 === video).toBe(true);
    const bigImage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(11 * 1024 * 1024, 7)]).toString('base64');
    expect(await call(ws, 5, 'documents.put', { imageCode: '09', base64: bigImage, masked: false })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    ws.close();
  }, 30_000);

  it('survives hostile messages: each closes only its own socket, and the host still answers', async () => {
    const survivor = (await openSocket()) as WebSocket;
    const closeOf = (ws: WebSocket) =>
      new Promise<number>((resolve) => {
        ws.on('error', () => undefined); // the client may see a reset while the host refuses the frame
        ws.once('close', (code) => resolve(code));
      });
    // A channel that is an object whose toString is not a function: String() of it throws.
    expect(await call(survivor, 1, { toString: 1 } as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await call(survivor, 2, ['records.list'] as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });

    // A 50 MB frame, over the size cap: that socket is closed as too big (1009).
    const big = (await openSocket()) as WebSocket;
    const bigClosed = closeOf(big);
    big.send(Buffer.alloc(50 * 1024 * 1024, 0x20), { binary: false });
    expect(await bigClosed).toBe(1009);

    // A text frame that is not UTF-8: that socket is closed as invalid data (1007).
    const garbled = (await openSocket()) as WebSocket;
    const garbledClosed = closeOf(garbled);
    garbled.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await garbledClosed).toBe(1007);

    // Ids that are not plain numbers are refused the same way as any malformed message.
    const oddId = (await openSocket()) as WebSocket;
    const oddIdClosed = closeOf(oddId);
    oddId.send(JSON.stringify({ id: { toString: 1 }, channel: 'app.info', payload: {} }));
    expect(await oddIdClosed).toBe(1003);

    // The socket opened before all that, and a new one, are still served.
    expect(await call(survivor, 3, 'app.info', {})).toMatchObject({ ok: true, value: { mode: 'training' } });
    const fresh = (await openSocket()) as WebSocket;
    expect(await call(fresh, 1, 'app.info', {})).toMatchObject({ ok: true, value: { mode: 'training' } });
    survivor.close();
    fresh.close();
  }, 30_000);

  it('answers a request target that is not a URL with 400, and a socket upgrade to one with 403, and keeps serving', async () => {
    const raw = (target: string, upgrade: boolean) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(host.port, '127.0.0.1');
        let answer = '';
        socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
        socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
        socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
        socket.on('error', reject);
        const headers = upgrade
          ? `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${Buffer.alloc(16, 1).toString('base64')}\r\nOrigin: ${origin}\r\n`
          : 'Connection: close\r\n';
        socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${headers}\r\n`);
      });
    expect(await raw('//[', false)).toBe('HTTP/1.1 400 Bad Request');
    expect(await raw('//[', true)).toBe('HTTP/1.1 403 Forbidden');
    expect((await get('/', { host: `127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('closes a socket that sends something that is not a message', async () => {
    const ws = (await openSocket()) as WebSocket;
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('this is not json');
    expect(await closed).toBe(1003);
  });
});

/** The first message on a socket opened with the one-time token: that page's own session key. */
function sessionKeyOf(ws: WebSocket): Promise<string> {
  return sessionKeys.get(ws)!;
}

describe('the one-time address', () => {
  it('opens one page: its token is used up, the next address is printed, and the used one is refused', async () => {
    const used = currentToken();
    const printedBefore = printedAddresses.length;
    const page = (await openSocket({ token: used })) as WebSocket;
    expect(typeof (await sessionKeyOf(page))).toBe('string');
    expect(currentToken()).not.toBe(used);
    expect(printedAddresses.slice(printedBefore)).toEqual([host.url]);
    expect(await openSocket({ token: used })).toBe(403);
    // A caller refused for its Origin does not use the token up.
    const unused = currentToken();
    expect(await openSocket({ token: unused, origin: 'http://evil.example' })).toBe(403);
    expect(currentToken()).toBe(unused);
    page.close();
  });

  it('lets that page reload with its own session key; a newer socket replaces the older; a made-up key is refused', async () => {
    const first = (await openSocket()) as WebSocket;
    const session = await sessionKeyOf(first);
    const firstClosed = new Promise<number>((resolve) => first.once('close', (code) => resolve(code)));
    const reloaded = (await openSocket({ session })) as WebSocket;
    expect(await firstClosed).toBe(4002);
    expect(await call(reloaded, 1, 'app.info', {})).toMatchObject({ ok: true, value: { mode: 'training' } });
    reloaded.close();
    const again = (await openSocket({ session })) as WebSocket;
    expect(await call(again, 1, 'app.info', {})).toMatchObject({ ok: true });
    again.close();
    expect(await openSocket({ session: 'A'.repeat(43) })).toBe(403);
    expect(await openSocket({ session: '' })).toBe(403);
  });

  it('forgets a page’s session key once the page has been gone longer than a reload takes', async () => {
    const quick = await startPreviewHost({ services, rendererDir: path.join(temp.dir, 'renderer'), reloadGraceMs: 300 });
    try {
      const page = (await openSocket({ of: quick })) as WebSocket;
      const session = await sessionKeyOf(page);
      const closed = new Promise((resolve) => page.once('close', resolve));
      page.close();
      await closed;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await openSocket({ of: quick, session })).toBe(403);
    } finally {
      await quick.close();
    }
  });
});

describe('app services', () => {
  it('refuses a second instance on the same data folder', async () => {
    await expect(startAppServices({ dataDir: path.join(temp.dir, 'data'), version: '1', env: {} })).rejects.toThrow(/already running with this data folder/);
  });

  it('keeps training data in its own folder', () => {
    const storeFiles = fs.readdirSync(path.join(temp.dir, 'data', 'training', 'store'));
    expect(storeFiles.some((name) => name.startsWith('store.journal.'))).toBe(true);
    expect(fs.existsSync(path.join(temp.dir, 'data', 'live'))).toBe(false);
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as jpeg from 'jpeg-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectAgentApi, type AgentApiConnection } from '../../electron/connectors/agent-api/connect';
import { errorsToFieldPaths } from '../../electron/connectors/agent-api/wire';
import { readAgentLedger, replacedLiveSessions, type AgentSandboxSettings, type CkycSandbox } from '../../electron/sandbox';
import { makeTempDir } from '../support/temp-dir';
import { AGENT_CREDENTIALS, keepingLogger, pushData, startAgentSandbox, TEST_UID, validPushSections } from '../support/agent-api';

/**
 * The agent API client against the Training sandbox over real HTTP on loopback (and, for answers
 * the sandbox never gives, a small vendor of the test's own): the token, renewed before it expires
 * and once after a 401; the send rate never exceeded; a 429 storm read as rate_limited with backoff
 * and no link twice in the ledger; media bounded and kept to the connection's host; a push's 400
 * read into field paths; answers with extra and missing fields read.
 */
let temp: ReturnType<typeof makeTempDir>;
const closers: (() => Promise<void> | void)[] = [];

beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  temp.remove();
});

async function sandbox(settings: AgentSandboxSettings = {}, tokenLifetimeSeconds?: number): Promise<CkycSandbox> {
  const s = await startAgentSandbox(path.join(temp.dir, 'sandbox'), { stepMs: 100, ...settings }, {
    ...(tokenLifetimeSeconds !== undefined ? { recordsApi: { ...AGENT_CREDENTIALS, tokenLifetimeSeconds } } : {}),
  });
  closers.push(() => s.close());
  return s;
}

const ledger = () => readAgentLedger(path.join(temp.dir, 'sandbox', 'agent-api'));
const connection = (baseUrl: string, extra: Partial<AgentApiConnection> = {}): AgentApiConnection => ({ baseUrl, ...AGENT_CREDENTIALS, requestsPerMinute: 6000, timeoutMs: 5000, ...extra });
const linkFor = (userId: string, phone = '9876543210') => ({ user_id: userId, phone_number: phone, send_notification: 1 as const, link_type: 'free' });
const tokensObtained = (logger: ReturnType<typeof keepingLogger>) => logger.lines.filter((l) => l.message === 'agent API token obtained').length;

describe('agent API client: token', () => {
  it('gets a token, sends a link and reads the answer: ids, link, expiry in ms, validity', async () => {
    const s = await sandbox();
    const client = connectAgentApi(connection(s.url));
    const sent = await client.sendLink(linkFor('KD000000000001'));
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    expect(sent.body).toMatchObject({ session_id: expect.stringMatching(/^VS/), link_id: expect.stringMatching(/^LK/), link_url: expect.stringContaining(s.url), user_id: 'KD000000000001', validity_duration: 86400 });
    expect(Math.abs(sent.body.linkExpiresAtMs! - (Date.now() + 86_400_000))).toBeLessThan(5000);
    const details = await client.sessionDetails(sent.body.session_id);
    expect(details.ok && details.body).toMatchObject({ session_id: sent.body.session_id, session_status: 'waiting', media: [] });
  });

  it('renews the token before it expires (no 401 needed), and once after a 401', async () => {
    const s = await sandbox({}, 2);
    const logger = keepingLogger();
    const client = connectAgentApi(connection(s.url), { logger });
    expect((await client.sessionDetails('VSNONE')).ok).toBe(false);
    expect(tokensObtained(logger)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const sent = await client.sendLink(linkFor('KD000000000002'));
    expect(sent.ok).toBe(true);
    expect(tokensObtained(logger)).toBe(2);
    expect(logger.lines.some((l) => l.message.includes('refused the token'))).toBe(false);
    s.revokeTokens();
    const after = await client.sendLink(linkFor('KD000000000003'));
    expect(after.ok).toBe(true);
    expect(logger.lines.filter((l) => l.message.includes('refused the token'))).toHaveLength(1);
    expect(tokensObtained(logger)).toBe(3);
    expect(ledger().map((e) => e.user_id)).toEqual(['KD000000000002', 'KD000000000003']);
  });

  it('renews only once: a second 401 is the credentials refused, in words, nothing sent twice, no secret in it', async () => {
    const s = await sandbox({}, 0);
    const logger = keepingLogger();
    const client = connectAgentApi(connection(s.url), { logger });
    const sent = await client.sendLink(linkFor('KD000000000004'));
    expect(sent.ok).toBe(false);
    if (!sent.ok) {
      expect(sent.failure).toMatchObject({ kind: 'rejected', status: 401 });
      expect(sent.failure.message).toMatch(/^The agent API refused our credentials \(HTTP 401: Token expired\.\), also with a freshly issued token/);
      expect(sent.failure.message).not.toContain(AGENT_CREDENTIALS.password);
    }
    expect(tokensObtained(logger)).toBe(2);
    expect(ledger()).toEqual([]);
  });

  it('tests the connection: a token, or why not in plain words', async () => {
    const s = await sandbox();
    expect(await connectAgentApi(connection(s.url)).testConnection()).toMatchObject({ ok: true, message: expect.stringMatching(/accepted KYC Desk's username and password and gave it a token, valid for about 15 minutes/) });
    const wrong = await connectAgentApi(connection(s.url, { password: 'WrongPassword1' })).testConnection();
    expect(wrong).toMatchObject({ ok: false, message: expect.stringMatching(/refused the username or password/) });
    expect(wrong.message).not.toContain('WrongPassword1');
    const port = await closedPort();
    const nobody = await connectAgentApi(connection(`http://127.0.0.1:${port}`)).testConnection();
    expect(nobody).toMatchObject({ ok: false, message: expect.stringMatching(/could not be reached/) });
    expect(await connectAgentApi(connection(`http://127.0.0.1:${port}`)).reachable()).toBe(false);
    expect(await connectAgentApi(connection(s.url, { password: 'WrongPassword1' })).reachable()).toBe(true);
    expect(() => connectAgentApi(connection(s.url, { username: 'ab' }))).toThrow(/username must be 3 to 20 letters and digits/);
    expect(() => connectAgentApi(connection(s.url, { password: 'short' }))).toThrow(/password must be 8 to 32 letters and digits/);
  });
});

describe('agent API client: rate and 429', () => {
  it('never goes faster than its rate: 12 requests at once against a sandbox that allows 5 a second all pass', async () => {
    const s = await sandbox({ rateLimit: { requests: 5, perMs: 1000 } });
    const client = connectAgentApi(connection(s.url, { requestsPerMinute: 240 }));
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => client.sessionDetails(`VSNONE${i}`)));
    for (const answer of answers) expect(answer.ok || answer.failure).toMatchObject({ kind: 'rejected', status: 400 });
    // 13 turns (the token's too) 250 ms apart.
    expect(Date.now() - started).toBeGreaterThanOrEqual(12 * 250 - 50);
  });

  it('a 429 storm: rate_limited with a growing wait, the next request held unsent, and every customer linked once after the waits', async () => {
    const s = await sandbox({ rateLimit: { requests: 2, perMs: 500 } });
    const client = connectAgentApi(connection(s.url), { maxRateWaitMs: 100 });
    const users = ['KD1', 'KD2', 'KD3', 'KD4'];
    const first = await Promise.all(users.map((user) => client.sendLink(linkFor(user))));
    const limited = first.flatMap((outcome, i) => (outcome.ok ? [] : [{ user: users[i]!, failure: outcome.failure }]));
    expect(limited).toHaveLength(2);
    // The floor doubles with each 429 in a row, whichever of the two came back first.
    expect(limited.map((l) => l.failure.kind)).toEqual(['rate_limited', 'rate_limited']);
    expect(limited.map((l) => (l.failure.kind === 'rate_limited' ? l.failure.retryAfterMs : null)).sort()).toEqual([1000, 2000]);
    const held = await client.sendLink(linkFor('KD5'));
    expect(held.ok || held.failure).toMatchObject({ kind: 'rate_limited', message: expect.stringMatching(/^Nothing was sent/) });
    expect(ledger()).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    for (const { user } of limited) expect((await client.sendLink(linkFor(user))).ok).toBe(true);
    expect(ledger().map((e) => e.user_id).sort()).toEqual(users);
    expect(replacedLiveSessions(ledger())).toEqual([]);
  });
});

describe('agent API client: media, push and tolerant reading', () => {
  it("fetches a session's media within its size bound, and only from the connection's host over http(s)", async () => {
    const s = await sandbox({ stepMs: 50 });
    const client = connectAgentApi(connection(s.url));
    const sent = await client.sendLink(linkFor('KD000000000010'));
    if (!sent.ok) throw new Error(sent.failure.message);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const details = await client.sessionDetails(sent.body.session_id);
    if (!details.ok) throw new Error(details.failure.message);
    expect(details.body.session_status).toBe('kyc_result_approved');
    expect(details.body.media.map((m) => m.kind).sort()).toEqual(
      ['aadhaar_back', 'aadhaar_front', 'agent_screen', 'agent_video', 'captured_image', 'captured_image', 'pan', 'selfie', 'summary_json', 'user_video', 'zip'].sort(),
    );
    expect(details.body.media.filter((m) => m.aadhaar).map((m) => m.kind).sort()).toEqual(['aadhaar_back', 'aadhaar_front']);
    expect(details.body).toMatchObject({ agent_id: expect.stringMatching(/^AGT/), times: { end_time: expect.any(String), vkyc_start_time: expect.any(String) } });
    const selfie = details.body.media.find((m) => m.kind === 'selfie')!;
    const fetched = await client.fetchMedia(selfie.url, 1024 * 1024);
    expect(fetched.ok).toBe(true);
    if (fetched.ok) expect(jpeg.decode(fetched.bytes).width).toBe(160);
    expect(await client.fetchMedia(selfie.url, 100)).toEqual({ ok: false, message: expect.stringMatching(/larger than the 0 KB KYC Desk accepts/) });
    expect(await client.fetchMedia('https://elsewhere.example/x.jpg', 1000)).toEqual({ ok: false, message: expect.stringMatching(/only from the agent API's own address/) });
    expect(await client.fetchMedia('file:///etc/passwd', 1000)).toEqual({ ok: false, message: expect.stringMatching(/only over https/) });
  });

  it('pushes with the auth header, and reads a 400 into field paths with nothing taken', async () => {
    const s = await sandbox();
    const client = connectAgentApi(connection(s.url));
    const taken = await client.pushUserData({ user_id: 'KD000000000020', phone_number: '9876543210', data: pushData() });
    expect(taken.ok && taken.body).toMatchObject({ success: true, session_id: expect.stringMatching(/^DS/) });
    const sections = validPushSections();
    sections.BASIC_INFORMATION!.pan = 'ABC';
    delete sections.FATCA_DECLARATION!.placeDeclaration;
    const refused = await client.pushUserData({ user_id: 'KD000000000021', phone_number: '9876543210', data: pushData(sections) });
    expect(refused.ok).toBe(false);
    if (!refused.ok && 'fields' in refused.failure) {
      expect(refused.failure.fields).toEqual({ 'BASIC_INFORMATION.pan': expect.stringMatching(/must be a PAN/), 'FATCA_DECLARATION.placeDeclaration': 'is required' });
      expect(refused.failure.message).toMatch(/refused the push \(HTTP 400: Validation failed: 2 fields\.\); 2 fields to correct\. Nothing was taken\./);
    } else throw new Error('expected a push refusal with fields');
    expect(ledger().map((e) => e.user_id)).toEqual(['KD000000000020']);
    expect(JSON.stringify(refused)).not.toContain(TEST_UID);
  });

  it('reads answers with extra fields, numbers for ids and epochs, fields at the top level, and 401 { msg }', async () => {
    let detailsCalls = 0;
    const vendor = await tinyVendor((req, body) => {
      if (req.url === '/agentapi/v1/agent/generate_token') return [200, { Token: 'opaque-token', success: true, new_field: 1 }];
      if (req.url === '/agentapi/v1/agent/sendLink/') return [200, { link_id: 991, link_url: 'https://v.example/l/991', session_id: 12345, link_expiry_time: 1795000000, validity_duration: '600', surprise: { a: 1 } }];
      if (req.url === '/agentapi/v1/session/get_details/12345') {
        detailsCalls += 1;
        if (detailsCalls === 1) return [401, { msg: 'jwt expired', status_code: 401, success: false }];
        return [200, { session_status: 'some_new_state', selfie_url: '/media/s.jpg', captured_images: ['/media/c1.jpg', { url: '/media/c2.jpg' }, 7], agent_id: 42, extra: true, status: 200 }];
      }
      if (req.url === '/appapi/v1/dkyc/push_user_data') {
        expect(req.headers.auth).toBe('opaque-token');
        return [400, { msg: 'Invalid data', status_code: 400, success: false, track: null, errors: { data: [{ BASIC_INFORMATION: { pan: ['Invalid PAN'] } }], 'PERSONAL_INFORMATION.gender': { message: 'bad' } } }];
      }
      return [404, { body }];
    });
    const client = connectAgentApi(connection(vendor));
    const sent = await client.sendLink(linkFor('U1'));
    expect(sent.ok && sent.body).toEqual({ link_id: '991', link_url: 'https://v.example/l/991', session_id: '12345', linkExpiresAtMs: 1_795_000_000_000, validity_duration: 600 });
    const details = await client.sessionDetails('12345');
    expect(details.ok && details.body).toMatchObject({
      session_id: '12345',
      session_status: 'some_new_state',
      agent_id: '42',
      media: [
        { kind: 'selfie', url: `${vendor}/media/s.jpg`, aadhaar: false },
        { kind: 'captured_image', url: `${vendor}/media/c1.jpg`, aadhaar: false },
        { kind: 'captured_image', url: `${vendor}/media/c2.jpg`, aadhaar: false },
      ],
    });
    expect(detailsCalls).toBe(2);
    const refused = await client.pushUserData({ user_id: 'U1', phone_number: '9876543210', data: [] });
    expect(!refused.ok && 'fields' in refused.failure && refused.failure.fields).toEqual({ 'BASIC_INFORMATION.pan': 'Invalid PAN', 'PERSONAL_INFORMATION.gender': 'bad' });
  });

  it('never repeats a request that may have been taken: a 500 and a 200 without a session each reach the vendor once', async () => {
    const calls: Record<string, number> = {};
    const vendor = await tinyVendor((req) => {
      if (req.url === '/agentapi/v1/agent/generate_token') return [200, { Token: 'opaque-token' }];
      const user = (req.url ?? '').includes('push') ? 'push' : 'link';
      calls[user] = (calls[user] ?? 0) + 1;
      return user === 'push' ? [200, { success: true, track: null }] : [500, { msg: 'Internal error', status: 500 }];
    });
    const client = connectAgentApi(connection(vendor));
    expect(await client.sendLink(linkFor('U9'))).toMatchObject({ ok: false, failure: { kind: 'server_error', status: 500 } });
    expect(await client.pushUserData({ user_id: 'U9', phone_number: '9876543210', data: pushData() })).toMatchObject({ ok: false, failure: { kind: 'invalid_response' } });
    expect(calls).toEqual({ link: 1, push: 1 });
  });

  it('reads an errors object in its usual shapes into field paths', () => {
    expect(errorsToFieldPaths({ 'BASIC_INFORMATION.pan': 'Invalid', COMMUNICATION_ADDRESS: { commEmailId: ['bad', 'worse'] }, 'data[2].FAMILY_INFORMATION.relationship': 'F or S' })).toEqual({
      'BASIC_INFORMATION.pan': 'Invalid',
      'COMMUNICATION_ADDRESS.commEmailId': 'bad; worse',
      'FAMILY_INFORMATION.relationship': 'F or S',
    });
    expect(errorsToFieldPaths('Something failed')).toEqual({ request: 'Something failed' });
    expect(errorsToFieldPaths(null)).toEqual({});
  });
});

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A vendor of the test's own on loopback: `answer` gives [status, JSON body] for each request. */
async function tinyVendor(answer: (req: http.IncomingMessage, body: string) => [number, unknown]): Promise<string> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const [status, json] = answer(req, body);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

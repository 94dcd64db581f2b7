import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { makeTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';

/** Video KYC over the IPC contract, through the app's own wiring and the Training sandbox's agent API. */
const ORIGIN = 'test://video-kyc-channels';
let temp: ReturnType<typeof makeTempDir>;
let services: AppServices;
const training: Record<string, string> = {};

const call = (channel: string, payload: unknown): Promise<any> => services.dispatch({ channel, payload, origin: ORIGIN });
const as = async (role: 'maker' | 'checker' | 'admin') => expect(await call('session.switchTraining', { operatorId: training[role] })).toMatchObject({ ok: true });
const typed = { userId: 'BRANCH0042', phoneNumber: '98765 43210', sendNotification: false, linkType: 'free' };

beforeAll(async () => {
  temp = makeTempDir();
  services = await startAppServices({ dataDir: temp.dir, version: 'test', vault: new MemoryVault(), env: { KYC_DESK_POLL_SECONDS: '0.1', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.3' } });
  services.trustOrigin(ORIGIN);
  const { value: session } = await call('session.state', {});
  for (const operator of session.trainingOperators as Array<{ role: string; id: string }>) training[operator.role] = operator.id;
});
afterAll(async () => {
  await services.close();
  temp.remove();
});

describe('videoKyc.* channels', () => {
  it('a maker sends a typed link: kept with its URL and expiry, followed to kyc_result_approved, its timeline, agent and selfie readable', { timeout: 60_000 }, async () => {
    await as('maker');
    const sent = await call('videoKyc.send', typed);
    expect(sent).toMatchObject({ ok: true, value: { state: 'submitted', userId: 'BRANCH0042', phoneMasked: '•••••••210', linkType: 'free' } });
    const id = sent.value.id as string;
    const following = await waitFor('the link to be sent', async () => {
      const read = await call('videoKyc.get', { id });
      return read.value.session.linkUrl ? read.value : undefined;
    }, 15_000);
    expect(following.session.linkUrl).toMatch(/^http/);
    expect(Date.parse(following.session.linkExpiresAt)).toBeGreaterThan(Date.now());
    const ended = await waitFor('the session to end', async () => {
      const read = await call('videoKyc.get', { id });
      return read.value.session.phase === 'ended' ? read.value : undefined;
    }, 30_000);
    expect(ended.session).toMatchObject({ state: 'succeeded', status: 'kyc_result_approved', final: true, verdict: 'approved', statusWords: 'Video KYC approved by the agent' });
    expect(ended.agentId).toBeTruthy();
    expect(ended.timeline.find((moment: { key: string }) => moment.key === 'link_sent').at).toBeTruthy();
    const selfie = ended.media.findIndex((medium: { kind: string }) => medium.kind === 'selfie');
    expect(selfie).toBeGreaterThanOrEqual(0);
    const bytes = await call('videoKyc.media', { id, index: ended.media[selfie].index });
    expect(bytes).toMatchObject({ ok: true, value: { mime: 'image/jpeg', kind: 'selfie' } });
    expect(Buffer.from(bytes.value.base64, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    // An Aadhaar image is kept only masked: refused without boxes, sealed masked with them.
    const aadhaar = ended.media.find((medium: { kind: string }) => medium.kind === 'aadhaar_front');
    const unmasked = await call('videoKyc.keepMedia', { id, index: aadhaar.index });
    expect(unmasked).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'Mask the first 8 digits of the Aadhaar number and the QR code on this image before it is kept.' } });
    const masked = await call('videoKyc.keepMedia', { id, index: aadhaar.index, boxes: [{ x: 0, y: 0, width: 20, height: 20 }] });
    expect(masked).toMatchObject({ ok: true, value: { masked: true } });
    const keptSelfie = await call('videoKyc.keepMedia', { id, index: ended.media[selfie].index });
    expect(keptSelfie).toMatchObject({ ok: true, value: { masked: false } });
    const kept = (await call('videoKyc.get', { id })).value.kept.map((document: { hash: string }) => document.hash);
    expect(kept.sort()).toEqual([masked.value.hash, keptSelfie.value.hash].sort());
    expect((await call('documents.get', { hash: masked.value.hash })).value.mime).toBe('image/jpeg');

    const listed = await call('videoKyc.list', { page: 1, pageSize: 20, status: 'kyc_result_approved' });
    expect(listed.value.items.map((item: { id: string }) => item.id)).toEqual([id]);
    expect((await call('videoKyc.list', { page: 1, pageSize: 20, status: 'waiting' })).value.total).toBe(0);
    expect((await call('videoKyc.list', { page: 1, pageSize: 20, from: '2999-01-01T00:00:00+05:30' })).value.total).toBe(0);
    const audit = await (async () => {
      await as('admin');
      return call('audit.list', { page: 1, pageSize: 50, action: 'record-create' });
    })();
    expect(audit.value.items.some((entry: { subject: string; details: Record<string, unknown> }) => entry.subject === sent.value.reference && entry.details.approval === 'on-request')).toBe(true);
  });

  it('refuses a 9-digit phone and a link type in the wrong case in plain words, and keeps nothing', async () => {
    await as('maker');
    const before = (await call('videoKyc.list', { page: 1, pageSize: 20 })).value.total;
    const short = await call('videoKyc.send', { ...typed, phoneNumber: '987654321' });
    expect(short).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'Check Phone number: A mobile number has 10 digits; this has 9.' } });
    const wrongCase = await call('videoKyc.send', { ...typed, linkType: 'Free' });
    expect(wrongCase).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'Check Link type: The link type is "free", written exactly so: link types are case-sensitive.' } });
    expect((await call('videoKyc.list', { page: 1, pageSize: 20 })).value.total).toBe(before);
  });

  it('only an admin reads and saves the agent API settings; bad ones are refused field by field, good ones audited', async () => {
    await as('maker');
    expect(await call('videoKyc.settings.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await as('admin');
    const bad = await call('videoKyc.settings.save', { settings: { baseUrl: 'ftp://x', username: 'ab', requestsPerMinute: 0, pollSeconds: 2, linkTypes: ['free', 'free'] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: '5 fields need attention before saving.' } });
    expect(Object.keys(bad.error.fields).sort()).toEqual(['baseUrl', 'linkTypes', 'pollSeconds', 'requestsPerMinute', 'username']);
    const good = await call('videoKyc.settings.save', { settings: { baseUrl: 'https://vkyc.example.in/', username: 'branch01', requestsPerMinute: 30, pollSeconds: 10, linkTypes: ['free', 'assisted'] } });
    expect(good).toMatchObject({ ok: true, value: { configured: true, settings: { baseUrl: 'https://vkyc.example.in', linkTypes: ['free', 'assisted'] } } });
    const password = await call('secrets.set', { slot: 'agent-api-password', value: 'short' });
    expect(password).toMatchObject({ ok: false, error: { message: 'The agent API password has 8 to 32 letters and digits, nothing else (the vendor’s rule).' } });
    // Training always talks to its sandbox: the test gets a token there.
    expect(await call('videoKyc.settings.test', {})).toMatchObject({ ok: true, value: { ok: true } });
    expect((await call('videoKyc.linkTypes', {})).value).toEqual({ linkTypes: ['free', 'assisted'], problem: null });
  });
});

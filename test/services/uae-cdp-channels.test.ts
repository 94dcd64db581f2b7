import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { cdpWiring } from '../../electron/app/cdp-wiring';
import { silentLogger } from '../../electron/logging/logger';
import type { CdpSettingsStore } from '../../electron/uae-onboarding/cdp-settings';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { TRAINING_CDP_CREDENTIALS } from '../../electron/sandbox';
import type { CdpSettings } from '../../shared/connections/cdp-settings';
import { secretAccount } from '../../shared/secrets/slots';
import { startCdpSandbox } from '../support/cdp';
import { makeTempDir } from '../support/temp-dir';

/**
 * The UAE CDP's connection over the IPC contract, through the app's own wiring: an admin's
 * settings checked field by field and audited, the secrets' state without their values, the
 * connection test in plain words against the Training sandbox; and the Live wiring's refusals
 * (nothing saved, a secret missing from the keychain) and its client rebuilt when a secret changes.
 */
const ORIGIN = 'test://uae-cdp-channels';
let temp: ReturnType<typeof makeTempDir>;
let services: AppServices;
const training: Record<string, string> = {};

const call = (channel: string, payload: unknown): Promise<any> => services.dispatch({ channel, payload, origin: ORIGIN });
const as = async (role: 'maker' | 'checker' | 'admin') => expect(await call('session.switchTraining', { operatorId: training[role] })).toMatchObject({ ok: true });

beforeAll(async () => {
  temp = makeTempDir();
  services = await startAppServices({ dataDir: temp.dir, version: 'test', vault: new MemoryVault(), env: { KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.3' } });
  services.trustOrigin(ORIGIN);
  const { value: session } = await call('session.state', {});
  for (const operator of session.trainingOperators as Array<{ role: string; id: string }>) training[operator.role] = operator.id;
});
afterAll(async () => {
  await services.close();
  temp.remove();
});

describe('uaeCdp.settings.* channels (Training)', () => {
  it('are an admin’s only', async () => {
    await as('maker');
    expect(await call('uaeCdp.settings.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('uaeCdp.settings.test', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('show blank settings, no secrets set; the test signs in to the Training CDP; bad settings are refused field by field, good ones saved and audited', async () => {
    await as('admin');
    expect(await call('uaeCdp.settings.get', {})).toEqual({ ok: true, value: { settings: { baseUrl: '', clientId: '', scope: '', username: '' }, configured: false, clientSecretSet: false, passwordSet: false, mode: 'training' } });
    const tested = await call('uaeCdp.settings.test', {});
    expect(tested).toMatchObject({ ok: true, value: { ok: true, message: expect.stringMatching(/^The UAE CDP at http:\/\/127\.0\.0\.1:\d+ accepted KYC Desk's client id, client secret, scope, username and password/) } });

    const bad = await call('uaeCdp.settings.save', { settings: { baseUrl: 'cdp.example.ae', clientId: 'has space', scope: '', username: 'x'.repeat(61) } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: '4 fields need attention before saving.' } });
    expect(Object.keys(bad.error.fields).sort()).toEqual(['baseUrl', 'clientId', 'scope', 'username']);
    expect(bad.error.fields.baseUrl).toMatch(/starting with https:\/\//);
    expect((await call('uaeCdp.settings.get', {})).value.configured).toBe(false);

    const settings: CdpSettings = { baseUrl: ' https://cdp.example.ae/ ', clientId: 'branch-desk', scope: 'api://3a3f52a1-1b64-4c27-81f0-50a6ca01324d/customer', username: 'branch01' };
    const saved = await call('uaeCdp.settings.save', { settings });
    expect(saved).toMatchObject({ ok: true, value: { settings: { ...settings, baseUrl: 'https://cdp.example.ae' }, configured: true } });
    expect(await call('secrets.set', { slot: 'uae-password', value: 'p'.repeat(61) })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'The UAE CDP password has at most 60 characters (the CDP’s rule).' } });
    expect(await call('secrets.set', { slot: 'uae-password', value: 'TrainingPassword1' })).toMatchObject({ ok: true });
    expect((await call('uaeCdp.settings.get', {})).value).toMatchObject({ clientSecretSet: false, passwordSet: true });
    const audit = await call('audit.list', { page: 1, pageSize: 50 });
    expect(JSON.stringify(audit)).toContain('uaeCdp.settings');
    // Training still talks to the sandbox, whatever an admin saved for Live.
    expect((await call('uaeCdp.settings.test', {})).value.ok).toBe(true);
  });
});

describe('the CDP wiring in Live mode', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('says what is missing (settings, then each secret), then signs in with the keychain’s secrets, and rebuilds its client when one changes', async () => {
    const started = await startCdpSandbox(path.join(temp.dir, 'live-cdp'));
    closers.push(() => started.sandbox.close());
    let saved: CdpSettings | null = null;
    const settings = { saved: () => saved } as unknown as CdpSettingsStore;
    const vault = new MemoryVault();
    const wiring = cdpWiring({ mode: 'live', settings, vault, timeoutMs: 5000, logger: silentLogger, training: null });
    expect(await wiring.test()).toEqual({ ok: false, message: expect.stringContaining('An admin has not set up the UAE CDP connection yet') });
    const c = TRAINING_CDP_CREDENTIALS;
    saved = { baseUrl: started.sandbox.url, clientId: c.client_id, scope: c.scope, username: c.username };
    expect((await wiring.test()).message).toMatch(/client secret is not in this computer’s keychain/);
    await vault.set(secretAccount('live', 'uae-oauth-client-secret'), c.client_secret);
    expect((await wiring.test()).message).toMatch(/password is not in this computer’s keychain/);
    await vault.set(secretAccount('live', 'uae-password'), 'NotThePassword1');
    const refused = await wiring.test();
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('refused the username or password') });
    expect(refused.message).not.toContain('NotThePassword1');
    await vault.set(secretAccount('live', 'uae-password'), c.password);
    const first = await wiring.inForce();
    expect(await wiring.test()).toMatchObject({ ok: true });
    const same = await wiring.inForce();
    expect(first.ok && same.ok && first.client === same.client).toBe(true);
    expect(started.cdp.issued().password).toBe(1);
  });
});

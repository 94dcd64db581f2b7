import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdpWiring } from '../../electron/app/cdp-wiring';
import { silentLogger } from '../../electron/logging/logger';
import type { CdpSettingsStore } from '../../electron/uae-onboarding/cdp-settings';
import { cdpSamples, TRAINING_CDP_CREDENTIALS } from '../../electron/sandbox';
import { UAE_CUSTOMER_KIND_ID, UAE_IMAGE_CODES } from '../../shared/record-kinds/uae-customer';
import type { KycImage } from '../../shared/record/kyc-record';
import { emiratesIds } from '../support/cdp';
import { fakeJpeg } from '../support/stored-samples';
import { completeUaeCustomer } from '../support/uae-customers';
import { waitFor } from '../support/wait';
import type { CdpSettings } from '../../shared/connections/cdp-settings';
import { secretAccount } from '../../shared/secrets/slots';
import { startCdpSandbox } from '../support/cdp';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { openAppChannels, type AppChannels, type TrainingRole } from '../support/app-channels';

/**
 * The UAE CDP's connection over the IPC contract, through the app's own wiring: an admin's
 * settings checked field by field and audited, the secrets' state without their values, the
 * connection test in plain words against the Training sandbox; and the Live wiring's refusals
 * (nothing saved, a secret missing from the keychain) and its client rebuilt when a secret changes.
 */
const ORIGIN = 'test://uae-cdp-channels';
const SEED = 'uae-cdp-channels';
let app: AppChannels;

const call = (channel: string, payload: unknown): Promise<any> => app.call(channel, payload);
const as = (role: TrainingRole) => app.as(role);

beforeAll(async () => {
  app = await openAppChannels(ORIGIN, { KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.3', KYC_DESK_POLL_SECONDS: '0.1', KYC_DESK_SANDBOX_SEED: SEED });
});
afterAll(async () => {
  await app?.close();
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

describe('uaeCdp.lookUp and uaeCdp.send (Training)', () => {
  it('looks a customer up in words: a typing mistake never sent, found with its ECRN and DD/MM/YYYY expiry, stopped, not found', async () => {
    await as('maker');
    const samples = cdpSamples(SEED);
    const typo = await call('uaeCdp.lookUp', { idType: '4', idNumber: '784-1985-1234567-4' });
    expect(typo).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('typing mistake'), fields: { idNumber: expect.any(String) } } });
    const found = await call('uaeCdp.lookUp', { idType: '4', idNumber: samples.existing });
    expect(found).toMatchObject({ ok: true, value: { outcome: 'found', canOnboard: false, customer: { ecrn: expect.stringMatching(/^7841\d{12}$/), customerStatus: 'ACTIVE', idExpiry: '10/12/2030' } } });
    expect(found.value.message).toMatch(/already holds this customer: ECRN 7841\d{12} \(customer ACTIVE, AML scan Accepted, id Active, id expires 10\/12\/2030\)\. Do not onboard them again\./);
    const blocked = await call('uaeCdp.lookUp', { idType: '4', idNumber: samples.blocked });
    expect(blocked).toMatchObject({ ok: true, value: { outcome: 'stopped', canOnboard: false, message: expect.stringContaining('refer them to compliance') } });
    const fresh = await call('uaeCdp.lookUp', { idType: '4', idNumber: emiratesIds('channels')() });
    expect(fresh).toMatchObject({ ok: true, value: { outcome: 'not-found', canOnboard: true, customer: null } });
    expect(await call('uaeCdp.lookUp', { idType: '2', idNumber: 'P 400 6315' })).toMatchObject({ ok: true, value: { outcome: 'not-found' } });
  });

  it('a maker captures a UAE customer, a checker approves and sends: the customer is onboarded and the ECRN shows on the record', async () => {
    await as('maker');
    const image = async (code: string, n: number): Promise<KycImage> => {
      const put = await call('documents.put', { imageCode: code, base64: fakeJpeg(n).toString('base64'), masked: false });
      expect(put).toMatchObject({ ok: true });
      return { code, documentHash: put.value.hash, mime: put.value.mime, bytes: put.value.bytes, masked: put.value.masked };
    };
    const base = completeUaeCustomer();
    const record = {
      ...base,
      ids: [
        { ...base.ids[0]!, number: emiratesIds('channels-send')(), front: await image(UAE_IMAGE_CODES.idFront, 901), back: await image(UAE_IMAGE_CODES.idBack, 902) },
        { ...base.ids[1]!, front: await image(UAE_IMAGE_CODES.idFront, 903) },
      ],
      classification: { ...base.classification, profilePhoto: await image(UAE_IMAGE_CODES.profilePhoto, 904) },
    };
    const saved = await call('records.save', { kind: UAE_CUSTOMER_KIND_ID, record });
    expect(saved).toMatchObject({ ok: true, value: { state: 'awaiting_approval' } });
    expect(await call('uaeCdp.send', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await as('checker');
    expect(await call('records.approve', { ids: [saved.value.id] })).toMatchObject({ ok: true, value: { approved: [saved.value.reference] } });
    expect(await call('uaeCdp.send', {})).toMatchObject({ ok: true, value: { recordCount: 1 } });
    const done = await waitFor('the customer to be onboarded', async () => {
      const got = await call('records.get', { id: saved.value.id });
      return ['succeeded', 'failed'].includes(got.value.summary.state) ? got.value.summary : undefined;
    }, 20_000);
    expect(done).toMatchObject({ state: 'succeeded', message: expect.stringMatching(/^Onboarded on the UAE CDP: ECRN 7841\d{12}/) });
    // What the CDP said is on the record as fields, for the checker and for the maker who captured it.
    const ecrn = /ECRN (\d+)/.exec(done.message)![1];
    const fields = { recordId: saved.value.id, reference: saved.value.reference, ecrn, customerStatus: 'ACTIVE', amlScanStatus: 'Accepted', pep: false, amlCategory: '2', idStatus: null, idExpiry: null, how: 'onboarded' };
    expect(await call('uaeCdp.forRecord', { recordId: saved.value.id })).toEqual({ ok: true, value: { enrolment: expect.objectContaining(fields) } });
    expect(await call('uaeCdp.forRecord', { recordId: 'rec_not_on_this_pc' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await as('maker');
    const listedForMaker = await call('uaeCdp.enrolments', {});
    expect(listedForMaker).toMatchObject({ ok: true, value: { total: 1, items: [expect.objectContaining({ ...fields, name: expect.stringContaining(base.firstName.toUpperCase()) })] } });
    expect(await call('uaeCdp.enrolments', { limit: 5 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await as('checker');
    // The batch reads back over the contract with its service and kind.
    const listed = await call('batches.list', { page: 1, pageSize: 20 });
    expect(listed).toMatchObject({ ok: true });
    expect(listed.value.items).toContainEqual(expect.objectContaining({ route: 'uae-onboarding', kind: 'cdp-onboard', state: 'succeeded', recordCount: 1 }));
  });
});

describe('the CDP wiring in Live mode', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('says what is missing (settings, then each secret), then signs in with the keychain’s secrets, and rebuilds its client when one changes', async () => {
    const started = await startCdpSandbox(path.join(app.dir, 'live-cdp'));
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

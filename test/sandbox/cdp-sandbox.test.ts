import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectCdp } from '../../electron/connectors/cdp/connect';
import { CDP_PATHS } from '../../electron/connectors/cdp/wire';
import { CkycSandbox, cdpSamples, cdpSandbox, idsOnboardedTwice, readCdpLedger, SANDBOX_SERVICES, seededCustomers, TRAINING_CDP_CREDENTIALS } from '../../electron/sandbox';
import { silentLogger } from '../../electron/logging/logger';
import { validateEmiratesId } from '../../shared/validation/identifiers';
import { cdpConnection, emiratesIds, onboardingRequest, startCdpSandbox, type StartedCdp } from '../support/cdp';
import { makeTempDir } from '../support/temp-dir';

/**
 * The Training CDP as the vendor's partner would meet it, over plain HTTP (no KYC Desk client
 * where the wire itself is the point): the token endpoint's forms-only rule, its grants and their
 * expiry; the seeded Emirates IDs; the master-data checks; the ledger across a restart; and, under
 * the sandbox's own faults, no id given two ECRNs however often the client asks.
 */
let temp: ReturnType<typeof makeTempDir>;
const closers: (() => Promise<void>)[] = [];
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  temp.remove();
});

const stateDir = () => path.join(temp.dir, 'sandbox');
async function sandbox(settings: Parameters<typeof startCdpSandbox>[1] = {}, seed?: string): Promise<StartedCdp> {
  const started = await startCdpSandbox(stateDir(), settings, seed);
  closers.push(() => started.sandbox.close());
  return started;
}

const C = TRAINING_CDP_CREDENTIALS;
const passwordGrant = { grant_type: 'password', scope: C.scope, client_id: C.client_id, client_secret: C.client_secret, username: C.username, password: C.password };

async function tokenCall(base: string, body: string, type = 'application/x-www-form-urlencoded') {
  const response = await fetch(`${base}${CDP_PATHS.token}`, { method: 'POST', headers: { 'content-type': type }, body, signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function postJson(url: string, body: unknown, token?: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('Training CDP: the token endpoint', () => {
  it('takes forms only; refuses a JSON body, a parameter given twice, a wrong client secret, scope or password, as an OpenID Connect server does', async () => {
    const { sandbox: s } = await sandbox();
    expect(await tokenCall(s.url, JSON.stringify(passwordGrant), 'application/json')).toMatchObject({ status: 415, body: { error: 'invalid_request' } });
    // The seed's refresh example repeats grant_type: a server that refuses duplicates refuses it.
    expect(await tokenCall(s.url, `${form(passwordGrant)}&grant_type=password`)).toMatchObject({ status: 400, body: { error: 'invalid_request', error_description: 'duplicated parameter: grant_type' } });
    expect(await tokenCall(s.url, form({ ...passwordGrant, client_secret: 'wrong' }))).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await tokenCall(s.url, form({ ...passwordGrant, scope: 'api://other' }))).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    expect(await tokenCall(s.url, form({ ...passwordGrant, password: 'wrong' }))).toMatchObject({ status: 401, body: { error: 'invalid_grant', error_description: 'Invalid user credentials' } });
    const granted = await tokenCall(s.url, form(passwordGrant));
    expect(granted).toMatchObject({ status: 200, body: { token_type: 'bearer', expires_in: 7199, refresh_expires_in: 7199, scope: C.scope, access_token: expect.any(String), refresh_token: expect.any(String) } });
    // An access token is not a refresh token.
    const refreshWithAccess = await tokenCall(s.url, form({ grant_type: 'refresh_token', client_id: C.client_id, client_secret: C.client_secret, refresh_token: granted.body.access_token as string }));
    expect(refreshWithAccess).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token' } });
  });

  it('honours expiry: an expired access token gets the gateway’s 401, an expired refresh token invalid_grant', async () => {
    const { sandbox: s } = await sandbox({ accessSeconds: 1, refreshSeconds: 1 });
    const granted = await tokenCall(s.url, form(passwordGrant));
    const access = granted.body.access_token as string;
    const idNumber = emiratesIds('expiry')();
    expect((await postJson(`${s.url}${CDP_PATHS.lookUp}`, { idType: '4', idNumber }, access)).body).toMatchObject({ errorCode: 45001 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await postJson(`${s.url}${CDP_PATHS.lookUp}`, { idType: '4', idNumber }, access)).toMatchObject({ status: 401, body: { status: 401, error: 'Unauthorized', path: '/api/v2/customer/validate' } });
    const refreshed = await tokenCall(s.url, form({ grant_type: 'refresh_token', client_id: C.client_id, client_secret: C.client_secret, refresh_token: granted.body.refresh_token as string }));
    expect(refreshed).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'Token is not active' } });
  });
});

describe('Training CDP: customers', () => {
  it('seeds valid Emirates IDs for each outcome, the same for the same seed and others for another; the default sandbox serves the CDP', async () => {
    const one = seededCustomers('seed-a');
    expect(seededCustomers('seed-a')).toEqual(one);
    expect(seededCustomers('seed-b').map((p) => p.emiratesId)).not.toEqual(one.map((p) => p.emiratesId));
    expect(new Set(one.map((p) => p.emiratesId)).size).toBe(one.length);
    for (const person of one) expect(validateEmiratesId(person.emiratesId)).toMatchObject({ ok: true });
    expect(Object.keys(cdpSamples('seed-a'))).toEqual(['existing', 'notSubscribed', 'underInvestigation', 'blocked', 'searchError', 'backendProblem']);
    expect(SANDBOX_SERVICES.map((service) => service.name)).toContain('cdp');
    const s = await CkycSandbox.start({ stateDir: stateDir(), token: 'default-services', processingMs: 300, logger: silentLogger, sftp: false, seed: 'seed-a' });
    closers.push(() => s.close());
    const found = await connectCdp(cdpConnection(s.url)).lookUp({ idType: '4', idNumber: cdpSamples('seed-a').existing });
    expect(found.ok && found.body.outcome).toBe('found');
  });

  it('checks master data field by field in the seed’s words: countries, gender, address and id types', async () => {
    const { sandbox: s } = await sandbox();
    const client = connectCdp(cdpConnection(s.url));
    const next = emiratesIds('master');
    const cases: [Parameters<typeof onboardingRequest>[1], string][] = [
      [{ nationality: 'INN' }, 'Invalid Nationality INN!'],
      [{ second_nationality: 'XX' }, 'Invalid Second Nationality XX!'],
      [{ country_of_residence: 'UAE' }, 'Invalid Country Of Residence UAE!'],
      [{ gender: 'M' }, 'Invalid Gender M!'],
      [{ address_list: [{ address_type_id: '9', country: 'AE' }] }, 'Invalid Address Type Id 9!'],
      [{ address_list: [{ address_type_id: '1', country: 'ARE' }] }, 'Invalid Country ARE!'],
    ];
    for (const [overrides, words] of cases) {
      const answer = await client.onboard(onboardingRequest(next(), overrides));
      expect(answer.ok === false && answer.cdp).toMatchObject({ code: 45053, reason: 'invalid-master-data' });
      expect(answer.ok === false && answer.failure.message).toContain(words);
    }
    expect(readCdpLedger(path.join(stateDir(), 'cdp')).filter((e) => e.kind !== 'refused')).toEqual([]);
  });

  it('keeps its ledger across a restart: an id onboarded before is found, and onboarded again keeps its one ECRN', async () => {
    const first = await sandbox();
    const id = emiratesIds('restart')();
    const taken = await connectCdp(cdpConnection(first.sandbox.url)).onboard(onboardingRequest(id));
    await closers.pop()!();
    const again = await sandbox();
    const client = connectCdp(cdpConnection(again.sandbox.url));
    const found = await client.lookUp({ idType: '4', idNumber: id });
    expect(found.ok && found.body).toMatchObject({ outcome: 'found', customer: { ecrn: taken.ok && taken.body.ecrn } });
    const repeat = await client.onboard(onboardingRequest(id));
    expect(repeat.ok && repeat.body.ecrn).toBe(taken.ok && taken.body.ecrn);
    expect(readCdpLedger(path.join(stateDir(), 'cdp')).map((e) => e.kind)).toEqual(['onboarded', 'repeat']);
  });
});

describe('Training CDP: faults', () => {
  it('under 30 % faults (answers lost after the onboarding took effect included), a client that looks up before sending again onboards each id once', async () => {
    const { sandbox: s } = await startCdpSandboxWithFaults();
    const client = connectCdp(cdpConnection(s.url, { timeoutMs: 1500 }));
    const next = emiratesIds('faults');
    const ids = Array.from({ length: 12 }, () => next());
    const ecrns = new Map<string, string>();
    /** Ids found by the look-up after an onboarding whose answer was lost: the faults really struck after the effect. */
    let foundAfterDoubt = 0;
    for (const id of ids) {
      let doubted = false;
      // The rule the service follows (decision 0048): after doubt, look up; found means done.
      for (let attempt = 0; attempt < 30 && !ecrns.has(id); attempt += 1) {
        const found = await client.lookUp({ idType: '4', idNumber: id });
        if (!found.ok || found.body.outcome === 'retry-later') continue;
        if (found.body.outcome === 'found') {
          ecrns.set(id, found.body.customer.ecrn);
          if (doubted) foundAfterDoubt += 1;
          break;
        }
        const sent = await client.onboard(onboardingRequest(id));
        if (sent.ok) ecrns.set(id, sent.body.ecrn);
        else doubted = true;
      }
    }
    expect(ecrns.size).toBe(ids.length);
    const entries = readCdpLedger(path.join(temp.dir, 'faults', 'cdp'));
    expect(idsOnboardedTwice(entries)).toEqual([]);
    expect(entries.filter((e) => e.kind === 'onboarded')).toHaveLength(ids.length);
    expect(entries.filter((e) => e.kind === 'repeat')).toHaveLength(0);
    expect(foundAfterDoubt).toBeGreaterThan(0);
    expect(s.faults.injected.size).toBeGreaterThan(0);
  }, 60_000);

  async function startCdpSandboxWithFaults(): Promise<StartedCdp> {
    const cdp = cdpSandbox({ backendProblemRate: 0.1 });
    const s = await CkycSandbox.start({ stateDir: path.join(temp.dir, 'faults'), token: 'faults', processingMs: 300, logger: silentLogger, sftp: false, services: [cdp], seed: 'cdp-faults', faults: 'http500=0.1,reset=0.05,corrupt=0.05,timeout=0.05@after', faultHoldMs: 2000 });
    closers.push(() => s.close());
    return { sandbox: s, cdp };
  }
});

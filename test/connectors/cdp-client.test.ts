import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectCdp } from '../../electron/connectors/cdp/connect';
import { cdpSamples, readCdpLedger, idsOnboardedTwice, TRAINING_CDP_CREDENTIALS, cdpIdKey, type CdpSandboxSettings } from '../../electron/sandbox';
import { validateEmiratesId } from '../../shared/validation/identifiers';
import { keepingLogger } from '../support/agent-api';
import { cdpConnection, emiratesIds, onboardingRequest, startCdpSandbox, type StartedCdp } from '../support/cdp';
import { makeTempDir } from '../support/temp-dir';

/**
 * The UAE CDP client against the Training CDP over real HTTP on loopback (and, for answers the
 * sandbox never gives, a small vendor of the test's own): the token by the password grant, renewed
 * by the refresh grant before it runs out and by the password grant once the refresh token has
 * passed, once after a 401; the look-up judged by its body for every seeded outcome; onboarding's
 * success and every documented refusal; answers of unknown shape read into clear messages; no
 * secret in any message.
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

const SEED = 'cdp-tests';
const samples = cdpSamples(SEED);
const stateDir = () => path.join(temp.dir, 'sandbox');
const ledger = () => readCdpLedger(path.join(stateDir(), 'cdp'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sandbox(settings: CdpSandboxSettings = {}): Promise<StartedCdp> {
  const started = await startCdpSandbox(stateDir(), settings, SEED);
  closers.push(() => started.sandbox.close());
  return started;
}

/** An address on loopback where nothing listens. */
async function closedPort(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const SECRETS = [TRAINING_CDP_CREDENTIALS.client_secret, TRAINING_CDP_CREDENTIALS.password];
const expectNoSecret = (text: string) => {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
};

describe('CDP client: the token', () => {
  it('gets a token by the password grant and looks up every seeded outcome by the body, not the 200', async () => {
    const { sandbox: s, cdp } = await sandbox();
    const client = connectCdp(cdpConnection(s.url));
    const outcomes: Record<string, unknown> = {};
    for (const [name, idNumber] of Object.entries(samples)) {
      expect(validateEmiratesId(idNumber).ok).toBe(true);
      const answer = await client.lookUp({ idType: '4', idNumber });
      expect(answer.ok).toBe(true);
      if (answer.ok) outcomes[name] = answer.body.outcome === 'stopped' ? `stopped:${answer.body.reason}` : answer.body.outcome;
    }
    expect(outcomes).toEqual({ existing: 'found', notSubscribed: 'not-subscribed', underInvestigation: 'stopped:under-investigation', blocked: 'stopped:blocked', searchError: 'retry-later', backendProblem: 'not-found' });
    const existing = await client.lookUp({ idType: '4', idNumber: samples.existing });
    expect(existing.ok && existing.body).toEqual({ outcome: 'found', customer: { ecrn: expect.stringMatching(/^7841\d{12}$/), customerStatus: 'ACTIVE', amlScanStatus: 'Accepted', idStatus: 'Active', idExpiry: '2030-12-10' } });
    const stopped = await client.lookUp({ idType: '4', idNumber: samples.blocked });
    expect(stopped.ok && stopped.body).toMatchObject({ outcome: 'stopped', reason: 'blocked', code: 45051, message: 'Customer can not be Accepted' });
    const unknown = await client.lookUp({ idType: '4', idNumber: emiratesIds('lookup')() });
    expect(unknown.ok && unknown.body).toEqual({ outcome: 'not-found', message: 'Customer not found' });
    const malformed = await client.lookUp({ idType: '4', idNumber: '784199012345670' });
    expect(malformed.ok && malformed.body).toMatchObject({ outcome: 'invalid-input', code: 40001 });
    expect(cdp.issued()).toEqual({ password: 1, refresh_token: 0 });
  });

  it('renews by the refresh grant before the token runs out, and by the password grant once the refresh token has passed', async () => {
    const { sandbox: s, cdp } = await sandbox({ accessSeconds: 2, refreshSeconds: 4 });
    const logger = keepingLogger();
    const client = connectCdp(cdpConnection(s.url), { logger });
    const id = emiratesIds('renew')();
    expect((await client.lookUp({ idType: '4', idNumber: id })).ok).toBe(true);
    expect(cdp.issued()).toEqual({ password: 1, refresh_token: 0 });
    await sleep(1100); // past half the access token's 2 s: renew now, with the refresh token (4 s)
    expect((await client.lookUp({ idType: '4', idNumber: id })).ok).toBe(true);
    expect(cdp.issued()).toEqual({ password: 1, refresh_token: 1 });
    await sleep(3100); // the refresh token (issued 1.1 s in, 4 s life, renewed 2 s before) has passed too
    expect((await client.lookUp({ idType: '4', idNumber: id })).ok).toBe(true);
    expect(cdp.issued()).toEqual({ password: 2, refresh_token: 1 });
    expect(logger.lines.some((line) => line.message.includes('refused'))).toBe(false);
    expectNoSecret(JSON.stringify(logger.lines));
  });

  it('renews once after a 401 (revoked tokens: the refresh refused, then the password grant) and sends once more', async () => {
    const { sandbox: s, cdp } = await sandbox();
    const logger = keepingLogger();
    const client = connectCdp(cdpConnection(s.url), { logger });
    const id = emiratesIds('revoked')();
    expect((await client.onboard(onboardingRequest(id))).ok).toBe(true);
    cdp.revokeTokens();
    const again = await client.lookUp({ idType: '4', idNumber: id });
    expect(again.ok && again.body.outcome).toBe('found');
    expect(logger.lines.filter((line) => line.message === 'CDP refused the token; renewing it once')).toHaveLength(1);
    expect(logger.lines.filter((line) => line.message.startsWith('CDP refused the refresh token'))).toHaveLength(1);
    expect(cdp.issued()).toEqual({ password: 2, refresh_token: 0 });
  });

  it('renews only once: a second 401 is the token refused, in words, the onboarding sent twice at most and never taken, no secret in it', async () => {
    const { sandbox: s } = await sandbox({ accessSeconds: 0 });
    const client = connectCdp(cdpConnection(s.url));
    const outcome = await client.onboard(onboardingRequest(emiratesIds('401')()));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure).toMatchObject({ kind: 'rejected', status: 401 });
    expect(outcome.failure.message).toMatch(/refused KYC Desk's token \(HTTP 401: Unauthorized\), also a freshly issued one.*Nothing was taken/);
    expectNoSecret(outcome.failure.message);
    expect(ledger()).toHaveLength(0);
  });

  it('says which credential is wrong, in words, with no secret: client secret, password, scope, an unreachable address', async () => {
    const { sandbox: s } = await sandbox();
    const wrongSecret = await connectCdp(cdpConnection(s.url, { clientSecret: 'NotTheSecret123' })).testConnection();
    expect(wrongSecret).toMatchObject({ ok: false, message: expect.stringMatching(/refused KYC Desk's client id or client secret \(HTTP 401: invalid_client/) });
    expect(wrongSecret.message).not.toContain('NotTheSecret123');
    const wrongPassword = await connectCdp(cdpConnection(s.url, { password: 'WrongPassword99' })).testConnection();
    expect(wrongPassword).toMatchObject({ ok: false, message: expect.stringMatching(/refused the username or password \(HTTP 401: invalid_grant/) });
    expect(wrongPassword.message).not.toContain('WrongPassword99');
    const wrongScope = await connectCdp(cdpConnection(s.url, { scope: 'api://other/customer' })).testConnection();
    expect(wrongScope.message).toMatch(/refused the scope/);
    const good = await connectCdp(cdpConnection(s.url)).testConnection();
    expect(good).toEqual({ ok: true, message: expect.stringMatching(/^The UAE CDP at http:\/\/127\.0\.0\.1:\d+ accepted .* gave it a token, to be renewed in about 119 minutes\.$/) });
    const closed = await connectCdp(cdpConnection(await closedPort())).testConnection();
    expect(closed).toMatchObject({ ok: false, message: expect.stringMatching(/could not be reached.*Check the base URL/) });
    const lookUp = await connectCdp(cdpConnection(s.url, { password: 'WrongPassword99' })).lookUp({ idType: '4', idNumber: samples.existing });
    expect(lookUp.ok === false && lookUp.failure).toMatchObject({ kind: 'rejected', status: 401 });
  });
});

describe('CDP client: onboarding', () => {
  it('onboards once and keeps the ECRN; the same id again gets the same ECRN, never a second; the look-up then finds it', async () => {
    const { sandbox: s } = await sandbox();
    const client = connectCdp(cdpConnection(s.url));
    const id = emiratesIds('onboard')();
    const first = await client.onboard(onboardingRequest(id));
    expect(first.ok && first.body).toEqual({ ecrn: expect.stringMatching(/^7841\d{12}$/), customerStatus: 'ACTIVE', amlScanStatus: 'Accepted', pep: false, amlCategory: 2, requestId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const second = await client.onboard(onboardingRequest(id));
    expect(second.ok && second.body.ecrn).toBe(first.ok && first.body.ecrn);
    const found = await client.lookUp({ idType: '4', idNumber: id });
    expect(found.ok && found.body).toMatchObject({ outcome: 'found', customer: { ecrn: first.ok && first.body.ecrn, idExpiry: '2099-01-09' } });
    const entries = ledger();
    expect(entries.map((e) => e.kind)).toEqual(['onboarded', 'repeat']);
    expect(entries[0]!.id_key).toBe(cdpIdKey(path.join(stateDir(), 'cdp'), 4, id));
    expect(JSON.stringify(entries)).not.toContain(id);
    expect(idsOnboardedTwice(entries)).toEqual([]);
  });

  it('maps every documented refusal: 406 45013 and 45051 stopped, 404 45032, 400 40002 onto field paths, 400 45053 naming the field', async () => {
    const { sandbox: s } = await sandbox();
    const client = connectCdp(cdpConnection(s.url));
    const investigated = await client.onboard(onboardingRequest(samples.underInvestigation));
    expect(investigated.ok === false && investigated).toMatchObject({ failure: { kind: 'rejected', status: 406, message: expect.stringMatching(/under compliance investigation \(45013\).*do not send again/) }, cdp: { code: 45013, reason: 'under-investigation' } });
    const blocked = await client.onboard(onboardingRequest(samples.blocked));
    expect(blocked.ok === false && blocked).toMatchObject({ failure: { kind: 'rejected', status: 406, message: expect.stringContaining('cannot accept this customer (45051, blocked)') }, cdp: { reason: 'blocked' } });
    const existing = await client.onboard(onboardingRequest(samples.existing));
    expect(existing.ok === false && existing).toMatchObject({ failure: { kind: 'rejected', status: 404 }, cdp: { code: 45032, reason: 'update-failed' } });
    const badFields = await client.onboard(onboardingRequest(emiratesIds('fields')(), { first_name: '', primary_mobile_number: '0501234567', date_of_birth: '31/12/1990' }));
    expect(badFields.ok === false && badFields).toMatchObject({ failure: { kind: 'rejected', status: 400, message: expect.stringContaining('3 fields to correct') }, cdp: { code: 40002, reason: 'invalid-fields' } });
    expect(badFields.ok === false && Object.keys(badFields.cdp!.fields).sort()).toEqual(['date_of_birth', 'first_name', 'primary_mobile_number']);
    const badId = onboardingRequest(emiratesIds('bad-id')());
    badId.id_details[0]!.id_number = '784199012345670';
    const badIdAnswer = await client.onboard(badId);
    expect(badIdAnswer.ok === false && badIdAnswer.cdp?.fields).toEqual({ 'id_details.0.id_number': 'Invalid Emirates ID number' });
    const masterData = await client.onboard(onboardingRequest(emiratesIds('master')(), { nationality: 'INN' }));
    expect(masterData.ok === false && masterData).toMatchObject({ failure: { kind: 'rejected', status: 400, message: expect.stringContaining('in nationality (45053) ("Invalid Nationality INN!")') }, cdp: { reason: 'invalid-master-data', fields: { nationality: 'Invalid Nationality INN!' } } });
    expect(ledger().every((e) => e.kind === 'refused')).toBe(true);
  });

  it('a 502 with 40001 is the backend’s problem (may have been taken), the next send is taken; a gateway’s HTML page is called one', async () => {
    const { sandbox: s } = await sandbox();
    const client = connectCdp(cdpConnection(s.url));
    const first = await client.onboard(onboardingRequest(samples.backendProblem));
    expect(first.ok === false && first).toMatchObject({ failure: { kind: 'server_error', status: 502, message: 'The CDP\'s backend had a technical problem (HTTP 502, 40001) ("Backend Technical Problem"): try again later. It may have been taken.' }, cdp: { reason: 'backend-problem' } });
    const second = await client.onboard(onboardingRequest(samples.backendProblem));
    expect(second.ok && second.body.ecrn).toMatch(/^7841/);

    const pages = await startCdpSandbox(path.join(temp.dir, 'pages'), { errorPageRate: 1 }, SEED);
    closers.push(() => pages.sandbox.close());
    const page = await connectCdp(cdpConnection(pages.sandbox.url)).onboard(onboardingRequest(emiratesIds('page')()));
    expect(page.ok === false && page).toMatchObject({ failure: { kind: 'server_error', status: 502, message: expect.stringContaining('with an error page (HTTP 502). It may have been taken') }, cdp: null });
  });
});

describe('CDP client: answers of unknown shape', () => {
  async function vendor(answer: (path: string) => { status: number; type: string; body: string }): Promise<string> {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const a = req.url?.includes('/token') ? { status: 200, type: 'application/json', body: JSON.stringify({ access_token: 'vendor-token', expires_in: '300' }) } : answer(req.url ?? '');
        res.writeHead(a.status, { 'content-type': a.type });
        res.end(a.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('reads a 200 web page, an unknown code, a success without an ECRN and a bare 400 page into clear messages', async () => {
    let next = { status: 200, type: 'text/html', body: '<html><body>Maintenance</body></html>' };
    const base = await vendor(() => next);
    const client = connectCdp(cdpConnection(base));
    const page = await client.lookUp({ idType: '4', idNumber: samples.existing });
    expect(page.ok === false && page.failure).toMatchObject({ kind: 'invalid_response', message: "The CDP's answer to the look-up could not be read: The server sent a web page instead of data." });
    next = { status: 200, type: 'application/json', body: JSON.stringify({ status: 'failure', statusCode: '409', errorCode: '49999', message: 'Something new' }) };
    const unknownCode = await client.lookUp({ idType: '4', idNumber: samples.existing });
    expect(unknownCode.ok === false && unknownCode.failure.message).toBe('The CDP answered the look-up with code 49999 ("Something new"), which KYC Desk does not know.');
    next = { status: 200, type: 'application/json', body: JSON.stringify({ status: 'success', status_code: 200, data: {} }) };
    const noEcrn = await client.onboard(onboardingRequest(samples.existing));
    expect(noEcrn.ok === false && noEcrn.failure).toMatchObject({ kind: 'invalid_response', message: expect.stringContaining('but no customer number (ECRN). It may have been taken') });
    next = { status: 400, type: 'text/html', body: '<html>Bad Request</html>' };
    const badPage = await client.onboard(onboardingRequest(samples.existing));
    expect(badPage.ok === false && badPage.failure.message).toBe('The CDP (or a gateway in front of it) refused the onboarding with a web page instead of its answer (HTTP 400). Nothing was taken.');
    next = { status: 200, type: 'application/json', body: JSON.stringify({ status: 'failure', statusCode: 404, errorCode: 45013, message: 'x', extra: { a: 1 } }) };
    const tolerant = await client.onboard(onboardingRequest(samples.existing));
    expect(tolerant.ok === false && tolerant.cdp?.reason).toBe('under-investigation');
  });
});

describe('CDP client: a gateway’s HTML page instead of an answer', () => {
  it('on the token, the look-up and the onboarding: each named as a web page in words, the token and the look-up safe to try again, the onboarding in doubt', async () => {
    const { sandbox: s, cdp } = await sandbox();
    const client = connectCdp(cdpConnection(s.url));
    const id = emiratesIds('pages')();

    cdp.answerNext('token', 'error-page');
    const noToken = await client.lookUp({ idType: '4', idNumber: id });
    // No token, so the look-up never left: nothing to find out about.
    expect(noToken.ok === false && noToken.failure).toEqual({ kind: 'unreachable', message: "Nothing was sent. The CDP's token endpoint (or a gateway in front of it) answered with a web page instead of a token (HTTP 502)." });
    expect(cdp.issued().password).toBe(0);

    cdp.answerNext('look-up', 'error-page');
    const lookUpPage = await client.lookUp({ idType: '4', idNumber: id });
    expect(lookUpPage.ok === false && lookUpPage.failure).toMatchObject({ kind: 'server_error', status: 502, message: 'The CDP (or a gateway in front of it) answered the look-up with an error page (HTTP 502). Try again later.' });
    const lookedUp = await client.lookUp({ idType: '4', idNumber: id });
    expect(lookedUp.ok && lookedUp.body.outcome).toBe('not-found');

    cdp.answerNext('onboarding', 'error-page');
    const notTaken = await client.onboard(onboardingRequest(id));
    expect(notTaken.ok === false && notTaken).toMatchObject({ failure: { kind: 'server_error', status: 502, message: 'The CDP (or a gateway in front of it) answered the onboarding with an error page (HTTP 502). It may have been taken.' }, cdp: null });
    expect(ledger()).toEqual([]);

    cdp.answerNext('onboarding', 'taken-then-error-page');
    const taken = await client.onboard(onboardingRequest(id));
    expect(taken.ok === false && taken.failure).toMatchObject({ kind: 'server_error', status: 504, message: 'The CDP (or a gateway in front of it) answered the onboarding with an error page (HTTP 504). It may have been taken.' });
    const second = emiratesIds('pages-cut')();
    cdp.answerNext('onboarding', 'taken-then-cut-short');
    const cut = await client.onboard(onboardingRequest(second));
    expect(cut.ok === false && cut.failure).toMatchObject({ kind: 'invalid_response', status: 200, message: "The CDP's answer to the onboarding could not be read: The server sent an answer that is not JSON." });
    expect(ledger().map((e) => e.kind)).toEqual(['onboarded', 'onboarded']);
    // The look-up is the way back to what the lost answers held; the sandbox counts both as made up for.
    const found = await client.lookUp({ idType: '4', idNumber: id });
    expect(found.ok && found.body).toMatchObject({ outcome: 'found', customer: { ecrn: ledger()[0]!.ecrn } });
    expect(cdp.lostAnswers()).toEqual([
      { idKey: cdpIdKey(path.join(stateDir(), 'cdp'), 4, id), how: 'error-page', foundByLookUp: true },
      { idKey: cdpIdKey(path.join(stateDir(), 'cdp'), 4, second), how: 'cut-short', foundByLookUp: false },
    ]);
  });
});

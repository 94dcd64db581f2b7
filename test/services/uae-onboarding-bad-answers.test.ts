import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectCdp } from '../../electron/connectors/cdp/connect';
import { DocumentStore } from '../../electron/documents/document-store';
import { silentLogger } from '../../electron/logging/logger';
import { CkycSandbox, cdpIdKey, cdpSandbox, idsOnboardedTwice, readCdpLedger, type CdpSandbox, type CdpSandboxSettings } from '../../electron/sandbox';
import { uaeOnboardingService, UAE_ONBOARDING_SERVICE_ID } from '../../electron/services/uae-onboarding';
import { lookUpCustomer } from '../../electron/uae-onboarding/cdp-look-up';
import { cdpConnection, emiratesIds } from '../support/cdp';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { makeTempDir } from '../support/temp-dir';
import { testKey } from '../support/test-store';
import { waitFor } from '../support/wait';
import { saveUaeCustomer as saveCustomer } from '../support/uae-onboarding';

/**
 * The bad answers of issue 14's list, through the real engine, store and documents against the
 * Training CDP over HTTP, each switched on for the one request it is about: a 406 from onboarding
 * (45013, 45051), a 502 with 40001, a gateway's HTML page on the token, the look-up and the
 * onboarding, a token that runs out between customers (at the CDP before the client expects it
 * too), the counter's look-up meeting those pages, and a stored record whose nationality is no
 * longer a known code. For each: the words a person reads (on the record, or on its batch while it
 * waits), the record still in the store in the right state, and the CDP's ledger holding each
 * customer onboarded at most once.
 */
const SEED = 'uae-bad-answers';
/** Long enough to read a waiting batch's words before its next step; short enough for a quick test. */
const POLL_MS = 700;
let temp: ReturnType<typeof makeTempDir>;
const closers: (() => Promise<void>)[] = [];
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  temp.remove();
});

const cdpState = () => path.join(temp.dir, 'sandbox', 'cdp');
const ledger = () => readCdpLedger(cdpState());

interface Opened {
  h: SyncHarness;
  cdp: CdpSandbox;
  client: ReturnType<typeof connectCdp>;
}

/** `clocks`: the CDP's and the client's own sense of now (a test moves them apart to expire tokens early). */
async function open(settings: CdpSandboxSettings = {}, clocks: { cdp?: () => number; client?: () => number } = {}): Promise<Opened> {
  const cdp = cdpSandbox(settings);
  const sandbox = await CkycSandbox.start({ stateDir: path.join(temp.dir, 'sandbox'), token: 'uae-bad', processingMs: 300, logger: silentLogger, sftp: false, services: [cdp], seed: SEED, ...(clocks.cdp ? { now: clocks.cdp } : {}) });
  closers.push(() => sandbox.close());
  const client = connectCdp(cdpConnection(sandbox.url, { timeoutMs: 2000 }), clocks.client ? { now: clocks.client } : {});
  const documents = new DocumentStore(path.join(temp.dir, 'data', 'documents'), testKey(path.join(temp.dir, 'data')));
  const service = uaeOnboardingService({ cdp: async () => ({ ok: true, client }), readDocument: (hash) => documents.get(hash) });
  const h = await openSyncHarness(path.join(temp.dir, 'data'), { url: sandbox.url, token: 'unused' }, POLL_MS, { services: { all: { [UAE_ONBOARDING_SERVICE_ID]: service }, route: UAE_ONBOARDING_SERVICE_ID } });
  closers.push(() => h.close());
  return { h, cdp, client };
}

const isFinal = (h: SyncHarness, id: string) => ['succeeded', 'failed'].includes(h.records.find(id)!.state);
const batchOf = (h: SyncHarness, id: string) => {
  const batchId = h.records.find(id)!.batchId;
  return batchId === null ? undefined : h.batches.find(batchId);
};
const keyOf = (emiratesId: string) => cdpIdKey(cdpState(), 4, emiratesId);

describe('UAE onboarding: bad answers from the CDP', () => {
  it('a 406 from onboarding (45013 under investigation, 45051 blocked) after a look-up that found nothing: stopped, the reason on the record, which stays failed and is never sent again', async () => {
    const { h, cdp } = await open();
    const next = emiratesIds('bad-406');
    const investigatedId = next();
    const investigated = await saveCustomer(h, investigatedId, 1);
    cdp.answerNext('onboarding', 'under-investigation');
    h.startSync();
    await waitFor('the first customer to end', () => isFinal(h, investigated));
    const blockedId = next();
    const blocked = await saveCustomer(h, blockedId, 2);
    cdp.answerNext('onboarding', 'blocked');
    h.startSync();
    await waitFor('the second customer to end', () => isFinal(h, blocked));

    expect(h.records.find(investigated)).toMatchObject({
      state: 'failed',
      message: 'Not onboarded: The CDP has this customer under compliance investigation (45013) ("Customer Under Compliance Investigation"). Onboarding has stopped: do not send again until compliance clears the customer.',
    });
    expect(h.records.find(blocked)).toMatchObject({
      state: 'failed',
      message: 'Not onboarded: The CDP cannot accept this customer (45051, blocked) ("Customer Cannot be Accepted"). Onboarding has stopped: do not send again; refer the customer to compliance.',
    });
    expect(ledger().map((e) => [e.kind, e.status, e.error_code, e.id_key])).toEqual([
      ['refused', 406, 45013, keyOf(investigatedId)],
      ['refused', 406, 45051, keyOf(blockedId)],
    ]);
    // A stopped customer is not offered to the next send: nothing more reaches the CDP.
    expect(h.startSync()).toMatchObject({ recordCount: 0 });
    expect(ledger()).toHaveLength(2);
  });

  it('a 502 with 40001: the record is not failed; its batch says the backend had a problem and that the customer is looked up first; not found twice, it is ready again in words, and the next send onboards it once', async () => {
    const { h, cdp } = await open();
    const emiratesId = emiratesIds('bad-502')();
    const id = await saveCustomer(h, emiratesId, 3);
    cdp.answerNext('onboarding', 'backend-problem');
    h.startSync();
    const waiting = await waitFor('the batch to be in doubt', () => {
      const batch = batchOf(h, id);
      return batch?.state === 'needs_reconciliation' && batch;
    });
    expect(waiting.lastError).toBe(
      'The CDP\'s backend had a technical problem (HTTP 502, 40001) ("Backend Technical Problem"): try again later. It may have been taken. The customer is looked up on the UAE CDP before anything is sent again.',
    );
    expect(h.records.find(id)!.state).toBe('submitted');
    await waitFor('the customer to be ready again', () => h.records.find(id)!.state === 'ready' && h.records.find(id));
    expect(h.records.find(id)!.message).toBe('Not onboarded: the UAE CDP did not take the earlier request (looked up twice). Ready to be sent again.');

    h.startSync();
    await waitFor('the customer to end', () => isFinal(h, id));
    expect(h.records.find(id)).toMatchObject({ state: 'succeeded', message: expect.stringMatching(/^Onboarded on the UAE CDP: ECRN 7841\d{12} /) });
    expect(ledger().map((e) => [e.kind, e.status, e.error_code])).toEqual([
      ['refused', 502, 40001],
      ['onboarded', 200, null],
    ]);
  });

  it('a gateway’s HTML page on the token, the look-up and the onboarding: the customer waits with the reason in words, is never lost, and is onboarded once', async () => {
    const { h, cdp } = await open();
    const next = emiratesIds('bad-pages');

    // The token: nothing was sent, so sync waits for the CDP to answer again, then goes on.
    const first = await saveCustomer(h, next(), 4);
    cdp.answerNext('token', 'error-page');
    h.startSync();
    const noToken = await waitFor('the token page to be on the batch', () => batchOf(h, first)?.lastError?.includes('web page') && batchOf(h, first));
    expect(noToken.lastError).toBe(
      "Looking the customer up on the UAE CDP failed; it will be tried again. Nothing is sent until then. Nothing was sent. The CDP's token endpoint (or a gateway in front of it) answered with a web page instead of a token (HTTP 502).",
    );
    expect(h.records.find(first)!.state).toBe('submitted');
    await waitFor('the first customer to end', () => isFinal(h, first));

    // The look-up: nothing changes at the CDP; it is asked again after a wait.
    const second = await saveCustomer(h, next(), 5);
    cdp.answerNext('look-up', 'error-page');
    h.startSync();
    const lookUpPage = await waitFor('the look-up page to be on the batch', () => batchOf(h, second)?.lastError?.includes('error page') && batchOf(h, second));
    expect(lookUpPage.lastError).toBe('Looking the customer up on the UAE CDP failed; it will be tried again. Nothing is sent until then. The CDP (or a gateway in front of it) answered the look-up with an error page (HTTP 502). Try again later.');
    await waitFor('the second customer to end', () => isFinal(h, second));

    // The onboarding: it may have been taken, so the customer is looked up; the CDP took it, and the look-up gives its ECRN.
    const thirdId = next();
    const third = await saveCustomer(h, thirdId, 6);
    cdp.answerNext('onboarding', 'taken-then-error-page');
    h.startSync();
    const doubt = await waitFor('the onboarding page to be on the batch', () => batchOf(h, third)?.state === 'needs_reconciliation' && batchOf(h, third));
    expect(doubt.lastError).toBe('The CDP (or a gateway in front of it) answered the onboarding with an error page (HTTP 504). It may have been taken. The customer is looked up on the UAE CDP before anything is sent again.');
    await waitFor('the third customer to end', () => isFinal(h, third));

    for (const id of [first, second, third]) expect(h.records.find(id)).toMatchObject({ state: 'succeeded', message: expect.stringContaining('ECRN 7841') });
    const entries = ledger();
    expect(entries.map((e) => e.kind)).toEqual(['onboarded', 'onboarded', 'onboarded']);
    expect(idsOnboardedTwice(entries)).toEqual([]);
    expect(h.records.find(third)!.message).toContain(`ECRN ${entries.find((e) => e.id_key === keyOf(thirdId))!.ecrn}`);
    expect(cdp.lostAnswers()).toEqual([{ idKey: keyOf(thirdId), how: 'error-page', foundByLookUp: true }]);
  });

  it('a token that runs out between customers: renewed by the refresh grant, then (expired at the CDP before the client expected) by the password grant after the refresh is refused; every customer onboarded once', async () => {
    // Two clocks, moved by the test: the CDP's, and the client's, which lags when the CDP's jumps alone.
    let cdpNow = Date.parse('2026-12-01T06:00:00Z');
    let clientNow = cdpNow;
    const { h, cdp } = await open({ accessSeconds: 300, refreshSeconds: 900 }, { cdp: () => cdpNow, client: () => clientNow });
    const next = emiratesIds('bad-token');
    const ids: string[] = [];
    const emiratesIdsSent: string[] = [];
    // The queue: six customers waiting for approval; the checker approves two at a time.
    for (let i = 0; i < 6; i += 1) {
      emiratesIdsSent.push(next());
      ids.push(await saveCustomer(h, emiratesIdsSent[i]!, 10 + i, false));
    }
    const sendTwo = async (from: number) => {
      h.service.approve(ids.slice(from, from + 2), h.checker);
      h.startSync();
      for (const id of ids.slice(from, from + 2)) await waitFor('the customer to end', () => isFinal(h, id));
    };

    await sendTwo(0);
    expect(cdp.issued()).toEqual({ password: 1, refresh_token: 0 });
    // Past the access token's 300 s, within the refresh token's 900 s: both sides know it.
    cdpNow += 400_000;
    clientNow += 400_000;
    await sendTwo(2);
    expect(cdp.issued()).toEqual({ password: 1, refresh_token: 1 });
    // At the CDP both tokens have run out; the client still believes in them: its request is refused
    // (401), the refresh it tries is refused too, and the password grant signs in again.
    cdpNow += 1_000_000;
    await sendTwo(4);
    expect(cdp.issued().password).toBe(2);

    for (const id of ids) expect(h.records.find(id)).toMatchObject({ state: 'succeeded', message: expect.stringMatching(/^Onboarded on the UAE CDP: ECRN 7841\d{12} /) });
    const entries = ledger();
    expect(entries.map((e) => e.kind)).toEqual(ids.map(() => 'onboarded'));
    expect(entries.map((e) => e.id_key).sort()).toEqual(emiratesIdsSent.map(keyOf).sort());
    expect(idsOnboardedTwice(entries)).toEqual([]);
  });

  it('the counter’s look-up meets a gateway’s page on the token, then on the look-up: refused in words each time, and answers once the CDP does', async () => {
    const { cdp, client } = await open();
    const wiring = { inForce: async () => ({ ok: true as const, client }), test: async () => ({ ok: true, message: '' }) };
    const emiratesId = emiratesIds('bad-desk')();
    cdp.answerNext('token', 'error-page');
    await expect(lookUpCustomer(wiring, '4', emiratesId)).rejects.toMatchObject({
      code: 'REMOTE_UNREACHABLE',
      message: "The look-up did not get an answer: Nothing was sent. The CDP's token endpoint (or a gateway in front of it) answered with a web page instead of a token (HTTP 502).",
    });
    cdp.answerNext('look-up', 'error-page');
    await expect(lookUpCustomer(wiring, '4', emiratesId)).rejects.toMatchObject({
      code: 'REMOTE_INVALID_RESPONSE',
      message: 'The look-up did not get an answer: The CDP (or a gateway in front of it) answered the look-up with an error page (HTTP 502). Try again later.',
    });
    expect(await lookUpCustomer(wiring, '4', emiratesId)).toMatchObject({ outcome: 'not-found', canOnboard: true });
  });

  it('a stored record whose nationality is not a known code (imported or changed behind the app’s back): refused before anything leaves, back to its maker with the field named', async () => {
    const { h } = await open();
    const id = await saveCustomer(h, emiratesIds('bad-nationality')(), 20);
    const stored = h.records.find(id)!;
    h.store.write(() => h.store.run('UPDATE records SET data = ? WHERE id = ?', [JSON.stringify({ ...(stored.record as object), nationality: 'XX' }), id]));

    expect(h.startSync()).toMatchObject({ recordCount: 0 });
    expect(h.records.find(id)).toMatchObject({
      state: 'awaiting_approval',
      message: 'Back for approval, not sent. This customer no longer passes the checks: correct the fields named and approve again.',
      registryErrors: { nationality: 'Nationality: XX is not on this PC’s list. Choose one from the list.' },
    });
    expect(ledger()).toEqual([]);
  });
});

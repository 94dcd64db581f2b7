import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycSandbox, cdpIdKey, cdpSandbox, idsOnboardedTwice, readCdpLedger, type CdpSandbox } from '../../electron/sandbox';
import { silentLogger } from '../../electron/logging/logger';
import { CdpEnrolments } from '../../electron/uae-onboarding/cdp-enrolments';
import type { KycImage } from '../../shared/record/kyc-record';
import { UAE_CUSTOMER_KIND_ID, UAE_IMAGE_CODES } from '../../shared/record-kinds/uae-customer';
import { emiratesIds } from '../support/cdp';
import { fakeJpeg } from '../support/stored-samples';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { makeTempDir } from '../support/temp-dir';
import { completeUaeCustomer } from '../support/uae-customers';

/**
 * UAE onboarding under SIGKILL: the app is killed at random moments while it looks customers up and
 * onboards them (the Training CDP, which outlives it, drops some answers too); after the last run
 * every customer has succeeded, and the CDP's ledger holds each id onboarded exactly once. Only a
 * kill that left a customer's onboarding under way (its record sent, its end not yet written)
 * counts; rounds go on, the branch capturing between them, until KILLS such kills have landed.
 */
const CUSTOMERS = 10;
const CAPTURED_PER_ROUND = 2;
const KILLS = 15;
const worker = path.resolve(import.meta.dirname, '../support/uae-onboarding-worker.ts');

let temp: ReturnType<typeof makeTempDir>;
let sandbox: CkycSandbox;
let cdp: CdpSandbox;
beforeEach(async () => {
  temp = makeTempDir();
  sandbox = await CkycSandbox.start({
    stateDir: path.join(temp.dir, 'sandbox'),
    token: 'uae-crash',
    processingMs: 40,
    logger: silentLogger,
    sftp: false,
    services: [(cdp = cdpSandbox({ backendProblemRate: 0.05, lostAnswerRate: 0.05 }))],
    faults: 'reset=0.1,timeout=0.05',
    seed: 'uae-crash',
    faultHoldMs: 500,
  });
});
afterEach(async () => {
  await sandbox?.close();
  temp.remove();
});

const dataDir = () => path.join(temp.dir, 'data');

/** Run the worker; kill it with SIGKILL `killAfterMs` after it is ready (or let it finish when null). */
function runWorker(killAfterMs: number | null): Promise<'killed' | 'done'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, dataDir(), sandbox.url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let done = false;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready' && killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      if (line === 'done') done = true;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (done && code === 0) resolve('done');
      else if (signal === 'SIGKILL' && killAfterMs !== null) resolve(done ? 'done' : 'killed');
      else reject(new Error(`UAE onboarding worker ended unexpectedly (${signal ?? code}): ${stderr}`));
    });
  });
}

async function saveCustomer(h: SyncHarness, emiratesId: string, n: number): Promise<string> {
  const image = async (code: string, k: number): Promise<KycImage> => {
    const put = await h.intake.accept({ imageCode: code, bytes: fakeJpeg(n * 10 + k), masked: false });
    return { code, documentHash: put.hash, mime: put.mime, bytes: put.bytes, masked: put.masked };
  };
  const base = completeUaeCustomer();
  const record = {
    ...base,
    ids: [
      { ...base.ids[0]!, number: emiratesId, front: await image(UAE_IMAGE_CODES.idFront, 1), back: await image(UAE_IMAGE_CODES.idBack, 2) },
      { ...base.ids[1]!, number: `P${String(4_000_000 + n)}`, front: await image(UAE_IMAGE_CODES.idFront, 3) },
    ],
    classification: { ...base.classification, profilePhoto: await image(UAE_IMAGE_CODES.profilePhoto, 4) },
  };
  const saved = h.service.save({ kind: UAE_CUSTOMER_KIND_ID, record }, h.maker);
  h.service.approve([saved.id], h.checker);
  return saved.id;
}

describe('UAE onboarding under SIGKILL at random points', () => {
  it(`onboards every customer exactly once across ${KILLS} kills mid-onboarding`, async () => {
    const next = emiratesIds('uae-crash');
    const customers: Array<{ id: string; emiratesId: string }> = [];
    const cdpState = path.join(temp.dir, 'sandbox', 'cdp');
    const capture = async (count: number) => {
      const counter = await openSyncHarness(dataDir(), { url: sandbox.url, token: 'unused' });
      for (let i = 0; i < count; i++) {
        const emiratesId = next();
        customers.push({ id: await saveCustomer(counter, emiratesId, 100 + customers.length), emiratesId });
      }
      await counter.close();
    };
    /** After a kill: customers whose onboarding was under way, and how many of them the CDP had already onboarded. */
    const underWay = async () => {
      const look = await openSyncHarness(dataDir(), { url: sandbox.url, token: 'unused' });
      const sent = customers.filter((c) => look.records.find(c.id)!.state === 'submitted');
      await look.close();
      const onboarded = new Set(readCdpLedger(cdpState).filter((e) => e.kind === 'onboarded').map((e) => e.id_key));
      return { sent: sent.length, takenUnrecorded: sent.filter((c) => onboarded.has(cdpIdKey(cdpState, 4, c.emiratesId))).length };
    };
    await capture(CUSTOMERS);

    // A round whose onboardings had all ended before its kill landed is not a kill mid-onboarding;
    // rounds are bounded, so a sync that always outruns its kill fails here.
    let midOnboarding = 0;
    let takenUnrecorded = 0;
    let rounds = 0;
    for (; midOnboarding < KILLS && rounds < KILLS * 3; rounds++) {
      if (rounds > 0) await capture(CAPTURED_PER_ROUND);
      if ((await runWorker(Math.floor(Math.random() * 300))) !== 'killed') continue;
      const after = await underWay();
      if (after.sent > 0) midOnboarding += 1;
      takenUnrecorded += after.takenUnrecorded;
    }
    expect(midOnboarding, `kills mid-onboarding in ${rounds} rounds (${takenUnrecorded} customers onboarded at the CDP but not yet on the PC when killed)`).toBe(KILLS);
    // Some kills fell between the CDP taking an onboarding and the PC writing it down: the look-up's case.
    expect(takenUnrecorded).toBeGreaterThan(0);
    expect(await runWorker(null)).toBe('done');

    const after = await openSyncHarness(dataDir(), { url: sandbox.url, token: 'unused' });
    const states = customers.map((c) => after.records.find(c.id)!);
    // What the CDP said of each is stored once with its end, whichever run learnt it.
    const enrolments = new CdpEnrolments(after.store);
    const stored = customers.map((c) => enrolments.find(c.id));
    const rows = Number(after.store.get('SELECT COUNT(*) AS n FROM cdp_enrolments')?.n);
    await after.close();
    expect(rows).toBe(customers.length);
    expect(states.map((r, i) => r.message?.includes(`ECRN ${stored[i]?.ecrn}`))).toEqual(customers.map(() => true));
    expect(states.map((r) => r.state)).toEqual(customers.map(() => 'succeeded'));
    expect(states.every((r) => /ECRN 7841\d{12}/.test(r.message ?? ''))).toBe(true);
    const ledger = readCdpLedger(cdpState);
    expect(idsOnboardedTwice(ledger)).toEqual([]);
    const onboarded = ledger.filter((e) => e.kind === 'onboarded').map((e) => e.id_key).sort();
    expect(onboarded).toEqual(customers.map((c) => cdpIdKey(cdpState, 4, c.emiratesId)).sort());
    expect(ledger.filter((e) => e.kind === 'repeat')).toEqual([]);
    // Answers the CDP lost after taking an onboarding were each made up for by a look-up of that customer.
    expect(cdp.lostAnswers().filter((lost) => !lost.foundByLookUp)).toEqual([]);
  }, 240_000);
});

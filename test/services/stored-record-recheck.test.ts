import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/logging/logger';
import { CkycSandbox } from '../../electron/sandbox/ckyc/sandbox';
import { readLedger } from '../../electron/sandbox/shell/ledger';
import { trainingSftpSettings } from '../../electron/app/training-connections';
import type { KycRecord } from '../../shared/record/kyc-record';
import type { SubmissionRoute } from '../../shared/sync/routes';
import { verhoeffCheckDigit } from '../../shared/validation';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { makeTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';

/**
 * Records stored by an earlier version, before the free-text rules: each is saved through the
 * service as it was then, and its stored content is then given what today's rules refuse (a
 * formula, a full Aadhaar number, an invisible character), as that version would have kept it.
 * None of them is approved, sent again or put in a batch on any route; each goes back to its
 * maker with the reasons by field, and nothing stored is altered.
 */
const TOKEN = 'recheck-test-token';
const AADHAAR = `23456789012${verhoeffCheckDigit('23456789012')}`;
const FORMULA = '=HYPERLINK("http://evil.example","open")';

let temp: ReturnType<typeof makeTempDir>;
let sandbox: CkycSandbox | undefined;
let h: SyncHarness | undefined;

beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  await h?.close();
  await sandbox?.close();
  h = undefined;
  sandbox = undefined;
  temp.remove();
});

async function open(route: SubmissionRoute = 'bulk-api'): Promise<SyncHarness> {
  sandbox = await CkycSandbox.start({ stateDir: path.join(temp.dir, 'sandbox'), token: TOKEN, processingMs: 150, logger: silentLogger });
  const s = sandbox;
  h = await openSyncHarness(temp.dir, { url: s.url, token: TOKEN, sftp: () => trainingSftpSettings(s) }, 50, { route });
  return h;
}

/** The stored content changed as an older version would have kept it: no rule of today's asked. */
function storeAsOlderVersion(harness: SyncHarness, id: string, spoil: (record: KycRecord) => void): string {
  const record = structuredClone(harness.records.find(id)!.record);
  spoil(record);
  const data = JSON.stringify(record);
  harness.store.write(() => harness.store.run('UPDATE records SET data = ? WHERE id = ?', [data, id]));
  return data;
}

const storedData = (harness: SyncHarness, id: string) => String(harness.store.get('SELECT data FROM records WHERE id = ?', [id])?.data);

describe('approval asks today’s rules again', () => {
  it('refuses by reference a stored record today’s rules refuse, approves the others, and the maker sees why beside the field', async () => {
    const harness = await open();
    const good = harness.service.save({ record: await harness.sample(1) }, harness.maker);
    const old = harness.service.save({ record: await harness.sample(2) }, harness.maker);
    const data = storeAsOlderVersion(harness, old.id, (r) => (r.remarks = FORMULA));

    const outcome = harness.service.approve([old.id, good.id], harness.checker);
    expect(outcome.approved).toEqual([good.reference]);
    expect(outcome.refused).toEqual([{ reference: old.reference, message: expect.stringMatching(/no longer passes .*Remarks: Start with a letter or a digit/) }]);
    const kept = harness.records.find(old.id)!;
    expect(kept.state).toBe('awaiting_approval');
    expect(kept.approvedBy).toBeNull();
    expect(kept.registryErrors).toEqual({ remarks: expect.stringMatching(/run as a formula/) });
    expect(kept.message).toMatch(/^Not approved\. /);
    expect(storedData(harness, old.id)).toBe(data); // nothing altered

    // Its maker changes it: the reasons go with the old content, and the change can be approved.
    const fixed = { ...kept.record, remarks: 'Seen the original' };
    harness.service.save({ id: old.id, record: fixed }, harness.maker);
    expect(harness.records.find(old.id)).toMatchObject({ state: 'awaiting_approval', registryErrors: null, message: null });
    expect(harness.service.approve([old.id], harness.checker).approved).toEqual([old.reference]);
  });
});

describe('sending a failed record again asks today’s rules again', () => {
  it('keeps a failed record with a full Aadhaar number where it is, with the registry’s message and today’s reasons by field', async () => {
    const harness = await open();
    const [good, old] = [await harness.save(3), await harness.save(4)];
    for (const { id } of [good, old]) {
      harness.store.write(() =>
        harness.store.run(`UPDATE records SET state = 'failed', message = 'Invalid ID number', registry_errors = ?, terminal_at = updated_at WHERE id = ?`, [JSON.stringify({ pan: 'Invalid ID number' }), id]),
      );
    }
    const data = storeAsOlderVersion(harness, old.id, (r) => (r.remarks = `Aadhaar ${AADHAAR.slice(0, 4)} ${AADHAAR.slice(4, 8)} ${AADHAAR.slice(8)} seen`));

    const outcome = harness.service.markReady([old.id, good.id], harness.checker);
    expect(outcome.marked).toEqual([good.reference]);
    expect(outcome.refused).toEqual([{ reference: old.reference, message: expect.stringMatching(/^Not sent again\. .*Remarks: This looks like a full Aadhaar number/) }]);
    const kept = harness.records.find(old.id)!;
    expect(kept.state).toBe('failed');
    expect(kept.message).toBe('Invalid ID number'); // the registry's words stay verbatim
    expect(kept.registryErrors).toEqual({ pan: 'Invalid ID number', remarks: expect.stringMatching(/full Aadhaar number/) });
    expect(storedData(harness, old.id)).toBe(data);
    expect(harness.records.find(good.id)!.state).toBe('ready');
  });
});

describe.each<[SubmissionRoute, (r: KycRecord) => void, string, RegExp]>([
  ['bulk-api', (r) => (r.remarks = FORMULA), 'remarks', /run as a formula/],
  ['bulk-sftp', (r) => (r.remarks = `Aadhaar ${AADHAAR} seen`), 'remarks', /full Aadhaar number/],
  ['records-api', (r) => (r.remarks = 'Seen \u202Ein original'), 'remarks', /invisible character U\+202E/],
])('batch forming on the %s route', (route, spoil, field, reason) => {
  it('leaves a ready record today’s rules refuse out of every batch and sends it back for approval with why; the rest go', async () => {
    const harness = await open(route);
    const good = await harness.save(11);
    const old = await harness.save(12);
    const data = storeAsOlderVersion(harness, old.id, spoil);

    const started = harness.startSync();
    expect(started.recordCount).toBe(1);
    expect(started.message).toMatch(/One record went back for approval: today's checks refuse it/);
    const back = harness.records.find(old.id)!;
    expect(back).toMatchObject({ state: 'awaiting_approval', approvedBy: null, batchId: null });
    expect(back.message).toMatch(/^Back for approval, not sent\. This record no longer passes/);
    expect(back.message).toMatch(reason);
    expect(back.registryErrors).toEqual({ [field]: expect.stringMatching(reason) });
    expect(storedData(harness, old.id)).toBe(data);
    expect(harness.events).toContainEqual({ event: 'record-saved', payload: { id: old.id, state: 'awaiting_approval' } });

    await waitFor('the batch to succeed', () => harness.batches.find(started.batchId!)?.state === 'succeeded', 15_000);
    expect(harness.records.find(good.id)!.state).toBe('succeeded');
    // The registry got the good record only.
    expect(readLedger(path.join(temp.dir, 'sandbox')).map((e) => e.kyc_ref_no)).toEqual([good.reference]);
    // A checker cannot send it on as it is: approval asks the same rules.
    expect(harness.service.approve([old.id], harness.checker).refused).toEqual([{ reference: old.reference, message: expect.stringMatching(reason) }]);
    expect(harness.startSync()).toEqual({ batchId: null, recordCount: 0, message: 'No records are ready to sync.' });
  });
});

describe('batch forming with only refused records', () => {
  it('makes no batch and says where the records went', async () => {
    const harness = await open('records-api');
    const a = await harness.save(21);
    const b = await harness.save(22);
    storeAsOlderVersion(harness, a.id, (r) => (r.remarks = '+1 call back'));
    storeAsOlderVersion(harness, b.id, (r) => (r.remarks = 'Seen\u0085original'));
    expect(harness.startSync()).toEqual({
      batchId: null,
      recordCount: 0,
      message: "No records are ready to sync. 2 records went back for approval: today's checks refuse them (the reason is on each).",
    });
    expect(harness.batches.list({ page: 1, pageSize: 10 }).total).toBe(0);
    for (const { id } of [a, b]) expect(harness.records.find(id)!.state).toBe('awaiting_approval');
  });
});

describe('the reasons name each field once', () => {
  it('an address line whose rule already names it is not named twice', async () => {
    const harness = await open();
    const old = harness.service.save({ record: await harness.sample(31) }, harness.maker);
    storeAsOlderVersion(harness, old.id, (r) => (r.permanentAddress.line2 = '- NEAR TEMPLE'));
    const [refused] = harness.service.approve([old.id], harness.checker).refused;
    expect(refused?.message).toMatch(/Permanent address line 2: /);
    expect(refused?.message).not.toMatch(/Permanent address line 2: Permanent address line 2/);
  });
});

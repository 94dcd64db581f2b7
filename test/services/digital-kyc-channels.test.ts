import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { Store } from '../../electron/store/database';
import { openModeKeychain } from '../../electron/vault/keychain-choice';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { verhoeffCheckDigit } from '../../shared/validation/checksums';
import { TEST_UID } from '../support/agent-api';
import { pushableRecord } from '../support/dkyc-push';
import { makeTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';

/**
 * The digital-KYC push over the IPC contract, through the app's own wiring and the Training
 * sandbox's agent API (docs/decisions/0044): only a role that may send pushes; the typed Aadhaar is
 * refused in plain words when its check digit is wrong or its last four are not the record's; a
 * push is followed to its verdict, shown beside video-KYC sessions with its tag. Afterwards no file
 * under the data folder, no log line, and no row of the decrypted store (journal replayed: records,
 * batches, audit, sessions) holds the 12 digits or their first 8.
 */
const ORIGIN = 'test://digital-kyc-channels';
let temp: ReturnType<typeof makeTempDir>;
let services: AppServices;
const vault = new MemoryVault();
const training: Record<string, string> = {};
let customerId = '';

const call = (channel: string, payload: unknown): Promise<any> => services.dispatch({ channel, payload, origin: ORIGIN });
const as = async (role: 'maker' | 'checker' | 'admin') => expect(await call('session.switchTraining', { operatorId: training[role] })).toMatchObject({ ok: true });

/** A valid Aadhaar-shaped number (check digit right) that does not end as the record's. */
const OTHER_UID = `98765432101${verhoeffCheckDigit('98765432101')}`;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

beforeAll(async () => {
  temp = makeTempDir();
  services = await startAppServices({ dataDir: temp.dir, version: 'test', vault, env: { KYC_DESK_POLL_SECONDS: '0.1', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.3' } });
  services.trustOrigin(ORIGIN);
  const { value: session } = await call('session.state', {});
  for (const operator of session.trainingOperators as Array<{ role: string; id: string }>) training[operator.role] = operator.id;
  await as('maker');
  const record = await pushableRecord(1, async ({ imageCode, bytes, masked, boxes }) => {
    const put = await call('documents.put', { imageCode, base64: Buffer.from(bytes).toString('base64'), masked, ...(boxes ? { boxes } : {}) });
    if (!put.ok) throw new Error(`documents.put failed: ${JSON.stringify(put.error)}`);
    return put.value;
  });
  const saved = await call('records.save', { record });
  expect(saved).toMatchObject({ ok: true });
  customerId = saved.value.id;
}, 60_000);
let closed = false;
afterAll(async () => {
  if (!closed) await services.close();
  temp.remove();
});

describe('digitalKyc.* channels', () => {
  it('refuses an unapproved record, and a maker, before anything is held or sent', async () => {
    await as('checker');
    const early = await call('digitalKyc.forRecord', { recordId: customerId });
    expect(early.value.blocked).toBe('Only a record a checker has approved can be pushed for digital KYC.');
    expect(await call('records.approve', { ids: [customerId] })).toMatchObject({ ok: true });
    await as('maker');
    expect(await call('digitalKyc.push', { recordId: customerId, aadhaar: TEST_UID })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses an Aadhaar number with a wrong check digit, or one not ending in the record’s last four, never repeating it', async () => {
    await as('checker');
    const wrongDigit = `${TEST_UID.slice(0, 11)}${(Number(TEST_UID[11]) + 1) % 10}`;
    const typo = await call('digitalKyc.push', { recordId: customerId, aadhaar: wrongDigit });
    expect(typo).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'Not pushed: This Aadhaar number has a typing mistake: a digit is wrong or two are swapped. Check it against the card.' } });
    const other = await call('digitalKyc.push', { recordId: customerId, aadhaar: OTHER_UID });
    expect(other).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { aadhaar: `This Aadhaar number does not end in ${TEST_UID.slice(-4)}, the last 4 digits on the customer’s record. Check it against the card.` } } });
    expect(JSON.stringify([typo, other])).not.toMatch(/\d{8}/);
    expect((await call('digitalKyc.forRecord', { recordId: customerId })).value.pushes).toEqual([]);
  });

  it('pushes a checked number, follows the session to approved, and tags it on the Video KYC screen', { timeout: 60_000 }, async () => {
    await as('checker');
    const before = await call('digitalKyc.forRecord', { recordId: customerId });
    expect(before.value).toMatchObject({ problems: [], blocked: null, aadhaarLast4: TEST_UID.slice(-4) });
    const pushed = await call('digitalKyc.push', { recordId: customerId, aadhaar: `${TEST_UID.slice(0, 4)} ${TEST_UID.slice(4, 8)} ${TEST_UID.slice(8)}` });
    expect(pushed).toMatchObject({ ok: true, value: { service: 'digital-kyc', sourceRecordId: customerId, waitingForAadhaar: false } });
    const ended = await waitFor('the push’s session to end', async () => {
      const read = await call('digitalKyc.forRecord', { recordId: customerId });
      const push = read.value.pushes[0];
      return push?.phase === 'ended' ? read.value : undefined;
    }, 45_000);
    expect(ended.pushes[0]).toMatchObject({ state: 'succeeded', status: 'kyc_result_approved', verdict: 'approved' });
    expect(ended.blocked).toBe('This customer’s digital KYC was approved already.');
    const verdicts = await call('videoKyc.forRecord', { recordId: customerId });
    expect(verdicts.value.verdicts).toEqual([expect.objectContaining({ verdict: 'approved', service: 'digital-kyc' })]);
    const listed = await call('videoKyc.list', { page: 1, pageSize: 20 });
    expect(listed.value.items).toEqual([expect.objectContaining({ id: pushed.value.id, service: 'digital-kyc', userId: ended.pushes[0].userId })]);
    // Its batch reads on the Batches screen as the service's own.
    const batches = await call('batches.list', { page: 1, pageSize: 20 });
    expect(batches).toMatchObject({ ok: true, value: { items: [expect.objectContaining({ route: 'digital-kyc', kind: 'dkyc-push', state: 'succeeded' })] } });
    expect(await call('batches.get', { id: batches.value.items[0].id })).toMatchObject({ ok: true, value: { route: 'digital-kyc' } });
    // A push is not a link: the Video KYC screen's own actions refuse it.
    expect(await call('videoKyc.sendAgain', { id: pushed.value.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('leaves the Aadhaar number nowhere: not in a file, a log, or any row of the decrypted store', async () => {
    await services.close();
    const needles = [TEST_UID, TEST_UID.slice(0, 8)];
    for (const file of filesUnder(temp.dir)) {
      const bytes = fs.readFileSync(file);
      for (const needle of needles) {
        expect(bytes.includes(Buffer.from(needle, 'latin1')), `${path.relative(temp.dir, file)} holds ${needle.length} digits of the Aadhaar`).toBe(false);
      }
    }
    const modeDir = path.join(temp.dir, 'training');
    const { key } = await openModeKeychain({ mode: 'training', modeDir, keychain: vault, keychainIsThrowaway: false });
    const { store } = await Store.open(path.join(modeDir, 'store'), { key });
    try {
      const tables = store.all("SELECT name FROM sqlite_master WHERE type = 'table'").map((row) => String(row.name));
      expect(tables).toEqual(expect.arrayContaining(['records', 'batches', 'audit_log', 'agent_sessions']));
      const dump = JSON.stringify(tables.map((table) => store.all(`SELECT * FROM "${table}"`)));
      expect(dump).toContain('dkyc-push');
      for (const needle of needles) {
        const at = dump.indexOf(needle);
        expect(at, `the store holds ${needle.length} digits of the Aadhaar: …${dump.slice(Math.max(0, at - 200), at + 40)}…`).toBe(-1);
      }
    } finally {
      await store.close();
    }
    closed = true;
  });
});

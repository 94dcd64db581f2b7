import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { MemoryVault } from '../../electron/vault/memory-vault';
import type { KycRecord } from '../../shared/record/kyc-record';
import { sampleKycRecord } from '../support/kyc-records';
import { fakeJpeg } from '../support/stored-samples';
import { makeTempDir } from '../support/temp-dir';

/**
 * The same customer twice, through the real router as the renderer calls it: the form's look-up
 * finds a PAN, an identity document number or a CKYC number another record holds, within the
 * operator's read scope; a second new record of that customer is saved only with a reason, audited.
 */
const ORIGIN = 'test://same-customer';
const SECOND_MAKER = { name: 'Second Maker', employeeCode: 'M0002', designation: 'Officer', branch: 'Chennai Main', organisation: 'Example Co-operative Bank' };
const SECOND_PASSWORD = 'second maker passphrase';
const PAN = 'AFZPM4821Q';
const PASSPORT = 'K4471208';

let temp: ReturnType<typeof makeTempDir>;
let services: AppServices;
const training: Record<'maker' | 'checker' | 'admin', string> = { maker: '', checker: '', admin: '' };
/** Training Maker's record of the customer: the one every later look-up and save meets. */
const first = { id: '', reference: '' };

const call = (channel: string, payload: unknown): Promise<any> => services.dispatch({ channel, payload, origin: ORIGIN });

async function as(who: 'maker' | 'checker' | 'admin' | 'second maker'): Promise<void> {
  if (who === 'second maker') {
    await call('session.signOut', {});
    expect(await call('session.signIn', { employeeCode: SECOND_MAKER.employeeCode, password: SECOND_PASSWORD })).toMatchObject({ ok: true, value: { state: 'signed_in' } });
    return;
  }
  expect(await call('session.switchTraining', { operatorId: training[who] })).toMatchObject({ ok: true });
}

/** Sample `n` (its own PAN and passport unless told) with its photograph put over the contract first, as the form does. */
async function recordOf(n: number, change: (record: KycRecord) => KycRecord = (r) => r): Promise<KycRecord> {
  const put = await call('documents.put', { imageCode: '02', base64: fakeJpeg(100 + n).toString('base64'), masked: false });
  expect(put).toMatchObject({ ok: true });
  const photo = { code: '02', documentHash: put.value.hash, mime: put.value.mime, bytes: put.value.bytes, masked: false };
  return change(sampleKycRecord(n, {}, [photo]));
}

/** How many records the signed-in operator's queue holds. */
const recordCount = async (): Promise<number> => (await call('records.list', { page: 1, pageSize: 1 })).value.total;

beforeAll(async () => {
  temp = makeTempDir();
  services = await startAppServices({ dataDir: temp.dir, version: 'test', vault: new MemoryVault(), env: { KYC_DESK_POLL_SECONDS: '0.1', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.2' } });
  services.trustOrigin(ORIGIN);
  const { value: session } = await call('session.state', {});
  for (const role of ['maker', 'checker', 'admin'] as const) training[role] = session.trainingOperators.find((o: { role: string }) => o.role === role).id;
  await as('admin');
  expect(await call('operators.create', { ...SECOND_MAKER, role: 'maker', password: SECOND_PASSWORD })).toMatchObject({ ok: true });

  await as('maker');
  const record = await recordOf(1, (r) => ({ ...r, firstName: 'Kavya', lastName: 'Menon', pan: PAN, identityDocuments: [{ code: 'A', number: PASSPORT, expiry: '2031-06-30' }, { code: 'E', number: '4321' }] }));
  const saved = await call('records.save', { record });
  expect(saved).toMatchObject({ ok: true });
  Object.assign(first, { id: saved.value.id, reference: saved.value.reference });
}, 60_000);

afterAll(async () => {
  await services?.close();
  temp?.remove();
});

describe('the look-up as the operator types', () => {
  it('finds the PAN as typed (any case, spaces), names the record, its masked name and its state', async () => {
    const found = await call('records.findSameCustomer', { pan: ' afzpm 4821 q' });
    expect(found).toEqual({
      ok: true,
      value: { matches: [{ field: 'pan', path: 'pan', state: 'awaiting_approval', capturedByYou: true, record: { id: first.id, reference: first.reference, name: 'KAVYA M.' } }] },
    });
  });

  it('finds an identity document by code and number, and the PAN typed as a PAN card; never an Aadhaar-based last 4', async () => {
    const found = await call('records.findSameCustomer', {
      identityDocuments: [
        { code: 'E', number: '4321' },
        { code: 'A', number: 'k 447-1208' },
        { code: 'C', number: PAN },
        { code: 'B', number: PASSPORT }, // the same number as another kind of document is another document
      ],
    });
    expect(found.value.matches.map((m: { path: string; record: { reference: string } }) => [m.path, m.record.reference])).toEqual([
      ['identityDocuments.1.number', first.reference],
      ['identityDocuments.2.number', first.reference],
    ]);
  });

  it('answers nothing for an incomplete number, and a record is not the same customer as itself', async () => {
    expect((await call('records.findSameCustomer', { pan: 'AFZPM482' })).value.matches).toEqual([]);
    expect((await call('records.findSameCustomer', { pan: PAN, exceptId: first.id })).value.matches).toEqual([]);
  });

  it('tells another maker only that a record by another maker holds it, with its state; a checker reads it all', async () => {
    await as('second maker');
    expect((await call('records.findSameCustomer', { pan: PAN })).value.matches).toEqual([{ field: 'pan', path: 'pan', state: 'awaiting_approval', capturedByYou: false, record: null }]);
    await as('checker');
    expect(await call('records.findSameCustomer', { pan: PAN })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await as('maker');
  });
});

describe('saving a second record of the same customer', () => {
  it('is refused without a reason, naming the field, and nothing is stored', async () => {
    await as('second maker');
    const before = await recordCount();
    const refused = await call('records.save', { record: await recordOf(2, (r) => ({ ...r, pan: PAN })) });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'The PAN already belongs to a record by another operator (awaiting approval). Open that record instead, or say why this customer needs a second record.', fields: { duplicateReason: expect.any(String) } },
    });
    expect(refused.error.message).not.toContain(first.reference);
    expect(await recordCount()).toBe(before);
    const blank = await call('records.save', { record: await recordOf(2, (r) => ({ ...r, identityDocuments: [{ code: 'A', number: PASSPORT }] })), duplicateReason: '   ' });
    expect(blank.error.message).toMatch(/^The identity document number already belongs to/);
    const aadhaar = await call('records.save', { record: await recordOf(2, (r) => ({ ...r, pan: PAN })), duplicateReason: 'Customer said 2345 6789 0124 is new' });
    expect(aadhaar).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^Check the reason for a second record\./), fields: { duplicateReason: expect.any(String) } } });
    expect(await recordCount()).toBe(before);
  });

  it('goes through with a reason, audited by the other record’s reference, never the PAN', async () => {
    await as('second maker');
    const saved = await call('records.save', { record: await recordOf(3, (r) => ({ ...r, pan: PAN })), duplicateReason: 'Second account for the same customer, joint holder form' });
    expect(saved).toMatchObject({ ok: true });
    await as('admin');
    const audit = await call('audit.list', { page: 1, pageSize: 10, action: 'duplicate-acknowledged' });
    expect(audit.value.items).toHaveLength(1);
    expect(audit.value.items[0]).toMatchObject({ subject: saved.value.reference, details: { sameCustomerAs: first.reference, fields: 'pan', reason: 'Second account for the same customer, joint holder form' } });
    expect(JSON.stringify(audit.value.items)).not.toContain(PAN);

    // Changing that record later is not a new duplicate: its maker gave the reason once.
    await as('second maker');
    const again = (await call('records.get', { id: saved.value.id })).value.record;
    expect(await call('records.save', { id: saved.value.id, record: { ...again, remarks: 'Mobile number checked' } })).toMatchObject({ ok: true });
    await as('maker');
  });

  it('lets the maker change their own record without a reason; a change that brings a new match needs one', async () => {
    await as('maker');
    const own = await call('records.get', { id: first.id });
    const changed = { ...own.value.record, contact: { ...own.value.record.contact, email: 'kavya@example.in' } };
    expect(await call('records.save', { id: first.id, record: changed })).toMatchObject({ ok: true });

    const other = await call('records.save', { record: await recordOf(4) });
    expect(other).toMatchObject({ ok: true });
    const otherRecord = (await call('records.get', { id: other.value.id })).value.record;
    const toPassport = { ...otherRecord, identityDocuments: [{ code: 'A', number: PASSPORT, expiry: '2031-06-30' }] };
    expect(await call('records.save', { id: other.value.id, record: toPassport })).toMatchObject({ ok: false, error: { message: expect.stringContaining(`your record ${first.reference}`) } });
    expect(await call('records.save', { id: other.value.id, record: toPassport, duplicateReason: 'Same passport: the customer opened a second account' })).toMatchObject({ ok: true });
  });
});

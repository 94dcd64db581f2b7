import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { SHIPPED_UAE_LISTS, putUaeListsInForce } from '../../shared/master-data/uae-lists';
import type { KycImage } from '../../shared/record/kyc-record';
import { UAE_IMAGE_CODES, type UaeCustomer } from '../../shared/record-kinds/uae-customer';
import { verhoeffCheckDigit } from '../../shared/validation';
import { fakeJpeg } from '../support/stored-samples';
import { makeTempDir } from '../support/temp-dir';
import { completeUaeCustomer } from '../support/uae-customers';

/**
 * A UAE customer through the app's own wiring: captured by a maker with real document images,
 * validated again in main, approved by a checker, listed in the queue; the code lists read by any
 * operator and imported by an admin only; and what main refuses (an expired id, a full Aadhaar in a
 * draft), each with its field.
 */
const ORIGIN = 'test://uae-customer-records';
let temp: ReturnType<typeof makeTempDir>;
let services: AppServices;
const training: Record<string, string> = {};

const call = (channel: string, payload: unknown): Promise<any> => services.dispatch({ channel, payload, origin: ORIGIN });
const as = async (role: 'maker' | 'checker' | 'admin') => expect(await call('session.switchTraining', { operatorId: training[role] })).toMatchObject({ ok: true });

/** Each image its own bytes: the document store keeps one document per content, and a document goes on one record only. */
let images = 0;
async function put(code: string): Promise<KycImage> {
  images += 1;
  const stored = await call('documents.put', { imageCode: code, base64: fakeJpeg(5000 + images).toString('base64'), masked: false });
  expect(stored).toMatchObject({ ok: true });
  return { code, documentHash: stored.value.hash, mime: stored.value.mime, bytes: stored.value.bytes, masked: false };
}

/** The sample with images really stored, and dates far from any day the test runs; other ids make another customer. */
async function captured(ids: { emiratesId?: string; passport?: string } = {}): Promise<UaeCustomer> {
  const r = structuredClone(completeUaeCustomer());
  r.ids[0] = { ...r.ids[0]!, number: ids.emiratesId ?? r.ids[0]!.number, expiry: '2099-08-07', front: await put(UAE_IMAGE_CODES.idFront), back: await put(UAE_IMAGE_CODES.idBack) };
  r.ids[1] = { ...r.ids[1]!, number: ids.passport ?? r.ids[1]!.number, expiry: '2099-04-27', visaExpiry: '2099-06-30', front: await put(UAE_IMAGE_CODES.idFront), back: await put(UAE_IMAGE_CODES.idBack) };
  r.classification = { ...r.classification, profilePhoto: await put(UAE_IMAGE_CODES.profilePhoto) };
  return r;
}

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
  putUaeListsInForce(SHIPPED_UAE_LISTS);
});

describe('a UAE customer through the app', () => {
  it('is saved by a maker with its images, re-checked in main, approved by a checker and listed in the queue', async () => {
    await as('maker');
    const record = await captured();
    const saved = await call('records.save', { kind: 'uae-customer', record });
    expect(saved).toMatchObject({ ok: true, value: { state: 'awaiting_approval' } });

    const opened = await call('records.get', { id: saved.value.id });
    expect(opened).toMatchObject({ ok: true, value: { kind: 'uae-customer', record: { firstName: 'IRFAN', primaryMobile: '+971502106707', customerReference: saved.value.reference } } });
    expect(opened.value.record.ids[0].number).toBe('784198512345673');
    expect(opened.value.record.classification.profilePhoto.bytes).toBe(record.classification.profilePhoto!.bytes);

    await as('checker');
    expect(await call('records.approve', { ids: [saved.value.id] })).toMatchObject({ ok: true });
    const queue = await call('records.list', { page: 1, pageSize: 50 });
    expect(queue.value.items.find((item: { id: string }) => item.id === saved.value.id)).toMatchObject({ kind: 'uae-customer', name: 'IRFAN ISMAIL NANGARATH', state: 'ready' });
  });

  it('refuses an expired passport in main with its date, on the passport’s field, and a UAE customer sent as an individual', async () => {
    await as('maker');
    const record = await captured();
    record.ids[1]!.expiry = '2024-04-27';
    const refused = await call('records.save', { kind: 'uae-customer', record });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { 'ids.1.expiry': expect.stringContaining('This passport expired on 27/04/2024.') } } });
    expect((await call('records.save', { record: await captured() })).ok).toBe(false);
  });

  it('finds the same customer by an Emirates ID or a passport of the same country, and saves a second record only with a reason', async () => {
    await as('maker');
    const found = await call('records.findSameCustomer', { identityDocuments: [{ code: 'UAE-4', number: '784-1985-1234567-3' }, { code: 'UAE-2-GB', number: 'P4006315' }] });
    expect(found.value.matches).toEqual([expect.objectContaining({ field: 'identity', path: 'identityDocuments.0.number', state: 'ready', capturedByYou: true })]);

    const again = await captured({ passport: 'Q7654321' });
    const refused = await call('records.save', { kind: 'uae-customer', record: again });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^The identity document number already belongs to/), fields: { duplicateReason: expect.any(String) } } });
    const saved = await call('records.save', { kind: 'uae-customer', record: again, duplicateReason: 'Second account: the customer’s salary account' });
    expect(saved).toMatchObject({ ok: true, value: { state: 'awaiting_approval' } });
  });

  it('keeps a UAE draft, but never one holding a full Aadhaar number in a free-text field', async () => {
    await as('maker');
    const record = completeUaeCustomer();
    expect(await call('drafts.save', { kind: 'uae-customer', record, editing: null })).toMatchObject({ ok: true });
    expect(await call('drafts.get', {})).toMatchObject({ ok: true, value: { draft: { kind: 'uae-customer', record: { firstName: 'Irfan' } } } });
    const aadhaar = `23456789012${verhoeffCheckDigit('23456789012')}`;
    const refused = await call('drafts.save', { kind: 'uae-customer', record: { ...record, classification: { ...record.classification, remarks: `Aadhaar ${aadhaar}` } }, editing: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { 'classification.remarks': expect.stringContaining('full Aadhaar') } } });
    expect((await call('drafts.get', {})).value.draft.record.classification.remarks).toBe('');
  });

  it('reads the code lists for anyone signed in; only an admin imports one, and the rules follow it at once', async () => {
    await as('maker');
    const lists = await call('masterData.uaeLists', {});
    expect(lists.value.lists.countries).toHaveLength(249);
    const text = JSON.stringify({ list: 'occupations', entries: [{ code: '2856', label: 'Accountant' }, { code: '4100', label: 'Nurse' }] });
    expect(await call('masterData.importUaeList', { list: 'occupations', text })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const record = { ...(await captured({ emiratesId: '784199000000010', passport: 'Z1234567' })), occupation: '4100' };
    expect((await call('records.save', { kind: 'uae-customer', record })).error.fields.occupation).toContain('not on this PC’s list');

    await as('admin');
    expect(await call('masterData.importUaeList', { list: 'occupations', text: '{"list":"occupations"' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('not JSON') } });
    expect(await call('masterData.importUaeList', { list: 'occupations', text })).toMatchObject({ ok: true, value: { entries: 2, importedBy: 'Training Admin' } });
    const audit = await call('audit.list', { page: 1, pageSize: 5 });
    expect(audit.value.items[0]).toMatchObject({ action: 'settings-change', subject: 'master-data.uae.occupations' });

    await as('maker');
    expect(await call('records.save', { kind: 'uae-customer', record })).toMatchObject({ ok: true });
    expect((await call('masterData.uaeLists', {})).value.lists.occupations.map((e: { label: string }) => e.label)).toEqual(['Accountant', 'Nurse']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KycRecord } from '../../shared/record/kyc-record';
import { sampleKycRecord } from '../support/kyc-records';
import { fakeJpeg } from '../support/stored-samples';
import { waitFor } from '../support/wait';
import { openAppChannels, type AppChannels, type TrainingRole } from '../support/app-channels';

/**
 * A customer the bulk update failed is corrected where their details come from (decision 0057):
 * an Update application of their CKYC record, saved without a "second record" reason because it
 * names the CKYC number the registry gave their earlier record, sent to the Training registry, and
 * then put in a new update under the customer reference the platform already knows them by.
 */
const ORIGIN = 'test://bulk-update-correction';
let app: AppChannels;

const call = (channel: string, payload: unknown): Promise<any> => app.call(channel, payload);
const as = (role: TrainingRole) => app.as(role);

beforeAll(async () => {
  app = await openAppChannels(ORIGIN, { KYC_DESK_POLL_SECONDS: '0.1', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.2' });
}, 60_000);
afterAll(async () => {
  await app?.close();
});

async function photo(n: number): Promise<KycRecord['images']> {
  const put = await call('documents.put', { imageCode: '02', base64: fakeJpeg(n).toString('base64'), masked: false });
  expect(put).toMatchObject({ ok: true });
  return [{ code: '02', documentHash: put.value.hash, mime: put.value.mime, bytes: put.value.bytes, masked: false }];
}

/** The checker approves the record and sends it to the Training registry; resolves with the record once it succeeded. */
async function approveAndSend(id: string): Promise<any> {
  await as('checker');
  expect(await call('records.approve', { ids: [id] })).toMatchObject({ ok: true, value: { refused: [] } });
  expect(await call('sync.start', {})).toMatchObject({ ok: true, value: { recordCount: 1 } });
  return waitFor('the registry to take the record', async () => {
    const got = await call('records.get', { id });
    return got.value?.summary.state === 'succeeded' ? got.value : undefined;
  }, 30_000);
}

/** The checker approves the update and sends it to the Training platform; resolves with its detail once answered. */
async function approveAndSendUpdate(id: string): Promise<any> {
  await as('checker');
  expect(await call('records.approve', { ids: [id] })).toMatchObject({ ok: true, value: { refused: [] } });
  expect(await call('bulkUpdate.send', {})).toMatchObject({ ok: true, value: { recordCount: 1 } });
  return waitFor('the platform to answer', async () => {
    const read = await call('bulkUpdate.detail', { id });
    return read.value?.update.counts ? read.value : undefined;
  }, 30_000);
}

describe('a customer the bulk update failed', () => {
  it('is corrected by an Update application and reaches the platform under the reference it knows', async () => {
    await as('maker');
    // 90000 00013 is a mobile the Training platform has never onboarded: the row fails.
    const first = await call('records.save', { record: sampleKycRecord(31, { mobile: '9000000013' }, await photo(31)) });
    expect(first).toMatchObject({ ok: true });
    const taken = await approveAndSend(first.value.id);
    const ckycNumber: string = taken.registryCkycNumber;
    expect(ckycNumber).toMatch(/^\d{14}$/);

    await as('maker');
    const update = await call('bulkUpdate.prepareFromRecords', { recordIds: [first.value.id] });
    expect(update).toMatchObject({ ok: true, value: { customers: 1 } });
    const failed = await approveAndSendUpdate(update.value.id);
    expect(failed.rows).toEqual([expect.objectContaining({ customerReference: first.value.reference, recordId: first.value.id, status: 'FAILED', reason: expect.any(String) })]);

    // The correction: the same customer, an Update of their CKYC record with the mobile they gave now.
    await as('maker');
    const stored: KycRecord = taken.record;
    const corrected = { ...stored, applicationType: '03', ckycNumber, contact: { ...stored.contact, mobile: '9876512345' }, images: await photo(32) };
    const saved = await call('records.save', { record: corrected });
    expect(saved).toMatchObject({ ok: true });
    expect(saved.value.reference).not.toBe(first.value.reference);
    // Not an update of this customer: a new application with the same PAN is still a second record, and needs a reason.
    const second = await call('records.save', { record: { ...corrected, applicationType: '01', ckycNumber: '', images: await photo(33) } });
    expect(second).toMatchObject({ ok: false, error: { fields: { duplicateReason: expect.any(String) } } });
    // Nor is an update naming another customer's CKYC number.
    const otherNumber = `${ckycNumber.slice(0, 13)}${(Number(ckycNumber.slice(13)) + 1) % 10}`;
    const other = await call('records.save', { record: { ...corrected, ckycNumber: otherNumber, images: await photo(34) } });
    expect(other).toMatchObject({ ok: false, error: { fields: { duplicateReason: expect.any(String) } } });

    await approveAndSend(saved.value.id);
    await as('maker');
    // Both records of the customer ticked: one row, from the correction, under the first record's reference.
    const again = await call('bulkUpdate.prepareFromRecords', { recordIds: [first.value.id, saved.value.id] });
    expect(again).toMatchObject({ ok: true, value: { customers: 1 } });
    const file = await call('bulkUpdate.file', { id: again.value.id });
    expect(file.value.text).toContain(`${first.value.reference},`);
    expect(file.value.text).toContain('9876512345');
    expect(file.value.text).not.toContain(saved.value.reference);
    const answered = await approveAndSendUpdate(again.value.id);
    expect(answered.update.counts).toMatchObject({ total: 1, success: 1, failure: 0 });
    expect(answered.rows).toEqual([expect.objectContaining({ customerReference: first.value.reference, recordId: saved.value.id, status: 'SUCCESS' })]);
    // The corrected record lists the update it went in.
    await as('checker');
    expect((await call('bulkUpdate.forRecord', { recordId: saved.value.id })).value.items).toEqual([expect.objectContaining({ status: 'SUCCESS', update: expect.objectContaining({ id: again.value.id }) })]);
  }, 120_000);
});

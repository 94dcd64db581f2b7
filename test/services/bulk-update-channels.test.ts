import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeUpdateFile } from '../../electron/connectors/bulk-update/update-file';
import type { UpdateRow } from '../../shared/bulk-update/update-columns';
import { waitFor } from '../support/wait';
import { updateRow } from '../support/bulk-update';
import { openAppChannels, type AppChannels, type TrainingRole } from '../support/app-channels';

/**
 * The bulk customer update over the IPC contract, through the app's own wiring and the Training
 * platform: the connection's settings (an admin's, the company id checked by the platform's
 * pattern) and its test; a brought file checked whole before anything is kept (a missing column, an
 * invalid PAN, a file too large, a program renamed .csv); an update prepared, approved, sent, and
 * read back with its rows' ends and its file.
 */
const ORIGIN = 'test://bulk-update-channels';
let app: AppChannels;

const call = (channel: string, payload: unknown): Promise<any> => app.call(channel, payload);
const as = (role: TrainingRole) => app.as(role);

beforeAll(async () => {
  app = await openAppChannels(ORIGIN, { KYC_DESK_POLL_SECONDS: '0.1', KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.2' });
});
afterAll(async () => {
  await app?.close();
});

const row = (n: number, changes: Partial<UpdateRow> = {}): UpdateRow => updateRow('KDCHAN', n, changes);

const bring = (bytes: Buffer, fileName = 'update.csv') => call('bulkUpdate.prepareFromFile', { fileName, contentBase64: bytes.toString('base64') });

describe('bulkUpdate.settings.* (Training)', () => {
  it('are an admin’s; a company id that fails the platform’s pattern is refused by field; the test reaches the Training platform', async () => {
    await as('maker');
    expect(await call('bulkUpdate.settings.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await as('admin');
    expect(await call('bulkUpdate.settings.get', {})).toEqual({ ok: true, value: { settings: { baseUrl: '', parentCompanyId: '' }, configured: false, tokenSet: false, mode: 'training' } });
    const bad = await call('bulkUpdate.settings.save', { settings: { baseUrl: 'api.example.in', parentCompanyId: 'ACME123' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { baseUrl: expect.stringMatching(/https:\/\//), parentCompanyId: expect.stringMatching(/CEK followed by 7/) } } });
    const good = await call('bulkUpdate.settings.save', { settings: { baseUrl: 'https://api.example.in/', parentCompanyId: 'ceka1b2c3d' } });
    expect(good).toMatchObject({ ok: true, value: { settings: { baseUrl: 'https://api.example.in', parentCompanyId: 'CEKA1B2C3D' }, configured: true } });
    expect(await call('bulkUpdate.settings.test', {})).toMatchObject({ ok: true, value: { ok: true } });
  });
});

describe('a brought update file', () => {
  it('is refused whole, in words, when a column is missing, a PAN is invalid, it is too large or it is a program; nothing is kept', async () => {
    await as('maker');
    const missing = writeUpdateFile([row(1)]).toString('utf8').replace('customer_name,', '').replace('CUSTOMER 1,', '');
    expect(await bring(Buffer.from(missing))).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/customer_name.*missing/) } });
    const badPan = await bring(writeUpdateFile([row(1), row(2, { pan: 'ABCDE12345' })]));
    expect(badPan).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/Row 2, PAN: /), fields: { 'rows.1.pan': expect.any(String) } } });
    const large = Buffer.alloc(30 * 1024 * 1024, 0x41);
    expect(await bring(large)).toMatchObject({ ok: false });
    const program = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), Buffer.alloc(2000, 1)]);
    expect(await bring(program, 'customers.csv')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Windows program, whatever its name says/) } });
    expect((await call('bulkUpdate.list', {})).value.items).toHaveLength(0);
  });
});

describe('an update prepared, approved and sent', () => {
  it('ends with its counts, its failed rows’ reasons, and its file as sent', async () => {
    await as('maker');
    const rows = [row(1), row(2, { mobile: '9000000012' }), row(3, { email: 'x@example.com' }), row(4)];
    const prepared = await bring(writeUpdateFile(rows));
    expect(prepared).toMatchObject({ ok: true, value: { state: 'awaiting_approval', customers: 4, source: 'file', fileName: 'update.csv' } });
    expect(await call('bulkUpdate.send', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await as('checker');
    expect((await call('records.approve', { ids: [prepared.value.id] })).value.approved).toHaveLength(1);
    const sent = await call('bulkUpdate.send', {});
    expect(sent).toMatchObject({ ok: true, value: { recordCount: 1 } });
    const detail = await waitFor('the update to end', async () => {
      const read = await call('bulkUpdate.detail', { id: prepared.value.id });
      return read.value?.update.counts ? read.value : undefined;
    }, 20_000);
    expect(detail.update).toMatchObject({ state: 'succeeded', counts: { total: 4, success: 2, failure: 2, warn: 0 }, sends: 1, sentBy: expect.any(String), preparedBy: expect.any(String) });
    expect(detail.rows.map((r: { status: string }) => r.status)).toEqual(['SUCCESS', 'FAILED', 'FAILED', 'SUCCESS']);
    expect(detail.rows[1].reason).toBeTruthy();
    expect(detail.rows[2].reason).toBeTruthy();
    const file = await call('bulkUpdate.file', { id: prepared.value.id });
    expect(file).toMatchObject({ ok: true, value: { sha256: detail.update.fileSha256 } });
    expect(file.value.text).toBe(writeUpdateFile(rows).toString('utf8'));
    const batch = await call('batches.get', { id: sent.value.batchId });
    expect(batch).toMatchObject({ ok: true, value: { route: 'bulk-update', kind: 'customer-update', state: 'succeeded' } });
    expect(path.basename(file.value.fileName)).toMatch(/\.csv$/);
    // Taking the file of customers' details off the store is written down: who, which update, which bytes.
    await as('admin');
    const audit = await call('audit.list', { page: 1, pageSize: 50, action: 'bulk-update-file-downloaded' });
    expect(audit).toMatchObject({ ok: true, value: { items: [{ action: 'bulk-update-file-downloaded', subject: prepared.value.reference, details: { sha256: detail.update.fileSha256, customers: 4 } }] } });
  });
});

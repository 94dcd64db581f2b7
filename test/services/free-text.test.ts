import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServices, type AppServices } from '../../electron/app/services';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { verhoeffCheckDigit } from '../../shared/validation';
import { FREE_TEXT_MESSAGES } from '../../shared/validation/free-text';
import { sampleKycRecord } from '../support/kyc-records';
import { fakeJpeg } from '../support/stored-samples';
import { makeTempDir } from '../support/temp-dir';

/**
 * Free text through main, as the renderer (or anything else holding the bridge) sends it: the
 * real router, contract check, handlers and services of a Training-mode app. Every field a person
 * types freely refuses a full Aadhaar number, a formula prefix and invisible characters, with the
 * reason beside the field; a failed sign-in's employee code reaches the audit trail escaped.
 */
const ORIGIN = 'test://free-text';
const AADHAAR = `23456789012${verhoeffCheckDigit('23456789012')}`;
const SPACED = `${AADHAAR.slice(0, 4)} ${AADHAAR.slice(4, 8)} ${AADHAAR.slice(8)}`;
const INVISIBLE_202E = FREE_TEXT_MESSAGES.invisible('U+202E');

let temp: ReturnType<typeof makeTempDir>;
let services: AppServices;

const call = (channel: string, payload: unknown): Promise<any> => services.dispatch({ channel, payload, origin: ORIGIN });

async function signInAs(role: 'maker' | 'checker' | 'admin'): Promise<void> {
  const { value: session } = await call('session.state', {});
  const operator = session.trainingOperators.find((o: { role: string }) => o.role === role);
  expect(await call('session.switchTraining', { operatorId: operator.id })).toMatchObject({ ok: true });
}

/** Sample `n` with its photograph stored over the contract, as the capture form sends it. */
async function recordWithPhoto(n: number) {
  const put = await call('documents.put', { imageCode: '02', base64: fakeJpeg(4000 + n).toString('base64'), masked: false });
  expect(put.ok).toBe(true);
  return sampleKycRecord(n, {}, [{ code: '02', documentHash: put.value.hash, mime: put.value.mime, bytes: put.value.bytes, masked: false }]);
}

beforeAll(async () => {
  temp = makeTempDir();
  services = await startAppServices({ dataDir: temp.dir, version: 'test', vault: new MemoryVault(), env: { KYC_DESK_SANDBOX_PROCESSING_SECONDS: '0.2' } });
  services.trustOrigin(ORIGIN);
}, 60_000);

afterAll(async () => {
  await services?.close();
  temp?.remove();
});

describe('free text through main', () => {
  it('records.save refuses remarks with a full Aadhaar number, a formula or a bidi override, naming the field', async () => {
    await signInAs('maker');
    for (const [remarks, message] of [
      [`Aadhaar ${SPACED} seen`, FREE_TEXT_MESSAGES.fullAadhaar],
      ['=HYPERLINK("http://evil.example","x")', FREE_TEXT_MESSAGES.formulaPrefix],
      ['Seen \u202Ein original', INVISIBLE_202E],
      ['Seen\u2028in original', FREE_TEXT_MESSAGES.invisible('U+2028')],
    ] as const) {
      const record = { ...(await recordWithPhoto(1)), remarks };
      const saved = await call('records.save', { record });
      expect(saved, remarks).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { remarks: `Remarks: ${message}` } } });
    }
    expect((await call('records.list', { page: 1, pageSize: 10 })).value.total).toBe(0);
  });

  it('drafts.save never stores a full Aadhaar number: refused with why, the earlier draft kept', async () => {
    await signInAs('maker');
    const record = await recordWithPhoto(3);
    expect(await call('drafts.save', { record: { ...record, remarks: 'Documents seen' }, editing: null })).toMatchObject({ ok: true });
    const refused = await call('drafts.save', { record: { ...record, remarks: `Documents seen, Aadhaar ${SPACED}` }, editing: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: `Remarks: ${FREE_TEXT_MESSAGES.fullAadhaar}`, fields: { remarks: FREE_TEXT_MESSAGES.fullAadhaar } } });
    expect((await call('drafts.get', {})).value.draft.record.remarks).toBe('Documents seen');
    const inAddress = { ...record, permanentAddress: { ...record.permanentAddress, line3: `H NO ${AADHAAR}` } };
    expect(await call('drafts.save', { record: inAddress, editing: null })).toMatchObject({ ok: false, error: { fields: { 'permanentAddress.line3': FREE_TEXT_MESSAGES.fullAadhaar } } });
    expect(await call('drafts.discard', {})).toMatchObject({ ok: true });
  });

  it('records.reject refuses a reason with a full Aadhaar number, a formula or a bidi override; the record still waits', async () => {
    await signInAs('maker');
    const saved = await call('records.save', { record: { ...(await recordWithPhoto(2)), remarks: 'Account 234567890123 checked' } });
    expect(saved).toMatchObject({ ok: true, value: { state: 'awaiting_approval' } });
    await signInAs('checker');
    for (const [reason, message] of [
      [`Aadhaar is ${AADHAAR.slice(0, 4)}-${AADHAAR.slice(4, 8)}-${AADHAAR.slice(8)}`, FREE_TEXT_MESSAGES.fullAadhaar],
      ['@SUM(1,2) wrong photo', FREE_TEXT_MESSAGES.formulaPrefix],
      ['Photo \u202Eblurred', INVISIBLE_202E],
    ] as const) {
      expect(await call('records.reject', { id: saved.value.id, reason }), reason).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { reason: message } } });
    }
    expect((await call('records.get', { id: saved.value.id })).value.summary.state).toBe('awaiting_approval');
    expect(await call('records.reject', { id: saved.value.id, reason: 'Photograph is blurred' })).toMatchObject({ ok: true });
  });

  it('operators.create and operators.update refuse formulas, invisible characters and a full Aadhaar number in what an admin types', async () => {
    await signInAs('admin');
    const base = { name: 'Meena Iyer', employeeCode: 'E2044', designation: 'Officer', branch: 'MG Road', organisation: 'Demo Bank', role: 'maker', password: 'three long words here' };
    const created = await call('operators.create', { ...base, employeeCode: '-E2044', designation: '=1+1', branch: 'MG\u200BRoad', organisation: `Demo Bank ${SPACED}` });
    expect(created).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        fields: { employeeCode: FREE_TEXT_MESSAGES.formulaPrefix, designation: FREE_TEXT_MESSAGES.formulaPrefix, branch: FREE_TEXT_MESSAGES.invisible('U+200B'), organisation: FREE_TEXT_MESSAGES.fullAadhaar },
      },
    });
    expect(await call('operators.create', { ...base, employeeCode: 'E2044\uFEFF' })).toMatchObject({ ok: false, error: { fields: { employeeCode: FREE_TEXT_MESSAGES.invisible('U+FEFF') } } });
    expect(await call('operators.create', { ...base, name: 'Meena\u2028Iyer' })).toMatchObject({ ok: false, error: { fields: { name: FREE_TEXT_MESSAGES.invisible('U+2028') } } });
    const meena = await call('operators.create', base);
    expect(meena).toMatchObject({ ok: true, value: { designation: 'Officer', branch: 'MG Road' } });
    expect(await call('operators.update', { id: meena.value.id, designation: '+Manager' })).toMatchObject({ ok: false, error: { fields: { designation: FREE_TEXT_MESSAGES.formulaPrefix } } });
    expect(await call('operators.update', { id: meena.value.id, organisation: 'Demo\u0085Bank' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('connections.save refuses a formula or an invisible character in the organisation name and the CERSAI username', async () => {
    await signInAs('admin');
    const api = { baseUrl: 'https://api.vendor.example.in', authMode: 'password', username: 'branch01', fiCode: 'IN1234', regionCode: 'R01', branchCode: 'B001', cersaiUsername: 'cersai01', version: '1.0', organisationName: 'Demo Bank' };
    const refused = await call('connections.save', { api: { ...api, organisationName: '@Demo Bank', cersaiUsername: 'cersai\u202E01' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { 'api.organisationName': FREE_TEXT_MESSAGES.formulaPrefix, 'api.cersaiUsername': INVISIBLE_202E } } });
    expect(await call('connections.save', { api })).toMatchObject({ ok: true });
  });

  it('a sign-in with an invisible character in the employee code is refused with why, and the trail shows the code escaped', async () => {
    await call('session.signOut', {});
    const typed = 'TRN-ADMIN\u202E';
    expect(await call('session.signIn', { employeeCode: typed, password: 'anything at all' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', fields: { employeeCode: INVISIBLE_202E } },
    });
    await signInAs('admin');
    const failed = (await call('audit.list', { action: 'sign-in-failed', page: 1, pageSize: 10 })).value.items;
    expect(failed.map((entry: { subject: string }) => entry.subject)).toContain('TRN-ADMIN\\u202E');
    const exported = await call('audit.exportCsv', { action: 'sign-in-failed' });
    expect(exported.value.csv).toContain('TRN-ADMIN\\u202E');
    expect(exported.value.csv).not.toContain('\u202E');
    expect((await call('audit.verify', {})).value).toMatchObject({ ok: true });
  });
});

import { describe, expect, it } from 'vitest';
import { verifierFromOperator } from '../../shared/record/kyc-record';
import { uploadRequestFor } from '../../electron/connectors/ckyc-records/client';
import type { WireRecord } from '../../electron/connectors/ckyc-records/wire';
import { RecordsApiSandbox } from '../../electron/sandbox/ckyc/records-api';
import { storedSample } from '../support/kyc-records';

const NOW = Date.UTC(2026, 10, 22, 6, 0, 0);
const VERIFIER = verifierFromOperator({ name: 'Priya Nair', designation: 'Officer', branch: 'MG Road', employeeCode: 'E1', organisation: 'Example Bank' });
const INSTITUTION = { fiCode: 'IN0308', version: 'V1.3', regionCode: 'KA01', username: 'CERSAIUSER1', branchCode: 'BLR042' };

function sandbox(options: { now?: () => number; onAccepted?: (records: readonly WireRecord[]) => void; tokenLifetimeSeconds?: number } = {}) {
  return new RecordsApiSandbox({ username: 'branch042', password: 'S3cretPassw0rd77', now: () => NOW, ...options });
}

const post = (s: RecordsApiSandbox, path: string, body: unknown, token?: string) =>
  s.handle('POST', path, token === undefined ? {} : { authorization: `Bearer ${token}` }, typeof body === 'string' ? body : JSON.stringify(body));

const request = (...refs: string[]) => uploadRequestFor(INSTITUTION, refs.map((reference, i) => ({ reference, record: storedSample(i + 1) })), VERIFIER);

describe('records API sandbox', () => {
  it('issues JWT-shaped tokens with exp for the configured credentials only, by seed 002’s rules', () => {
    const s = sandbox({ tokenLifetimeSeconds: 120 });
    const ok = post(s, '/agentapi/v1/agent/generate_token', { username: 'branch042', password: 'S3cretPassw0rd77' });
    expect(ok.status).toBe(200);
    const token = (ok.body as { Token: string }).Token;
    expect(ok.body).toMatchObject({ status_code: 200, success: true });
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    expect(payload.exp).toBe(NOW / 1000 + 120);

    expect(post(s, '/agentapi/v1/agent/generate_token', { username: 'branch042', password: 'Wr0ngPassw0rd55' })).toMatchObject({
      status: 401,
      body: { msg: 'Invalid username or password.', status_code: 401, success: false },
    });
    expect(post(s, '/agentapi/v1/agent/generate_token', { username: 'branch042', password: 'short' }).status).toBe(400);
    expect(post(s, '/agentapi/v1/agent/generate_token', 'not json').status).toBe(400);
  });

  it('refuses missing, forged, expired and revoked tokens with 401 { detail, message }', () => {
    let clock = NOW;
    const s = sandbox({ now: () => clock, tokenLifetimeSeconds: 60 });
    const token = s.issueToken();
    expect(post(s, '/ckycportalapi/ckyc-upload/', request('KD1')).status).toBe(401);
    expect(post(s, '/ckycportalapi/ckyc-upload/', request('KD1'), `${token.slice(0, -2)}xx`)).toMatchObject({ status: 401, body: { detail: { reason: 'invalid' } } });
    expect(post(s, '/ckycportalapi/ckyc-upload/', request('KD1'), token).status).toBe(200);
    clock += 60_000;
    expect(post(s, '/ckycportalapi/ckyc-upload/', request('KD2'), token)).toMatchObject({ status: 401, body: { detail: { reason: 'expired' }, message: 'Token expired.' } });
    const fresh = s.issueToken();
    s.revokeTokens();
    expect(post(s, '/ckycportalapi/ckyc-upload', request('KD2'), fresh)).toMatchObject({ status: 401, body: { detail: { reason: 'invalid' } } });
  });

  it('answers 200 for valid records and tells onAccepted; refuses the same kyc_ref_no again', () => {
    const accepted: string[] = [];
    const s = sandbox({ onAccepted: (records) => accepted.push(...records.map((r) => r.kyc_ref_no)) });
    const token = s.issueToken();
    expect(post(s, '/ckycportalapi/ckyc-upload/', request('KD1', 'KD2'), token)).toMatchObject({ status: 200, body: { message: '2 records received.', status: 'success' } });
    expect(accepted).toEqual(['KD1', 'KD2']);
    const again = post(s, '/ckycportalapi/ckyc-upload/', request('KD3', 'KD2'), token);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ detail: { records: [{ index: 1, kyc_ref_no: 'KD2', errors: { kyc_ref_no: 'A record with this kyc_ref_no was uploaded before.' } }] } });
    expect(accepted).toEqual(['KD1', 'KD2']);
  });

  it('judges each record with the shared rules and answers by wire path', () => {
    const s = sandbox();
    const body = request('KD1', 'KD2');
    const second = body.records[1]!;
    second.pan = 'ABCDE1234F';
    second.poa.poa_pin_code = '12345';
    second.contact_details.mobile_number = '512345678';
    second.basic_details.dob = '2027-01-01';
    second.kyc_verification_details.kyc_verifier_name = '';
    second.images[0]!.image_file_name = 'photo.jpg';
    const answer = post(s, '/ckycportalapi/ckyc-upload/', body, s.issueToken());
    expect(answer.status).toBe(400);
    const detail = (answer.body as { detail: { records: { index: number; kyc_ref_no: string; errors: Record<string, string> }[] } }).detail;
    expect(detail.records).toHaveLength(1);
    expect(detail.records[0]).toMatchObject({ index: 1, kyc_ref_no: 'KD2' });
    expect(detail.records[0]!.errors).toMatchObject({
      pan: 'This PAN is not an individual’s: its 4th letter must be P.',
      'poa.poa_pin_code': 'A PIN code has 6 digits; this has 5.',
      'contact_details.mobile_number': 'A mobile number has 10 digits; this has 9.',
      'basic_details.dob': 'The date of birth cannot be in the future.',
      'kyc_verification_details.kyc_verifier_name': expect.any(String),
      'images.0.image_file_name': expect.any(String),
    });
  });

  it('puts schema problems inside a record on that record, the rest on the request', () => {
    const s = sandbox();
    const body = request('KD1') as any;
    delete body.records[0].basic_details.gender;
    body.records[0].current_address.current_address_same_as_poa_address = 'maybe';
    delete body.fi_code;
    const answer = post(s, '/ckycportalapi/ckyc-upload/', body, s.issueToken());
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      detail: {
        records: [{ index: 0, kyc_ref_no: 'KD1', errors: { 'basic_details.gender': expect.any(String), 'current_address.current_address_same_as_poa_address': expect.any(String) } }],
        request: { fi_code: expect.any(String) },
      },
    });
    expect(post(s, '/ckycportalapi/ckyc-upload/', '{"fi_code":', s.issueToken()).status).toBe(400);
  });

  it('owns exactly its two paths', () => {
    const s = sandbox();
    expect(s.handles('/ckycportalapi/ckyc-upload/')).toBe(true);
    expect(s.handles('/ckycportalapi/ckyc-upload')).toBe(true);
    expect(s.handles('/agentapi/v1/agent/generate_token')).toBe(true);
    expect(s.handles('/ckyc-upload/upload/initialize')).toBe(false);
    expect(s.handle('GET', '/ckycportalapi/ckyc-upload/', {}, '').status).toBe(405);
  });
});

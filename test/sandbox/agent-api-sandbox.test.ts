import path from 'node:path';
import AdmZip from 'adm-zip';
import * as jpeg from 'jpeg-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DKYC_SECTIONS } from '../../electron/connectors/agent-api/dkyc-fields';
import { readAgentLedger, replacedLiveSessions, type CkycSandbox } from '../../electron/sandbox';
import { makeTempDir } from '../support/temp-dir';
import { AGENT_CREDENTIALS, pushData, startAgentSandbox, TEST_UID, validPushSections, type PushSections } from '../support/agent-api';
import { get, post, type Reply } from './sandbox-support';

/**
 * The agent API sandbox (seed 002 §2–4) on its own, over HTTP with a clock the test moves:
 * sessions move one status a step along the path their phone number gives them, a new link
 * rejects the customer's open session, get_details answers the seed's fields, media are real
 * files, push_user_data judges every section, the rate it enforces answers 429, and what it
 * knows survives a restart.
 */
const STEP_MS = 1000;
let temp: ReturnType<typeof makeTempDir>;
let clock = Date.parse('2026-12-04T10:00:00Z');
const open: CkycSandbox[] = [];

async function start(settings = {}) {
  const s = await startAgentSandbox(path.join(temp.dir, 'sandbox'), { stepMs: STEP_MS, ...settings }, { now: () => clock });
  open.push(s);
  return s;
}
const ledger = () => readAgentLedger(path.join(temp.dir, 'sandbox', 'agent-api'));

async function tokenOf(s: CkycSandbox): Promise<string> {
  const reply = await post(s.url, '/agentapi/v1/agent/generate_token', AGENT_CREDENTIALS, null);
  expect(reply.status).toBe(200);
  return reply.body.Token as string;
}

const link = (s: CkycSandbox, token: string, body: Record<string, unknown>) =>
  post(s.url, '/agentapi/v1/agent/sendLink/', { user_id: 'KD000000000001', phone_number: '9876543210', send_notification: 1, link_type: 'free', ...body }, token);
const details = (s: CkycSandbox, token: string, sessionId: string) => get(s.url, `/agentapi/v1/session/get_details/${sessionId}`, token);

async function push(s: CkycSandbox, headers: Record<string, string>, body: unknown): Promise<Reply> {
  const response = await fetch(`${s.url}/appapi/v1/dkyc/push_user_data`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as Record<string, any> };
}

beforeEach(() => {
  temp = makeTempDir();
  clock = Date.parse('2026-12-04T10:00:00Z');
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  temp.remove();
});

describe('agent API sandbox: links and sessions', () => {
  it('sends a link and moves its session waiting → agent_alloted → kyc_request_accepted → kyc_result_approved, with the timeline, agent and media', async () => {
    const s = await start();
    const token = await tokenOf(s);
    const sent = await link(s, token, {});
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ user_id: 'KD000000000001', phone_number: '9876543210', validity_duration: 86400, status: 200 });
    expect(Number(sent.body.link_expiry_time)).toBe(Math.floor(clock / 1000) + 86400);
    const id = sent.body.session_id as string;

    const seen: string[] = [];
    let last: Record<string, any> = {};
    for (let step = 0; step < 5; step += 1) {
      const reply = await details(s, token, id);
      expect(reply.status).toBe(200);
      last = reply.body.session_data;
      seen.push(last.session_status);
      if (step === 0) expect(last).toMatchObject({ agent_id: null, selfie_url: null, zip_url: null, end_time: null });
      if (last.session_status === 'kyc_request_accepted') expect(last).toMatchObject({ selfie_url: expect.stringContaining(id), summary_json_url: null });
      clock += STEP_MS;
    }
    expect(seen).toEqual(['waiting', 'agent_alloted', 'kyc_request_accepted', 'kyc_result_approved', 'kyc_result_approved']);
    expect(last).toMatchObject({ session_id: id, user_id: 'KD000000000001', agent_id: expect.stringMatching(/^AGT\d{4}$/), agent_region: expect.any(String), IS_VIDO_UPLOADED: true });
    for (const field of ['start_time', 'agent_assignment_time', 'vkyc_start_time', 'aadhaar_request_time', 'pan_request_time', 'selfie_request_time', 'end_time']) {
      expect(Date.parse(last[field] as string), field).not.toBeNaN();
    }
    for (const field of ['selfie_url', 'pan_url', 'aadhaar_url', 'aadhaarback_url', 'user_video_url', 'agent_video_url', 'agent_screen_url', 'summary_json_url', 'zip_url']) {
      expect(last[field], field).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    }
    expect(last.captured_images).toHaveLength(2);
  });

  it('ends each training phone number its own way (90000 0000N), and everyone else approved', async () => {
    const s = await start();
    const token = await tokenOf(s);
    const ends: Record<string, string> = {};
    const ids: Record<string, string> = {};
    for (const phone of ['9000000001', '9000000002', '9000000003', '9000000004', '9000000005', '9123456789']) {
      ids[phone] = (await link(s, token, { user_id: `U${phone}`, phone_number: phone })).body.session_id as string;
    }
    const path5: string[] = [];
    for (let step = 0; step < 6; step += 1) {
      path5.push((await details(s, token, ids['9000000005']!)).body.session_data.session_status as string);
      clock += STEP_MS;
    }
    for (const [phone, id] of Object.entries(ids)) ends[phone] = (await details(s, token, id)).body.session_data.session_status as string;
    expect(ends).toEqual({
      '9000000001': 'kyc_result_rejected',
      '9000000002': 'kyc_request_rejected',
      '9000000003': 'user_abandoned',
      '9000000004': 'session_expired',
      '9000000005': 'kyc_result_approved',
      '9123456789': 'kyc_result_approved',
    });
    expect(path5).toEqual(['waiting', 'vkyc_requested', 'agent_alloted', 'kyc_request_accepted', 'kyc_result_approved', 'kyc_result_approved']);
  });

  it('a new link for the same user_id turns the open session into kyc_rejected, and the ledger says so; a final one is left as it was', async () => {
    const s = await start();
    const token = await tokenOf(s);
    const first = (await link(s, token, {})).body.session_id as string;
    clock += STEP_MS;
    const second = (await link(s, token, {})).body.session_id as string;
    expect((await details(s, token, first)).body.session_data.session_status).toBe('kyc_rejected');
    expect((await details(s, token, second)).body.session_data.session_status).toBe('waiting');
    clock += 4 * STEP_MS;
    expect((await details(s, token, second)).body.session_data.session_status).toBe('kyc_result_approved');
    const third = (await link(s, token, {})).body.session_id as string;
    expect((await details(s, token, second)).body.session_data.session_status).toBe('kyc_result_approved');
    expect(ledger().map((e) => [e.kind, e.session_id, e.replaced_live])).toEqual([
      ['link', first, null],
      ['link', second, first],
      ['link', third, null],
    ]);
    expect(replacedLiveSessions(ledger()).map((e) => e.session_id)).toEqual([second]);
  });

  it('ends a session still in its call when the link expires as kyc_result_rejected, one never opened as session_expired', async () => {
    const s = await start({ validitySeconds: 2.5 });
    const token = await tokenOf(s);
    const inCall = (await link(s, token, { user_id: 'A1' })).body.session_id as string;
    const unopened = (await link(s, token, { user_id: 'A2', phone_number: '9000000004' })).body.session_id as string;
    clock += 3 * STEP_MS;
    expect((await details(s, token, inCall)).body.session_data.session_status).toBe('kyc_result_rejected');
    expect((await details(s, token, unopened)).body.session_data.session_status).toBe('session_expired');
  });

  it('refuses a bad link request in plain words, and a missing or expired token with 401 { message }', async () => {
    const s = await start();
    const token = await tokenOf(s);
    const nine = await link(s, token, { phone_number: '987654321' });
    expect(nine).toMatchObject({ status: 400, body: { status: 400, message: expect.stringMatching(/phone_number must be 10 digits/) } });
    const wrongCase = await link(s, token, { link_type: 'Free' });
    expect(wrongCase.body.message).toMatch(/link_type "Free" is not one of free, scheduled, assisted \(case-sensitive\)/);
    expect((await link(s, token, { send_notification: 2 })).body.message).toMatch(/send_notification must be 0 or 1/);
    expect((await link(s, token, { link_type: 'scheduled' })).status).toBe(200);
    expect(await link(s, 'not-a-token', {})).toMatchObject({ status: 401, body: { message: 'Invalid or missing token.' } });
    clock += 16 * 60_000;
    expect(await link(s, token, {})).toMatchObject({ status: 401, body: { message: 'Token expired.' } });
    expect(await details(s, await tokenOf(s), 'VSNOSUCH')).toMatchObject({ status: 400, body: { e: 'Invalid session', status: 400 } });
    expect(ledger()).toHaveLength(1);
  });

  it('serves real media: JPEGs that decode, a ZIP of the images and the summary, the sample video; only with a token', async () => {
    const s = await start();
    const token = await tokenOf(s);
    const id = (await link(s, token, {})).body.session_id as string;
    clock += 3 * STEP_MS;
    const data = (await details(s, token, id)).body.session_data as Record<string, string>;
    const fetchBytes = async (url: string, auth = true) => {
      const response = await fetch(url, { headers: auth ? { authorization: `Bearer ${token}` } : {} });
      return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
    };
    const selfie = await fetchBytes(data.selfie_url!);
    expect(selfie.type).toBe('image/jpeg');
    expect(jpeg.decode(selfie.bytes)).toMatchObject({ width: 160, height: 100 });
    const zip = new AdmZip((await fetchBytes(data.zip_url!)).bytes);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['aadhaar_back.jpg', 'aadhaar_front.jpg', 'captured_1.jpg', 'captured_2.jpg', 'pan.jpg', 'selfie.jpg', 'summary.json']);
    expect(JSON.parse((await fetchBytes(data.summary_json_url!)).bytes.toString('utf8'))).toMatchObject({ session_id: id, session_status: 'kyc_result_approved' });
    expect((await fetchBytes(data.user_video_url!)).bytes.toString('latin1')).toContain('training sample');
    expect((await fetchBytes(data.selfie_url!, false)).status).toBe(401);
  });

  it('answers 429 { status, message } with a Retry-After once a client goes faster than its rate', async () => {
    const s = await start({ rateLimit: { requests: 2, perMs: 10_000 } });
    const token = await tokenOf(s);
    expect((await details(s, token, 'X1')).status).toBe(400);
    expect((await details(s, token, 'X2')).status).toBe(400);
    const limited = await details(s, token, 'X3');
    expect(limited).toMatchObject({ status: 429, body: { status: 429, message: expect.stringMatching(/rate limit/i) } });
    expect(Number(limited.headers.get('retry-after'))).toBe(10);
    clock += 10_000;
    expect((await details(s, token, 'X4')).status).toBe(400);
  });

  it('keeps its sessions and ledger across a restart', async () => {
    const first = await start();
    const id = (await link(first, await tokenOf(first), {})).body.session_id as string;
    await first.close();
    open.splice(0);
    const again = await start();
    clock += STEP_MS;
    const token = await tokenOf(again);
    expect((await details(again, token, id)).body.session_data).toMatchObject({ session_id: id, session_status: 'agent_alloted' });
    await link(again, token, {});
    expect(ledger().map((e) => e.replaced_live)).toEqual([null, id]);
  });
});

describe('agent API sandbox: push_user_data', () => {
  const body = (sections: PushSections = validPushSections()) => ({ user_id: 'KD000000000009', phone_number: '9876543210', data: pushData(sections) });

  it('takes a complete push with the auth header: 200 { success, session_id, track }, followed like a link', async () => {
    const s = await start();
    const token = await tokenOf(s);
    const taken = await push(s, { auth: token }, body());
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ success: true, session_id: expect.stringMatching(/^DS/), track: { user_id: 'KD000000000009', session_id: taken.body.session_id } });
    expect((await details(s, token, taken.body.session_id as string)).body.session_data).toMatchObject({ session_status: 'waiting', origin: 'dkyc' });
    expect(ledger()).toMatchObject([{ kind: 'push', user_id: 'KD000000000009', replaced_live: null }]);
    expect(JSON.stringify(ledger())).not.toContain(TEST_UID);
  });

  it('takes a push carrying a full-length in-person video (25 MB, about 34 MB as base64)', async () => {
    const s = await start();
    const token = await tokenOf(s);
    const sections = validPushSections();
    sections.DOCUMENT_COLLECTION = { ...sections.DOCUMENT_COLLECTION!, docPerVerVideo: Buffer.alloc(25 * 1024 * 1024, 7).toString('base64') };
    const taken = await push(s, { auth: token }, body(sections));
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ success: true });
  });

  it('refuses without the auth header (a Bearer header is not it): 401 { msg, status_code, success }', async () => {
    const s = await start();
    const token = await tokenOf(s);
    const refused = await push(s, { authorization: `Bearer ${token}` }, body());
    expect(refused).toMatchObject({ status: 401, body: { status_code: 401, success: false, msg: expect.any(String) } });
    expect(ledger()).toEqual([]);
  });

  it('names every missing mandatory field of every section by its path', async () => {
    const s = await start();
    const token = await tokenOf(s);
    for (const [section, fields] of Object.entries(DKYC_SECTIONS)) {
      const mandatory = Object.entries(fields).filter(([, spec]) => spec.mandatory).map(([name]) => name);
      const sections = validPushSections();
      for (const name of mandatory) delete sections[section]![name];
      const refused = await push(s, { auth: token }, body(sections));
      expect(refused.status, section).toBe(400);
      expect(refused.body).toMatchObject({ success: false, status_code: 400, track: { user_id: 'KD000000000009' } });
      expect(Object.keys(refused.body.errors as object).sort(), section).toEqual(mandatory.map((name) => `${section}.${name}`).sort());
    }
    expect(ledger()).toEqual([]);
  });

  it("judges each section's values: codes, DD-MON-YYYY dates, the PAN, the UID's Verhoeff digit, Base64 or URL documents", async () => {
    const s = await start();
    const token = await tokenOf(s);
    const sections = validPushSections();
    sections.BASIC_INFORMATION!.pan = 'ABCPK1234';
    sections.BASIC_INFORMATION!.dob = '1990-04-15';
    sections.BASIC_INFORMATION!.uidNo = '234567890123';
    sections.PERSONAL_INFORMATION!.applicantTitle = 'mr';
    sections.PERSONAL_INFORMATION!.occupation = '14';
    sections.FAMILY_INFORMATION!.relationship = 'M';
    sections.COMMUNICATION_ADDRESS!.commAddressProof = '30';
    sections.COMMUNICATION_ADDRESS!.commMobileNo = '98765';
    sections.IDENTITY_VERIFICATION!.idProof = '16';
    sections.INPERSON_VERIFICATION!.kycDate = '31-FEB-2026';
    sections.FATCA_DECLARATION!.kraInfo = 'ekyc-eipv';
    sections.DOCUMENT_COLLECTION!.docSign = 'not base64!';
    sections.PERMANENT_ADDRESS!.perCity = '   ';
    const refused = await push(s, { auth: token }, body(sections));
    expect(refused.status).toBe(400);
    const errors = refused.body.errors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual(
      [
        'BASIC_INFORMATION.pan', 'BASIC_INFORMATION.dob', 'BASIC_INFORMATION.uidNo', 'PERSONAL_INFORMATION.applicantTitle', 'PERSONAL_INFORMATION.occupation',
        'FAMILY_INFORMATION.relationship', 'COMMUNICATION_ADDRESS.commAddressProof', 'COMMUNICATION_ADDRESS.commMobileNo', 'IDENTITY_VERIFICATION.idProof',
        'INPERSON_VERIFICATION.kycDate', 'FATCA_DECLARATION.kraInfo', 'DOCUMENT_COLLECTION.docSign', 'PERMANENT_ADDRESS.perCity',
      ].sort(),
    );
    expect(errors['BASIC_INFORMATION.uidNo']).toMatch(/check digit/);
    expect(refused.text).not.toContain('234567890123');
    expect(errors['PERSONAL_INFORMATION.applicantTitle']).toMatch(/"Mr", "Mrs", "Miss", "Dr"/);
    expect(errors['BASIC_INFORMATION.dob']).toMatch(/DD-MON-YYYY/);
  });

  it('refuses a request without user_id, a 9-digit phone, or data that is not the steps array', async () => {
    const s = await start();
    const token = await tokenOf(s);
    const refused = await push(s, { auth: token }, { phone_number: '987654321', data: { BASIC_INFORMATION: {} } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ track: null, errors: { user_id: expect.any(String), phone_number: 'must be 10 digits', data: expect.stringMatching(/array of steps/) } });
    const unknown = await push(s, { auth: token }, { ...body(), data: [...pushData(), { EXTRA_STEP: {} }] });
    expect(unknown.body.errors).toEqual({ EXTRA_STEP: 'is not a step of push_user_data' });
  });
});

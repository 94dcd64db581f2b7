import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/audit/audit-log';
import type { AgentApi, PushRefusal, PushUserDataAnswer, PushUserDataRequest, SessionDetails } from '../../electron/connectors/agent-api/agent-api';
import { AadhaarHolder } from '../../electron/digital-kyc/aadhaar-holder';
import { DocumentStore } from '../../electron/documents/document-store';
import { AADHAAR_NEEDED, digitalKycService, DIGITAL_KYC_SERVICE_ID, MAY_HAVE_BEEN_PUSHED } from '../../electron/services/digital-kyc';
import type { HttpFailure, HttpOutcome } from '../../electron/transport/http-client';
import { SessionKeeper } from '../../electron/video-kyc/session-keeper';
import { DKYC_PUSH_KIND_ID } from '../../shared/record-kinds/dkyc-push';
import { TEST_UID } from '../support/agent-api';
import { pushableRecord } from '../support/dkyc-push';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { makeTempDir } from '../support/temp-dir';
import { testKey } from '../support/test-store';
import { waitFor } from '../support/wait';

/**
 * The digital-KYC push against a fake agent API, through the real engine, store, documents and
 * audit (docs/decisions/0044): a push goes once with the customer's data, documents and generated
 * form, its session is followed to the verdict on the customer's record; a lost answer waits as
 * "may have been pushed" and is never sent again on its own; a 400's errors land on the customer's
 * form fields with any echoed Aadhaar masked; a push whose number main no longer holds waits for it.
 */

type PushBehaviour = 'ok' | HttpFailure | PushRefusal['failure'];

class FakeAgentApi implements AgentApi {
  pushes: PushUserDataRequest[] = [];
  behaviours: PushBehaviour[] = [];
  statuses: Array<string | HttpFailure> = ['waiting', 'kyc_request_accepted', 'kyc_result_approved'];
  detailCalls = 0;

  async sendLink(): Promise<never> {
    throw new Error('not used by the digital-KYC push');
  }

  async pushUserData(request: PushUserDataRequest): Promise<HttpOutcome<PushUserDataAnswer> | PushRefusal> {
    this.pushes.push(request);
    const behaviour = this.behaviours.shift() ?? 'ok';
    if (behaviour === 'ok') return { ok: true, status: 200, body: { success: true, session_id: `dkyc-${this.pushes.length}` } };
    if ('fields' in behaviour) return { ok: false, failure: behaviour };
    return { ok: false, failure: behaviour };
  }

  async sessionDetails(sessionId: string): Promise<HttpOutcome<SessionDetails>> {
    this.detailCalls++;
    const next = this.statuses.length > 1 ? this.statuses.shift()! : this.statuses[0]!;
    if (typeof next !== 'string') return { ok: false, failure: next };
    return { ok: true, status: 200, body: { session_id: sessionId, session_status: next, times: {}, media: [] } };
  }

  async fetchMedia(): Promise<{ ok: false; message: string }> {
    return { ok: false, message: 'not used' };
  }

  async reachable(): Promise<boolean> {
    return true;
  }
}

const VERIFIER = { name: 'TRAINING CHECKER', designation: 'OFFICER', branch: 'MAIN', employmentCode: 'TC01', organization: 'TRAINING BANK' };

let temp: ReturnType<typeof makeTempDir>;
let harness: SyncHarness | undefined;
let api: FakeAgentApi;
let holder: AadhaarHolder;
let keeper: SessionKeeper | undefined;
let audit: AuditLog | undefined;

beforeEach(() => {
  temp = makeTempDir();
  api = new FakeAgentApi();
  holder = new AadhaarHolder();
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  holder.clear();
  temp.remove();
});

async function open(): Promise<SyncHarness> {
  const documents = new DocumentStore(path.join(temp.dir, 'documents'), testKey(temp.dir));
  const service = digitalKycService({
    agentApi: async () => ({ ok: true as const, api }),
    get keeper(): SessionKeeper {
      return keeper!;
    },
    holder,
    minPollIntervalMs: () => 20,
    findRecord: (id) => harness!.records.find(id),
    readDocument: (hash) => documents.get(hash),
    pushSettings: () => ({ amc: 'TEST_AMC', institutionCode: 'IN0308' }),
  });
  harness = await openSyncHarness(temp.dir, { url: 'http://127.0.0.1:9', token: 'unused' }, 20, { services: { all: { [DIGITAL_KYC_SERVICE_ID]: service }, route: DIGITAL_KYC_SERVICE_ID } });
  audit = new AuditLog(harness.store);
  keeper = new SessionKeeper({ store: harness.store, records: harness.records, audit });
  return harness;
}

/** An approved customer with every document the push needs. */
async function customer(h: SyncHarness, n: number) {
  const saved = h.service.save({ record: await pushableRecord(n, (request) => h.intake.accept(request)) }, h.maker);
  h.service.approve([saved.id], h.checker);
  return saved;
}

/** A push of `customerId` as the desk saves it: the number held, the push ready, the engine asked. */
function push(h: SyncHarness, saved: { id: string; reference: string }, digits: string | null = TEST_UID) {
  const handle = digits === null ? 'ah_restartedrestartedrest' : holder.hold(digits);
  const pushed = h.service.save({ kind: DKYC_PUSH_KIND_ID, record: { userId: saved.reference, phoneNumber: '9876543210', sourceRecordId: saved.id, aadhaarHandle: handle } }, h.checker);
  h.engine.startSync(VERIFIER, DIGITAL_KYC_SERVICE_ID);
  return { ...pushed, handle };
}

function sections(request: PushUserDataRequest): Record<string, Record<string, string>> {
  return Object.assign({}, ...request.data);
}

describe('the digital-KYC push', () => {
  it('pushes once with the record, its documents and the generated form, drops the number, and follows the session to the verdict on the customer’s record', async () => {
    const h = await open();
    const saved = await customer(h, 1);
    const pushed = push(h, saved);
    expect(pushed.state).toBe('ready');
    await waitFor('the push to succeed', () => h.records.find(pushed.id)!.state === 'succeeded', 15_000);
    expect(api.pushes).toHaveLength(1);
    const sent = sections(api.pushes[0]!);
    expect(api.pushes[0]).toMatchObject({ user_id: saved.reference, phone_number: '9876543210' });
    expect(sent.BASIC_INFORMATION).toMatchObject({ uidNo: TEST_UID, amc: 'TEST_AMC' });
    expect(sent.INPERSON_VERIFICATION).toMatchObject({ ipvEmployeeCode: 'TC01', ipvInstitutionCode: 'IN0308' });
    expect(Buffer.from(sent.DOCUMENT_COLLECTION!.docEsignForm!, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(Buffer.from(sent.DOCUMENT_COLLECTION!.docPerVerVideo!, 'base64').readUInt32BE(0)).toBe(0x1a45dfa3);
    // The number went with the one request and is no longer held.
    expect(holder.size).toBe(0);
    expect(keeper!.sessions.verdictsFor(saved.id)).toEqual([expect.objectContaining({ sessionId: 'dkyc-1', verdict: 'approved', service: DIGITAL_KYC_SERVICE_ID, requestId: pushed.id })]);
    expect(audit!.list({ action: 'session-verdict', page: 1, pageSize: 5 }).items[0]).toMatchObject({ subject: saved.reference, details: { service: 'digital-kyc', verdict: 'approved' } });
  });

  it('never pushes again after a lost answer: the push waits for a person as "may have been pushed"', async () => {
    const h = await open();
    api.behaviours = [{ kind: 'timeout', message: 'No answer within 30 s.' }];
    const saved = await customer(h, 2);
    const pushed = push(h, saved);
    const batchId = await waitFor('the push to wait for a person', () => {
      const id = h.records.find(pushed.id)!.batchId;
      return id && h.batches.find(id)?.state === 'needs_attention' ? id : undefined;
    });
    expect(h.batches.find(batchId)!.lastError).toBe(MAY_HAVE_BEEN_PUSHED);
    expect(holder.size).toBe(0);
    h.engine.startSync(VERIFIER, DIGITAL_KYC_SERVICE_ID);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.pushes).toHaveLength(1);
  });

  it('ends a 400 refused, the vendor’s errors on the customer’s form fields and an echoed Aadhaar masked', async () => {
    const h = await open();
    api.behaviours = [
      {
        kind: 'rejected',
        status: 400,
        message: `The agent API refused the push (HTTP 400: uidNo ${TEST_UID} is not linked); 2 fields to correct. Nothing was taken.`,
        body: {},
        fields: { 'BASIC_INFORMATION.pan': 'PAN not found at the ITD', 'BASIC_INFORMATION.uidNo': `${TEST_UID} is not linked to this mobile` },
      },
    ];
    const saved = await customer(h, 3);
    const pushed = push(h, saved);
    await waitFor('the push to fail', () => h.records.find(pushed.id)!.state === 'failed', 15_000);
    const stored = h.records.find(pushed.id)!;
    expect(stored.registryErrors).toEqual({
      pan: "PAN not found at the ITD (the vendor's BASIC_INFORMATION.pan)",
      aadhaar: expect.stringMatching(new RegExp(`^X{4} ?X{4} ?${TEST_UID.slice(-4)} is not linked to this mobile \\(the vendor's BASIC_INFORMATION.uidNo\\)$`)),
    });
    expect(stored.message).toContain(`uidNo XXXXXXXX${TEST_UID.slice(-4)} is not linked`);
    expect(JSON.stringify(stored)).not.toContain(TEST_UID);
    expect(api.pushes).toHaveLength(1);
    expect(holder.size).toBe(0);
  });

  it('tries again only what provably never arrived: a 429 storm, then the push goes once', async () => {
    const h = await open();
    api.behaviours = Array.from({ length: 4 }, () => ({ kind: 'rate_limited' as const, status: 429 as const, message: 'Too many requests', retryAfterMs: 20 }));
    const saved = await customer(h, 4);
    const pushed = push(h, saved);
    await waitFor('the push to succeed', () => h.records.find(pushed.id)!.state === 'succeeded', 20_000);
    expect(api.pushes).toHaveLength(5);
    expect(keeper!.sessions.find(pushed.id)).toMatchObject({ sessionId: 'dkyc-5', final: true });
  });

  it('keeps following when an ask fails on the way (no token to be had), and writes a rejection as not approved', async () => {
    const h = await open();
    api.statuses = ['waiting', { kind: 'unreachable', message: 'Nothing was sent. The token request failed.' }, 'kyc_request_accepted', 'kyc_result_rejected'];
    const saved = await customer(h, 5);
    const pushed = push(h, saved);
    await waitFor('the push to end', () => h.records.find(pushed.id)!.state === 'failed', 15_000);
    expect(api.detailCalls).toBe(4);
    expect(keeper!.sessions.verdictsFor(saved.id)).toEqual([expect.objectContaining({ verdict: 'not_approved', status: 'kyc_result_rejected' })]);
    expect(api.pushes).toHaveLength(1);
  });

  it('waits, saying so, when main no longer holds the number (a restart), and goes once it is typed again', async () => {
    const h = await open();
    const saved = await customer(h, 6);
    const pushed = push(h, saved, null);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(h.records.find(pushed.id)).toMatchObject({ state: 'ready', message: AADHAAR_NEEDED });
    expect(api.pushes).toHaveLength(0);
    holder.holdFor(pushed.handle, TEST_UID);
    h.engine.startSync(VERIFIER, DIGITAL_KYC_SERVICE_ID);
    await waitFor('the push to succeed', () => h.records.find(pushed.id)!.state === 'succeeded', 15_000);
    expect(api.pushes).toHaveLength(1);
  });

  it('names every missing document by the customer’s field before anything is sent', async () => {
    const h = await open();
    const record = await pushableRecord(7, (request) => h.intake.accept(request));
    record.images = record.images.filter((image) => image.code !== '09');
    delete record.inPersonVideo;
    const saved = h.service.save({ record }, h.maker);
    h.service.approve([saved.id], h.checker);
    const pushed = push(h, saved);
    await waitFor('the push to fail', () => h.records.find(pushed.id)!.state === 'failed', 15_000);
    expect(Object.keys(h.records.find(pushed.id)!.registryErrors!)).toEqual(expect.arrayContaining(['images', 'inPersonVideo']));
    expect(api.pushes).toHaveLength(0);
    expect(holder.size).toBe(0);
  });
});

describe('the Aadhaar holder', () => {
  it('drops a number after its time, and a handle never names the number', () => {
    let now = 1_000;
    const short = new AadhaarHolder(120_000, () => now);
    const handle = short.hold(TEST_UID);
    expect(handle).not.toContain(TEST_UID.slice(-4));
    expect(short.peek(handle)).toBe(TEST_UID);
    now += 120_000;
    expect(short.peek(handle)).toBeNull();
    expect(short.size).toBe(0);
  });
});

import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/audit/audit-log';
import type { AgentApi, PushUserDataRequest } from '../../electron/connectors/agent-api/agent-api';
import { AadhaarHolder } from '../../electron/digital-kyc/aadhaar-holder';
import { PushDesk } from '../../electron/digital-kyc/push-desk';
import { PUSH_SETTINGS_MISSING, pushSettingsFor } from '../../electron/digital-kyc/push-settings';
import { AGENT_API_MESSAGES, checkAgentApiSettings, DEFAULT_AGENT_API_SETTINGS } from '../../shared/connections/agent-api-settings';
import { DocumentStore } from '../../electron/documents/document-store';
import { ALL_RECORDS } from '../../electron/records/record-scope';
import { digitalKycService, DIGITAL_KYC_SERVICE_ID } from '../../electron/services/digital-kyc';
import type { HttpFailure } from '../../electron/transport/http-client';
import { SessionKeeper } from '../../electron/video-kyc/session-keeper';
import { TEST_UID } from '../support/agent-api';
import { pushableRecord } from '../support/dkyc-push';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { makeTempDir } from '../support/temp-dir';
import { testKey } from '../support/test-store';
import { waitFor } from '../support/wait';

/**
 * The push desk over the real engine (docs/decisions/0044): one push at a time per customer; a push
 * that may have been made blocks another until a person closes it or pushes again on purpose (which
 * closes it first); a push whose number is gone takes it typed again; nothing before approval.
 */
const VERIFIER = { name: 'TRAINING CHECKER', designation: 'OFFICER', branch: 'MAIN', employmentCode: 'TC01', organization: 'TRAINING BANK' };

let temp: ReturnType<typeof makeTempDir>;
let harness: SyncHarness | undefined;
let keeper: SessionKeeper | undefined;
let holder: AadhaarHolder;
const pushes: PushUserDataRequest[] = [];
let behaviours: Array<'ok' | HttpFailure> = [];

const api: AgentApi = {
  sendLink: async () => ({ ok: false, failure: { kind: 'unreachable', message: 'not used' } }),
  pushUserData: async (request) => {
    pushes.push(request);
    const next = behaviours.shift() ?? 'ok';
    return next === 'ok' ? { ok: true, status: 200, body: { success: true, session_id: `DK${pushes.length}` } } : { ok: false, failure: next };
  },
  sessionDetails: async (sessionId) => ({ ok: true, status: 200, body: { session_id: sessionId, session_status: 'kyc_result_approved', times: {}, media: [] } }),
  fetchMedia: async () => ({ ok: false, message: 'not used' }),
  reachable: async () => true,
};

beforeEach(() => {
  temp = makeTempDir();
  holder = new AadhaarHolder();
  pushes.length = 0;
  behaviours = [];
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  holder.clear();
  temp.remove();
});

async function open(pushSettings = pushSettingsFor('training', () => DEFAULT_AGENT_API_SETTINGS)): Promise<{ h: SyncHarness; desk: PushDesk }> {
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
    pushSettings,
  });
  const h = await openSyncHarness(temp.dir, { url: 'http://127.0.0.1:9', token: 'unused' }, 20, { services: { all: { [DIGITAL_KYC_SERVICE_ID]: service }, route: DIGITAL_KYC_SERVICE_ID } });
  harness = h;
  keeper = new SessionKeeper({ store: h.store, records: h.records, audit: new AuditLog(h.store) });
  const desk = new PushDesk({
    store: h.store,
    records: h.records,
    recordService: h.service,
    holder,
    agentApi: { inForce: async () => ({ ok: true as const, api }) },
    pushSettings,
    sendReady: () => void h.engine.startSync(VERIFIER, DIGITAL_KYC_SERVICE_ID),
    closeBatch: (batchId, reason) => h.engine.closeBatch(batchId, reason),
  });
  return { h, desk };
}

async function customer(h: SyncHarness, n: number, approve = true): Promise<string> {
  const saved = h.service.save({ record: await pushableRecord(n, (request) => h.intake.accept(request)) }, h.maker);
  if (approve) h.service.approve([saved.id], h.checker);
  return saved.id;
}

const noop = () => undefined;

describe('the push desk', () => {
  it('refuses a record not yet approved, and holds nothing', async () => {
    const { h, desk } = await open();
    const id = await customer(h, 1, false);
    await expect(desk.push({ recordId: id, aadhaar: TEST_UID }, h.checker, ALL_RECORDS, noop, noop)).rejects.toThrow('Only a record a checker has approved can be pushed for digital KYC.');
    expect(holder.size).toBe(0);
  });

  it('in Live mode names the institution’s codes an admin has not set, and pushes once they are', async () => {
    let settings = DEFAULT_AGENT_API_SETTINGS;
    const { h, desk } = await open(pushSettingsFor('live', () => settings));
    const id = await customer(h, 5);
    const before = desk.forRecord(id, ALL_RECORDS, h.checker);
    expect(before.problems).toEqual([expect.objectContaining({ path: 'pushSettings', label: 'The institution’s codes for digital KYC', message: PUSH_SETTINGS_MISSING })]);
    await expect(desk.push({ recordId: id, aadhaar: TEST_UID }, h.checker, ALL_RECORDS, noop, noop)).rejects.toThrow(PUSH_SETTINGS_MISSING);
    expect(holder.size).toBe(0);
    settings = { ...DEFAULT_AGENT_API_SETTINGS, dkycAmc: 'BANK_AMC', dkycInstitutionCode: 'IN0308' };
    expect(desk.forRecord(id, ALL_RECORDS, h.checker).problems).toEqual([]);
    const pushed = await desk.push({ recordId: id, aadhaar: TEST_UID }, h.checker, ALL_RECORDS, noop, noop);
    await waitFor('the push to be approved', () => desk.view(pushed.id, ALL_RECORDS).verdict === 'approved');
    const sent = Object.assign({}, ...pushes[0]!.data) as Record<string, Record<string, string>>;
    expect(sent.BASIC_INFORMATION!.amc).toBe('BANK_AMC');
    expect(sent.INPERSON_VERIFICATION!.ipvInstitutionCode).toBe('IN0308');
    // The agent API card refuses a code the vendor could not have given, and takes none at all.
    const card = { ...DEFAULT_AGENT_API_SETTINGS, baseUrl: 'https://vkyc.example.in', username: 'branch01' };
    expect(checkAgentApiSettings({ ...card, dkycAmc: 'BANK AMC!', dkycInstitutionCode: 'IN0308' })).toEqual({ dkycAmc: AGENT_API_MESSAGES.dkycAmc });
    expect(checkAgentApiSettings({ ...card, dkycAmc: '  ' })).toEqual({});
  });

  it('after a lost answer refuses a second push, then pushes again only on purpose, closing the first', async () => {
    const { h, desk } = await open();
    const id = await customer(h, 2);
    behaviours = [{ kind: 'server_error', status: 502, message: 'Bad gateway' }];
    const first = await desk.push({ recordId: id, aadhaar: TEST_UID }, h.checker, ALL_RECORDS, noop, noop);
    await waitFor('the first push to wait for a person', () => desk.view(first.id, ALL_RECORDS).phase === 'may_have_been_sent');
    expect(desk.forRecord(id, ALL_RECORDS, h.checker).blocked).toBe(`Push ${first.reference} may have been made: close it, or push again on purpose.`);
    await expect(desk.push({ recordId: id, aadhaar: TEST_UID }, h.checker, ALL_RECORDS, noop, noop)).rejects.toThrow(/may have been made/);
    const closed: string[] = [];
    const again = await desk.push({ recordId: id, aadhaar: TEST_UID, again: true }, h.checker, ALL_RECORDS, noop, (reference) => closed.push(reference));
    expect(closed).toEqual([first.reference]);
    expect(desk.view(first.id, ALL_RECORDS)).toMatchObject({ phase: 'ended', state: 'failed' });
    await waitFor('the second push to be approved', () => desk.view(again.id, ALL_RECORDS).verdict === 'approved');
    expect(pushes).toHaveLength(2);
    expect(desk.forRecord(id, ALL_RECORDS, h.checker).blocked).toBe('This customer’s digital KYC was approved already.');
  });

  it('closes a push that may have been made, with the reason', async () => {
    const { h, desk } = await open();
    const id = await customer(h, 3);
    behaviours = [{ kind: 'timeout', message: 'No answer within 30 s.' }];
    const first = await desk.push({ recordId: id, aadhaar: TEST_UID }, h.checker, ALL_RECORDS, noop, noop);
    await waitFor('the push to wait for a person', () => desk.view(first.id, ALL_RECORDS).phase === 'may_have_been_sent');
    const closed = desk.close(first.id, 'The vendor confirmed no session was made.', ALL_RECORDS, noop);
    expect(closed).toMatchObject({ phase: 'ended', state: 'failed' });
    expect(closed.message).toContain('The vendor confirmed no session was made.');
    expect(desk.forRecord(id, ALL_RECORDS, h.checker).blocked).toBeNull();
  });

  it('takes the number typed again for a push that lost it, checked against the record', async () => {
    const { h, desk } = await open();
    const id = await customer(h, 4);
    behaviours = [{ kind: 'unreachable', message: 'The network is down.' }];
    const first = await desk.push({ recordId: id, aadhaar: TEST_UID }, h.checker, ALL_RECORDS, noop, noop);
    // A restart: main forgets every number; the push goes back to ready and waits.
    holder.clear();
    await waitFor('the push to wait for its number', () => desk.view(first.id, ALL_RECORDS).waitingForAadhaar, 10_000);
    expect(() => desk.typeAadhaar(first.id, `${TEST_UID.slice(0, 11)}${(Number(TEST_UID[11]) + 1) % 10}`, h.checker, ALL_RECORDS)).toThrow(/typing mistake/);
    desk.typeAadhaar(first.id, TEST_UID, h.checker, ALL_RECORDS);
    await waitFor('the push to be approved', () => desk.view(first.id, ALL_RECORDS).verdict === 'approved', 10_000);
    expect(pushes.filter((push) => push.user_id === desk.view(first.id, ALL_RECORDS).userId)).toHaveLength(2);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/audit/audit-log';
import type { AgentApi, SendLinkAnswer, SessionDetails } from '../../electron/connectors/agent-api/agent-api';
import type { HttpFailure, HttpOutcome } from '../../electron/transport/http-client';
import { MAY_HAVE_BEEN_SENT, videoKycService, VIDEO_KYC_SERVICE_ID } from '../../electron/services/video-kyc';
import { SessionKeeper } from '../../electron/video-kyc/session-keeper';
import { VIDEO_KYC_LINK_KIND_ID } from '../../shared/record-kinds/video-kyc-link';
import { makeTempDir } from '../support/temp-dir';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { waitFor } from '../support/wait';

/**
 * The video-KYC service against a fake agent API, through the real engine, store and audit
 * (docs/decisions/0042): a link goes exactly once (a lost answer is never sent again), the session
 * is asked about no more often than the admin's interval, a final status writes the verdict against
 * the customer's record with its audit entry, and a status KYC Desk does not know waits for a person.
 */

type SendBehaviour = 'ok' | HttpFailure;

class FakeAgentApi implements AgentApi {
  sendCalls: Array<{ user_id: string; phone_number: string; link_type: string; send_notification: 0 | 1 }> = [];
  detailCalls: number[] = [];
  sends: SendBehaviour[] = [];
  /** Statuses answered in turn; the last one repeats. */
  statuses: Array<string | HttpFailure> = ['waiting', 'agent_alloted', 'kyc_result_approved'];
  private sessions = 0;

  async sendLink(request: Parameters<AgentApi['sendLink']>[0]): Promise<HttpOutcome<SendLinkAnswer>> {
    this.sendCalls.push(request);
    const behaviour = this.sends.shift() ?? 'ok';
    const sessionId = `sess-${++this.sessions}`;
    if (behaviour !== 'ok') return { ok: false, failure: behaviour };
    return {
      ok: true,
      status: 200,
      body: { link_id: `link-${this.sessions}`, link_url: `https://vkyc.example/l/${this.sessions}`, session_id: sessionId, linkExpiresAtMs: Date.parse('2030-01-01T10:00:00Z'), validity_duration: 900 },
    };
  }

  async sessionDetails(sessionId: string): Promise<HttpOutcome<SessionDetails>> {
    this.detailCalls.push(Date.now());
    const next = this.statuses.length > 1 ? this.statuses.shift()! : this.statuses[0]!;
    if (typeof next !== 'string') return { ok: false, failure: next };
    return { ok: true, status: 200, body: { session_id: sessionId, session_status: next, agent_id: 'AG-7', agent_region: 'South', times: { link_sent: '2030-01-01 09:45:00' }, media: [] } };
  }

  pushUserData(): never {
    throw new Error('not used by the video-KYC service');
  }

  async fetchMedia(): Promise<{ ok: false; message: string }> {
    return { ok: false, message: 'not used' };
  }

  async reachable(): Promise<boolean> {
    return true;
  }
}

const TIMEOUT: HttpFailure = { kind: 'timeout', message: 'No answer within 30 s.' };

let temp: ReturnType<typeof makeTempDir>;
let harness: SyncHarness | undefined;
let api: FakeAgentApi;
let keeper: SessionKeeper | undefined;
let audit: AuditLog | undefined;

beforeEach(() => {
  temp = makeTempDir();
  api = new FakeAgentApi();
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  keeper = undefined;
  temp.remove();
});

/** The real engine with the video-KYC service over the fake; the engine polls every 20 ms, the service allows `minPollMs`. */
async function open(minPollMs = 20, blocked?: (serviceId: string) => string | null): Promise<SyncHarness> {
  const options = {
    agentApi: async () => ({ ok: true as const, api }),
    get keeper(): SessionKeeper {
      return keeper!;
    },
    minPollIntervalMs: () => minPollMs,
  };
  harness = await openSyncHarness(temp.dir, { url: 'http://127.0.0.1:9', token: 'unused' }, 20, { services: { all: { [VIDEO_KYC_SERVICE_ID]: videoKycService(options) }, route: VIDEO_KYC_SERVICE_ID }, ...(blocked ? { blocked } : {}) });
  audit = new AuditLog(harness.store);
  keeper = new SessionKeeper({ store: harness.store, records: harness.records, audit });
  return harness;
}

function askForLink(h: SyncHarness, sourceRecordId?: string) {
  return h.service.save({ kind: VIDEO_KYC_LINK_KIND_ID, record: { userId: 'KYC0001', phoneNumber: '+91 98765 43210', sendNotification: true, linkType: 'free', ...(sourceRecordId ? { sourceRecordId } : {}) } }, h.maker);
}

function batchOf(h: SyncHarness, recordId: string) {
  const batchId = h.records.find(recordId)!.batchId;
  return batchId ? h.batches.find(batchId) : undefined;
}

describe('a video-KYC link request', () => {
  it('is ready as soon as its operator saves it, approved by that operator, and cannot be changed', async () => {
    const h = await open();
    const saved = askForLink(h);
    expect(saved.state).toBe('ready');
    const stored = h.records.find(saved.id)!;
    expect(stored.approvedBy).toBe(h.maker.id);
    expect(stored.kind).toBe(VIDEO_KYC_LINK_KIND_ID);
    expect((stored.record as unknown as { phoneNumber: string }).phoneNumber).toBe('9876543210');
    expect(() => h.service.save({ id: saved.id, kind: VIDEO_KYC_LINK_KIND_ID, record: stored.record }, h.maker)).toThrow(/goes as soon as it is saved and cannot be changed/);
    // A CKYC individual still waits for a checker.
    const individual = h.service.save({ record: await h.sample(1) }, h.maker);
    expect(individual.state).toBe('awaiting_approval');
  });

  it('refuses a 9-digit phone number in plain words, and saves nothing', async () => {
    const h = await open();
    expect(() => h.service.save({ kind: VIDEO_KYC_LINK_KIND_ID, record: { userId: 'KYC0001', phoneNumber: '987654321', sendNotification: true, linkType: 'free' } }, h.maker)).toThrow(
      /Check Phone number: A mobile number has 10 digits; this has 9\./,
    );
    expect(h.records.inState('ready', 10)).toHaveLength(0);
  });
});

describe('the video-KYC service', () => {
  it('sends the link once, follows the session to kyc_result_approved, and writes the verdict on the customer record with its audit entry', async () => {
    const h = await open();
    const customer = await h.save(2);
    const link = askForLink(h, customer.id);
    expect(h.startSync()).toMatchObject({ recordCount: 1 });
    await waitFor('the link request to succeed', () => h.records.find(link.id)!.state === 'succeeded', 10_000);
    expect(api.sendCalls).toEqual([{ user_id: 'KYC0001', phone_number: '9876543210', send_notification: 1, link_type: 'free' }]);

    const session = keeper!.sessions.find(link.id)!;
    expect(session).toMatchObject({ sessionId: 'sess-1', linkId: 'link-1', linkUrl: 'https://vkyc.example/l/1', linkExpiresAt: '2030-01-01T10:00:00.000Z', validitySeconds: 900, status: 'kyc_result_approved', final: true, sourceRecordId: customer.id });
    expect(session.details).toMatchObject({ agent_id: 'AG-7', agent_region: 'South' });
    expect(h.records.find(link.id)!.message).toMatch(/Video KYC approved by the agent \(session sess-1\)/);

    expect(keeper!.sessions.verdictsFor(customer.id)).toEqual([expect.objectContaining({ sessionId: 'sess-1', verdict: 'approved', status: 'kyc_result_approved', requestId: link.id, service: 'video-kyc' })]);
    const entries = audit!.list({ action: 'session-verdict', page: 1, pageSize: 10 }).items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ subject: customer.reference, details: { sessionId: 'sess-1', verdict: 'approved', status: 'kyc_result_approved' } });
    // The customer's own record is untouched by the link's batch: still ready for CKYC.
    expect(h.records.find(customer.id)!.state).toBe('ready');
  });

  it('never sends a link again after a lost answer: the request waits for a person as "may have been sent"', async () => {
    const h = await open();
    api.sends = [TIMEOUT];
    const link = askForLink(h);
    h.startSync();
    await waitFor('the batch to need a person', () => batchOf(h, link.id)?.state === 'needs_attention', 10_000);
    expect(batchOf(h, link.id)!.lastError).toBe(MAY_HAVE_BEEN_SENT);
    expect(api.sendCalls).toHaveLength(1);
    expect(h.records.find(link.id)!.state).toBe('submitted');
    // Another sync run does not pick it up again.
    h.startSync();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.sendCalls).toHaveLength(1);
  });

  it('tries again only what provably never arrived (offline, 429), and ends a refused request with the vendor’s words', async () => {
    const h = await open();
    api.sends = [{ kind: 'rate_limited', status: 429, message: 'Too many requests', retryAfterMs: 30 }];
    const first = askForLink(h);
    h.startSync();
    await waitFor('the first link to succeed', () => h.records.find(first.id)!.state === 'succeeded', 10_000);
    expect(api.sendCalls).toHaveLength(2);

    api.sends = [{ kind: 'rejected', status: 400, message: 'phone_number is invalid', body: { msg: 'phone_number is invalid' } }];
    const second = askForLink(h);
    h.startSync();
    await waitFor('the second link to fail', () => h.records.find(second.id)!.state === 'failed', 10_000);
    expect(h.records.find(second.id)!.message).toBe('Not sent: the agent API refused this link request: phone_number is invalid');
    expect(api.sendCalls).toHaveLength(3);
  });

  it('asks about a session no more often than the admin’s interval, though the engine polls every 20 ms', async () => {
    const h = await open(300);
    api.statuses = ['waiting', 'agent_alloted', { kind: 'server_error', status: 502, message: 'Bad gateway' }, 'kyc_request_accepted', 'kyc_result_rejected'];
    const customer = await h.save(3);
    const link = askForLink(h, customer.id);
    const sentAt = Date.now();
    h.startSync();
    await waitFor('the link request to end', () => h.records.find(link.id)!.state === 'failed', 15_000);
    expect(api.detailCalls).toHaveLength(5);
    // The first ask waits the interval after the link went; each next one (a failed ask too) as long.
    const times = [sentAt, ...api.detailCalls];
    const gaps = times.slice(1).map((at, i) => at - times[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(290);
    expect(keeper!.sessions.verdictsFor(customer.id)).toEqual([expect.objectContaining({ verdict: 'not_approved', status: 'kyc_result_rejected' })]);
    expect(h.records.find(link.id)!.message).toMatch(/Video KYC rejected .*status kyc_result_rejected/);
  });

  it('is blocked only by what blocks its own service: Live mode without a registry connection still sends links', async () => {
    const why: string[] = [];
    const h = await open(20, (serviceId) => {
      why.push(serviceId);
      return serviceId === VIDEO_KYC_SERVICE_ID ? null : 'Live mode needs the registry connection first.';
    });
    const link = askForLink(h);
    expect(h.engine.startSync({ name: 'A', designation: 'B', branch: 'C', employmentCode: 'D', organization: 'E' }, VIDEO_KYC_SERVICE_ID)).toMatchObject({ recordCount: 1 });
    expect(why).toEqual([VIDEO_KYC_SERVICE_ID]);
    await waitFor('the link request to succeed', () => h.records.find(link.id)!.state === 'succeeded', 10_000);
  });

  it('waits for a person on a status KYC Desk does not know, and writes no verdict', async () => {
    const h = await open();
    api.statuses = ['waiting', 'kyc_on_hold'];
    const customer = await h.save(4);
    const link = askForLink(h, customer.id);
    h.startSync();
    await waitFor('the batch to need a person', () => batchOf(h, link.id)?.state === 'needs_attention', 10_000);
    expect(batchOf(h, link.id)!.lastError).toMatch(/says session sess-1 is "kyc_on_hold", which KYC Desk does not know\. A person decides/);
    expect(keeper!.sessions.find(link.id)).toMatchObject({ status: 'kyc_on_hold', final: false });
    expect(keeper!.sessions.verdictsFor(customer.id)).toEqual([]);
    const asked = api.detailCalls.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.detailCalls).toHaveLength(asked);
  });
});

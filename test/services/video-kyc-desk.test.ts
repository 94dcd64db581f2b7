import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/audit/audit-log';
import type { AgentApi, SendLinkAnswer, SessionDetails } from '../../electron/connectors/agent-api/agent-api';
import { RetentionPurge } from '../../electron/retention/purge';
import { videoKycService, VIDEO_KYC_SERVICE_ID } from '../../electron/services/video-kyc';
import type { HttpFailure, HttpOutcome } from '../../electron/transport/http-client';
import { SessionKeeper } from '../../electron/video-kyc/session-keeper';
import { VideoKycDesk } from '../../electron/video-kyc/video-kyc-desk';
import { ALL_RECORDS } from '../../electron/records/record-scope';
import { makeTempDir } from '../support/temp-dir';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { waitFor } from '../support/wait';

/**
 * The Video KYC desk over the real engine and store with a scripted agent API: a link whose answer
 * was lost waits for a person, who closes it (audited) or sends a new one; a live link is not
 * replaced; sessions and verdicts go with their records when retention purges them.
 */
class ScriptedApi implements AgentApi {
  sends: Array<'ok' | HttpFailure> = [];
  sent = 0;
  status = 'waiting';
  /** Minutes until each new link expires (negative: already expired). */
  validMinutes = 60;
  async sendLink(): Promise<HttpOutcome<SendLinkAnswer>> {
    this.sent += 1;
    const next = this.sends.shift() ?? 'ok';
    if (next !== 'ok') return { ok: false, failure: next };
    return { ok: true, status: 200, body: { link_id: `L${this.sent}`, link_url: `https://vkyc.example/l/${this.sent}`, session_id: `S${this.sent}`, linkExpiresAtMs: Date.now() + this.validMinutes * 60_000, validity_duration: 3600 } };
  }
  async sessionDetails(sessionId: string): Promise<HttpOutcome<SessionDetails>> {
    return { ok: true, status: 200, body: { session_id: sessionId, session_status: this.status, times: {}, media: [{ kind: 'selfie', url: 'https://vkyc.example/m/selfie.jpg', aadhaar: false }] } };
  }
  pushUserData(): never {
    throw new Error('not used');
  }
  async fetchMedia(): Promise<{ ok: true; bytes: Buffer; contentType: string }> {
    return { ok: true, bytes: Buffer.from([0xff, 0xd8, 0xff, 0xd9]), contentType: 'image/jpeg' };
  }
  async reachable(): Promise<boolean> {
    return true;
  }
}

let temp: ReturnType<typeof makeTempDir>;
let harness: SyncHarness | undefined;
let api: ScriptedApi;
let keeper: SessionKeeper;
let audit: AuditLog;
let desk: VideoKycDesk;

beforeEach(async () => {
  temp = makeTempDir();
  api = new ScriptedApi();
  const inForce = async () => ({ ok: true as const, api });
  const options = {
    agentApi: inForce,
    get keeper(): SessionKeeper {
      return keeper;
    },
    minPollIntervalMs: () => 20,
  };
  harness = await openSyncHarness(temp.dir, { url: 'http://127.0.0.1:9', token: 'unused' }, 20, { services: { all: { [VIDEO_KYC_SERVICE_ID]: videoKycService(options) }, route: VIDEO_KYC_SERVICE_ID } });
  const h = harness;
  audit = new AuditLog(h.store);
  keeper = new SessionKeeper({ store: h.store, records: h.records, audit });
  desk = new VideoKycDesk({
    store: h.store,
    records: h.records,
    recordService: h.service,
    sessions: keeper.sessions,
    agentApi: { inForce, test: async () => ({ ok: true, message: 'ok' }), pollIntervalMs: () => 20 },
    linkTypes: () => ['free'],
    sendReady: () => void h.startSync(),
    closeBatch: (batchId, reason) => h.engine.closeBatch(batchId, reason),
    intake: { accept: async () => ({ hash: 'a'.repeat(64), mime: 'image/jpeg', bytes: 4, masked: false }) },
  });
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  temp.remove();
});

const typed = { userId: 'KD0000000042', phoneNumber: '9876543210', sendNotification: true, linkType: 'free' };
const phaseOf = (id: string) => desk.list.find(id, ALL_RECORDS)?.phase;

describe('the Video KYC desk', () => {
  it('a link whose answer was lost waits as may-have-been-sent; a person closes it with a reason, and nothing is sent again', async () => {
    api.sends = [{ kind: 'timeout', message: 'No answer within 30 s.' }];
    const sent = await desk.send(typed, harness!.maker, ALL_RECORDS, () => undefined);
    await waitFor('may have been sent', () => phaseOf(sent.id) === 'may_have_been_sent', 10_000);
    expect(desk.list.find(sent.id, ALL_RECORDS)!.message).toMatch(/may have been sent/);
    const closed: string[] = [];
    const after = desk.close(sent.id, 'The customer got no SMS', ALL_RECORDS, (reference) => closed.push(reference));
    expect(after).toMatchObject({ phase: 'ended', state: 'failed' });
    expect(after.message).toMatch(/The customer got no SMS/);
    expect(closed).toEqual([sent.reference]);
    expect(api.sent).toBe(1);
  });

  it('sends a new link in place of one that may have been sent (closing the old one), but never replaces a live link', async () => {
    api.sends = [{ kind: 'server_error', status: 502, message: 'Bad gateway' }];
    const first = await desk.send(typed, harness!.maker, ALL_RECORDS, () => undefined);
    await waitFor('may have been sent', () => phaseOf(first.id) === 'may_have_been_sent', 10_000);
    const again = await desk.sendAgain(first.id, harness!.maker, ALL_RECORDS, () => undefined, () => undefined);
    expect(phaseOf(first.id)).toBe('ended');
    await waitFor('the new link to be followed', () => phaseOf(again.id) === 'following' && desk.list.find(again.id, ALL_RECORDS)!.linkUrl !== null, 10_000);
    expect(api.sent).toBe(2);
    await expect(desk.sendAgain(again.id, harness!.maker, ALL_RECORDS, () => undefined, () => undefined)).rejects.toThrow(/still valid/);
    expect(api.sent).toBe(2);
    // The opened selfie comes from memory; the session's detail names it, never its URL.
    const detail = await waitFor('the session to be asked about', () => {
      const read = desk.detail(again.id, ALL_RECORDS);
      return read.checkedAt ? read : undefined;
    }, 10_000);
    expect(detail.media).toEqual([{ index: 0, kind: 'selfie', aadhaar: false, label: 'Selfie' }]);
    expect(JSON.stringify(detail)).not.toContain('selfie.jpg');
    expect((await desk.media(again.id, 0, ALL_RECORDS)).mime).toBe('image/jpeg');
  });

  it('after a link expired, a new one may be sent; the old session then ends as replaced (kyc_rejected), not approved', async () => {
    api.validMinutes = -1;
    const old = await desk.send(typed, harness!.maker, ALL_RECORDS, () => undefined);
    await waitFor('the old link to be followed', () => desk.list.find(old.id, ALL_RECORDS)?.linkUrl, 10_000);
    api.validMinutes = 60;
    const fresh = await desk.sendAgain(old.id, harness!.maker, ALL_RECORDS, () => undefined, () => undefined);
    expect(fresh.id).not.toBe(old.id);
    // The vendor rejects the older session once the new link is made.
    api.status = 'kyc_rejected';
    const ended = await waitFor('the old session to end', () => (phaseOf(old.id) === 'ended' ? desk.list.find(old.id, ALL_RECORDS) : undefined), 10_000);
    expect(ended).toMatchObject({ state: 'failed', status: 'kyc_rejected', final: true, verdict: 'not_approved', statusWords: 'Replaced: a newer link was sent to this customer' });
    expect(api.sent).toBe(2);
  });

  it('retention purges a session and its verdict with their records', async () => {
    const h = harness!;
    api.status = 'kyc_result_approved';
    const customer = await h.save(5);
    const link = await desk.send({ recordId: customer.id, sendNotification: false, linkType: 'free' }, h.maker, ALL_RECORDS, () => undefined);
    expect(link).toMatchObject({ userId: customer.reference, sourceRecordId: customer.id });
    await waitFor('the link request to succeed', () => h.records.find(link.id)!.state === 'succeeded', 10_000);
    expect(keeper.sessions.verdictsFor(customer.id)).toHaveLength(1);
    // The customer's record succeeded long ago too (as if CKYC had taken it).
    h.store.write(() => h.store.run(`UPDATE records SET state = 'succeeded', terminal_at = '2000-01-01T00:00:00.000Z' WHERE id IN (?, ?)`, [customer.id, link.id]));
    const purged = await new RetentionPurge({ store: h.store, audit, clock: () => new Date(), deleteDocumentFiles: () => undefined, retentionDays: () => 30 }).runOnce();
    expect(purged.purgedRecords).toBe(2);
    expect(keeper.sessions.find(link.id)).toBeUndefined();
    expect(keeper.sessions.verdictsFor(customer.id)).toEqual([]);
  });
});

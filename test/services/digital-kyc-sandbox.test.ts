import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/audit/audit-log';
import { connectAgentApi } from '../../electron/connectors/agent-api/connect';
import type { AgentApi } from '../../electron/connectors/agent-api/agent-api';
import { AadhaarHolder } from '../../electron/digital-kyc/aadhaar-holder';
import { DocumentStore } from '../../electron/documents/document-store';
import type { CkycSandbox } from '../../electron/sandbox';
import { readAgentLedger, repeatedPushes } from '../../electron/sandbox/agent-api/ledger';
import type { AgentSandboxSettings } from '../../electron/sandbox/agent-api/service';
import { digitalKycService, DIGITAL_KYC_SERVICE_ID } from '../../electron/services/digital-kyc';
import { SessionKeeper } from '../../electron/video-kyc/session-keeper';
import { DKYC_PUSH_KIND_ID } from '../../shared/record-kinds/dkyc-push';
import { AGENT_CREDENTIALS, keepingLogger, startAgentSandbox, TEST_UID } from '../support/agent-api';
import { pushableRecord } from '../support/dkyc-push';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { makeTempDir } from '../support/temp-dir';
import { testKey } from '../support/test-store';
import { waitFor } from '../support/wait';

/**
 * The digital-KYC push with the real agent API client against the Training sandbox, whose own
 * judge reads every field: a token that expires while the session is followed is renewed and the
 * session reaches its verdict; a 429 storm (the sandbox allowing far fewer requests than the
 * client sends) holds the pushes until each customer is pushed exactly once.
 */
const VERIFIER = { name: 'TRAINING CHECKER', designation: 'OFFICER', branch: 'MAIN', employmentCode: 'TC01', organization: 'TRAINING BANK' };

let temp: ReturnType<typeof makeTempDir>;
let harness: SyncHarness | undefined;
let keeper: SessionKeeper | undefined;
let sandbox: CkycSandbox | undefined;
const holder = new AadhaarHolder();

beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  await harness?.close();
  await sandbox?.close();
  harness = undefined;
  sandbox = undefined;
  holder.clear();
  temp.remove();
});

/** The sandbox's clock: moved on to make the client's token stale at the vendor while the client still trusts it. */
let skewMs = 0;
/** Pushes the sandbox answered 429 (nothing taken: the engine tries them again). */
let limitedPushes = 0;

async function open(settings: AgentSandboxSettings, requestsPerMinute: number): Promise<{ h: SyncHarness; logger: ReturnType<typeof keepingLogger> }> {
  skewMs = 0;
  sandbox = await startAgentSandbox(path.join(temp.dir, 'sandbox'), { stepMs: 400, ...settings }, { now: () => Date.now() + skewMs });
  const logger = keepingLogger();
  const client = connectAgentApi({ baseUrl: sandbox.url, ...AGENT_CREDENTIALS, requestsPerMinute, timeoutMs: 5000 }, { logger, maxRateWaitMs: 100 });
  limitedPushes = 0;
  const api: AgentApi = {
    sendLink: (request) => client.sendLink(request),
    sessionDetails: (id) => client.sessionDetails(id),
    fetchMedia: (url, max) => client.fetchMedia(url, max),
    reachable: () => client.reachable(),
    pushUserData: async (request) => {
      const outcome = await client.pushUserData(request);
      if (!outcome.ok && outcome.failure.kind === 'rate_limited') limitedPushes++;
      return outcome;
    },
  };
  const documents = new DocumentStore(path.join(temp.dir, 'documents'), testKey(temp.dir));
  const service = digitalKycService({
    agentApi: async () => ({ ok: true as const, api }),
    get keeper(): SessionKeeper {
      return keeper!;
    },
    holder,
    minPollIntervalMs: () => 200,
    findRecord: (id) => harness!.records.find(id),
    readDocument: (hash) => documents.get(hash),
    pushSettings: () => ({ amc: 'TEST_AMC', institutionCode: 'IN0000' }),
  });
  harness = await openSyncHarness(temp.dir, { url: sandbox.url, token: 'unused' }, 50, { services: { all: { [DIGITAL_KYC_SERVICE_ID]: service }, route: DIGITAL_KYC_SERVICE_ID } });
  keeper = new SessionKeeper({ store: harness.store, records: harness.records, audit: new AuditLog(harness.store) });
  return { h: harness, logger };
}

async function pushCustomer(h: SyncHarness, n: number): Promise<{ customer: string; push: string }> {
  const saved = h.service.save({ record: await pushableRecord(n, (request) => h.intake.accept(request)) }, h.maker);
  h.service.approve([saved.id], h.checker);
  const pushed = h.service.save({ kind: DKYC_PUSH_KIND_ID, record: { userId: saved.reference, phoneNumber: '9876543210', sourceRecordId: saved.id, aadhaarHandle: holder.hold(TEST_UID) } }, h.checker);
  return { customer: saved.id, push: pushed.id };
}

describe('the digital-KYC push against the Training sandbox', () => {
  it('is taken by the sandbox’s judge, and follows its session to approved though the token expires mid-poll', { timeout: 60_000 }, async () => {
    const { h, logger } = await open({}, 6000);
    const { customer, push } = await pushCustomer(h, 31);
    h.engine.startSync(VERIFIER, DIGITAL_KYC_SERVICE_ID);
    await waitFor('the push to be taken', () => keeper!.sessions.find(push), 20_000);
    // Sixteen minutes pass at the vendor: the 15-minute token it gave is now expired there.
    skewMs = 16 * 60_000;
    await waitFor('the push to succeed', () => h.records.find(push)!.state === 'succeeded', 45_000);
    expect(keeper!.sessions.verdictsFor(customer)).toEqual([expect.objectContaining({ verdict: 'approved', service: 'digital-kyc' })]);
    // The token ran out between asks and was renewed on the vendor's 401.
    expect(logger.lines.filter((line) => line.message === 'agent API refused the token; fetching a new one').length).toBeGreaterThan(0);
    const pushes = readAgentLedger(path.join(temp.dir, 'sandbox', 'agent-api')).filter((entry) => entry.kind === 'push');
    expect(pushes).toHaveLength(1);
    expect(JSON.stringify(logger.lines)).not.toContain(TEST_UID.slice(0, 8));
  });

  it('holds pushes through a 429 storm and pushes each customer exactly once', { timeout: 90_000 }, async () => {
    const { h } = await open({ rateLimit: { requests: 2, perMs: 1500 } }, 6000);
    const ids: Array<{ customer: string; push: string }> = [];
    for (let n = 0; n < 4; n++) ids.push(await pushCustomer(h, 40 + n));
    h.engine.startSync(VERIFIER, DIGITAL_KYC_SERVICE_ID);
    await waitFor('every push to succeed', () => ids.every(({ push }) => h.records.find(push)!.state === 'succeeded'), 80_000);
    const ledger = readAgentLedger(path.join(temp.dir, 'sandbox', 'agent-api'));
    expect(limitedPushes).toBeGreaterThan(0);
    expect(ledger.filter((entry) => entry.kind === 'push')).toHaveLength(4);
    expect(repeatedPushes(ledger)).toEqual([]);
  });
});

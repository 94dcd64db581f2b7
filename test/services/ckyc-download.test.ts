import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CkycDownloadClient } from '../../electron/connectors/ckyc-bulk/download-client';
import type { DownloadInitializeRequest } from '../../electron/connectors/ckyc-bulk/download-wire';
import { FetchDesk } from '../../electron/fetch/fetch-desk';
import { FetchKeeper } from '../../electron/fetch/keep-fetched';
import { DocumentStore } from '../../electron/documents/document-store';
import { silentLogger } from '../../electron/logging/logger';
import { ALL_RECORDS } from '../../electron/records/record-scope';
import { CkycSandbox } from '../../electron/sandbox/ckyc/sandbox';
import { withPhotograph } from '../../electron/sandbox/ckyc/registry-people';
import { DEFAULT_SANDBOX_SEED } from '../../electron/sandbox/shell/faults';
import { ckycDownloadService, CKYC_DOWNLOAD_SERVICE_ID } from '../../electron/services/ckyc-download';
import { AuditLog } from '../../electron/audit/audit-log';
import { RetentionPurge } from '../../electron/retention/purge';
import { makeTempDir } from '../support/temp-dir';
import { openSyncHarness, type SyncHarness } from '../support/sync-harness';
import { waitFor } from '../support/wait';

const TOKEN = 'download-test-token';
const VERIFIER = { name: 'A OFFICER', designation: 'OFFICER', branch: 'MAIN', employmentCode: 'E1', organization: 'BANK' };
let temp: ReturnType<typeof makeTempDir>;
let sandbox: CkycSandbox | undefined;
let harness: SyncHarness | undefined;

beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  await harness?.close();
  await sandbox?.close();
  harness = undefined;
  sandbox = undefined;
  temp.remove();
});

/** A download client whose first initialize reaches the registry but whose answer is lost on the way back. */
class LosesFirstAnswer extends CkycDownloadClient {
  initializeCalls = 0;
  override async initialize(request: DownloadInitializeRequest) {
    this.initializeCalls += 1;
    const outcome = await super.initialize(request);
    if (this.initializeCalls === 1 && outcome.ok) return { ok: false as const, failure: { kind: 'timeout' as const, message: 'The registry did not answer in time.' } };
    return outcome;
  }
}

/** A download client that cannot reach the registry while `offline` is set, and tells the registry's words for a state it does not know. */
class Switchable extends CkycDownloadClient {
  offline = false;
  unknownState: string | null = null;
  initializeCalls = 0;
  override async initialize(request: DownloadInitializeRequest) {
    if (this.offline) return { ok: false as const, failure: { kind: 'unreachable' as const, message: 'Could not connect to the registry.' } };
    this.initializeCalls += 1;
    return super.initialize(request);
  }
  override async status(clientId: string) {
    const outcome = await super.status(clientId);
    if (this.unknownState === null || !outcome.ok) return outcome;
    return { ...outcome, body: { ...outcome.body, data: { ...outcome.body.data, state: this.unknownState, individuals: undefined } } };
  }
}

async function start(options: { losesFirstAnswer?: boolean; switchable?: boolean } = {}) {
  sandbox = await CkycSandbox.start({ stateDir: path.join(temp.dir, 'sandbox'), token: TOKEN, processingMs: 150, logger: silentLogger });
  const connection = { baseUrl: sandbox.url, token: TOKEN, timeoutMs: 2000 };
  const client = options.losesFirstAnswer ? new LosesFirstAnswer(connection) : options.switchable ? new Switchable(connection) : new CkycDownloadClient(connection);
  const keep = { fn: (_: unknown) => undefined as void };
  const service = ckycDownloadService({ client, probe: () => Promise.resolve(!(client instanceof Switchable && client.offline)), keep: (answers) => keep.fn(answers) });
  harness = await openSyncHarness(temp.dir, { url: sandbox.url, token: TOKEN }, 50, { services: { all: { [CKYC_DOWNLOAD_SERVICE_ID]: service }, route: CKYC_DOWNLOAD_SERVICE_ID } });
  const documents = new DocumentStore(path.join(temp.dir, 'fetched-documents'), Buffer.alloc(32, 7));
  const keeper = new FetchKeeper(harness.store, documents, silentLogger);
  keep.fn = (answers) => keeper.keep(answers as Parameters<FetchKeeper['keep']>[0]);
  const desk = new FetchDesk({ store: harness.store, records: harness.records, recordService: harness.service, operatorName: () => null });
  return { sandbox, harness, desk, client, keeper, documents };
}

/** Saves a request as the maker, approves it as the checker, sends it, and waits for its batch to end. */
async function fetchAndWait(h: SyncHarness, desk: FetchDesk, people: Array<{ ckycNumber: string; dob?: string; mobile?: string }>) {
  const saved = desk.request({ people, recordIds: [] }, h.maker, ALL_RECORDS, () => undefined);
  expect(saved.state).toBe('awaiting_approval');
  expect(h.service.approve([saved.id], h.checker).approved).toHaveLength(1);
  const started = h.engine.startSync(VERIFIER, CKYC_DOWNLOAD_SERVICE_ID);
  expect(started.batchId).not.toBeNull();
  await waitFor('the download batch to end', () => ['succeeded', 'failed', 'needs_attention'].includes(h.batches.find(started.batchId!)?.state ?? ''), 15_000);
  return { requestId: saved.id, batchId: started.batchId! };
}

describe('Fetch from CKYC through the sync engine, against the Training sandbox', () => {
  it('fetches three seeded people; an unknown CKYC number and a wrong dob fail their person only', async () => {
    const { sandbox: s, harness: h, desk } = await start();
    const [a, b, c, d] = s.seededPeople();
    const people = [
      { ckycNumber: a!.ckyc_number, dob: a!.dob },
      { ckycNumber: b!.ckyc_number, mobile: b!.mobile_number },
      { ckycNumber: c!.ckyc_number, dob: c!.dob },
      { ckycNumber: '99999999999999', dob: '1980-01-01' },
      { ckycNumber: d!.ckyc_number, dob: d!.dob === '1990-01-01' ? '1990-01-02' : '1990-01-01' },
    ];
    const { requestId, batchId } = await fetchAndWait(h, desk, people);
    expect(h.batches.find(batchId)?.state).toBe('succeeded');
    const { request, people: results } = desk.results(requestId, ALL_RECORDS);
    expect(results.map((person) => person.state)).toEqual(['fetched', 'fetched', 'fetched', 'failed', 'failed']);
    expect(request).toMatchObject({ state: 'succeeded', people: 5, fetched: 3, failed: 2 });
    expect(results[3]!.error).toBeTruthy();
    expect(results[4]!.error).toBeTruthy();
    const first = results[0]!.record!;
    expect(first).toMatchObject({ applicationType: '03', ckycNumber: a!.ckyc_number, firstName: a!.first_name!.toUpperCase(), lastName: a!.last_name!.toUpperCase(), dateOfBirth: a!.dob, pan: a!.pan });
    expect(first.permanentAddress.pinCode).toBe(a!.permanent_address!.pin_code);
    // Aadhaar-based numbers are kept as their last 4 digits only, in the record and in the raw fields.
    for (const person of results.slice(0, 3)) {
      for (const document of person.record!.identityDocuments.filter((doc) => doc.code === 'E')) expect(document.number).toMatch(/^\d{4}$/);
      expect(JSON.stringify(person.raw)).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
    }
    // The batch keeps the registry's words, never the people's data.
    const row = h.store.get('SELECT last_answer FROM batches WHERE id = ?', [batchId]);
    expect(String(row?.last_answer ?? '')).not.toContain(a!.first_name);
  });

  it('keeps the same answer read twice once', async () => {
    const { sandbox: s, harness: h, desk, keeper } = await start();
    const [a] = s.seededPeople();
    const { requestId } = await fetchAndWait(h, desk, [{ ckycNumber: a!.ckyc_number, dob: a!.dob }]);
    const before = h.store.all('SELECT * FROM fetched_people WHERE request_id = ?', [requestId]);
    keeper.keep([{ requestId, position: 0, ckycNumber: a!.ckyc_number, state: 'fetched', registryState: 'succeeded', error: null, person: { record: desk.results(requestId, ALL_RECORDS).people[0]!.record!, raw: {}, photograph: null } }]);
    expect(h.store.all('SELECT * FROM fetched_people WHERE request_id = ?', [requestId])).toHaveLength(before.length);
    expect(before).toHaveLength(1);
  });

  it('a lost initialize answer is found by name and never initialized twice', async () => {
    const { sandbox: s, harness: h, desk, client } = await start({ losesFirstAnswer: true });
    const [a, b] = s.seededPeople();
    const { requestId, batchId } = await fetchAndWait(h, desk, [{ ckycNumber: a!.ckyc_number, dob: a!.dob }, { ckycNumber: b!.ckyc_number, dob: b!.dob }]);
    expect(h.batches.find(batchId)?.state).toBe('succeeded');
    expect((client as LosesFirstAnswer).initializeCalls).toBe(1);
    const found = await client.findByName(h.batches.find(batchId)!.batchFileName);
    expect(found.ok && found.download?.client_id).toBe(h.batches.find(batchId)!.clientId);
    expect(desk.results(requestId, ALL_RECORDS).people.map((person) => person.state)).toEqual(['fetched', 'fetched']);
  });

  it('a request without dob or mobile for a person is refused in words, and nothing is saved', async () => {
    const { harness: h, desk } = await start();
    expect(() => desk.request({ people: [{ ckycNumber: '12345678901234' }], recordIds: [] }, h.maker, ALL_RECORDS, () => undefined)).toThrow(/record rules|date of birth|dob|check/i);
    expect(desk.list({ page: 1, pageSize: 20 }, ALL_RECORDS).total).toBe(0);
  });

  it('an answer in a state KYC Desk does not know waits for a person, and is not asked again on its own', async () => {
    const { sandbox: s, harness: h, desk, client } = await start({ switchable: true });
    (client as Switchable).unknownState = 'on_hold_by_vendor';
    const [a] = s.seededPeople();
    const { requestId, batchId } = await fetchAndWait(h, desk, [{ ckycNumber: a!.ckyc_number, dob: a!.dob }]);
    const batch = h.batches.find(batchId)!;
    expect(batch.state).toBe('needs_attention');
    expect(batch.lastError).toContain('on_hold_by_vendor');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.batches.find(batchId)!.state).toBe('needs_attention');
    expect(desk.results(requestId, ALL_RECORDS).people[0]!.state).toBe('waiting');
  });

  it('offline, a download waits without sending; back online, it goes once', async () => {
    const { sandbox: s, harness: h, desk, client } = await start({ switchable: true });
    const switchable = client as Switchable;
    switchable.offline = true;
    const [a] = s.seededPeople();
    const saved = desk.request({ people: [{ ckycNumber: a!.ckyc_number, dob: a!.dob }], recordIds: [] }, h.maker, ALL_RECORDS, () => undefined);
    h.service.approve([saved.id], h.checker);
    const { batchId } = h.engine.startSync(VERIFIER, CKYC_DOWNLOAD_SERVICE_ID);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(h.batches.find(batchId!)!.state).toBe('sending');
    expect(switchable.initializeCalls).toBe(0);
    switchable.offline = false;
    await waitFor('the download to end once online', () => h.batches.find(batchId!)!.state === 'succeeded', 15_000);
    expect(switchable.initializeCalls).toBe(1);
  });

  it('retention purges a finished request with the people it fetched', async () => {
    const { sandbox: s, harness: h, desk } = await start();
    const [a] = s.seededPeople();
    const { requestId } = await fetchAndWait(h, desk, [{ ckycNumber: a!.ckyc_number, dob: a!.dob }]);
    expect(h.store.all('SELECT * FROM fetched_people WHERE request_id = ?', [requestId])).toHaveLength(1);
    const purge = new RetentionPurge({ store: h.store, audit: new AuditLog(h.store), clock: () => new Date(Date.now() + 400 * 86_400_000), logger: silentLogger, deleteDocumentFiles: () => undefined });
    expect((await purge.runOnce()).purgedRecords).toBe(1);
    expect(h.store.all('SELECT * FROM fetched_people WHERE request_id = ?', [requestId])).toHaveLength(0);
  });

  it('a photograph the registry sends is sealed in the document store, owned by the request', async () => {
    const { sandbox: s, harness: h, desk, documents } = await start();
    const withPhoto = s.seededPeople().map((person) => withPhotograph(DEFAULT_SANDBOX_SEED, person)).find((person) => person.photograph_base64 !== undefined)!;
    const { requestId } = await fetchAndWait(h, desk, [{ ckycNumber: withPhoto.ckyc_number, dob: withPhoto.dob }]);
    const raw = desk.results(requestId, ALL_RECORDS).people[0]!.raw as { photograph?: { documentHash: string } };
    expect(raw.photograph?.documentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(documents.get(raw.photograph!.documentHash).equals(Buffer.from(withPhoto.photograph_base64!, 'base64'))).toBe(true);
    expect(h.store.get('SELECT record_id FROM documents WHERE hash = ?', [raw.photograph!.documentHash])?.record_id).toBe(requestId);
  });
});

import path from 'node:path';
import { EventHub } from '../../electron/events/event-hub';
import { CkycBulkClient } from '../../electron/connectors/ckyc-bulk/client';
import { silentLogger } from '../../electron/logging/logger';
import { RecordRepository } from '../../electron/records/record-repository';
import { RecordService } from '../../electron/records/record-service';
import { Store } from '../../electron/store/database';
import { OperatorService } from '../../electron/operators/operator-service';
import { OperatorRepository } from '../../electron/operators/operator-repository';
import { testKey } from './test-store';
import { BatchRepository } from '../../electron/sync/batch-repository';
import { SyncEngine } from '../../electron/sync/sync-engine';
import type { EventName, ResponseOf } from '../../shared/contract';
import type { OperatorProfile } from '../../shared/operators/roles';
import { DocumentIntake } from '../../electron/documents/document-intake';
import { DocumentStore } from '../../electron/documents/document-store';
import { DEFAULT_DOCUMENT_LIMITS } from '../../shared/documents/limits';
import type { KycRecord } from '../../shared/record/kyc-record';
import { sampleKycRecord, type SampleOverrides } from './kyc-records';
import { storedImagesFor } from './stored-samples';
import type { SubmissionRoute } from '../../shared/sync/routes';
import type { SftpConnectionSettings } from '../../electron/transport/sftp';
import { RecordsApiClient } from '../../electron/connectors/ckyc-records/client';
import { TokenProvider } from '../../electron/connectors/agent-api/token';
import { TRAINING_RECORDS_API_CREDENTIALS } from '../../electron/sandbox/ckyc/sandbox';
import { Outbox } from '../../electron/sync/outbox';
import { ckycSubmissionServices } from '../../electron/services/ckyc';
import type { SubmissionService } from '../../electron/sync/submission-service';
import { institutionFields } from '../../electron/app/training-connections';

const VERIFIER = { name: 'A OFFICER', designation: 'OFFICER', branch: 'MAIN', employmentCode: 'E1', organization: 'BANK' };

export interface SyncHarnessServer {
  url: string;
  token: string;
  /** The SFTP server for the bulk-sftp route (a sandbox's: trainingSftpSettings(sandbox)). */
  sftp?: () => SftpConnectionSettings | { problem: string };
}

export interface SyncHarness {
  store: Store;
  records: RecordRepository;
  batches: BatchRepository;
  service: RecordService;
  engine: SyncEngine;
  events: Array<{ event: EventName; payload: unknown }>;
  intake: DocumentIntake;
  /** Sample record `n` with its photograph and masked Aadhaar image stored, as the form would send it. */
  sample(n: number, overrides?: SampleOverrides): Promise<KycRecord>;
  /** Capture sample `n` as the training maker and approve it as the training checker: it is ready to sync. */
  save(n: number, overrides?: SampleOverrides): Promise<ResponseOf<'records.save'>>;
  maker: OperatorProfile;
  checker: OperatorProfile;
  startSync(): ResponseOf<'sync.start'>;
  close(): Promise<void>;
}

/** The real store, repositories and engine, pointed at any server a test chooses. */
export async function openSyncHarness(
  dataDir: string,
  server: SyncHarnessServer,
  pollIntervalMs = 50,
  limits: {
    maxBatchRecords?: number;
    maxBatchBytes?: number;
    timeoutMs?: number;
    route?: SubmissionRoute;
    bulkCredentials?: { username: string; password: string };
    /** Other submission services instead of CKYC's (a test's toy service), and the one in force. */
    services?: { all: Readonly<Record<string, SubmissionService>>; route: string };
    /** Why no batch of a service may be made now (Live mode without its connection). */
    blocked?: (serviceId: string) => string | null;
  } = {},
): Promise<SyncHarness> {
  const { store } = await Store.open(path.join(dataDir, 'store'), { key: testKey(dataDir) });
  const records = new RecordRepository(store);
  const batches = new BatchRepository(store);
  const hub = new EventHub();
  const events: SyncHarness['events'] = [];
  hub.subscribe((event, payload) => events.push({ event, payload }));
  const timeoutMs = limits.timeoutMs ?? 1000;
  // The bulk API with the sandbox's fixed token, or with a JWT from the token endpoint (seed 002).
  const bulkToken = limits.bulkCredentials ? new TokenProvider({ baseUrl: server.url, timeoutMs, source: { kind: 'credentials', ...limits.bulkCredentials } }) : server.token;
  const client = new CkycBulkClient({ baseUrl: server.url, token: bulkToken, timeoutMs });
  const documents = new DocumentStore(path.join(dataDir, 'documents'), testKey(dataDir));
  const recordsApi = new RecordsApiClient(
    { baseUrl: server.url, timeoutMs, institution: institutionFields(null) },
    new TokenProvider({ baseUrl: server.url, timeoutMs, source: { kind: 'credentials', ...TRAINING_RECORDS_API_CREDENTIALS } }),
  );
  const engine = new SyncEngine({
    store,
    records,
    batches,
    events: hub,
    logger: silentLogger,
    pollIntervalMs,
    maxBatchRecords: limits.maxBatchRecords ?? 100,
    services:
      limits.services?.all ??
      ckycSubmissionServices(
        { bulk: client, sftp: () => Promise.resolve(server.sftp?.() ?? { problem: 'This test gave no SFTP server.' }), recordsApi: () => recordsApi },
        { readDocument: (hash) => documents.get(hash), ...(limits.maxBatchBytes !== undefined ? { maxBatchBytes: limits.maxBatchBytes } : {}) },
      ),
    route: () => limits.services?.route ?? limits.route ?? 'bulk-api',
    outbox: new Outbox(path.join(dataDir, 'outbox'), testKey(dataDir)),
    onStatus: (status) => events.push({ event: 'sync-status', payload: status }),
    ...(limits.blocked ? { blocked: limits.blocked } : {}),
    random: () => 0,
  });
  const operators = new OperatorService(store, new OperatorRepository(store), () => new Date());
  const [maker, checker] = operators.ensureTrainingOperators() as [OperatorProfile, OperatorProfile, OperatorProfile];
  const service = new RecordService(store, records, () => new Date(), (approver, record) => operators.assertCanApprove(approver, record), DEFAULT_DOCUMENT_LIMITS);
  const intake = new DocumentIntake(store, documents);
  const sample = async (n: number, overrides: SampleOverrides = {}) => sampleKycRecord(n, overrides, await storedImagesFor(n, (request) => intake.accept(request)));
  return {
    store,
    records,
    batches,
    service,
    engine,
    events,
    maker,
    checker,
    intake,
    sample,
    save: async (n, overrides) => {
      const saved = service.save({ record: await sample(n, overrides) }, maker);
      service.approve([saved.id], checker);
      return { ...saved, state: 'ready' };
    },
    startSync: () => engine.startSync(VERIFIER),
    close: async () => {
      await engine.stop();
      await store.close();
    },
  };
}

import path from 'node:path';
import type { AppMode } from '../../shared/mode';
import { createFileLogger, type Logger } from '../logging/logger';
import { Store } from '../store/database';
import { RecordRepository } from '../records/record-repository';
import { RecordService } from '../records/record-service';
import { SameCustomerIndex } from '../records/same-customer/same-customer-index';
import { BatchRepository } from '../sync/batch-repository';
import { SyncEngine } from '../sync/sync-engine';
import { createRouter, type Dispatch } from '../ipc/router';
import { authorizeBySession } from '../ipc/session-authorization';
import { DocumentStore } from '../documents/document-store';
import { tidyDocumentsAtStart } from '../documents/start-up-tidy';
import { DraftStore } from '../drafts/draft-store';
import { AuditLog } from '../audit/audit-log';
import { OperatorRepository } from '../operators/operator-repository';
import { OperatorService } from '../operators/operator-service';
import { OperatorSession, type LockReason, type SessionTimers } from '../session/session';
import { announceSessionChanges } from '../session/session-announcements';
import { readIdleMinutes } from '../session/idle-setting';
import { RetentionSettings } from '../retention/retention-settings';
import { RetentionPurge } from '../retention/purge';
import { createKeytarVault } from '../vault/keytar-vault';
import type { Vault } from '../vault/vault';
import { openModeKeychain, type KeychainKind } from '../vault/keychain-choice';
import { SecretService } from '../vault/secret-service';
import { loadShippedPinMaster } from '../pin-master/bundled';
import type { PinMaster } from '../pin-master/pin-master';
import { EventHub } from '../events/event-hub';
import { readRuntimeConfig } from './config';
import { acquireInstanceLock } from '../data-folder/instance-lock';
import { readModeChoice, writeModeChoice } from '../data-folder/mode-choice';
import { LiveModeGate } from '../live-setup/live-mode-gate';
import { registryFor } from './registry-wiring';
import type { HandlerContext } from './handlers/context';
import { handlersFrom } from './handlers/all-handlers';
import { ConnectionService } from '../connections/connection-service';
import { DEFAULT_SFTP_TIMEOUTS, probeHostKey } from '../transport/sftp';
import { ConnectionRepository } from '../connections/connection-repository';
import { readSubmissionRoute } from '../services/ckyc/route-setting';
import { Outbox } from '../sync/outbox';
import { submissionServices } from './submission-services';
import { auditFinishedSyncs } from '../sync/finish-audit';
import { RegistryDashboard } from '../registry-dashboard';
import { FetchKeeper } from '../fetch/keep-fetched';
import type { SubmissionRoute } from '../../shared/sync/routes';
import { AgentApiSettingsStore } from '../video-kyc/agent-api-settings';
import { SessionKeeper } from '../video-kyc/session-keeper';
import { agentApiWiring } from './agent-api-wiring';
import { cdpWiring } from './cdp-wiring';
import { CdpSettingsStore } from '../uae-onboarding/cdp-settings';
import { VIDEO_KYC_SERVICE_ID } from '../services/video-kyc';
import { DIGITAL_KYC_SERVICE_ID } from '../services/digital-kyc';
import { UAE_ONBOARDING_SERVICE_ID } from '../services/uae-onboarding';
import { BULK_UPDATE_SERVICE_ID } from '../services/bulk-update';
import { BulkUpdateSettingsStore } from '../bulk-update/bulk-update-settings';
import { SendHistory } from '../bulk-update/send-history';
import { bulkUpdateWiring } from '../bulk-update/bulk-update-wiring';
import { AadhaarHolder } from '../digital-kyc/aadhaar-holder';
import { pushSettingsFor } from '../digital-kyc/push-settings';
import { trainingAgentConnection, trainingBulkUpdateConnection, trainingCdpConnection } from './training-connections';

export interface AppServicesOptions {
  /** Root of all local data (KYC_DESK_DATA_DIR or the platform default). */
  dataDir: string;
  version: string;
  env?: NodeJS.ProcessEnv;
  echoLogs?: boolean;
  /** The OS keychain; tests of other parts may pass another Vault. */
  vault?: Vault;
  /** The mode to run in; by default the one chosen for this data folder (mode-choice.ts). */
  mode?: AppMode;
  /** The idle lock's clock and timers; tests move them by hand. */
  sessionTimers?: SessionTimers;
}

export interface AppServices {
  mode: AppMode;
  dispatch: Dispatch;
  events: EventHub;
  logger: Logger;
  /** A host (Electron window, preview page) declares the origin its renderer runs at. */
  trustOrigin(origin: string): void;
  /** System sleep or screen lock (Electron's powerMonitor). */
  lockSession(reason: LockReason): void;
  /** Where this run's data key is, and the lines a host prints about it (also shown on screen). */
  keychain: { kind: KeychainKind; notices: readonly string[] };
  close(): Promise<void>;
}

/**
 * The composition root for everything that runs in the main process. Both hosts call this:
 * Electron's main.ts and the browser preview host, so both run the very same services.
 *
 * Mode: Training (the default) runs against the in-process sandbox; Live against the registry
 * connection an admin set up (registry-wiring.ts). The mode is chosen per data folder
 * (mode-choice.ts) and fixed for the run. Each mode has its own
 * folder, data key, store, documents and logs, so training data never mixes with real data.
 */
// eslint-disable-next-line max-lines-per-function -- the composition root builds each service once, in the order they depend on each other; read as one list
export async function startAppServices(options: AppServicesOptions): Promise<AppServices> {
  const env = options.env ?? process.env;
  const mode: AppMode = options.mode ?? readModeChoice(options.dataDir, env);
  const modeDir = path.join(options.dataDir, mode);
  const releaseLock = acquireInstanceLock(modeDir);
  const logger = createFileLogger(path.join(modeDir, 'logs'), { echo: options.echoLogs ?? false });
  // Against a real registry, never polled faster than every 30 s (seed 000).
  const config = readRuntimeConfig(env, mode === 'training' ? 'sandbox' : 'real');
  const cleanups: Array<() => unknown> = [releaseLock];
  try {
    // Live mode: the computer's keychain or no start. Training: a throwaway key where there is none.
    const keychain = await openModeKeychain({ mode, modeDir, keychain: options.vault ?? createKeytarVault(), keychainIsThrowaway: env.KYC_DESK_THROWAWAY_KEYCHAIN === '1' });
    const { vault, key } = keychain;
    const { store, notices } = await Store.open(path.join(modeDir, 'store'), { key });
    cleanups.unshift(() => store.close());
    notices.unshift(...keychain.notices);
    for (const notice of notices) logger.warn(notice);

    const audit = new AuditLog(store);
    const documents = new DocumentStore(path.join(modeDir, 'documents'), key);
    const drafts = new DraftStore(store, () => new Date());
    tidyDocumentsAtStart({ store, documents, referencedByDrafts: drafts.referencedDocuments(), logger, now: new Date() });

    const connectionSettings = new ConnectionRepository(store);
    const registry = await registryFor(mode, modeDir, config, connectionSettings, vault, logger);
    cleanups.unshift(() => registry.close());

    const events = new EventHub();
    const records = new RecordRepository(store);
    // Records stored before the same-customer index (or by a path that does not index) join it now.
    const sameCustomer = new SameCustomerIndex(store, key);
    const indexed = sameCustomer.indexBacklog();
    if (indexed > 0) logger.info('same-customer index: records indexed', { records: indexed });
    const batches = new BatchRepository(store);
    const fetchKeeper = new FetchKeeper(store, documents, logger);
    const agentSettings = new AgentApiSettingsStore(store, audit);
    const agentApi = agentApiWiring({ mode, settings: agentSettings, vault, timeoutMs: config.httpTimeoutMs, logger, training: registry.sandboxUrl ? trainingAgentConnection(registry.sandboxUrl) : null });
    const sessionKeeper = new SessionKeeper({ store, records, audit });
    const cdpSettings = new CdpSettingsStore(store, audit);
    const bulkUpdateSettings = new BulkUpdateSettingsStore(store, audit);
    const bulkUpdate = bulkUpdateWiring({ mode, settings: bulkUpdateSettings, vault, timeoutMs: config.httpTimeoutMs, training: registry.sandboxUrl ? trainingBulkUpdateConnection(registry.sandboxUrl) : null });
    const cdp = cdpWiring({ mode, settings: cdpSettings, vault, timeoutMs: config.httpTimeoutMs, logger, training: registry.sandboxUrl ? trainingCdpConnection(registry.sandboxUrl) : null });
    // Typed Aadhaar numbers for digital-KYC pushes, in memory only: a restart forgets them.
    const aadhaarHolder = new AadhaarHolder();
    cleanups.unshift(() => aadhaarHolder.clear());
    const pushSettings = pushSettingsFor(mode, () => agentSettings.inForce());
    const sync = new SyncEngine<SubmissionRoute>({
      store,
      records,
      batches,
      events,
      logger,
      pollIntervalMs: config.pollIntervalMs,
      maxBatchRecords: config.maxBatchRecords,
      services: submissionServices(registry, {
        readDocument: (hash) => documents.get(hash),
        maxBatchBytes: config.maxBatchBytes,
        keepFetched: (answers) => fetchKeeper.keep(answers),
        videoKyc: { agentApi: () => agentApi.inForce(), keeper: sessionKeeper, minPollIntervalMs: () => agentApi.pollIntervalMs() },
        digitalKyc: { agentApi: () => agentApi.inForce(), keeper: sessionKeeper, minPollIntervalMs: () => agentApi.pollIntervalMs(), holder: aadhaarHolder, findRecord: (id) => records.find(id), readDocument: (hash) => documents.get(hash), pushSettings },
        uaeOnboarding: { cdp: () => cdp.inForce(), readDocument: (hash) => documents.get(hash) },
        bulkUpdate: { client: () => bulkUpdate.inForce(), history: new SendHistory(store) },
      }),
      route: () => readSubmissionRoute(store),
      outbox: new Outbox(path.join(modeDir, 'outbox'), key),
      // The registry's connection blocks CKYC's services only: a video-KYC link needs the agent API's, a UAE onboarding the CDP's.
      blocked: (serviceId) => (serviceId === VIDEO_KYC_SERVICE_ID || serviceId === DIGITAL_KYC_SERVICE_ID || serviceId === UAE_ONBOARDING_SERVICE_ID || serviceId === BULK_UPDATE_SERVICE_ID ? null : registry.problem()),
      onStatus: (status) => events.emit('sync-status', status),
    });
    cleanups.unshift(() => sync.stop());
    sync.resume();
    auditFinishedSyncs(events, audit);

    const session = new OperatorSession({ idleMs: readIdleMinutes(store) * 60_000, timers: options.sessionTimers });
    cleanups.unshift(() => session.dispose());
    announceSessionChanges(session, audit, events);

    const purge = new RetentionPurge({ store, audit, clock: () => new Date(), logger, deleteDocumentFiles: (hashes) => hashes.forEach((hash) => documents.delete(hash)) });
    cleanups.unshift(purge.schedule({ setTimer: (run, ms) => setTimeout(run, ms).unref(), clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout) }));

    const operators = new OperatorService(store, new OperatorRepository(store), () => new Date(), { audit });
    let loadedPins: PinMaster | undefined;
    const pinMaster = () => (loadedPins ??= loadShippedPinMaster());
    const secrets = new SecretService(vault, mode);
    const connections = new ConnectionService({
      store,
      audit,
      mode,
      secretStatus: () => secrets.status(),
      probeHostKey: (target) => probeHostKey({ ...target, connectTimeoutMs: DEFAULT_SFTP_TIMEOUTS.connectTimeoutMs }),
      testApi: registry.testApi,
      onSftpChanged: () => sync.unblockDeliveries(),
    });
    const context: HandlerContext = {
      mode,
      nextMode: () => readModeChoice(options.dataDir, {}),
      chooseMode: (next) => writeModeChoice(options.dataDir, next),
      liveGate: new LiveModeGate({ dataDir: options.dataDir, vault }),
      version: options.version,
      pollSeconds: config.pollIntervalMs / 1000,
      notices,
      store,
      records,
      documentLimits: config.documentLimits,
      pinMaster,
      recordService: new RecordService(
        store,
        records,
        () => new Date(),
        (approver, record) => operators.assertCanApprove(approver, record),
        config.documentLimits,
        (pin) => Boolean(pinMaster().lookup(pin)),
        sameCustomer,
      ),
      batches,
      sync,
      documents,
      drafts,
      audit,
      operators,
      session,
      retention: new RetentionSettings(store, audit),
      secrets,
      connections,
      events,
      logger,
      registryDashboard: new RegistryDashboard({ management: registry.management, history: registry.sftpHealthHistory, store, problem: registry.problem }),
      trainingSandbox: registry.trainingSandbox,
      videoKyc: { agentApi, settings: agentSettings, sessions: sessionKeeper.sessions },
      uaeCdp: { cdp, settings: cdpSettings },
      bulkUpdate: { wiring: bulkUpdate, settings: bulkUpdateSettings },
      digitalKyc: { holder: aadhaarHolder, pushSettings },
    };

    const origins: string[] = [];
    const dispatch = createRouter(handlersFrom(context), { trustedOrigins: () => origins, logger, authorize: authorizeBySession(session) });
    logger.info('services started', { mode, sandbox: registry.sandboxUrl });
    return {
      mode,
      dispatch,
      events,
      logger,
      trustOrigin: (origin) => void origins.push(origin),
      lockSession: (reason) => session.lock(reason),
      keychain: { kind: keychain.kind, notices: keychain.notices },
      close: async () => {
        for (const cleanup of cleanups) await cleanup();
        logger.info('services stopped');
      },
    };
  } catch (error) {
    for (const cleanup of cleanups) await cleanup();
    throw error;
  }
}

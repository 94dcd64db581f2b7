import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AppMode } from '../../shared/mode';
import { createFileLogger, type Logger } from '../logging/logger';
import { Store } from '../store/database';
import { RecordRepository } from '../records/record-repository';
import { RecordService } from '../records/record-service';
import { BatchRepository } from '../sync/batch-repository';
import { SyncEngine, type Verifier } from '../sync/sync-engine';
import { CkycBulkClient } from '../connectors/ckyc-bulk/client';
import { assertConnectionAllowed } from '../connectors/connection-guard';
import { CkycSandbox } from '../sandbox/ckyc-sandbox';
import { createRouter, type Dispatch } from '../ipc/router';
import { AppFailure } from '../../shared/errors';
import { EventHub } from './event-hub';
import { readRuntimeConfig } from './config';
import { acquireInstanceLock } from './instance-lock';

export interface AppServicesOptions {
  /** Root of all local data (KYC_DESK_DATA_DIR or the platform default). */
  dataDir: string;
  version: string;
  env?: NodeJS.ProcessEnv;
  echoLogs?: boolean;
}

export interface AppServices {
  mode: AppMode;
  dispatch: Dispatch;
  events: EventHub;
  logger: Logger;
  /** A host (Electron window, preview page) declares the origin its renderer runs at. */
  trustOrigin(origin: string): void;
  close(): Promise<void>;
}

/** Until operator sign-in exists, training records are verified by the training operator. */
const TRAINING_VERIFIER: Verifier = {
  name: 'TRAINING OPERATOR',
  designation: 'BRANCH OFFICER',
  branch: 'TRAINING BRANCH',
  employmentCode: 'TRN0001',
  organization: 'KYC DESK TRAINING',
};

/**
 * The composition root for everything that runs in the main process. Both hosts call this:
 * Electron's main.ts and the browser preview host, so both run the very same services.
 *
 * Mode: live mode needs a registry connection, which the connection screen will add; until then
 * the app always runs in Training mode against its in-process sandbox. Each mode has its own
 * folder, store and logs, so training data never mixes with real data.
 */
export async function startAppServices(options: AppServicesOptions): Promise<AppServices> {
  const env = options.env ?? process.env;
  const mode: AppMode = 'training';
  const modeDir = path.join(options.dataDir, mode);
  const releaseLock = acquireInstanceLock(modeDir);
  const logger = createFileLogger(path.join(modeDir, 'logs'), { echo: options.echoLogs ?? false });
  const config = readRuntimeConfig(env, 'sandbox');
  const cleanups: Array<() => unknown> = [releaseLock];
  try {
    const { store, notices } = await Store.open(path.join(modeDir, 'kyc-desk.sqlite'));
    cleanups.unshift(() => store.close());
    for (const notice of notices) logger.warn(notice);

    const sandboxToken = randomBytes(24).toString('hex');
    const sandbox = await CkycSandbox.start({
      stateDir: path.join(modeDir, 'sandbox'),
      token: sandboxToken,
      processingMs: config.sandboxProcessingMs,
      logger,
    });
    cleanups.unshift(() => sandbox.close());
    assertConnectionAllowed(mode, sandbox.url, sandbox.url);

    const events = new EventHub();
    const records = new RecordRepository(store);
    const batches = new BatchRepository(store);
    const recordService = new RecordService(store, records, () => new Date());
    const sync = new SyncEngine({
      store,
      records,
      batches,
      client: new CkycBulkClient({ baseUrl: sandbox.url, token: sandboxToken, timeoutMs: config.httpTimeoutMs }),
      events,
      logger,
      verifier: () => TRAINING_VERIFIER,
      pollIntervalMs: config.pollIntervalMs,
      maxBatchRecords: config.maxBatchRecords,
    });
    cleanups.unshift(() => sync.stop());
    sync.resume();

    const origins: string[] = [];
    const dispatch = createRouter(
      {
        'app.info': () => ({ mode, version: options.version, pollSeconds: config.pollIntervalMs / 1000, notices }),
        'records.save': (request) => {
          const saved = recordService.save(request);
          events.emit('record-saved', { id: saved.id, state: saved.state });
          return saved;
        },
        'records.list': (request) => recordService.list(request),
        'sync.start': () => sync.startSync(),
        'batches.list': (request) => batches.list(request),
        'batches.get': ({ id }) => {
          const batch = batches.find(id);
          if (!batch) throw new AppFailure('NOT_FOUND', 'That batch no longer exists.');
          return {
            ...batches.summarise(batch),
            records: records.batchRecordSummaries(id).map(({ id: recordId, reference, name, state, message }) => ({ id: recordId, reference, name, state, message })),
          };
        },
      },
      { trustedOrigins: () => origins, logger },
    );
    logger.info('services started', { mode, sandbox: sandbox.url });
    return {
      mode,
      dispatch,
      events,
      logger,
      trustOrigin: (origin) => void origins.push(origin),
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

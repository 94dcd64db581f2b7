import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ApiSettings } from '../../shared/connections/settings';
import type { AppMode } from '../../shared/mode';
import type { Logger } from '../logging/logger';
import { CkycManagementClient } from '../connectors/ckyc-bulk/management-client';
import { HealthWatchedBulkClient, SftpHealthHistory } from '../registry-dashboard';
import type { InstitutionCodes } from '../connectors/ckyc-bulk/batch-csv';
import { RecordsApiClient } from '../connectors/ckyc-records/client';
import { TokenProvider } from '../connectors/agent-api/token';
import { assertConnectionAllowed } from '../connectors/connection-guard';
import { CkycSandbox, TRAINING_RECORDS_API_CREDENTIALS } from '../sandbox';
import { apiTester } from '../connections/api-test';
import type { ApiTestResult } from '../connections/connection-service';
import type { ConnectionRepository } from '../connections/connection-repository';
import { LiveRegistry } from '../connections/live-registry';
import { institutionFields, trainingSftpSettings } from './training-connections';
import type { Vault } from '../vault/vault';
import type { RuntimeConfig } from './config';
import type { CkycEndpoints } from '../services/ckyc';
import type { TrainingSandboxSwitches } from './handlers/training-sandbox-switches';

/**
 * The registry each mode talks to, behind one shape for the sync engine and the connection screen:
 * Training mode's in-process sandbox (all three routes, no setup), or Live mode's connection as an
 * admin saved it. Which one is fixed when the services start; nothing can pair a store with the
 * other mode's registry (assertConnectionAllowed).
 */
export interface RegistryWiring extends CkycEndpoints {
  institution: () => InstitutionCodes;
  /** Why sync cannot start, or null. */
  problem: () => string | null;
  testApi: (saved: ApiSettings | null) => Promise<ApiTestResult>;
  /** The Registry screen's reads (seed 000's management endpoints), on the same connection and token as `bulk`. */
  management: CkycManagementClient;
  /** This run's sftp-health answers, KYC Desk's own checks through `bulk` among them. */
  sftpHealthHistory: SftpHealthHistory;
  /** The in-process sandbox's address (Training), null in Live mode. */
  sandboxUrl: string | null;
  /** Training mode's switches on its sandbox; null in Live mode, where there is none. */
  trainingSandbox: TrainingSandboxSwitches | null;
  close: () => Promise<void>;
}

export async function trainingRegistry(modeDir: string, config: RuntimeConfig, connections: ConnectionRepository, logger: Logger): Promise<RegistryWiring> {
  const token = randomBytes(24).toString('hex');
  const sandbox = await CkycSandbox.start({
    stateDir: path.join(modeDir, 'sandbox'),
    token,
    processingMs: config.sandboxProcessingMs,
    logger,
    faults: config.sandboxFaults,
    seed: config.sandboxSeed,
    // A held (timeout) answer outlives the client's own timeout, then the connection is dropped.
    faultHoldMs: config.httpTimeoutMs + 5000,
  });
  assertConnectionAllowed('training', sandbox.url, sandbox.url);
  const records = new RecordsApiClient(
    { baseUrl: sandbox.url, timeoutMs: config.httpTimeoutMs, institution: institutionFields(connections.api()) },
    new TokenProvider({ baseUrl: sandbox.url, timeoutMs: config.httpTimeoutMs, source: { kind: 'credentials', ...TRAINING_RECORDS_API_CREDENTIALS }, logger }),
    logger,
  );
  const connection = { baseUrl: sandbox.url, token, timeoutMs: config.httpTimeoutMs };
  const sftpHealthHistory = new SftpHealthHistory();
  return {
    bulk: new HealthWatchedBulkClient(connection, sftpHealthHistory),
    management: new CkycManagementClient(connection),
    sftpHealthHistory,
    recordsApi: () => records,
    // The sandbox's own SFTP server: its host key is known, nothing to confirm.
    sftp: () => Promise.resolve(trainingSftpSettings(sandbox)),
    institution: () => institutionFields(connections.api()),
    problem: () => null,
    testApi: apiTester({ mode: 'training', sandboxUrl: sandbox.url, sandboxToken: token, timeoutMs: config.httpTimeoutMs }),
    sandboxUrl: sandbox.url,
    trainingSandbox: { sftpDown: () => sandbox.sftpDown, setSftpDown: (down) => sandbox.setSftpDown(down) },
    close: () => sandbox.close(),
  };
}

export function liveRegistry(config: RuntimeConfig, connections: ConnectionRepository, vault: Vault, logger: Logger): RegistryWiring {
  const registry = new LiveRegistry({ connections, vault, timeoutMs: config.httpTimeoutMs, logger });
  // Read at each request: a setting an admin fixes applies to the next one.
  const connection = {
    get baseUrl() {
      return registry.baseUrl;
    },
    token: registry.tokens,
    timeoutMs: config.httpTimeoutMs,
  };
  const sftpHealthHistory = new SftpHealthHistory();
  const bulk = new HealthWatchedBulkClient(connection, sftpHealthHistory);
  return {
    bulk,
    management: new CkycManagementClient(connection),
    sftpHealthHistory,
    recordsApi: () => registry.recordsApi(),
    sftp: () => registry.sftp(),
    institution: () => (registry.problem() ? {} : registry.institution()),
    problem: () => registry.problem(),
    testApi: async () => {
      const problem = registry.problem();
      if (problem) return { ok: false, message: problem };
      const outcome = await bulk.health();
      if (outcome.ok) return { ok: true, message: `The registry at ${registry.baseUrl} answered and accepted KYC Desk's credentials; its SFTP service is ${outcome.body.data.status}.` };
      return { ok: false, message: `The registry at ${registry.baseUrl} did not pass the test: ${outcome.failure.message}` };
    },
    sandboxUrl: null,
    trainingSandbox: null,
    close: () => Promise.resolve(),
  };
}

export function registryFor(mode: AppMode, modeDir: string, config: RuntimeConfig, connections: ConnectionRepository, vault: Vault, logger: Logger): Promise<RegistryWiring> {
  return mode === 'training' ? trainingRegistry(modeDir, config, connections, logger) : Promise.resolve(liveRegistry(config, connections, vault, logger));
}

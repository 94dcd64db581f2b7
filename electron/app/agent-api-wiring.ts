import type { AppMode } from '../../shared/mode';
import { secretAccount } from '../../shared/secrets/slots';
import type { AgentApiClient } from '../connectors/agent-api/client';
import { agentConnectionProblem, connectAgentApi, type AgentApiConnection } from '../connectors/agent-api/connect';
import type { Logger } from '../logging/logger';
import type { Vault } from '../vault/vault';
import type { AgentApiInForce, AgentApiWiring } from '../video-kyc/agent-api-in-force';
import type { AgentApiSettingsStore } from '../video-kyc/agent-api-settings';

/** Training's sessions are asked about every 5 s until an admin saves another interval, so practice takes seconds. */
const TRAINING_POLL_SECONDS = 5;

export interface AgentApiWiringOptions {
  mode: AppMode;
  settings: AgentApiSettingsStore;
  vault: Vault;
  timeoutMs: number;
  logger: Logger;
  /** Training: the sandbox's agent API and its training sign-in (training-connections.ts); null in Live mode. */
  training: { baseUrl: string; username: string; password: string } | null;
}

/**
 * The agent API each mode talks to: Training's sandbox, or Live's connection as an admin saved it
 * (the password from the keychain). One client per connection, kept while the connection stays the
 * same, so its send-rate limiter covers every request (decision 0043); a changed setting makes the
 * next request build a new one.
 */
export function agentApiWiring(options: AgentApiWiringOptions): AgentApiWiring {
  let current: { key: string; client: AgentApiClient } | null = null;

  async function connection(): Promise<AgentApiConnection | { problem: string }> {
    const saved = options.settings.saved();
    const requestsPerMinute = options.settings.inForce().requestsPerMinute;
    if (options.training) return { ...options.training, requestsPerMinute, timeoutMs: options.timeoutMs };
    if (!saved) return { problem: 'An admin has not set up the agent API yet (Connections screen: Video KYC and digital KYC).' };
    const password = await options.vault.get(secretAccount('live', 'agent-api-password'));
    if (password === null) return { problem: 'The agent API password is not in this computer’s keychain yet: an admin sets it on the Connections screen.' };
    return { baseUrl: saved.baseUrl, username: saved.username, password, requestsPerMinute, timeoutMs: options.timeoutMs };
  }

  async function inForce(): Promise<AgentApiInForce> {
    const found = await connection();
    if ('problem' in found) return { ok: false, problem: found.problem };
    const problem = agentConnectionProblem(found);
    if (problem !== null) return { ok: false, problem };
    const key = JSON.stringify([found.baseUrl, found.username, found.password, found.requestsPerMinute]);
    if (current?.key !== key) {
      current = { key, client: connectAgentApi(found, { logger: options.logger, ...(options.training ? { mediaOrigins: [new URL(options.training.baseUrl).origin] } : {}) }) };
    }
    return { ok: true, api: current.client };
  }

  return {
    inForce,
    test: async () => {
      const found = await inForce();
      if (!found.ok) return { ok: false, message: found.problem };
      return (found.api as AgentApiClient).testConnection();
    },
    pollIntervalMs: () => (options.settings.saved()?.pollSeconds ?? (options.mode === 'training' ? TRAINING_POLL_SECONDS : options.settings.inForce().pollSeconds)) * 1000,
  };
}

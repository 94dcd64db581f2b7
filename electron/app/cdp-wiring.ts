import type { AppMode } from '../../shared/mode';
import { secretAccount } from '../../shared/secrets/slots';
import type { CdpClient } from '../connectors/cdp/client';
import { cdpConnectionProblem, connectCdp, type CdpConnection } from '../connectors/cdp/connect';
import type { Logger } from '../logging/logger';
import type { CdpInForce, CdpWiring } from '../uae-onboarding/cdp-in-force';
import type { CdpSettingsStore } from '../uae-onboarding/cdp-settings';
import type { Vault } from '../vault/vault';

export interface CdpWiringOptions {
  mode: AppMode;
  settings: CdpSettingsStore;
  vault: Vault;
  timeoutMs: number;
  logger: Logger;
  /** Training: the sandbox's CDP and its training sign-in (training-connections.ts); null in Live mode. */
  training: Omit<CdpConnection, 'timeoutMs'> | null;
}

/**
 * The UAE CDP each mode talks to: Training's sandbox, or Live's connection as an admin saved it
 * (the client secret and password from the keychain). One client per connection, kept while the
 * connection stays the same, so its tokens (held only in its memory) are reused; a changed
 * setting or secret makes the next request build a new one, which signs in afresh.
 */
export function cdpWiring(options: CdpWiringOptions): CdpWiring {
  let current: { key: string; client: CdpClient } | null = null;

  async function connection(): Promise<CdpConnection | { problem: string }> {
    if (options.training) return { ...options.training, timeoutMs: options.timeoutMs };
    const saved = options.settings.saved();
    if (!saved) return { problem: 'An admin has not set up the UAE CDP connection yet (Connections screen: UAE partner onboarding).' };
    const [clientSecret, password] = await Promise.all([options.vault.get(secretAccount('live', 'uae-oauth-client-secret')), options.vault.get(secretAccount('live', 'uae-password'))]);
    if (clientSecret === null) return { problem: 'The UAE CDP client secret is not in this computer’s keychain yet: an admin sets it on the Connections screen.' };
    if (password === null) return { problem: 'The UAE CDP password is not in this computer’s keychain yet: an admin sets it on the Connections screen.' };
    return { ...saved, clientSecret, password, timeoutMs: options.timeoutMs };
  }

  async function inForce(): Promise<CdpInForce> {
    const found = await connection();
    if ('problem' in found) return { ok: false, problem: found.problem };
    const problem = cdpConnectionProblem(found);
    if (problem !== null) return { ok: false, problem };
    const key = JSON.stringify([found.baseUrl, found.clientId, found.scope, found.username, found.clientSecret, found.password]);
    if (current?.key !== key) current = { key, client: connectCdp(found, { logger: options.logger }) };
    return { ok: true, client: current.client };
  }

  return {
    inForce,
    test: async () => {
      const found = await inForce();
      if (!found.ok) return { ok: false, message: found.problem };
      return found.client.testConnection();
    },
  };
}

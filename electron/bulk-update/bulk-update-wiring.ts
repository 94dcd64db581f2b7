import type { AppMode } from '../../shared/mode';
import { secretAccount } from '../../shared/secrets/slots';
import { BulkUpdateClient, type BulkUpdateConnection } from '../connectors/bulk-update/client';
import type { Vault } from '../vault/vault';
import type { BulkUpdateInForce } from './bulk-update-in-force';
import type { BulkUpdateSettingsStore } from './bulk-update-settings';

/** What the bulk update service and the Connections screen need of the platform's wiring. */
export interface BulkUpdateWiring {
  /** Read at each use: settings and the token saved on the Connections screen take effect for the next send. */
  inForce(): Promise<BulkUpdateInForce>;
  /** The connection test with the settings in force, in plain words. */
  test(): Promise<{ ok: boolean; message: string }>;
}

export interface BulkUpdateWiringOptions {
  mode: AppMode;
  settings: BulkUpdateSettingsStore;
  vault: Vault;
  timeoutMs: number;
  /** Training: the sandbox's platform; null in Live mode. */
  training: Omit<BulkUpdateConnection, 'timeoutMs'> | null;
}

/** The platform each mode talks to: Training's sandbox, or Live's connection as an admin saved it (the token from the keychain). */
export function bulkUpdateWiring(options: BulkUpdateWiringOptions): BulkUpdateWiring {
  async function inForce(): Promise<BulkUpdateInForce> {
    if (options.training) return { ok: true, client: new BulkUpdateClient({ ...options.training, timeoutMs: options.timeoutMs }) };
    if (options.mode === 'training') return { ok: false, problem: 'The Training platform is not running, so no bulk update can be sent now.' };
    const saved = options.settings.saved();
    if (!saved) return { ok: false, problem: 'An admin has not set up the bulk customer update connection yet (Connections screen: Bulk customer update).' };
    const token = await options.vault.get(secretAccount('live', 'bulk-update-token'));
    if (token === null) return { ok: false, problem: 'The bulk customer update token is not in this computer’s keychain yet: an admin sets it on the Connections screen.' };
    return { ok: true, client: new BulkUpdateClient({ ...saved, token, timeoutMs: options.timeoutMs }) };
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

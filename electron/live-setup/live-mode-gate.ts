import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import type { OperatorProfile } from '../../shared/operators/roles';
import { acquireInstanceLock } from '../data-folder/instance-lock';
import { AuditLog } from '../audit/audit-log';
import { OperatorRepository } from '../operators/operator-repository';
import { OperatorService } from '../operators/operator-service';
import type { ScryptCost } from '../operators/password';
import { Store } from '../store/database';
import { openDataKey } from '../vault/data-key';
import type { Vault } from '../vault/vault';
import { consumeSetupCode, setupCodeIssuedAt, verifySetupCode } from './setup-code';

export interface LiveCredential {
  /** The one-time setup code IT made on this PC. */
  setupCode?: string;
  /** A Live admin's own sign-in, checked against Live mode's operators. */
  liveAdmin?: { employeeCode: string; password: string };
}

export interface LiveSwitchApproval {
  via: 'setup code' | 'live admin';
  /** When the setup code used was made (never the code itself). */
  setupCodeIssuedAt?: string;
  /** The Live admin who approved, by employee code. */
  liveAdmin?: string;
}

export interface LiveModeGateOptions {
  dataDir: string;
  vault: Vault;
  clock?: () => Date;
  /** scrypt cost of the setup code's hash; tests lower it. */
  scryptCost?: ScryptCost;
}

const NEEDS_CREDENTIAL =
  "Choosing Live mode needs the one-time setup code your IT team made on this PC, or a Live admin's employee code and password. Training mode's admin alone cannot choose it.";

/**
 * What stands between Training mode and Live mode. Training's admin is one click away for anyone
 * at the counter, so choosing Live mode takes a real credential, checked here in main:
 * - the one-time setup code (setup-code.ts): the only way while Live mode has no admin yet, and
 *   kept then for the first admin, who uses it up;
 * - or, once Live mode has an admin, that admin's employee code and password, checked against Live
 *   mode's own operators (its store is opened for the moment of the check), where a wrong
 *   password counts towards that account's lock-out and is written to Live mode's audit trail.
 */
export class LiveModeGate {
  private readonly clock: () => Date;

  constructor(private readonly options: LiveModeGateOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  async approveSwitchToLive(credential: LiveCredential): Promise<LiveSwitchApproval> {
    const { dataDir } = this.options;
    if (credential.setupCode !== undefined && credential.setupCode.trim() !== '') {
      await verifySetupCode(dataDir, credential.setupCode, { clock: this.clock });
      const issuedAt = setupCodeIssuedAt(dataDir);
      // A Live folder that already has its admin will not ask for the code again: it is used up now.
      const liveHasAdmin = await this.withLiveOperators(async (operators) => !operators.needsFirstAdmin());
      if (liveHasAdmin) consumeSetupCode(dataDir);
      return { via: 'setup code', setupCodeIssuedAt: issuedAt };
    }
    if (credential.liveAdmin) {
      const { employeeCode, password } = credential.liveAdmin;
      const admin = await this.withLiveOperators(async (operators, audit) => {
        if (operators.needsFirstAdmin()) return undefined;
        let profile: OperatorProfile;
        try {
          profile = await operators.authenticate(employeeCode, password);
        } catch (error) {
          audit.record({ actor: null, action: 'sign-in-failed', subject: employeeCode.trim().toUpperCase().slice(0, 50), details: { via: 'choosing Live mode from Training mode' } });
          throw error;
        }
        if (profile.role !== 'admin') throw new AppFailure('FORBIDDEN', 'Only a Live admin can choose Live mode. This operator is not an admin in Live mode.');
        audit.record({ actor: { id: profile.id, name: profile.name }, action: 'settings-change', subject: 'app.mode', details: { from: 'training', to: 'live', via: 'approved from Training mode' } });
        return profile;
      });
      if (!admin) {
        throw new AppFailure('FORBIDDEN', 'Live mode has no admin on this PC yet, so only the one-time setup code from your IT team can choose it.', {
          setupCode: 'Enter the setup code from IT.',
        });
      }
      return { via: 'live admin', liveAdmin: admin.employeeCode };
    }
    throw new AppFailure('FORBIDDEN', NEEDS_CREDENTIAL, { setupCode: 'Enter the setup code, or a Live admin’s employee code and password.' });
  }

  /** Live mode's first admin is made only with the setup code; `consume` once it exists. */
  async checkFirstAdminCode(setupCode: string): Promise<{ setupCodeIssuedAt?: string }> {
    await verifySetupCode(this.options.dataDir, setupCode, { clock: this.clock });
    return { setupCodeIssuedAt: setupCodeIssuedAt(this.options.dataDir) };
  }

  consume(): void {
    consumeSetupCode(this.options.dataDir);
  }

  /**
   * Runs `use` on Live mode's operators and audit trail; undefined when Live mode has no data yet.
   * Takes Live's folder lock for the moment, so a Live mode running elsewhere is never written under.
   */
  private async withLiveOperators<T>(use: (operators: OperatorService, audit: AuditLog) => Promise<T>): Promise<T | undefined> {
    const liveDir = path.join(this.options.dataDir, 'live');
    const storeDir = path.join(liveDir, 'store');
    if (!fs.existsSync(storeDir) || fs.readdirSync(storeDir).length === 0) return undefined;
    const release = acquireInstanceLock(liveDir);
    try {
      const { key } = await openDataKey(this.options.vault, liveDir, { hasExistingData: true });
      const { store } = await Store.open(storeDir, { key });
      try {
        return await use(new OperatorService(store, new OperatorRepository(store), this.clock), new AuditLog(store));
      } finally {
        await store.close();
      }
    } finally {
      release();
    }
  }
}

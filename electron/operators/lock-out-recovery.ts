import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { APP_MODES, type AppMode } from '../../shared/mode';
import { AuditLog } from '../audit/audit-log';
import { acquireInstanceLock } from '../data-folder/instance-lock';
import { readModeChoice } from '../data-folder/mode-choice';
import { Store } from '../store/database';
import { openDataKey } from '../vault/data-key';
import { createKeytarVault } from '../vault/keytar-vault';
import type { Vault } from '../vault/vault';
import { OperatorRepository } from './operator-repository';
import { OperatorService } from './operator-service';

/**
 * The way back in for a locked-out admin when no other admin can unlock them: a command run on the
 * branch PC, under the OS account KYC Desk runs as, with KYC Desk closed. It needs what nobody at
 * the sign-in screen has — that account's keychain, which holds the data folder's key — and
 * nothing typed at the counter can reach it. Packaged app: `KYC Desk --unlock-operator <code>`;
 * from a checkout: `npm run unlock-operator -- <code>`.
 */
export const UNLOCK_OPERATOR_FLAG = '--unlock-operator';

export interface UnlockRequest {
  employeeCode: string;
  /** training or live; by default the mode the folder opens in next. */
  mode?: AppMode;
  /** A data folder other than the app's own (KYC_DESK_DATA_DIR, or the app's per-user folder). */
  dataDir?: string;
}

/** True when these command-line arguments ask for the lock-out recovery (well-formed or not). */
export function wantsUnlockOperator(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === UNLOCK_OPERATOR_FLAG || arg.startsWith(`${UNLOCK_OPERATOR_FLAG}=`));
}

const USAGE = `Use: ${UNLOCK_OPERATOR_FLAG} <employee code> [--mode training|live] [--data-dir <folder>]`;

/** The request in these command-line arguments, undefined when the flag is absent; a clear Error when it is malformed. */
export function unlockRequestFrom(argv: readonly string[]): UnlockRequest | undefined {
  const at = argv.findIndex((arg) => arg === UNLOCK_OPERATOR_FLAG || arg.startsWith(`${UNLOCK_OPERATOR_FLAG}=`));
  if (at === -1) return undefined;
  const flag = argv[at] ?? '';
  const inline = flag.startsWith(`${UNLOCK_OPERATOR_FLAG}=`) ? flag.slice(UNLOCK_OPERATOR_FLAG.length + 1) : undefined;
  const employeeCode = (inline ?? argv[at + 1] ?? '').trim();
  if (employeeCode === '' || employeeCode.startsWith('--')) throw new Error(`Say whose lock-out to end. ${USAGE}`);
  const request: UnlockRequest = { employeeCode };
  const valueOf = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    if (i === -1) return undefined;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value. ${USAGE}`);
    return value;
  };
  const mode = valueOf('--mode');
  if (mode !== undefined) {
    if (!(APP_MODES as readonly string[]).includes(mode)) throw new Error(`--mode must be training or live, not "${mode}". ${USAGE}`);
    request.mode = mode as AppMode;
  }
  const dataDir = valueOf('--data-dir');
  if (dataDir !== undefined) request.dataDir = path.resolve(dataDir);
  return request;
}

export interface UnlockOptions {
  dataDir: string;
  vault?: Vault;
  env?: NodeJS.ProcessEnv;
  clock?: () => Date;
}

/** End an operator's lock-out in this data folder; returns the sentence to show. Refusals are AppFailures in plain words. */
export async function unlockOperatorOnThisPc(request: UnlockRequest, options: UnlockOptions): Promise<string> {
  const mode = request.mode ?? readModeChoice(options.dataDir, options.env ?? process.env);
  const modeDir = path.join(options.dataDir, mode);
  const storeDir = path.join(modeDir, 'store');
  if (!fs.existsSync(storeDir) || fs.readdirSync(storeDir).length === 0) {
    throw new AppFailure('NOT_FOUND', `There is no KYC Desk ${mode}-mode data in ${modeDir}, so there is nobody to unlock.`);
  }
  let release: () => void;
  try {
    release = acquireInstanceLock(modeDir);
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'CONFLICT') throw new AppFailure('CONFLICT', `Close KYC Desk first: ${error.message.replace(/ Use that window\.$/, '')}`);
    throw error;
  }
  try {
    // The key is only in the keychain of the OS account this folder belongs to: no key, no unlock.
    const { key } = await openDataKey(options.vault ?? createKeytarVault(), modeDir, { hasExistingData: true });
    const { store } = await Store.open(storeDir, { key });
    try {
      const clock = options.clock ?? (() => new Date());
      const operators = new OperatorService(store, new OperatorRepository(store), clock, { audit: new AuditLog(store, clock) });
      const { operator, wasLocked } = operators.recoverFromLockOut(request.employeeCode);
      const who = `${operator.name} (${operator.employeeCode}, ${operator.role})`;
      return wasLocked
        ? `${who} is unlocked in ${mode} mode and may sign in again. This is in the audit trail.`
        : `${who} was not locked out in ${mode} mode; any count of wrong passwords starts again from zero.`;
    } finally {
      await store.close();
    }
  } finally {
    release();
  }
}

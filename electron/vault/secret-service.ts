import { AppFailure } from '../../shared/errors';
import { SECRET_SLOTS, isSecretSlot, secretAccount, secretRuleProblem, type SecretSlot, type VaultMode } from '../../shared/secrets/slots';
import { MAX_SECRET_BYTES, MAX_SECRET_BYTES_WINDOWS, checkSecret, type Vault } from './vault';

export type SecretStatus = Record<SecretSlot, boolean>;

/**
 * What the renderer may do with connection secrets: set one, clear one, and learn which are set.
 * There is deliberately no method that returns a secret: the renderer types a secret once and
 * never sees it again. Main-side connectors read their secrets with `vault.get(secretAccount(…))`.
 *
 * Slots and values arrive from IPC, so both are checked here again whatever the contract says.
 */
export class SecretService {
  constructor(
    private readonly vault: Vault,
    private readonly mode: VaultMode,
  ) {}

  async set(slot: SecretSlot, value: string): Promise<void> {
    const account = this.account(slot);
    const checked = checkValue(value);
    const problem = secretRuleProblem(slot, checked);
    if (problem !== null) throw new AppFailure('VALIDATION_FAILED', problem, { value: problem });
    await this.vault.set(account, checked);
  }

  async clear(slot: SecretSlot): Promise<void> {
    await this.vault.delete(this.account(slot));
  }

  /** Which slots hold a secret: booleans only, never a value. */
  async status(): Promise<SecretStatus> {
    const present = await Promise.all(SECRET_SLOTS.map((slot) => this.vault.has(secretAccount(this.mode, slot))));
    const status = {} as SecretStatus;
    SECRET_SLOTS.forEach((slot, index) => {
      status[slot] = present[index] === true;
    });
    return status;
  }

  private account(slot: unknown): string {
    if (!isSecretSlot(slot)) throw new AppFailure('BAD_REQUEST', 'KYC Desk does not keep a secret under that name.');
    return secretAccount(this.mode, slot);
  }
}

function checkValue(value: unknown): string {
  const limit = process.platform === 'win32' ? MAX_SECRET_BYTES_WINDOWS : MAX_SECRET_BYTES;
  let problem: string | null = null;
  if (typeof value !== 'string' || value.length === 0) problem = 'Enter a value, or use Remove to delete it.';
  else if (value.includes('\0')) problem = 'This contains a character the keychain cannot keep.';
  else if (Buffer.byteLength(value, 'utf8') > limit) problem = `This is too long to keep in the keychain (at most ${limit} bytes).`;
  if (problem !== null) throw new AppFailure('VALIDATION_FAILED', problem, { value: problem });
  return checkSecret(value);
}

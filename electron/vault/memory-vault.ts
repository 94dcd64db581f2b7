import { VaultUnavailableError, checkAccount, checkSecret, type Vault } from './vault';

/**
 * An in-memory Vault: whatever it holds is gone when the process ends. Two uses only:
 *
 * - Training mode on a machine with no usable keychain (`keychain-choice.ts`): an empty Training
 *   folder gets a throwaway data key here, and is marked so that it is started afresh next time.
 *   Live mode never uses it: real data is keyed only in the OS keychain.
 * - tests of modules that *use* a vault (store, connectors, services), so they need no keychain.
 *   It applies the same account and secret rules as the real one and can be made to fail like an
 *   unavailable keychain.
 */
export class MemoryVault implements Vault {
  private readonly entries = new Map<string, string>();
  private unavailable: string | null = null;

  /** Make every call fail with VaultUnavailableError(reason), as a locked keychain would; null to heal. */
  failWith(reason: string | null): void {
    this.unavailable = reason;
  }

  /** Entry names currently held (never the secrets), for assertions. */
  accounts(): string[] {
    return [...this.entries.keys()].sort();
  }

  async get(account: string): Promise<string | null> {
    this.check(account);
    return this.entries.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.check(account);
    checkSecret(secret);
    this.entries.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    this.check(account);
    return this.entries.delete(account);
  }

  async has(account: string): Promise<boolean> {
    this.check(account);
    return this.entries.has(account);
  }

  private check(account: string): void {
    checkAccount(account);
    if (this.unavailable !== null) throw new VaultUnavailableError(this.unavailable);
  }
}

/** See MemoryVault. */
export function createMemoryVault(): MemoryVault {
  return new MemoryVault();
}

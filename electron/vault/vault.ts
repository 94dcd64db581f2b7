import { AppFailure } from '../../shared/errors';

/**
 * Where KYC Desk keeps every secret: API passwords and tokens, OAuth client secrets, SFTP passwords
 * and key passphrases, and the data key of each data folder. The only real implementation is the
 * OS keychain (`keytar-vault.ts`); there is no file or database fallback, by design. (Training mode
 * on a machine without a usable keychain keeps a throwaway key in memory only: keychain-choice.ts.)
 *
 * Main process only. The renderer never sees a Vault and can never read a secret back: it goes
 * through `SecretService`, which can set, clear and report presence, nothing more.
 */
export interface Vault {
  /** The secret, or null when there is none. Main process only; never exposed to the renderer. */
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was deleted, false when there was nothing under that account. */
  delete(account: string): Promise<boolean>;
  has(account: string): Promise<boolean>;
}

/** The service name every entry is filed under in the OS keychain. */
export const VAULT_SERVICE = 'KYC Desk';

export const MAX_ACCOUNT_LENGTH = 200;
/** UTF-8 bytes. Windows' Credential Manager holds at most 2560 bytes per entry (CRED_MAX_CREDENTIAL_BLOB_SIZE). */
export const MAX_SECRET_BYTES = 64 * 1024;
export const MAX_SECRET_BYTES_WINDOWS = 2560;

/**
 * The keychain cannot be used: no D-Bus session, no Secret Service, a locked collection, a native
 * module that did not load, an operating-system refusal. KYC Desk stops and says so; it never
 * keeps a secret anywhere else instead.
 *
 * `reason` is a short, secret-free summary of what went wrong (safe for the message, the log and
 * the renderer); the original library error is not kept.
 */
export class VaultUnavailableError extends AppFailure {
  constructor(readonly reason: string) {
    super(
      'STORAGE_FAILED',
      `The system keychain is not available (${reason}). KYC Desk keeps its keys only there and will not store them anywhere else. ` +
        'On Linux, start a Secret Service such as GNOME Keyring and unlock it; on Windows or macOS, sign in to your account normally. ' +
        'Then start KYC Desk again. If this keeps happening, contact IT.',
    );
    this.name = 'VaultUnavailableError';
  }
}

// Control, format, private-use, unassigned and surrogate code points, and line/paragraph separators.
const UNPRINTABLE = /[\p{C}\u2028\u2029]/u;

/** Account names are ours (e.g. `secret:live:sftp-password`), never user text; refuse anything odd. */
export function checkAccount(account: unknown): string {
  if (typeof account !== 'string' || account.length === 0) {
    throw new AppFailure('BAD_REQUEST', 'A keychain entry needs a name.');
  }
  if ([...account].length > MAX_ACCOUNT_LENGTH) {
    throw new AppFailure('BAD_REQUEST', `A keychain entry name can be at most ${MAX_ACCOUNT_LENGTH} characters long.`);
  }
  if (UNPRINTABLE.test(account) || account.trim() !== account) {
    throw new AppFailure('BAD_REQUEST', 'A keychain entry name may only contain printable characters, without leading or trailing spaces.');
  }
  return account;
}

/** The message never repeats the value: it is a secret even when it is invalid. */
export function checkSecret(secret: unknown, platform: NodeJS.Platform = process.platform): string {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new AppFailure('BAD_REQUEST', 'A secret cannot be empty.');
  }
  // The keychain libraries take C strings: a NUL would silently cut the secret short.
  if (secret.includes('\0')) {
    throw new AppFailure('BAD_REQUEST', 'A secret cannot contain a NUL character.');
  }
  const limit = platform === 'win32' ? MAX_SECRET_BYTES_WINDOWS : MAX_SECRET_BYTES;
  if (Buffer.byteLength(secret, 'utf8') > limit) {
    throw new AppFailure('BAD_REQUEST', `A secret can be at most ${limit} bytes long.`);
  }
  return secret;
}

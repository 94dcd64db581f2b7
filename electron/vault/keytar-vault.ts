import { VAULT_SERVICE, VaultUnavailableError, checkAccount, checkSecret, type Vault } from './vault';

/** The part of keytar we use (keytar is archived upstream; keep it behind this seam). */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarVaultOptions {
  /**
   * How long one keychain call may take before KYC Desk gives up and says the keychain is not
   * answering. Generous by default: on a desktop the call may be waiting for the person to type
   * the keychain's unlock password. (The call itself cannot be cancelled; it may still finish.)
   */
  timeoutMs?: number;
  /** How keytar is loaded; only tests of the loading failure replace it. */
  load?: () => Promise<KeytarApi>;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * The OS keychain through keytar: Keychain on macOS, Credential Manager on Windows, the Secret
 * Service (GNOME Keyring, KWallet) over D-Bus on Linux. Entries are filed under `service`.
 *
 * keytar is a native module, loaded on first use: if it is missing or does not load (wrong ABI, no
 * libsecret), every call fails with VaultUnavailableError instead of the app failing to start —
 * and, like every other keychain failure, nothing is ever written anywhere else instead.
 */
export function createKeytarVault(service: string = VAULT_SERVICE, options: KeytarVaultOptions = {}): Vault {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const load = options.load ?? loadKeytar;
  let loaded: Promise<KeytarApi> | undefined;

  async function keytar(): Promise<KeytarApi> {
    // Remember success only: a failed load is retried on the next call.
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw new VaultUnavailableError(`its native module could not be loaded: ${summarise(error)}`);
    });
    return loaded;
  }

  async function call<T>(operation: (api: KeytarApi) => Promise<T>, secret?: string): Promise<T> {
    const api = await keytar();
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        operation(api),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new VaultUnavailableError(`it did not answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
          timer.unref();
        }),
      ]);
    } catch (error) {
      if (error instanceof VaultUnavailableError) throw error;
      throw new VaultUnavailableError(summarise(error, secret));
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async get(account) {
      checkAccount(account);
      return call((api) => api.getPassword(service, account));
    },
    async set(account, secret) {
      checkAccount(account);
      checkSecret(secret);
      await call((api) => api.setPassword(service, account, secret), secret);
    },
    async delete(account) {
      checkAccount(account);
      return call((api) => api.deletePassword(service, account));
    },
    async has(account) {
      checkAccount(account);
      return (await call((api) => api.getPassword(service, account))) !== null;
    },
  };
}

async function loadKeytar(): Promise<KeytarApi> {
  // keytar is CommonJS: its functions are on the default export (module.exports).
  const module = (await import('keytar')) as unknown as { default?: KeytarApi } & Partial<KeytarApi>;
  const api = module.default ?? module;
  if (typeof api.getPassword !== 'function' || typeof api.setPassword !== 'function' || typeof api.deletePassword !== 'function') {
    throw new Error('keytar does not export getPassword/setPassword/deletePassword');
  }
  return api as KeytarApi;
}

/** Known failures in words a person (or IT) can act on. */
const KNOWN_CAUSES: ReadonlyArray<[RegExp, string]> = [
  [/autolaunch D-Bus without X11/i, 'there is no D-Bus session: DBUS_SESSION_BUS_ADDRESS is not set and there is no display'],
  [/Could not connect|connection is closed|Failed to connect|Connection refused|Error receiving data|Underlying GIOStream/i, 'the D-Bus session bus cannot be reached'],
  [/org\.freedesktop\.secrets|ServiceUnknown|was not provided by any \.service files/i, 'no Secret Service (such as GNOME Keyring) is running'],
  [/locked/i, 'the keychain is locked'],
  [/Object does not exist at path|No such (object|interface)|collection/i, 'the keychain has no usable default keyring; it may be locked or not set up yet'],
  [/prompt|dismiss|cancel/i, 'the keychain asked to be unlocked and the request was dismissed'],
  [/Cannot find (module|package)|ERR_MODULE_NOT_FOUND|MODULE_NOT_FOUND/i, 'the keytar package is not installed'],
  [/NODE_MODULE_VERSION|was compiled against a different Node\.js version|invalid ELF|wrong ELF class|mach-o|not a valid Win32 application/i, 'keytar was built for another version of Node or Electron'],
  [/libsecret|cannot open shared object file/i, 'the libsecret library is missing'],
  [/user interaction is not allowed|errSecInteractionNotAllowed/i, 'the keychain is locked and cannot ask to be unlocked now'],
];

/**
 * A short, secret-free account of `error`: a known cause in plain words, plus the library's own
 * words (one line, trimmed, the secret blanked out if it was ever echoed) for IT.
 */
export function summarise(error: unknown, secret?: string): string {
  let text = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
  if (secret && secret.length > 0) text = text.split(secret).join('[secret]');
  text = text
    .replace(/[\p{C}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length > 160) text = `${text.slice(0, 157)}...`;
  const known = KNOWN_CAUSES.find(([pattern]) => pattern.test(text))?.[1];
  if (!text) return known ?? 'unknown error';
  return known ? `${known}: "${text}"` : `"${text}"`;
}

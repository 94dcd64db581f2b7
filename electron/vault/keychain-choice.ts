import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import type { AppMode } from '../../shared/mode';
import { writeFileAtomic } from '../store/atomic-file';
import { DataKeyMissingError, FOLDER_ID_FILE, openDataKey } from './data-key';
import { MemoryVault } from './memory-vault';
import { VaultUnavailableError, type Vault } from './vault';

/**
 * Which keychain holds this run's data key.
 *
 * - `os`: the computer's own keychain (keytar). The only one Live mode ever uses.
 * - `throwaway-keyring`: a private GNOME Keyring the preview launcher started on a headless Linux
 *   machine; it is deleted when the run stops.
 * - `memory`: no keychain could be used at all (keytar missing or unusable); the key is in this
 *   process's memory only. Training mode only.
 */
export type KeychainKind = 'os' | 'throwaway-keyring' | 'memory';

/**
 * Written into a Training folder whose key ends with the run (throwaway keyring or memory). The
 * next start finds it and starts Training afresh: that folder's data can never be decrypted again.
 */
export const THROWAWAY_KEY_MARKER = 'key-ended-with-its-run';

/** What a Training-mode restart keeps of a folder whose key was throwaway: plain, redacted logs and the lock. */
const KEPT_ON_FRESH_START = new Set(['logs', 'kyc-desk.lock']);

export interface ModeKeychain {
  vault: Vault;
  key: Buffer;
  kind: KeychainKind;
  /** One line each, for the console and the screen. */
  notices: string[];
}

export interface ModeKeychainOptions {
  mode: AppMode;
  /** `<dataDir>/<mode>`. */
  modeDir: string;
  /** The computer's keychain (keytar), or the preview's throwaway keyring. */
  keychain: Vault;
  /** True when `keychain` is the preview's throwaway keyring (the launcher says so). */
  keychainIsThrowaway: boolean;
  platform?: NodeJS.Platform;
}

export const FRESH_START_NOTICE =
  'The Training data of an earlier run was locked with a key that ended with that run, so it cannot be opened again; Training mode starts afresh.';
export const THROWAWAY_KEYRING_NOTICE =
  'Training mode with a throwaway keychain: what you enter in this run cannot be opened again once KYC Desk stops.';

export function memoryKeyNotice(reason: string): string {
  return `Training mode without a keychain (${reason}): its data key is kept in memory only, so what you enter in this run is gone once KYC Desk stops. Live mode needs a keychain.`;
}

/** Live mode without a real keychain: refused, with what to install or start. */
export class KeychainRequiredError extends AppFailure {
  constructor(why: string, help: string) {
    super(
      'STORAGE_FAILED',
      `Live mode needs this computer's keychain, and ${why}. KYC Desk keeps the key to real customers' data only there, so it will not start in Live mode. ${help} Training mode runs without it.`,
    );
    this.name = 'KeychainRequiredError';
  }
}

/** Training data keyed in a real keychain, opened where only the throwaway keyring runs. */
export class KeyInAnotherKeychainError extends AppFailure {
  constructor(modeDir: string) {
    super(
      'STORAGE_FAILED',
      `The Training data in ${modeDir} is locked with a key kept in a desktop keychain, and no desktop keychain is running here (only a throwaway one). ` +
        'KYC Desk leaves that folder as it is. Start it where that keychain runs, or name another folder in KYC_DESK_DATA_DIR.',
    );
    this.name = 'KeyInAnotherKeychainError';
  }
}

/**
 * Opens the data key of one mode's folder, choosing the keychain.
 *
 * Live mode uses the computer's keychain or refuses to start. Training mode uses it too when it
 * can; otherwise (keytar missing, no Secret Service) an empty Training folder gets a throwaway
 * key, and is marked so that the next start, which could never decrypt it, starts afresh. A
 * Training folder that already holds data under a keychain key is never given a throwaway key and
 * never cleared: with the keychain unusable it is refused as before, and left as it is.
 */
export async function openModeKeychain(options: ModeKeychainOptions): Promise<ModeKeychain> {
  if (options.mode === 'live') return openLive(options);

  const { modeDir } = options;
  const notices: string[] = [];
  if (fs.existsSync(path.join(modeDir, THROWAWAY_KEY_MARKER))) {
    startAfresh(modeDir);
    notices.push(FRESH_START_NOTICE);
  }
  const hasExistingData = holdsData(modeDir);
  const empty = !hasExistingData && !fs.existsSync(path.join(modeDir, FOLDER_ID_FILE));
  // Marked before any key exists: a crash in between leaves a marked, empty folder, which is harmless.
  if (empty && options.keychainIsThrowaway) markThrowaway(modeDir);

  try {
    const { key } = await openDataKey(options.keychain, modeDir, { hasExistingData });
    const kind: KeychainKind = options.keychainIsThrowaway ? 'throwaway-keyring' : 'os';
    return { vault: options.keychain, key, kind, notices: kind === 'os' ? notices : [...notices, THROWAWAY_KEYRING_NOTICE] };
  } catch (error) {
    if (error instanceof DataKeyMissingError && options.keychainIsThrowaway) throw new KeyInAnotherKeychainError(modeDir);
    if (!(error instanceof VaultUnavailableError) || !empty) throw error;
    markThrowaway(modeDir);
    const memory = new MemoryVault();
    const { key } = await openDataKey(memory, modeDir, { hasExistingData: false });
    return { vault: memory, key, kind: 'memory', notices: [...notices, memoryKeyNotice(error.reason)] };
  }
}

async function openLive(options: ModeKeychainOptions): Promise<ModeKeychain> {
  const platform = options.platform ?? process.platform;
  if (options.keychainIsThrowaway) {
    throw new KeychainRequiredError(
      'the only one here is a throwaway keychain that the preview started because no desktop keychain is running (it is deleted when KYC Desk stops)',
      'Start KYC Desk in a desktop session whose keychain is unlocked, or on Windows or macOS.',
    );
  }
  try {
    const { key } = await openDataKey(options.keychain, options.modeDir, { hasExistingData: holdsData(options.modeDir) });
    return { vault: options.keychain, key, kind: 'os', notices: [] };
  } catch (error) {
    if (!(error instanceof VaultUnavailableError)) throw error;
    throw new KeychainRequiredError(`it is not usable here (${error.reason})`, keychainHelp(error.reason, platform));
  }
}

/** What to install (keytar could not be loaded) or to start (the keychain did not answer), per OS. */
export function keychainHelp(reason: string, platform: NodeJS.Platform): string {
  const moduleMissing = /native module could not be loaded/.test(reason);
  if (moduleMissing) {
    // npm leaves out an optional keytar that failed to build, so `npm ci` (not `npm rebuild`) brings it back.
    const rebuild = 'then run `npm ci` again in the KYC Desk folder (an installed KYC Desk: reinstall it).';
    if (platform === 'win32') return `On Windows install the Visual Studio Build Tools ("Desktop development with C++") and Python, ${rebuild}`;
    if (platform === 'darwin') return `On macOS install Apple's command line tools (\`xcode-select --install\`), ${rebuild}`;
    return `On Linux install libsecret, its headers and a compiler (Debian or Ubuntu: \`sudo apt install libsecret-1-0 libsecret-1-dev gnome-keyring build-essential python3 pkg-config\`), ${rebuild}`;
  }
  if (platform === 'win32' || platform === 'darwin') return 'Sign in to your account normally (so its keychain is unlocked) and start KYC Desk again.';
  return 'On Linux start a Secret Service such as GNOME Keyring (Debian or Ubuntu: `sudo apt install gnome-keyring`) in your desktop session, unlock it, and start KYC Desk again.';
}

function holdsData(modeDir: string): boolean {
  const storeDir = path.join(modeDir, 'store');
  return fs.existsSync(storeDir) && fs.readdirSync(storeDir).length > 0;
}

function markThrowaway(modeDir: string): void {
  fs.mkdirSync(modeDir, { recursive: true, mode: 0o700 });
  writeFileAtomic(path.join(modeDir, THROWAWAY_KEY_MARKER), Buffer.from('This Training folder was locked with a key that ended with its run.\n', 'utf8'));
}

/** Clears a Training folder whose key is gone: nothing in it can be decrypted any more. */
function startAfresh(modeDir: string): void {
  for (const entry of fs.readdirSync(modeDir)) {
    if (KEPT_ON_FRESH_START.has(entry) || entry === THROWAWAY_KEY_MARKER) continue;
    fs.rmSync(path.join(modeDir, entry), { recursive: true, force: true });
  }
  // The marker goes last: a crash half-way leaves it, and the next start finishes the job.
  fs.rmSync(path.join(modeDir, THROWAWAY_KEY_MARKER), { force: true });
}

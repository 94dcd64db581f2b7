import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLDER_ID_FILE, openDataKey } from '../../electron/vault/data-key';
import {
  FRESH_START_NOTICE,
  KeyInAnotherKeychainError,
  KeychainRequiredError,
  THROWAWAY_KEYRING_NOTICE,
  THROWAWAY_KEY_MARKER,
  keychainHelp,
  openModeKeychain,
} from '../../electron/vault/keychain-choice';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { VaultUnavailableError } from '../../electron/vault/vault';
import { makeTempDir } from '../support/temp-dir';

/**
 * The keychain is chosen per run: the OS keychain when it answers; for Training only, a throwaway
 * key when it does not — never for a folder that already holds keychain-keyed data, and never in
 * Live mode. (The launcher test runs the same with keytar really missing: test/e2e/keychain-missing.)
 */
let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('kyc-keychain-choice-');
});
afterAll(() => temp.remove());

let folders = 0;
function modeDir(mode: 'training' | 'live'): string {
  const dir = path.join(temp.dir, `data-${++folders}`, mode);
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'logs', 'kyc-desk.log'), '{"message":"kept"}\n');
  return dir;
}

/** A keychain that cannot be used, as keytar reports a missing native module. */
function missingKeytar(): MemoryVault {
  const vault = new MemoryVault();
  vault.failWith("its native module could not be loaded: the keytar package is not installed: \"Cannot find package 'keytar'\"");
  return vault;
}

function addStoreData(dir: string): void {
  fs.mkdirSync(path.join(dir, 'store'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'store', 'store.snapshot.1'), 'sealed bytes');
}

function listing(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

describe('choosing the keychain for a run', () => {
  it('uses the OS keychain when it answers, and leaves no marker', async () => {
    const dir = modeDir('training');
    const keychain = new MemoryVault();
    const opened = await openModeKeychain({ mode: 'training', modeDir: dir, keychain, keychainIsThrowaway: false });
    expect(opened).toMatchObject({ kind: 'os', notices: [] });
    expect(opened.vault).toBe(keychain);
    expect(keychain.accounts()).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, THROWAWAY_KEY_MARKER))).toBe(false);
  });

  it('Training without a keychain: a throwaway key in memory for an empty folder, said in one line; the next start begins afresh', async () => {
    const dir = modeDir('training');
    const first = await openModeKeychain({ mode: 'training', modeDir: dir, keychain: missingKeytar(), keychainIsThrowaway: false });
    expect(first.kind).toBe('memory');
    expect(first.notices).toHaveLength(1);
    expect(first.notices[0]).toMatch(/^Training mode without a keychain \(its native module could not be loaded: the keytar package is not installed.*gone once KYC Desk stops\. Live mode needs a keychain\.$/);
    expect(first.notices[0]).not.toContain('\n');
    expect(first.key).toHaveLength(32);
    expect(fs.existsSync(path.join(dir, THROWAWAY_KEY_MARKER))).toBe(true);
    expect(fs.existsSync(path.join(dir, FOLDER_ID_FILE))).toBe(true);
    addStoreData(dir); // what the run saved, under a key that is now gone

    // Next start, with a working keychain this time: the old data can never be read, so Training starts afresh.
    const keychain = new MemoryVault();
    const second = await openModeKeychain({ mode: 'training', modeDir: dir, keychain, keychainIsThrowaway: false });
    expect(second).toMatchObject({ kind: 'os', notices: [FRESH_START_NOTICE] });
    expect(second.key.equals(first.key)).toBe(false);
    expect(listing(dir)).toEqual([FOLDER_ID_FILE, 'logs', path.join('logs', 'kyc-desk.log')]);
    // …and from then on it is an ordinary keychain-keyed folder.
    const third = await openModeKeychain({ mode: 'training', modeDir: dir, keychain, keychainIsThrowaway: false });
    expect(third).toMatchObject({ kind: 'os', notices: [] });
    expect(third.key.equals(second.key)).toBe(true);
  });

  it('never gives a throwaway key to a Training folder whose data is keyed in the keychain, and leaves it as it was', async () => {
    const dir = modeDir('training');
    await openDataKey(new MemoryVault(), dir, { hasExistingData: false });
    addStoreData(dir);
    const before = listing(dir);
    await expect(openModeKeychain({ mode: 'training', modeDir: dir, keychain: missingKeytar(), keychainIsThrowaway: false })).rejects.toBeInstanceOf(VaultUnavailableError);
    expect(listing(dir)).toEqual(before);
  });

  it('the preview’s throwaway keyring: an empty folder is marked, so an explicit KYC_DESK_DATA_DIR starts afresh next time', async () => {
    const dir = modeDir('training');
    const first = await openModeKeychain({ mode: 'training', modeDir: dir, keychain: new MemoryVault(), keychainIsThrowaway: true });
    expect(first).toMatchObject({ kind: 'throwaway-keyring', notices: [THROWAWAY_KEYRING_NOTICE] });
    addStoreData(dir);
    // The keyring is gone with the run; the next run gets a new one.
    const second = await openModeKeychain({ mode: 'training', modeDir: dir, keychain: new MemoryVault(), keychainIsThrowaway: true });
    expect(second.notices).toEqual([FRESH_START_NOTICE, THROWAWAY_KEYRING_NOTICE]);
    expect(fs.existsSync(path.join(dir, 'store'))).toBe(false);
  });

  it('the throwaway keyring never touches Training data keyed in a desktop keychain, and says why', async () => {
    const dir = modeDir('training');
    await openDataKey(new MemoryVault(), dir, { hasExistingData: false });
    addStoreData(dir);
    const before = listing(dir);
    const error = await openModeKeychain({ mode: 'training', modeDir: dir, keychain: new MemoryVault(), keychainIsThrowaway: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyInAnotherKeychainError);
    expect((error as Error).message).toMatch(/no desktop keychain is running here.*leaves that folder as it is/);
    expect(listing(dir)).toEqual(before);
  });

  it('Live mode refuses to start without a real keychain, says what to install, and writes nothing', async () => {
    const dir = modeDir('live');
    const before = listing(dir);
    const error = await openModeKeychain({ mode: 'live', modeDir: dir, keychain: missingKeytar(), keychainIsThrowaway: false, platform: 'linux' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainRequiredError);
    expect((error as Error).message).toMatch(/^Live mode needs this computer's keychain, and it is not usable here \(its native module could not be loaded/);
    expect((error as Error).message).toContain('sudo apt install libsecret-1-0 libsecret-1-dev gnome-keyring');
    expect((error as Error).message).toContain('npm ci');
    expect(listing(dir)).toEqual(before);

    const throwaway = await openModeKeychain({ mode: 'live', modeDir: dir, keychain: new MemoryVault(), keychainIsThrowaway: true }).catch((e: unknown) => e);
    expect(throwaway).toBeInstanceOf(KeychainRequiredError);
    expect((throwaway as Error).message).toMatch(/throwaway keychain/);
    expect(listing(dir)).toEqual(before);
  });

  it('Live mode ignores a marker: real data is never cleared', async () => {
    const dir = modeDir('live');
    const keychain = new MemoryVault();
    const { key } = await openDataKey(keychain, dir, { hasExistingData: false });
    addStoreData(dir);
    fs.writeFileSync(path.join(dir, THROWAWAY_KEY_MARKER), 'planted');
    const opened = await openModeKeychain({ mode: 'live', modeDir: dir, keychain, keychainIsThrowaway: false });
    expect(opened.key.equals(key)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'store', 'store.snapshot.1'))).toBe(true);
  });

  it('names what to install on each OS, or what to start when the module loads but the keychain does not answer', () => {
    const missing = 'its native module could not be loaded: the keytar package is not installed';
    expect(keychainHelp(missing, 'win32')).toMatch(/Visual Studio Build Tools.*npm ci/);
    expect(keychainHelp(missing, 'darwin')).toMatch(/xcode-select --install.*npm ci/);
    expect(keychainHelp(missing, 'linux')).toMatch(/libsecret-1-dev.*npm ci/);
    expect(keychainHelp('no Secret Service (such as GNOME Keyring) is running', 'linux')).toMatch(/start a Secret Service such as GNOME Keyring/);
    expect(keychainHelp('the keychain is locked', 'darwin')).toMatch(/Sign in to your account normally/);
  });
});

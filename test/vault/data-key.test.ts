import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { DATA_KEY_BYTES, FOLDER_ID_FILE, dataKeyAccount, keyFingerprint, openDataKey } from '../../electron/vault/data-key';
import { createKeytarVault } from '../../electron/vault/keytar-vault';
import type { Vault } from '../../electron/vault/vault';
import { startTestKeyring, type TestKeyring } from '../support/keyring';
import { makeTempDir } from '../support/temp-dir';
import { runVaultChild } from './run-child';

let keyring: TestKeyring;
let vault: Vault;
let temp: ReturnType<typeof makeTempDir>;
beforeAll(async () => {
  keyring = await startTestKeyring();
  vault = createKeytarVault();
  temp = makeTempDir('kyc-data-key-');
});
afterAll(async () => {
  temp?.remove();
  await keyring?.stop();
});

let folders = 0;
function newFolder(): string {
  return path.join(temp.dir, `data-${++folders}`, 'live');
}

/** Every file under `dir` with its mode and bytes, to prove a folder was left exactly as it was. */
function snapshot(dir: string): Record<string, { mode: number; bytes: string }> {
  const files: Record<string, { mode: number; bytes: string }> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const stat = fs.statSync(file);
    files[path.relative(dir, file)] = { mode: stat.mode, bytes: entry.isFile() ? fs.readFileSync(file).toString('base64') : '(dir)' };
  }
  return files;
}

/** A folder that holds "data" (as the store would leave it) beside its folder-id. */
function addData(folder: string): void {
  fs.mkdirSync(path.join(folder, 'store'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'store', 'store.snapshot.1'), Buffer.from('sealed bytes that need the key'));
}

async function failure(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
}

describe('data key, against a real Secret Service', () => {
  it('creates a folder-id and a 256-bit key for a new folder, then returns the same key', async () => {
    const folder = newFolder();
    const first = await openDataKey(vault, folder, { hasExistingData: false });
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(DATA_KEY_BYTES);
    expect(first.folderId).toMatch(/^[0-9a-f]{32}$/);

    const idFile = path.join(folder, FOLDER_ID_FILE);
    expect(fs.readFileSync(idFile, 'utf8')).toBe(`${first.folderId}\n`);
    expect(fs.statSync(idFile).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(folder)).toEqual([FOLDER_ID_FILE]); // no temp file left behind
    // The key is in the keychain, as base64, under data-key:<folderId>.
    expect(await vault.get(dataKeyAccount(first.folderId))).toBe(first.key.toString('base64'));

    addData(folder);
    const second = await openDataKey(vault, folder, { hasExistingData: true });
    expect(second.created).toBe(false);
    expect(second.folderId).toBe(first.folderId);
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('makes a different key for every new folder', async () => {
    const a = await openDataKey(vault, newFolder(), { hasExistingData: false });
    const b = await openDataKey(vault, newFolder(), { hasExistingData: false });
    expect(a.folderId).not.toBe(b.folderId);
    expect(a.key.equals(b.key)).toBe(false);
  });

  it('keeps working for a folder copied to another path on the same PC', async () => {
    const original = newFolder();
    const opened = await openDataKey(vault, original, { hasExistingData: false });
    addData(original);
    const copy = path.join(temp.dir, 'moved elsewhere', 'live');
    fs.cpSync(original, copy, { recursive: true });
    const reopened = await openDataKey(vault, copy, { hasExistingData: true });
    expect(reopened).toMatchObject({ created: false, folderId: opened.folderId });
    expect(reopened.key.equals(opened.key)).toBe(true);
  });

  it('never writes the key into the folder, raw or as base64 or hex', async () => {
    const folder = newFolder();
    const { key } = await openDataKey(vault, folder, { hasExistingData: false });
    await openDataKey(vault, folder, { hasExistingData: true });
    const needles = [key, Buffer.from(key.toString('base64')), Buffer.from(key.toString('base64url')), Buffer.from(key.toString('hex'))];
    // Around the folder too: a fallback would most likely land beside it.
    for (const dir of [folder, path.dirname(folder)]) {
      for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const bytes = fs.readFileSync(path.join(entry.parentPath, entry.name));
        for (const needle of needles) expect(bytes.includes(needle), entry.name).toBe(false);
      }
    }
  });

  it('refuses a folder whose key is not in this keychain (another PC), and leaves it byte for byte', async () => {
    const folder = newFolder();
    const opened = await openDataKey(vault, folder, { hasExistingData: false });
    addData(folder);
    const before = snapshot(folder);

    // "Another PC": a fresh process with its own new, empty keyring.
    const home = path.join(temp.dir, 'other-pc-home');
    fs.mkdirSync(home);
    const { results } = await runVaultChild(
      {
        keyring: 'unlocked',
        steps: [
          { op: 'openDataKey', folder, hasExistingData: true },
          { op: 'openDataKey', folder, hasExistingData: false }, // even if the caller saw no data: the folder-id says otherwise
        ],
      },
      { HOME: home },
    );
    for (const outcome of results) {
      expect(outcome).toMatchObject({ ok: false, name: 'DataKeyMissingError', code: 'STORAGE_FAILED' });
      const message = (outcome as { message: string }).message;
      expect(message).toContain("is not in this computer's keychain");
      expect(message).toMatch(/copied from another PC, or the keychain was reset/);
      expect(message).toMatch(/will not open this folder and will not overwrite it/);
      expect(message).toMatch(/Restore the keychain .* or contact IT/);
      expect(message).not.toContain(opened.key.toString('base64'));
    }
    expect(snapshot(folder)).toEqual(before);
    // And on this PC it still opens with its own key.
    expect((await openDataKey(vault, folder, { hasExistingData: true })).key.equals(opened.key)).toBe(true);
  });

  it('reports a keychain without a usable keyring as unavailable, not as a copied folder', async () => {
    const folder = newFolder();
    await openDataKey(vault, folder, { hasExistingData: false });
    addData(folder);
    const anonymous = newFolder();
    addData(anonymous); // data without a folder-id
    const before = [snapshot(folder), snapshot(anonymous)];
    const { results } = await runVaultChild(
      {
        keyring: 'locked',
        steps: [
          { op: 'openDataKey', folder, hasExistingData: true },
          { op: 'openDataKey', folder: anonymous, hasExistingData: true },
        ],
      },
      { HOME: temp.dir },
    );
    expect(results).toHaveLength(2);
    for (const outcome of results) {
      expect(outcome).toMatchObject({ ok: false, name: 'VaultUnavailableError', code: 'STORAGE_FAILED' });
      expect((outcome as { message: string }).message).toMatch(/^The system keychain is not available/);
    }
    expect([snapshot(folder), snapshot(anonymous)]).toEqual(before);
  });

  it('creates nothing on disk when the keychain refuses a new key', async () => {
    const folder = newFolder();
    const { results } = await runVaultChild(
      { keyring: 'inherit', steps: [{ op: 'openDataKey', folder, hasExistingData: false }] },
      { HOME: temp.dir, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/kyc-desk-bus' },
    );
    expect(results[0]).toMatchObject({ ok: false, name: 'VaultUnavailableError', code: 'STORAGE_FAILED' });
    expect(fs.existsSync(folder)).toBe(false);
  });

  it('refuses existing data without a folder-id, and leaves it untouched', async () => {
    const folder = newFolder();
    addData(folder);
    const before = snapshot(folder);
    const error = await failure(openDataKey(vault, folder, { hasExistingData: true }));
    expect(error.name).toBe('DataKeyMissingError');
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.message).toMatch(/lost its identity file \(folder-id\)/);
    expect(error.message).toMatch(/copied from another PC/);
    expect(error.message).toMatch(/will not open this folder and will not overwrite it/);
    expect(snapshot(folder)).toEqual(before);
  });

  it('refuses a folder-id whose key was removed from the keychain (keychain reset), even with no data yet', async () => {
    const folder = newFolder();
    const { folderId } = await openDataKey(vault, folder, { hasExistingData: false });
    expect(await vault.delete(dataKeyAccount(folderId))).toBe(true);
    const before = snapshot(folder);
    const error = await failure(openDataKey(vault, folder, { hasExistingData: false }));
    expect(error.name).toBe('DataKeyMissingError');
    expect(snapshot(folder)).toEqual(before);
    expect(await vault.has(dataKeyAccount(folderId))).toBe(false); // no new key was slipped in
  });

  it.each([
    ['not base64', '!!!!'],
    ['16 bytes', Buffer.alloc(16, 7).toString('base64')],
    ['33 bytes', Buffer.alloc(33, 7).toString('base64')],
    ['32 bytes with junk after', `${Buffer.alloc(32, 7).toString('base64')}AA`],
  ])('refuses a stored key that is %s', async (_what, stored) => {
    const folder = newFolder();
    const { folderId } = await openDataKey(vault, folder, { hasExistingData: false });
    await vault.set(dataKeyAccount(folderId), stored);
    const error = await failure(openDataKey(vault, folder, { hasExistingData: true }));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.message).toMatch(/is damaged \(it is not a 256-bit key\)/);
    expect(await vault.get(dataKeyAccount(folderId))).toBe(stored); // not replaced
  });

  it('refuses a damaged folder-id without touching it', async () => {
    const folder = newFolder();
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, FOLDER_ID_FILE), 'not-an-id\n');
    const error = await failure(openDataKey(vault, folder, { hasExistingData: false }));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.message).toMatch(/identity file .* is damaged/);
    expect(fs.readFileSync(path.join(folder, FOLDER_ID_FILE), 'utf8')).toBe('not-an-id\n');
  });
});

describe('keyFingerprint', () => {
  it('is 16 hex characters, stable for a key, different between keys, and not the key', () => {
    const key = Buffer.alloc(32, 1);
    const other = Buffer.alloc(32, 2);
    expect(keyFingerprint(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyFingerprint(Buffer.from(key))).toBe(keyFingerprint(key));
    expect(keyFingerprint(other)).not.toBe(keyFingerprint(key));
    expect(key.toString('hex')).not.toContain(keyFingerprint(key));
    // Pinned: the store compares fingerprints written earlier, so the derivation must never drift.
    expect(keyFingerprint(Buffer.alloc(32, 0))).toBe(FINGERPRINT_OF_ZERO_KEY);
  });
});

// HMAC-SHA256(key = 32 zero bytes, 'kyc-desk key fingerprint v1'), first 16 hex characters.
const FINGERPRINT_OF_ZERO_KEY = '354817ee9547f235';

import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { writeFileAtomic } from '../store/atomic-file';
import { VaultUnavailableError, type Vault } from './vault';

/**
 * The 256-bit data key that encrypts one data folder's database and documents.
 *
 * Each data folder (`<dataDir>/training`, `<dataDir>/live`) carries a non-secret identity, the
 * `folder-id` file (128 random bits in hex). The key itself lives only in the OS keychain, under
 * `data-key:<folderId>`, as base64. A folder copied to another path on the same PC keeps its key;
 * a folder copied to another PC (or a reset keychain) has none, and KYC Desk then refuses to open
 * it rather than start over: a new key over existing data would lose that data for good.
 */
export const FOLDER_ID_FILE = 'folder-id';
export const DATA_KEY_BYTES = 32;

const FOLDER_ID = /^[0-9a-f]{32}$/;
const KEY_BASE64 = /^[A-Za-z0-9+/]{43}=$/;

export function dataKeyAccount(folderId: string): string {
  return `data-key:${folderId}`;
}

export interface OpenedDataKey {
  key: Buffer;
  /** True when this call made a new folder identity and key (a new, empty data folder). */
  created: boolean;
  folderId: string;
}

/** This folder's key is not in this keychain: never open, never overwrite. */
export class DataKeyMissingError extends AppFailure {
  constructor(folder: string, why: 'no-key' | 'no-folder-id') {
    const first =
      why === 'no-key'
        ? `The key of this data folder (${folder}) is not in this computer's keychain.`
        : `This data folder (${folder}) holds data but has lost its identity file (${FOLDER_ID_FILE}), so its key cannot be found in this computer's keychain.`;
    super(
      'STORAGE_FAILED',
      `${first} The folder was probably copied from another PC, or the keychain was reset. ` +
        'KYC Desk will not open this folder and will not overwrite it. ' +
        'Restore the keychain (or use the folder on the PC it came from), or contact IT.',
    );
    this.name = 'DataKeyMissingError';
  }
}

/**
 * The data key of `folder`, creating it only for a brand-new folder.
 *
 * - no folder-id, no existing data → new folder-id and a new random key (key stored first, then the
 *   folder-id written atomically), `created: true`;
 * - folder-id and a key in the vault → that key (it must decode to exactly 32 bytes);
 * - folder-id or existing data, but no key → DataKeyMissingError; the folder is left untouched.
 *   Because a locked keychain can also answer "no such entry", the vault is first checked to be
 *   writable, so a locked keychain is reported as such (VaultUnavailableError), not as a copied folder.
 */
export async function openDataKey(vault: Vault, folder: string, options: { hasExistingData: boolean }): Promise<OpenedDataKey> {
  const folderId = readFolderId(folder);

  if (folderId === null) {
    if (options.hasExistingData) {
      await assertVaultWritable(vault);
      throw new DataKeyMissingError(folder, 'no-folder-id');
    }
    return createDataKey(vault, folder);
  }

  const encoded = await vault.get(dataKeyAccount(folderId));
  if (encoded === null) {
    await assertVaultWritable(vault);
    throw new DataKeyMissingError(folder, 'no-key');
  }
  const key = decodeKey(encoded);
  return { key, created: false, folderId };
}

/** First 16 hex characters of HMAC-SHA256(key, label): tells keys apart without revealing them. */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('kyc-desk key fingerprint v1').digest('hex').slice(0, 16);
}

async function createDataKey(vault: Vault, folder: string): Promise<OpenedDataKey> {
  const folderId = randomBytes(16).toString('hex');
  const key = randomBytes(DATA_KEY_BYTES);
  const account = dataKeyAccount(folderId);
  // Key first: if the keychain refuses, nothing at all is written to the folder.
  await vault.set(account, key.toString('base64'));
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileAtomic(path.join(folder, FOLDER_ID_FILE), Buffer.from(`${folderId}\n`, 'utf8'));
  } catch (error) {
    // Without its folder-id the key can never be found again: take it back out of the keychain.
    await vault.delete(account).catch(() => undefined);
    throw diskFailure(error, folder);
  }
  return { key, created: true, folderId };
}

function readFolderId(folder: string): string | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(folder, FOLDER_ID_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw diskFailure(error, folder);
  }
  const id = text.replace(/\r?\n$/, '');
  if (!FOLDER_ID.test(id)) {
    throw new AppFailure(
      'STORAGE_FAILED',
      `The identity file of this data folder (${path.join(folder, FOLDER_ID_FILE)}) is damaged. KYC Desk will not open this folder and will not overwrite it. Contact IT.`,
    );
  }
  return id;
}

function decodeKey(encoded: string): Buffer {
  const key = KEY_BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : null;
  if (!key || key.length !== DATA_KEY_BYTES) {
    throw new AppFailure(
      'STORAGE_FAILED',
      "The data key kept in this computer's keychain for this data folder is damaged (it is not a 256-bit key). KYC Desk will not open this folder and will not overwrite it. Contact IT.",
    );
  }
  return key;
}

/** Throws VaultUnavailableError when the keychain cannot take a write (e.g. it is locked). */
async function assertVaultWritable(vault: Vault): Promise<void> {
  const probe = `probe:${randomBytes(8).toString('hex')}`;
  await vault.set(probe, 'kyc-desk keychain probe');
  await vault.delete(probe).catch((error: unknown) => {
    if (error instanceof VaultUnavailableError) throw error;
  });
}

function diskFailure(error: unknown, folder: string): AppFailure {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppFailure('STORAGE_FULL', `The disk is full, so KYC Desk could not prepare its data folder (${folder}). Free some space and start KYC Desk again.`);
  }
  return new AppFailure('STORAGE_FAILED', `KYC Desk could not read or write its data folder (${folder}): ${code ?? 'unknown error'}. Check the folder's permissions or contact IT.`);
}

import { createHash } from 'node:crypto';
import { Store, type OpenedStore, type StoreOptions } from '../../electron/store/database';

/**
 * A stable 256-bit key per folder, so a test can close and reopen "the same PC's" store. The app
 * takes its key from the OS keychain; tests of the store itself need not.
 */
export function testKey(seed: string): Buffer {
  return createHash('sha256').update(`kyc-desk test key:${seed}`).digest();
}

export function openTestStore(dir: string, options: Partial<StoreOptions> = {}): Promise<OpenedStore> {
  return Store.open(dir, { key: testKey(dir), ...options });
}

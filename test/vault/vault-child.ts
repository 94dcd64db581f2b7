/**
 * Runs vault operations in a process of its own, for the tests that need a keychain other than
 * the test file's: libsecret keeps its first D-Bus connection for the life of a process, so
 * "another PC" (a second, empty keyring), "no keyring" and "no D-Bus" each need a fresh process.
 *
 * Usage: node --import tsx vault-child.ts '<json request>'  → one JSON line on stdout.
 * Never prints a secret or a key (only fingerprints).
 */
import { AppFailure } from '../../shared/errors';
import { createKeytarVault } from '../../electron/vault/keytar-vault';
import { keyFingerprint, openDataKey } from '../../electron/vault/data-key';
import { startTestKeyring, type TestKeyring } from '../support/keyring';

export type ChildStep =
  | { op: 'set'; account: string; secret: string }
  | { op: 'get' | 'has' | 'delete'; account: string }
  | { op: 'openDataKey'; folder: string; hasExistingData: boolean };

export interface ChildRequest {
  /** 'inherit': use the environment as given; 'unlocked' / 'locked': start a private test keyring first. */
  keyring: 'inherit' | 'unlocked' | 'locked';
  timeoutMs?: number;
  steps: ChildStep[];
}

export type ChildOutcome = { ok: true; value: unknown } | { ok: false; name: string; code: string | null; message: string };

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as ChildRequest;
  let keyring: TestKeyring | undefined;
  if (request.keyring !== 'inherit') keyring = await startTestKeyring({ unlocked: request.keyring === 'unlocked' });
  const vault = createKeytarVault(undefined, request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs });
  const results: ChildOutcome[] = [];
  for (const step of request.steps) {
    try {
      switch (step.op) {
        case 'set':
          results.push({ ok: true, value: await vault.set(step.account, step.secret) });
          break;
        case 'get':
          results.push({ ok: true, value: (await vault.get(step.account)) === null ? null : 'present' });
          break;
        case 'has':
          results.push({ ok: true, value: await vault.has(step.account) });
          break;
        case 'delete':
          results.push({ ok: true, value: await vault.delete(step.account) });
          break;
        case 'openDataKey': {
          const opened = await openDataKey(vault, step.folder, { hasExistingData: step.hasExistingData });
          results.push({ ok: true, value: { created: opened.created, folderId: opened.folderId, fingerprint: keyFingerprint(opened.key) } });
          break;
        }
      }
    } catch (error) {
      const e = error as Error;
      results.push({ ok: false, name: e.name, code: error instanceof AppFailure ? error.code : null, message: e.message });
    }
  }
  await keyring?.stop();
  process.stdout.write(`${JSON.stringify({ results })}\n`);
}

main().then(
  // Exit at once: a keychain call that never answered would otherwise keep the process alive.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);

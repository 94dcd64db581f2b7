import { execFileSync } from 'node:child_process';

/**
 * Whether the OS keychain holds an item, asked the way that OS allows without a prompt: on macOS
 * `security` reads only the item's attributes (reading its secret from another program would
 * raise an "allow access" dialog and hang an unattended run); elsewhere keytar itself
 * (Windows Credential Manager, or the Secret Service on Linux) lists the accounts of the service.
 */
export async function keychainHolds(service: string, account: string): Promise<boolean> {
  if (process.platform === 'darwin') {
    try {
      execFileSync('security', ['find-generic-password', '-s', service, '-a', account], { stdio: 'ignore', timeout: 30_000 });
      return true;
    } catch {
      return false;
    }
  }
  const keytar = await loadKeytar();
  const credentials = await keytar.findCredentials(service);
  return credentials.some((credential) => credential.account === account);
}

/** Take the item out again, so a run on a person's own PC leaves nothing behind. */
export async function removeFromKeychain(service: string, account: string): Promise<void> {
  if (process.platform === 'darwin') {
    try {
      execFileSync('security', ['delete-generic-password', '-s', service, '-a', account], { stdio: 'ignore', timeout: 30_000 });
    } catch {
      // Already gone.
    }
    return;
  }
  const keytar = await loadKeytar();
  await keytar.deletePassword(service, account);
}

interface Keytar {
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

async function loadKeytar(): Promise<Keytar> {
  const loaded = (await import('keytar')) as unknown as Keytar & { default?: Keytar };
  return loaded.default ?? loaded;
}

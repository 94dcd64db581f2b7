import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { createKeytarVault, summarise } from '../../electron/vault/keytar-vault';
import { VAULT_SERVICE, VaultUnavailableError, type Vault } from '../../electron/vault/vault';
import { startTestKeyring, type TestKeyring } from '../support/keyring';
import { makeTempDir } from '../support/temp-dir';
import { runVaultChild } from './run-child';

let keyring: TestKeyring;
let vault: Vault;
beforeAll(async () => {
  keyring = await startTestKeyring();
  vault = createKeytarVault();
});
afterAll(async () => {
  await keyring?.stop();
});

/** Every regular file under `dir`, with its bytes. */
function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files.set(path.relative(dir, file), fs.readFileSync(file));
    }
  }
  return files;
}

function expectUnavailable(outcome: { ok: boolean; name?: string; code?: string | null; message?: string }, secret?: string): string {
  expect(outcome.ok).toBe(false);
  const failed = outcome as { name: string; code: string | null; message: string };
  expect(failed.name).toBe('VaultUnavailableError');
  expect(failed.code).toBe('STORAGE_FAILED');
  expect(failed.message).toMatch(/^The system keychain is not available \(/);
  expect(failed.message).toMatch(/start a Secret Service such as GNOME Keyring and unlock it/);
  expect(failed.message).toMatch(/start KYC Desk again/);
  if (secret) expect(failed.message).not.toContain(secret);
  return failed.message;
}

describe('keytar vault against a real Secret Service', () => {
  it('points this process at the private test bus, not at a desktop session', () => {
    expect(process.env.DBUS_SESSION_BUS_ADDRESS).toBe(keyring.env.DBUS_SESSION_BUS_ADDRESS);
    expect(keyring.env.DBUS_SESSION_BUS_ADDRESS).toContain(keyring.env.XDG_RUNTIME_DIR);
  });

  it('sets, gets, reports and deletes a secret', async () => {
    const account = `test:${randomBytes(4).toString('hex')}`;
    const secret = `pässwörd ${randomBytes(12).toString('base64')} ✓`;
    expect(await vault.has(account)).toBe(false);
    expect(await vault.get(account)).toBeNull();
    await vault.set(account, secret);
    expect(await vault.get(account)).toBe(secret);
    expect(await vault.has(account)).toBe(true);
    expect(await vault.delete(account)).toBe(true);
    expect(await vault.get(account)).toBeNull();
    expect(await vault.has(account)).toBe(false);
  });

  it('keeps the secret in the private keyring daemon, filed under the "KYC Desk" service', async () => {
    const account = `test:${randomBytes(4).toString('hex')}`;
    await vault.set(account, 'filed-under-service');
    // Asked independently over the test bus: the item is in this keyring (not in some desktop session's).
    const search = (service: string) =>
      execFileSync(
        'dbus-send',
        ['--session', '--print-reply', '--reply-timeout=5000', '--dest=org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.SearchItems', `dict:string:string:service,${service},account,${account}`],
        { env: { PATH: process.env.PATH!, ...keyring.env }, timeout: 10_000, encoding: 'utf8' },
      );
    expect(search(VAULT_SERVICE)).toMatch(/object path "\/org\/freedesktop\/secrets\/collection\/login\/\d+"/);
    expect(search('Some Other App')).not.toMatch(/collection\/login/);
    // Another service name is another set of entries.
    const other = createKeytarVault(`${VAULT_SERVICE} other`);
    expect(await other.get(account)).toBeNull();
    expect(await createKeytarVault(VAULT_SERVICE).get(account)).toBe('filed-under-service');
    // gnome-keyring encrypts its file: the secret is not readable in it.
    const files = filesUnder(keyring.env.XDG_DATA_HOME!);
    expect([...files.keys()].some((name) => name.endsWith('.keyring'))).toBe(true);
    for (const bytes of files.values()) expect(bytes.includes('filed-under-service')).toBe(false);
    await vault.delete(account);
  });

  it('overwrites an existing secret', async () => {
    const account = `test:${randomBytes(4).toString('hex')}`;
    await vault.set(account, 'first');
    await vault.set(account, 'second');
    expect(await vault.get(account)).toBe('second');
    expect(await vault.delete(account)).toBe(true);
  });

  it('returns false when deleting what is not there', async () => {
    expect(await vault.delete(`test:missing-${randomBytes(4).toString('hex')}`)).toBe(false);
  });

  it('keeps a large secret whole', async () => {
    const account = `test:${randomBytes(4).toString('hex')}`;
    const secret = randomBytes(48 * 1024).toString('base64').slice(0, 64 * 1024);
    await vault.set(account, secret);
    expect(await vault.get(account)).toBe(secret);
    await vault.delete(account);
  });

  it.each([
    ['empty', ''],
    ['too long', 'a'.repeat(201)],
    ['a control character', 'data-key:\n1'],
    ['a NUL', 'data\0key'],
    ['a leading space', ' data-key'],
    ['a bidi override', 'data\u202Ekey'],
  ])('refuses an account name that is %s', async (_what, account) => {
    for (const call of [() => vault.get(account), () => vault.has(account), () => vault.delete(account), () => vault.set(account, 'x')]) {
      const error = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppFailure);
      expect((error as AppFailure).code).toBe('BAD_REQUEST');
    }
  });

  it('accepts an account name of exactly 200 characters, non-ASCII included', async () => {
    const account = `é${'a'.repeat(199)}`;
    await vault.set(account, 'edge');
    expect(await vault.get(account)).toBe('edge');
    expect(await vault.delete(account)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['over 64 KiB', 'x'.repeat(64 * 1024 + 1)],
    ['with a NUL that would cut it short', 'abc\0def'],
  ])('refuses a secret that is %s, without echoing it', async (_what, secret) => {
    const account = `test:${randomBytes(4).toString('hex')}`;
    const error = (await vault.set(account, secret).catch((e: unknown) => e)) as AppFailure;
    expect(error).toBeInstanceOf(AppFailure);
    expect(error.code).toBe('BAD_REQUEST');
    if (secret) expect(error.message).not.toContain(secret);
    expect(await vault.has(account)).toBe(false);
  });
});

describe('keytar vault without a usable keychain (each in a fresh process)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir('kyc-vault-nokeychain-');
  });
  afterAll(() => temp.remove());

  function isolatedEnv(name: string, extra: Record<string, string>): { env: Record<string, string>; home: string } {
    const home = path.join(temp.dir, name);
    fs.mkdirSync(home, { recursive: true });
    return {
      home,
      env: { HOME: home, XDG_DATA_HOME: path.join(home, 'data'), XDG_RUNTIME_DIR: path.join(home, 'run'), XDG_CONFIG_HOME: path.join(home, 'config'), ...extra },
    };
  }

  const secret = `never-on-disk-${randomBytes(9).toString('hex')}`;
  const steps = [
    { op: 'set' as const, account: 'secret:live:sftp-password', secret },
    { op: 'get' as const, account: 'secret:live:sftp-password' },
    { op: 'has' as const, account: 'secret:live:sftp-password' },
    { op: 'delete' as const, account: 'secret:live:sftp-password' },
  ];

  it('refuses every call when the D-Bus address points nowhere, and writes nothing anywhere instead', async () => {
    const { env, home } = isolatedEnv('nowhere', { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/kyc-desk-bus' });
    const { results } = await runVaultChild({ keyring: 'inherit', steps }, env);
    expect(results).toHaveLength(4);
    for (const outcome of results) expect(expectUnavailable(outcome, secret)).toMatch(/D-Bus session bus cannot be reached/);
    // No fallback file: the child's HOME (where a fallback would go) holds nothing with the secret; XDG folders were not even created.
    for (const [name, bytes] of filesUnder(home)) {
      expect(bytes.includes(secret), name).toBe(false);
      expect(bytes.includes(Buffer.from(secret).toString('base64')), name).toBe(false);
    }
    expect(fs.readdirSync(home)).toEqual([]);
  });

  it('refuses every call when there is no D-Bus session and no display', async () => {
    const { env, home } = isolatedEnv('nosession', {});
    const { results } = await runVaultChild({ keyring: 'inherit', steps }, env);
    for (const outcome of results) expect(expectUnavailable(outcome, secret)).toMatch(/there is no D-Bus session/);
    for (const bytes of filesUnder(home).values()) expect(bytes.includes(secret)).toBe(false);
  });

  it('refuses to store into a Secret Service that has no unlocked keyring', async () => {
    const { env } = isolatedEnv('locked', {});
    const { results } = await runVaultChild({ keyring: 'locked', steps: [steps[0]!, steps[2]!] }, env);
    expect(expectUnavailable(results[0]!, secret)).toMatch(/keyring|locked/);
    expect(results[1]).toEqual({ ok: true, value: false });
  });

  it('gives up with a clear message when the bus never answers', async () => {
    // A "bus" that accepts the connection and then says nothing: GDBus would wait for ever.
    const socket = path.join(temp.dir, 'silent.sock');
    const held: net.Socket[] = [];
    const server = net.createServer((connection) => held.push(connection));
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const { env } = isolatedEnv('silent', { DBUS_SESSION_BUS_ADDRESS: `unix:path=${socket}` });
      const started = Date.now();
      const { results } = await runVaultChild({ keyring: 'inherit', timeoutMs: 2000, steps: [steps[1]!] }, env);
      expect(expectUnavailable(results[0]!)).toMatch(/did not answer within 2 s/);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      held.forEach((connection) => connection.destroy());
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('turns a keytar that cannot be loaded into VaultUnavailableError, and tries again next time', async () => {
    let attempts = 0;
    const broken = createKeytarVault(VAULT_SERVICE, {
      load: async () => {
        attempts++;
        throw new Error("Cannot find module '../build/Release/keytar.node'");
      },
    });
    for (const call of [() => broken.get('a'), () => broken.set('a', 'b'), () => broken.has('a'), () => broken.delete('a')]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VaultUnavailableError);
      expect((error as VaultUnavailableError).message).toMatch(/native module could not be loaded: the keytar package is not installed/);
    }
    expect(attempts).toBe(4);
  });
});

describe('summarise', () => {
  it('names known causes and never repeats the secret', () => {
    expect(summarise(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'))).toMatch(/^there is no D-Bus session/);
    expect(summarise(new Error('Cannot create an item in a locked collection'))).toMatch(/^the keychain is locked/);
    expect(summarise(new Error('The name org.freedesktop.secrets was not provided by any .service files'))).toMatch(/^no Secret Service/);
    expect(summarise(new Error('failed to store hunter2 because'), 'hunter2')).toBe('"failed to store [secret] because"');
    expect(summarise(new Error(`line one\nline two ${'x'.repeat(300)}`))).toMatch(/^"line one line two x+\.\.\."$/);
    // An optional keytar that npm left out, as Node's ESM loader reports it.
    expect(summarise(new Error("Cannot find package 'keytar' imported from /opt/kyc-desk/dist/preview/cli.js"))).toMatch(/^the keytar package is not installed/);
    expect(summarise('weird')).toBe('"weird"');
    expect(summarise(undefined)).toBe('"unknown error"');
  });
});

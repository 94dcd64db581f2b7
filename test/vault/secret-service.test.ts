import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { createKeytarVault } from '../../electron/vault/keytar-vault';
import { MemoryVault } from '../../electron/vault/memory-vault';
import { SECRET_SLOTS, SECRET_SLOT_LABELS, isSecretSlot, secretAccount, type SecretSlot } from '../../shared/secrets/slots';
import { SecretService } from '../../electron/vault/secret-service';
import { VaultUnavailableError, type Vault } from '../../electron/vault/vault';
import { startTestKeyring, type TestKeyring } from '../support/keyring';

let keyring: TestKeyring;
let vault: Vault;
beforeAll(async () => {
  keyring = await startTestKeyring();
  vault = createKeytarVault();
});
afterAll(async () => {
  await keyring?.stop();
});

const allFalse = Object.fromEntries(SECRET_SLOTS.map((slot) => [slot, false]));

async function failure(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
}

describe('secret slots', () => {
  it('are a closed list, each with a label, filed per mode', () => {
    expect(SECRET_SLOTS).toEqual(['ckyc-api-password', 'ckyc-api-token', 'sftp-password', 'sftp-key-passphrase', 'agent-api-password', 'uae-oauth-client-secret', 'uae-password', 'bulk-update-token']);
    for (const slot of SECRET_SLOTS) expect(SECRET_SLOT_LABELS[slot]).toMatch(/^[A-Z].{4,}/);
    expect(Object.keys(SECRET_SLOT_LABELS).sort()).toEqual([...SECRET_SLOTS].sort());
    expect(secretAccount('live', 'sftp-password')).toBe('secret:live:sftp-password');
    expect(secretAccount('training', 'uae-password')).toBe('secret:training:uae-password');
    expect(isSecretSlot('sftp-password')).toBe(true);
    for (const odd of ['SFTP-PASSWORD', 'data-key', 'constructor', 'toString', '', null, 1]) expect(isSecretSlot(odd)).toBe(false);
    expect(() => secretAccount('live', 'data-key' as SecretSlot)).toThrow();
    expect(() => secretAccount('staging' as 'live', 'sftp-password')).toThrow();
  });
});

describe('SecretService against a real Secret Service', () => {
  it('sets, reports and clears a slot; the secret lands in the keychain under secret:<mode>:<slot>', async () => {
    const service = new SecretService(vault, 'live');
    expect(await service.status()).toEqual(allFalse);
    const secret = `s3cret-${randomBytes(8).toString('hex')}`;
    await service.set('sftp-password', secret);
    expect(await service.status()).toEqual({ ...allFalse, 'sftp-password': true });
    expect(await vault.get(secretAccount('live', 'sftp-password'))).toBe(secret); // main-side connectors read it like this
    await service.set('sftp-password', `${secret}-rotated`);
    expect(await vault.get(secretAccount('live', 'sftp-password'))).toBe(`${secret}-rotated`);
    await service.clear('sftp-password');
    expect(await service.status()).toEqual(allFalse);
    expect(await vault.has(secretAccount('live', 'sftp-password'))).toBe(false);
    await service.clear('sftp-password'); // clearing what is not there is fine
  });

  it('keeps training and live secrets apart', async () => {
    const training = new SecretService(vault, 'training');
    const live = new SecretService(vault, 'live');
    await training.set('ckyc-api-token', 'training-token');
    expect((await training.status())['ckyc-api-token']).toBe(true);
    expect((await live.status())['ckyc-api-token']).toBe(false);
    await training.clear('ckyc-api-token');
  });

  it('never puts a secret value in what status returns', async () => {
    const service = new SecretService(vault, 'live');
    const secrets = Object.fromEntries(SECRET_SLOTS.map((slot) => [slot, `valueOf${slot.replace(/[^A-Za-z0-9]/g, '')}${randomBytes(6).toString('hex')}`.slice(0, 32)])) as Record<SecretSlot, string>;
    for (const slot of SECRET_SLOTS) await service.set(slot, secrets[slot]);
    const status = await service.status();
    expect(status).toEqual(Object.fromEntries(SECRET_SLOTS.map((slot) => [slot, true])));
    const json = JSON.stringify(status);
    for (const value of Object.values(secrets)) {
      expect(json).not.toContain(value);
      expect(json).not.toContain(value.slice(-12)); // not even a part
    }
    expect(Object.values(status).every((present) => typeof present === 'boolean')).toBe(true);
    for (const slot of SECRET_SLOTS) await service.clear(slot);
    expect(await service.status()).toEqual(allFalse);
  });

  it('has no way to read a secret back', () => {
    const methods = Object.getOwnPropertyNames(SecretService.prototype).filter((name) => name !== 'constructor');
    expect(methods.sort()).toEqual(['account', 'clear', 'set', 'status']);
  });

  it.each([['data-key'], ['secret:live:sftp-password'], ['__proto__'], [''], [42]])('refuses the unknown slot %j', async (slot) => {
    const service = new SecretService(vault, 'live');
    for (const call of [() => service.set(slot as SecretSlot, 'x'), () => service.clear(slot as SecretSlot)]) {
      const error = await failure(call());
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toBe('KYC Desk does not keep a secret under that name.');
    }
  });

  it('refuses an empty, oversized or NUL-carrying value with a field message, without echoing it', async () => {
    const service = new SecretService(vault, 'live');
    const cases: Array<[unknown, RegExp]> = [
      ['', /Enter a value/],
      [undefined, /Enter a value/],
      ['a'.repeat(64 * 1024 + 1), /too long .* 65536 bytes/],
      ['pass\0word', /character the keychain cannot keep/],
    ];
    for (const [value, message] of cases) {
      const error = await failure(service.set('uae-password', value as string));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toMatch(message);
      expect(error.fields?.value).toBe(error.message);
      if (typeof value === 'string' && value) expect(JSON.stringify(error.toValue())).not.toContain(value);
    }
    expect((await service.status())['uae-password']).toBe(false);
  });

  it('passes an unavailable keychain through as VaultUnavailableError', async () => {
    const broken = new MemoryVault();
    broken.failWith('the keychain is locked');
    const service = new SecretService(broken, 'live');
    await expect(service.status()).rejects.toBeInstanceOf(VaultUnavailableError);
    await expect(service.set('sftp-password', 'x')).rejects.toBeInstanceOf(VaultUnavailableError);
    await expect(service.clear('sftp-password')).rejects.toThrow(/The system keychain is not available \(the keychain is locked\)/);
    broken.failWith(null);
    await service.set('sftp-password', 'x');
    expect(broken.accounts()).toEqual(['secret:live:sftp-password']);
  });
});

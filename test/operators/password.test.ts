import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, DEFAULT_SCRYPT_COST, hashPassword, parsePasswordHash, verifyPassword } from '../../electron/operators/password';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

function replacePart(encoded: string, index: number, value: string): string {
  const parts = encoded.split('$');
  parts[index] = value;
  return parts.join('$');
}

describe('hashPassword', () => {
  it('ships with N = 2^15, r = 8, p = 1, a 16-byte salt and a 32-byte key, all written into the hash', async () => {
    expect(DEFAULT_SCRYPT_COST).toEqual({ N: 32768, r: 8, p: 1 });
    const encoded = await hashPassword('correct horse battery');
    expect(encoded).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/);
    const parsed = parsePasswordHash(encoded)!;
    expect(parsed.cost).toEqual({ N: 32768, r: 8, p: 1 });
    expect(parsed.salt).toHaveLength(16);
    expect(parsed.hash).toHaveLength(32);
    expect(await verifyPassword('correct horse battery', encoded)).toBe(true);
  });

  it('salts every hash afresh: the same password never gives the same hash', async () => {
    const a = await hashPassword('same password here', FAST);
    const b = await hashPassword('same password here', FAST);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
  });
});

describe('verifyPassword', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const encoded = await hashPassword('monsoon in mumbai', FAST);
    expect(await verifyPassword('monsoon in mumbai', encoded)).toBe(true);
    expect(await verifyPassword('monsoon in Mumbai', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('reads the cost from the hash, so hashes made with other parameters still verify', async () => {
    const encoded = await hashPassword('older cost setting', { N: 2 ** 9, r: 4, p: 2 });
    expect(encoded.startsWith('scrypt$512$4$2$')).toBe(true);
    expect(await verifyPassword('older cost setting', encoded)).toBe(true);
    // The same salt and key under different parameters is a different hash.
    expect(await verifyPassword('older cost setting', replacePart(encoded, 1, '1024'))).toBe(false);
    expect(await verifyPassword('older cost setting', replacePart(encoded, 2, '8'))).toBe(false);
  });

  it('refuses a tampered hash or salt', async () => {
    const encoded = await hashPassword('tamper with me please', FAST);
    const key = Buffer.from(encoded.split('$')[5]!, 'base64');
    key[0] = key[0]! ^ 1;
    expect(await verifyPassword('tamper with me please', replacePart(encoded, 5, key.toString('base64')))).toBe(false);
    const salt = Buffer.from(encoded.split('$')[4]!, 'base64');
    salt[3] = salt[3]! ^ 0x80;
    expect(await verifyPassword('tamper with me please', replacePart(encoded, 4, salt.toString('base64')))).toBe(false);
  });

  it('returns false, never throws, for malformed or insane stored hashes', async () => {
    const good = await hashPassword('a fine password', FAST);
    const bad = [
      '',
      'scrypt',
      'scrypt$$$$$',
      'unusable$0123456789abcdef',
      good.replace(/^scrypt/, 'bcrypt'),
      `${good}$extra`,
      replacePart(good, 1, '1000'), // not a power of two
      replacePart(good, 1, String(2 ** 30)), // would need gigabytes
      replacePart(good, 1, '0'),
      replacePart(good, 1, '-1024'),
      replacePart(good, 2, '1e3'),
      replacePart(good, 3, '0'),
      replacePart(good, 4, 'not base64!'),
      replacePart(good, 4, 'QQ'), // one byte of salt
      replacePart(good, 5, 'QUJD'), // three-byte key
      replacePart(good, 5, `${good.split('$')[5]}junk`),
      replacePart(good, 5, good.split('$')[5]!.replace(/=+$/, '')), // unpadded: not how we write it
      'x'.repeat(10_000),
    ];
    for (const encoded of bad) {
      expect(parsePasswordHash(encoded), encoded.slice(0, 60)).toBeUndefined();
      await expect(verifyPassword('a fine password', encoded), encoded.slice(0, 60)).resolves.toBe(false);
    }
    await expect(verifyPassword('a fine password', null as unknown as string)).resolves.toBe(false);
    await expect(verifyPassword(undefined as unknown as string, good)).resolves.toBe(false);
  });
});

describe('checkPasswordPolicy', () => {
  it('accepts a long enough password', () => {
    expect(checkPasswordPolicy('chai at four pm')).toBeNull();
    expect(checkPasswordPolicy('0123456789', 'E1024')).toBeNull();
  });

  it('asks for at least 10 characters, in plain words', () => {
    expect(checkPasswordPolicy('')).toBe('Enter a password.');
    expect(checkPasswordPolicy(undefined as unknown as string)).toBe('Enter a password.');
    expect(checkPasswordPolicy('short1!')).toMatch(/at least 10 characters/);
    expect(checkPasswordPolicy('123456789')).toMatch(/at least 10 characters/);
    expect(checkPasswordPolicy('x'.repeat(201))).toMatch(/at most 200/);
  });

  it('refuses one character repeated', () => {
    expect(checkPasswordPolicy('aaaaaaaaaaaa')).toMatch(/one character over and over/);
    expect(checkPasswordPolicy(' '.repeat(12))).toMatch(/one character over and over/);
  });

  it('refuses the employee code as the password, whatever its case', () => {
    expect(checkPasswordPolicy('SBI-0012345', 'SBI-0012345')).toMatch(/employee code/);
    expect(checkPasswordPolicy('sbi-0012345', 'SBI-0012345')).toMatch(/employee code/);
    expect(checkPasswordPolicy('SBI-0012345', 'SBI-0099999')).toBeNull();
  });
});

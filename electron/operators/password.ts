import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt and a per-user random salt. The cost is written into every hash
 * (`scrypt$N$r$p$saltB64$hashB64`) so it can be raised later without breaking older hashes:
 * verification always uses the parameters the hash itself carries.
 */
export interface ScryptCost {
  /** CPU/memory cost, a power of two */
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT_COST: Readonly<ScryptCost> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

const SALT_BYTES = 16;
const KEY_BYTES = 32;

// Bounds for what a stored hash may ask for: a damaged or tampered row must not make sign-in
// allocate gigabytes or spin for minutes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** What scrypt needs in memory for these parameters (OpenSSL's own estimate), plus headroom. */
function maxmemFor(cost: ScryptCost): number {
  return 128 * cost.r * (cost.N + cost.p + 2) + 1024 * 1024;
}

function memoryOf(cost: ScryptCost): number {
  return 128 * cost.r * (cost.N + cost.p + 2);
}

function isValidCost(cost: ScryptCost): boolean {
  const { N, r, p } = cost;
  return (
    Number.isSafeInteger(N) &&
    Number.isSafeInteger(r) &&
    Number.isSafeInteger(p) &&
    N >= 2 &&
    N <= MAX_N &&
    (N & (N - 1)) === 0 &&
    r >= 1 &&
    r <= MAX_R &&
    p >= 1 &&
    p <= MAX_P &&
    memoryOf(cost) <= MAX_MEMORY_BYTES
  );
}

function derive(password: string, salt: Buffer, keyLength: number, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { N: cost.N, r: cost.r, p: cost.p, maxmem: maxmemFor(cost) }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  if (!isValidCost(cost)) throw new Error('scrypt cost parameters out of range');
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  hash: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DECIMAL = /^[1-9][0-9]{0,9}$/;

/** Strict base64 only: Node's decoder silently skips junk, which would hide a damaged hash. */
function decodeBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** Read a stored hash; `undefined` for anything that is not a well-formed, sane scrypt hash. */
export function parsePasswordHash(encoded: string): ParsedHash | undefined {
  if (typeof encoded !== 'string' || encoded.length > 512) return undefined;
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, n, r, p, saltText, hashText] = parts as [string, string, string, string, string, string];
  if (!DECIMAL.test(n) || !DECIMAL.test(r) || !DECIMAL.test(p)) return undefined;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!isValidCost(cost)) return undefined;
  const salt = decodeBase64(saltText);
  const hash = decodeBase64(hashText);
  if (!salt || salt.length < 8 || salt.length > 64) return undefined;
  if (!hash || hash.length < 16 || hash.length > 64) return undefined;
  return { cost, salt, hash };
}

/**
 * True only when `password` matches `encoded`. Never throws: a malformed or tampered stored hash
 * simply does not match.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  try {
    if (typeof password !== 'string') return false;
    const parsed = parsePasswordHash(encoded);
    if (!parsed) return false;
    const key = await derive(password, parsed.salt, parsed.hash.length, parsed.cost);
    return timingSafeEqual(key, parsed.hash);
  } catch {
    return false;
  }
}

/**
 * The password rules, in the words the operator sees. Deliberately simple: a long password is
 * what matters, so we ask for length and refuse only the obvious bad choices.
 * Returns null when the password is acceptable.
 */
export function checkPasswordPolicy(password: string, employeeCode?: string): string | null {
  if (typeof password !== 'string' || password === '') return 'Enter a password.';
  const characters = [...password];
  if (characters.length < PASSWORD_MIN_LENGTH) {
    return `Use at least ${PASSWORD_MIN_LENGTH} characters. A short phrase you can remember, such as three words, works well.`;
  }
  if (characters.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (password.trim() === '' || characters.every((c) => c === characters[0])) {
    return 'Do not use one character over and over. A short phrase you can remember works well.';
  }
  if (employeeCode !== undefined && password.trim().toUpperCase() === employeeCode.trim().toUpperCase()) {
    return 'Do not use your employee code as your password: others can easily guess it.';
  }
  return null;
}

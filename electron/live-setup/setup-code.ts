import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { hashPassword, verifyPassword, type ScryptCost } from '../operators/password';
import { writeFileAtomic } from '../store/atomic-file';

/**
 * The one-time Live setup code. IT makes it on the PC itself (`--live-setup-code`, see
 * setup-command.ts); it is printed once and only its scrypt hash is kept, with an expiry and a
 * count of wrong tries, in `<data dir>/live-setup-code.json` (0600) — beside `mode.json`, because
 * it serves both modes: Training's admin needs it to choose Live mode, and Live mode's first admin
 * is created only with it, which uses it up. Someone at the counter can reach the app's screens
 * but not the PC's console, so the code proves that the person choosing Live was given it by IT.
 */
export const SETUP_CODE_FILE = 'live-setup-code.json';
export const SETUP_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Wrong tries before the code stops working for good: 100 random bits are never guessed in five. */
export const MAX_SETUP_CODE_ATTEMPTS = 5;

// Crockford's base32: no I, L, O or U, so nothing read aloud or copied by hand is ambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 5;
const GROUP_LENGTH = 4;
const CODE_LENGTH = GROUPS * GROUP_LENGTH; // 20 characters of 5 bits: 100 bits

const HOW_TO_GET_ONE =
  'Ask your IT team to run KYC Desk once on this PC with --live-setup-code (npm run live-setup-code for the browser preview): it shows a new one-time code.';

interface StoredCode {
  hash: string;
  issuedAt: string;
  expiresAt: string;
  failedAttempts: number;
}

export interface IssuedCode {
  /** Shown once to the person at the console; never written anywhere. */
  code: string;
  expiresAt: Date;
}

export interface SetupCodeOptions {
  clock?: () => Date;
  /** scrypt cost for the stored hash; tests lower it. */
  scryptCost?: ScryptCost;
}

const fileIn = (dataDir: string): string => path.join(dataDir, SETUP_CODE_FILE);

/** What a person types, in the form it was issued: upper case, no spaces or hyphens, O read as 0, I and L as 1. */
export function normaliseSetupCode(typed: string): string {
  return String(typed).toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

function formatCode(raw: string): string {
  return raw.match(new RegExp(`.{${GROUP_LENGTH}}`, 'g'))!.join('-');
}

function readStored(dataDir: string): StoredCode | undefined {
  let parsed: Partial<StoredCode>;
  try {
    parsed = JSON.parse(fs.readFileSync(fileIn(dataDir), 'utf8')) as Partial<StoredCode>;
  } catch {
    return undefined; // none made, used up, or unreadable: all mean "no code works"
  }
  if (typeof parsed.hash !== 'string' || typeof parsed.expiresAt !== 'string' || typeof parsed.issuedAt !== 'string') return undefined;
  const failedAttempts = Number.isSafeInteger(parsed.failedAttempts) ? (parsed.failedAttempts as number) : MAX_SETUP_CODE_ATTEMPTS;
  return { hash: parsed.hash, issuedAt: parsed.issuedAt, expiresAt: parsed.expiresAt, failedAttempts };
}

function writeStored(dataDir: string, stored: StoredCode): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileAtomic(fileIn(dataDir), Buffer.from(`${JSON.stringify(stored)}\n`));
  fs.chmodSync(fileIn(dataDir), 0o600);
}

/** A new code for this data folder; any earlier one stops working. */
export async function issueSetupCode(dataDir: string, options: SetupCodeOptions = {}): Promise<IssuedCode> {
  const now = (options.clock ?? (() => new Date()))();
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  const expiresAt = new Date(now.getTime() + SETUP_CODE_LIFETIME_MS);
  const hash = await hashPassword(raw, options.scryptCost);
  writeStored(dataDir, { hash, issuedAt: now.toISOString(), expiresAt: expiresAt.toISOString(), failedAttempts: 0 });
  return { code: formatCode(raw), expiresAt };
}

/** When the code in force was made (for the audit trail), if one is in force. */
export function setupCodeIssuedAt(dataDir: string): string | undefined {
  return readStored(dataDir)?.issuedAt;
}

/**
 * Refuses, with a message for the person, unless `typed` is the code in force and still valid.
 * The comparison is scrypt's derived key compared in constant time; each wrong try is counted on
 * disk (re-read after the slow hash, so tries made at the same time all count), and the fifth
 * removes the code. A right code is not used up here: see `consumeSetupCode`.
 */
export async function verifySetupCode(dataDir: string, typed: string, options: SetupCodeOptions = {}): Promise<void> {
  const clock = options.clock ?? (() => new Date());
  if (normaliseSetupCode(typed ?? '') === '') throw new AppFailure('VALIDATION_FAILED', 'Enter the setup code.', { setupCode: 'Enter the setup code.' });
  const stored = readStored(dataDir);
  if (!stored || stored.failedAttempts >= MAX_SETUP_CODE_ATTEMPTS) {
    throw new AppFailure('FORBIDDEN', `No setup code is in force on this PC (none was made, or it was used). ${HOW_TO_GET_ONE}`, { setupCode: 'No setup code is in force.' });
  }
  const expiry = new Date(stored.expiresAt);
  if (Number.isNaN(expiry.getTime()) || expiry.getTime() <= clock().getTime()) {
    fs.rmSync(fileIn(dataDir), { force: true });
    throw new AppFailure('FORBIDDEN', `This setup code has expired: a code works for 24 hours. ${HOW_TO_GET_ONE}`, { setupCode: 'This code has expired.' });
  }
  const normalised = normaliseSetupCode(typed);
  // A code of the wrong shape is still hashed, so a wrong answer always takes as long.
  const matches = (await verifyPassword(normalised, stored.hash)) && normalised.length === CODE_LENGTH;
  const fresh = readStored(dataDir);
  // Replaced or used while we were hashing: this try was against a code no longer in force.
  if (!fresh || fresh.hash !== stored.hash) throw new AppFailure('FORBIDDEN', `That setup code is no longer in force. ${HOW_TO_GET_ONE}`, { setupCode: 'No longer in force.' });
  if (matches && fresh.failedAttempts < MAX_SETUP_CODE_ATTEMPTS) return;
  const failedAttempts = fresh.failedAttempts + 1;
  if (failedAttempts >= MAX_SETUP_CODE_ATTEMPTS) {
    fs.rmSync(fileIn(dataDir), { force: true });
    throw new AppFailure('FORBIDDEN', `That setup code was wrong ${MAX_SETUP_CODE_ATTEMPTS} times, so it no longer works. ${HOW_TO_GET_ONE}`, {
      setupCode: 'This code no longer works.',
    });
  }
  writeStored(dataDir, { ...fresh, failedAttempts });
  const left = MAX_SETUP_CODE_ATTEMPTS - failedAttempts;
  throw new AppFailure('FORBIDDEN', `That setup code is wrong. Check it against the one IT gave you: ${left} ${left === 1 ? 'try is' : 'tries are'} left before it stops working.`, {
    setupCode: 'This is not the setup code.',
  });
}

/** The code has done its job (the first Live admin exists, or Live mode was chosen for a folder that has one). */
export function consumeSetupCode(dataDir: string): void {
  fs.rmSync(fileIn(dataDir), { force: true });
}

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors';
import {
  consumeSetupCode,
  issueSetupCode,
  MAX_SETUP_CODE_ATTEMPTS,
  SETUP_CODE_FILE,
  SETUP_CODE_LIFETIME_MS,
  verifySetupCode,
} from '../../electron/live-setup/setup-code';
import { liveSetupCodeMessage } from '../../electron/live-setup/setup-command';
import { makeTempDir } from '../support/temp-dir';

/** The one-time Live setup code: kept only as a hash, 0600, expires, throttled, used up once. */
const FAST = { N: 2 ** 10, r: 8, p: 1 };
let temp: ReturnType<typeof makeTempDir>;
let now: Date;
const clock = () => now;
const options = () => ({ clock, scryptCost: FAST });

async function refusal(promise: Promise<unknown>): Promise<AppFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure);
    return error as AppFailure;
  }
  throw new Error('expected a refusal');
}

beforeEach(() => {
  temp = makeTempDir();
  now = new Date('2026-12-04T10:00:00Z');
});
afterEach(() => temp.remove());

describe('the one-time Live setup code', () => {
  it('is 100 random bits in five groups, kept only as an scrypt hash in a 0600 file', async () => {
    const { code, expiresAt } = await issueSetupCode(temp.dir, options());
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(expiresAt.getTime() - now.getTime()).toBe(SETUP_CODE_LIFETIME_MS);
    const file = path.join(temp.dir, SETUP_CODE_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const stored = fs.readFileSync(file, 'utf8');
    expect(stored).toMatch(/"hash":"scrypt\$/);
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(code.replace(/-/g, ''));
    expect((await issueSetupCode(temp.dir, options())).code).not.toBe(code);
  });

  it('takes the code as a person types it, and stays in force until used up', async () => {
    const { code } = await issueSetupCode(temp.dir, options());
    await verifySetupCode(temp.dir, code, options());
    // Lower case, spaces instead of hyphens, a letter O for a zero: still the code.
    await verifySetupCode(temp.dir, ` ${code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o')} `, options());
    consumeSetupCode(temp.dir);
    const used = await refusal(verifySetupCode(temp.dir, code, options()));
    expect(used.code).toBe('FORBIDDEN');
    expect(used.message).toMatch(/^No setup code is in force on this PC .* run KYC Desk once on this PC with --live-setup-code/);
  });

  it('asks for a code when none was typed', async () => {
    await issueSetupCode(temp.dir, options());
    const empty = await refusal(verifySetupCode(temp.dir, ' - ', options()));
    expect(empty).toMatchObject({ code: 'VALIDATION_FAILED', fields: { setupCode: 'Enter the setup code.' } });
  });

  it('stops working after five wrong tries, even for the right code, saying how many are left before that', async () => {
    const { code } = await issueSetupCode(temp.dir, options());
    const first = await refusal(verifySetupCode(temp.dir, 'AAAA-BBBB-CCCC-DDDD-EEEE', options()));
    expect(first.message).toBe(`That setup code is wrong. Check it against the one IT gave you: ${MAX_SETUP_CODE_ATTEMPTS - 1} tries are left before it stops working.`);
    for (let i = 2; i < MAX_SETUP_CODE_ATTEMPTS; i++) await refusal(verifySetupCode(temp.dir, `WRONG${i}`, options()));
    const last = await refusal(verifySetupCode(temp.dir, 'STILL-WRONG', options()));
    expect(last.message).toMatch(/^That setup code was wrong 5 times, so it no longer works\./);
    expect(fs.existsSync(path.join(temp.dir, SETUP_CODE_FILE))).toBe(false);
    expect((await refusal(verifySetupCode(temp.dir, code, options()))).message).toMatch(/^No setup code is in force/);
  });

  it('counts wrong tries made at the same moment, every one of them', async () => {
    const { code } = await issueSetupCode(temp.dir, options());
    const tries = Array.from({ length: MAX_SETUP_CODE_ATTEMPTS }, (_, i) => refusal(verifySetupCode(temp.dir, `GUESS-${i}`, options())));
    await Promise.all(tries);
    await refusal(verifySetupCode(temp.dir, code, options()));
  });

  it('expires after 24 hours', async () => {
    const { code } = await issueSetupCode(temp.dir, options());
    now = new Date(now.getTime() + SETUP_CODE_LIFETIME_MS + 1);
    const expired = await refusal(verifySetupCode(temp.dir, code, options()));
    expect(expired.message).toMatch(/^This setup code has expired: a code works for 24 hours\./);
  });

  it('a new code stops the old one from working', async () => {
    const old = await issueSetupCode(temp.dir, options());
    await issueSetupCode(temp.dir, options());
    expect((await refusal(verifySetupCode(temp.dir, old.code, options()))).message).toMatch(/^That setup code is wrong/);
  });

  it('the command shows the code once, with its expiry as DD/MM/YYYY HH:MM on this PC’s clock', async () => {
    const message = await liveSetupCodeMessage(temp.dir, options());
    const code = /^ {4}(\S+)$/m.exec(message)![1]!;
    await verifySetupCode(temp.dir, code, options());
    const expiry = new Date(now.getTime() + SETUP_CODE_LIFETIME_MS);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(message).toContain(`It works until ${pad(expiry.getDate())}/${pad(expiry.getMonth() + 1)}/${expiry.getFullYear()} ${pad(expiry.getHours())}:${pad(expiry.getMinutes())}`);
    expect(message).toContain(temp.dir);
  });
});

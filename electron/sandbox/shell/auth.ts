import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Auth helpers every sandbox service can use: bearer headers, constant-time secret comparison,
 * and short-lived tokens (JWT, HS256, key made per sandbox run) that can all be revoked at once,
 * as a password change at a vendor would.
 */

export type TokenProblem = 'missing' | 'invalid' | 'expired';

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer (\S+)$/.exec(header ?? '')?.[1];
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Equal secrets, compared in constant time whatever their lengths. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** The header is exactly `Bearer <token>` (constant time; a pasted admin token). */
export function isBearerOf(header: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface TokenIssuerOptions {
  /** Tokens accepted as they are, without the token endpoint (an admin's pasted token). */
  pastedTokens?: readonly string[];
  /** Lifetime of an issued token. */
  lifetimeSeconds: number;
  now: () => number;
}

export class TokenIssuer {
  private readonly key = randomBytes(32);
  private generation = 0;

  constructor(private readonly options: TokenIssuerOptions) {}

  /** A signed token for `subject`, valid for the configured lifetime. */
  issue(subject: string): string {
    const iat = Math.floor(this.options.now() / 1000);
    const exp = iat + this.options.lifetimeSeconds;
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: subject, iat, exp, gen: this.generation, jti: randomBytes(8).toString('hex') })}`;
    return `${unsigned}.${createHmac('sha256', this.key).update(unsigned).digest('base64url')}`;
  }

  /** Every token issued so far stops working. */
  revokeAll(): void {
    this.generation += 1;
  }

  /** Why a token is not accepted, or null when it is. */
  problem(token: string): Exclude<TokenProblem, 'missing'> | null {
    if (this.options.pastedTokens?.some((pasted) => sameSecret(pasted, token))) return null;
    const [header, payload, signature] = token.split('.');
    if (header === undefined || payload === undefined || signature === undefined) return 'invalid';
    const expected = createHmac('sha256', this.key).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number; gen?: number };
    if (claims.gen !== this.generation) return 'invalid';
    if (typeof claims.exp !== 'number' || this.options.now() >= claims.exp * 1000) return 'expired';
    return null;
  }
}

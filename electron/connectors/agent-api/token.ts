import type { Logger } from '../../logging/logger';
import { endpointUrl } from '../endpoint-url';
import { silentLogger } from '../../logging/logger';
import { requestJson, type HttpFailure } from '../../transport/http-client';
import type { RequestThrottle } from './rate-limiter';
import { AGENT_API_PATHS, generateTokenResponseSchema } from './wire';

/**
 * The agent API's JWT (seed 002 §1), which the CKYC bulk and records APIs take as their Bearer
 * token too: either one an admin pasted, or one got by exchanging a
 * username and password at seed 002's `POST /agentapi/v1/agent/generate_token` (`{ Token }`),
 * cached and fetched again before it expires. Expiry is read from the JWT's `exp` claim without
 * verifying the signature (that is the server's business; we only need to know when to renew): a
 * token is renewed once less than 60 s remain — or less than half its lifetime, for tokens that
 * live under two minutes. A token without a readable `exp` is kept until a 401 invalidates it.
 *
 * Secrets are values passed in (the vault belongs to the caller). They never appear in a message or
 * a log line: every text that leaves this module is scrubbed of the password and the token.
 */
export type TokenSource = { kind: 'pasted'; token: string } | { kind: 'credentials'; username: string; password: string };

export interface TokenProviderOptions {
  baseUrl: string;
  timeoutMs: number;
  source: TokenSource;
  logger?: Logger;
  now?: () => number;
  /** Renew when less than this remains (ms). */
  refreshMarginMs?: number;
  /** The agent API's send rate (rate-limiter.ts): a token request takes its turn like any other. */
  throttle?: RequestThrottle;
  /** Who refused, in messages: 'The registry' (default, the CKYC connection) or 'The agent API'. */
  party?: string;
}

export type TokenOutcome = { ok: true; token: string } | { ok: false; failure: HttpFailure };

export const DEFAULT_REFRESH_MARGIN_MS = 60_000;

/** The `exp` claim of a JWT in ms since the epoch, or null when `token` is not a JWT with one. Not verified. */
export function jwtExpiryMs(token: string): number | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const exp = (payload as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** `text` with every secret of 4 characters or more replaced: for messages built from a server's words. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[secret]');
  return out;
}

interface CachedToken {
  token: string;
  /** When to fetch a new one (ms), or null: until invalidated. */
  renewAt: number | null;
}

/** What a client needs of a token source: TokenProvider, or one that picks its provider as settings change. */
export type BearerTokens = Pick<TokenProvider, 'token' | 'invalidate' | 'renewable' | 'scrub'>;

export class TokenProvider {
  private cached: CachedToken | null = null;
  /** The last few tokens fetched, so that a server echoing an old one is scrubbed too. */
  private readonly recentTokens: string[] = [];
  private pending: Promise<TokenOutcome> | null = null;
  private readonly logger: Logger;
  private readonly now: () => number;

  constructor(private readonly options: TokenProviderOptions) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  /** Whether invalidate() + token() can give a different token (not for a pasted one). */
  get renewable(): boolean {
    return this.options.source.kind === 'credentials';
  }

  /** A token that is not about to expire, fetching one if need be. Never throws. */
  token(): Promise<TokenOutcome> {
    const source = this.options.source;
    if (source.kind === 'pasted') return Promise.resolve(this.pasted(source.token));
    const cached = this.cached;
    if (cached && (cached.renewAt === null || this.now() < cached.renewAt)) return Promise.resolve({ ok: true, token: cached.token });
    // One fetch at a time: concurrent callers share it.
    this.pending ??= this.fetch(source).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forget the cached token (the server refused it): the next token() fetches a new one. */
  invalidate(): void {
    this.cached = null;
  }

  /** Scrubs the secrets this provider holds (the password or pasted token, and recent tokens) from `text`. */
  scrub(text: string): string {
    const source = this.options.source;
    const secrets = source.kind === 'pasted' ? [source.token] : [source.password, ...this.recentTokens];
    return scrubSecrets(text, secrets);
  }

  private pasted(token: string): TokenOutcome {
    const expiry = jwtExpiryMs(token);
    if (expiry !== null && this.now() >= expiry) {
      return {
        ok: false,
        failure: {
          kind: 'rejected',
          status: 401,
          message: `The pasted token expired at ${new Date(expiry).toISOString()}. Paste a new one in the connection settings. Nothing was sent.`,
          body: undefined,
        },
      };
    }
    return { ok: true, token };
  }

  private async fetch(source: Extract<TokenSource, { kind: 'credentials' }>): Promise<TokenOutcome> {
    const startedAt = this.now();
    const send = () =>
      requestJson(
        {
          url: endpointUrl(this.options.baseUrl, AGENT_API_PATHS.generateToken),
          body: { username: source.username, password: source.password },
          timeoutMs: this.options.timeoutMs,
        },
        generateTokenResponseSchema,
      );
    const outcome = await (this.options.throttle ? this.options.throttle.run(send) : send());
    if (!outcome.ok) {
      const failure = this.describe(outcome.failure);
      this.logger.warn('agent API token refused or failed', { kind: failure.kind, status: 'status' in failure ? failure.status : undefined });
      return { ok: false, failure };
    }
    const token = outcome.body.Token;
    const expiry = jwtExpiryMs(token);
    const margin = expiry === null ? 0 : Math.min(this.options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS, Math.max(0, (expiry - startedAt) / 2));
    this.cached = { token, renewAt: expiry === null ? null : expiry - margin };
    this.recentTokens.unshift(token);
    this.recentTokens.length = Math.min(this.recentTokens.length, 4);
    this.logger.info('agent API token obtained', { expiresInSeconds: expiry === null ? null : Math.round((expiry - startedAt) / 1000) });
    return { ok: true, token };
  }

  /** The token endpoint's failure in plain words, without the secrets; body dropped. */
  private describe(failure: HttpFailure): HttpFailure {
    const said = this.scrub(failure.message);
    if (failure.kind === 'rejected' && (failure.status === 401 || failure.status === 403 || failure.status === 400)) {
      return {
        kind: 'rejected',
        status: failure.status,
        message: `${this.options.party ?? 'The registry'} refused our credentials at its token endpoint (HTTP ${failure.status}: ${said}). Check the connection’s username and password.`,
        body: undefined,
      };
    }
    if (failure.kind === 'rejected') return { ...failure, message: `Getting a token failed: ${said}`, body: undefined };
    return { ...failure, message: `Getting a token failed: ${said}` };
  }
}

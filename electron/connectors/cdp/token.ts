import type { Logger } from '../../logging/logger';
import { silentLogger } from '../../logging/logger';
import { requestJson, type HttpFailure } from '../../transport/http-client';
import { scrubSecrets } from '../agent-api/token';
import { endpointUrl } from '../endpoint-url';
import { CDP_PATHS, tokenAnswerSchema, tokenErrorSchema, type CdpPasswordGrant, type CdpRefreshGrant, type TokenAnswer } from './wire';

/**
 * The CDP's access token (seed 003; decision 0048): OpenID Connect at
 * `POST /auth/realms/cdp/protocol/openid-connect/token`, form-urlencoded. The password grant
 * (scope, client_id, client_secret, username, password) gives an access token and a refresh
 * token, each with its lifetime in seconds (`expires_in`, `refresh_expires_in`). This provider:
 * - keeps both only in memory (never in the store or the keychain: a restart asks again);
 * - renews the access token before it runs out — once less than 60 s remain, or less than half its
 *   lifetime for tokens that live under two minutes — with the refresh grant while the refresh
 *   token lives (by the same margin), and with the password grant once it has passed or the
 *   refresh was refused;
 * - fetches one token at a time: concurrent callers share it;
 * - never lets a secret out: every message is scrubbed of the client secret, the password and the
 *   tokens it has held.
 */
export interface CdpCredentials {
  scope: string;
  clientId: string;
  /** From the keychain. */
  clientSecret: string;
  username: string;
  /** From the keychain. */
  password: string;
}

export interface CdpTokenOptions {
  baseUrl: string;
  timeoutMs: number;
  credentials: CdpCredentials;
  logger?: Logger;
  now?: () => number;
  /** Renew when less than this remains (ms); default 60 s. */
  refreshMarginMs?: number;
}

export type CdpTokenOutcome = { ok: true; token: string } | { ok: false; failure: HttpFailure };

const DEFAULT_MARGIN_MS = 60_000;
const RECENT_TOKENS = 4;

interface Held {
  token: string;
  /** When to renew it (ms), or null: until a 401 refuses it. */
  renewAt: number | null;
}

export class CdpTokenProvider {
  private access: Held | null = null;
  private refresh: Held | null = null;
  private pending: Promise<CdpTokenOutcome> | null = null;
  private readonly recent: string[] = [];
  private readonly logger: Logger;
  private readonly now: () => number;
  /** How many token requests of each grant were sent: a connection test reports them, tests count them. */
  readonly grants = { password: 0, refresh: 0 };

  constructor(private readonly options: CdpTokenOptions) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  /** A token that is not about to run out, fetching one if need be. Never throws. */
  token(): Promise<CdpTokenOutcome> {
    const access = this.access;
    if (access && (access.renewAt === null || this.now() < access.renewAt)) return Promise.resolve({ ok: true, token: access.token });
    this.pending ??= this.renew().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forget the access token (the CDP refused it): the next token() renews, by refresh if it can. */
  invalidate(): void {
    this.access = null;
  }

  /** Forget both tokens: the next token() uses the password grant (a connection test). */
  forget(): void {
    this.access = null;
    this.refresh = null;
  }

  /** `text` without the secrets this provider holds or has held. */
  scrub(text: string): string {
    const { clientSecret, password } = this.options.credentials;
    return scrubSecrets(text, [clientSecret, password, ...this.recent]);
  }

  /** Seconds the current access token has left, or null when none is held or its life is unknown. */
  secondsLeft(): number | null {
    const renewAt = this.access?.renewAt ?? null;
    return renewAt === null ? null : Math.max(0, Math.round((renewAt - this.now()) / 1000));
  }

  private async renew(): Promise<CdpTokenOutcome> {
    const refresh = this.refresh;
    if (refresh && (refresh.renewAt === null || this.now() < refresh.renewAt)) {
      const refreshed = await this.grant('refresh');
      // A refresh token the CDP no longer takes (its session ended early): sign in again.
      if (refreshed.ok || refreshed.failure.kind !== 'rejected') return refreshed;
      this.logger.info('CDP refused the refresh token; using the password grant', { status: refreshed.failure.status });
    }
    this.refresh = null;
    return this.grant('password');
  }

  private async grant(kind: 'password' | 'refresh'): Promise<CdpTokenOutcome> {
    const { credentials, baseUrl, timeoutMs } = this.options;
    const form: CdpPasswordGrant | CdpRefreshGrant =
      kind === 'password'
        ? { grant_type: 'password', scope: credentials.scope, client_id: credentials.clientId, client_secret: credentials.clientSecret, username: credentials.username, password: credentials.password }
        : { grant_type: 'refresh_token', client_id: credentials.clientId, client_secret: credentials.clientSecret, refresh_token: this.refresh!.token };
    this.grants[kind] += 1;
    const startedAt = this.now();
    const outcome = await requestJson({ url: endpointUrl(baseUrl, CDP_PATHS.token), form: { ...form }, timeoutMs }, tokenAnswerSchema);
    if (!outcome.ok) {
      const failure = this.describe(outcome.failure, kind);
      this.logger.warn('CDP token refused or failed', { grant: kind, kind: failure.kind, status: 'status' in failure ? failure.status : undefined });
      return { ok: false, failure };
    }
    this.hold(outcome.body, startedAt);
    this.logger.info('CDP token obtained', { grant: kind, expiresInSeconds: outcome.body.expires_in ?? null, refreshExpiresInSeconds: outcome.body.refresh_expires_in ?? null });
    return { ok: true, token: outcome.body.access_token };
  }

  private hold(answer: TokenAnswer, startedAt: number): void {
    // Lifetimes count from when the request left: the answer may have taken a while to come back.
    const renewAt = (seconds: number | null | undefined): number | null => {
      if (seconds === null || seconds === undefined || seconds < 0) return null;
      const life = seconds * 1000;
      return startedAt + life - Math.min(this.options.refreshMarginMs ?? DEFAULT_MARGIN_MS, life / 2);
    };
    this.access = { token: answer.access_token, renewAt: renewAt(answer.expires_in) };
    // A refresh grant's answer without a new refresh token leaves the old one in use.
    if (answer.refresh_token) this.refresh = { token: answer.refresh_token, renewAt: renewAt(answer.refresh_expires_in) };
    for (const token of [answer.access_token, answer.refresh_token]) if (token) this.recent.unshift(token);
    this.recent.length = Math.min(this.recent.length, RECENT_TOKENS * 2);
  }

  /** The token endpoint's failure in plain words, without the secrets; body dropped. */
  private describe(failure: HttpFailure, kind: 'password' | 'refresh'): HttpFailure {
    if (failure.kind !== 'rejected') {
      // A proxy's or gateway's HTML page where the token should be: named as one, not as "not JSON".
      const page = 'raw' in failure && failure.raw !== undefined && /^\s*</.test(failure.raw);
      const message = page ? `The CDP's token endpoint (or a gateway in front of it) answered with a web page instead of a token (HTTP ${failure.status}).` : `Getting a CDP token failed: ${this.scrub(failure.message)}`;
      return { ...failure, message };
    }
    const read = tokenErrorSchema.safeParse(failure.body);
    const error = read.success ? read.data.error : undefined;
    const said = this.scrub([error, read.success ? read.data.error_description : undefined].filter(Boolean).join(': ') || failure.message);
    const status = failure.status;
    let message: string;
    if (kind === 'refresh') message = `The CDP refused the refresh token (HTTP ${status}: ${said}).`;
    else if (error === 'invalid_client' || error === 'unauthorized_client') message = `The CDP refused KYC Desk's client id or client secret (HTTP ${status}: ${said}). Check them in the UAE CDP connection settings.`;
    else if (error === 'invalid_grant') message = `The CDP refused the username or password (HTTP ${status}: ${said}). Check them in the UAE CDP connection settings.`;
    else if (error === 'invalid_scope') message = `The CDP refused the scope (HTTP ${status}: ${said}). Check the scope in the UAE CDP connection settings: it is the one the vendor gave.`;
    else if (status === 401 || status === 403) message = `The CDP refused KYC Desk's credentials at its token endpoint (HTTP ${status}: ${said}). Check the UAE CDP connection settings.`;
    else message = `The CDP's token endpoint refused the request (HTTP ${status}: ${said}).`;
    return { kind: 'rejected', status, message, body: undefined };
  }
}

import type { Logger } from '../../logging/logger';
import { silentLogger } from '../../logging/logger';
import { requestJson, type HttpFailure, type HttpOutcome } from '../../transport/http-client';
import { endpointUrl } from '../endpoint-url';
import type { AgentApi, MediaOutcome, PushRefusal, PushUserDataAnswer, PushUserDataRequest, SendLinkAnswer, SendLinkRequest, SessionDetails } from './agent-api';
import { mediaOrigin, requestMedia } from './media';
import type { RequestThrottle } from './rate-limiter';
import { toSessionDetails } from './session-details';
import { jwtExpiryMs, type BearerTokens } from './token';
import { AGENT_API_PATHS, epochToMs, errorsToFieldPaths, pushAnswerSchema, pushRefusalSchema, sendLinkAnswerSchema, sessionDetailsAnswerSchema, sessionDetailsPath } from './wire';

/**
 * The vendor's agent API (seed 002) over HTTP, as the AgentApi the video-KYC and digital-KYC
 * services use (decision 0043). Every request:
 * - takes its turn at the shared send-rate limiter (rate-limiter.ts): never faster than the
 *   configured rate, a bounded wait, a 429 handed back as `rate_limited` with its wait;
 * - carries the JWT: `Authorization: Bearer <jwt>` for sendLink, get_details and media (what the
 *   CKYC clients send with the same token; the seed prints no header for them), and `auth: <jwt>`
 *   for push_user_data, as the seed's table says;
 * - on a 401 renews the token once and is sent once more — a refused request was not taken. Nothing
 *   else is ever repeated here: a timeout, a 5xx or a garbled answer may have been taken, and only
 *   the engine (which knows the record) decides what to do next.
 * Messages never carry the password or a token.
 */
export interface AgentApiClientOptions {
  baseUrl: string;
  timeoutMs: number;
  tokens: BearerTokens;
  throttle: RequestThrottle;
  logger?: Logger;
  /** Origins media may also come from besides the connection's host (Training: the sandbox's). */
  mediaOrigins?: readonly string[];
  /** Time for one medium (a video can be large); default four times timeoutMs. */
  mediaTimeoutMs?: number;
}

/** What the Connections screen shows after "Test connection". */
export interface AgentConnectionTest {
  ok: boolean;
  message: string;
}

type Header = 'bearer' | 'auth';

export class AgentApiClient implements AgentApi {
  private readonly logger: Logger;

  constructor(private readonly options: AgentApiClientOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  private get where(): string {
    return new URL(this.options.baseUrl).origin;
  }

  async sendLink(request: SendLinkRequest): Promise<HttpOutcome<SendLinkAnswer>> {
    const url = endpointUrl(this.options.baseUrl, AGENT_API_PATHS.sendLink);
    const outcome = await this.authorised('bearer', (headers) => requestJson({ url, body: request, headers, timeoutMs: this.options.timeoutMs }, sendLinkAnswerSchema));
    if (!outcome.ok) return outcome;
    const wire = outcome.body;
    this.logger.info('agent API link sent', { session: wire.session_id });
    const answer: SendLinkAnswer = {
      link_id: wire.link_id,
      link_url: wire.link_url,
      session_id: wire.session_id,
      ...(wire.user_id ? { user_id: wire.user_id } : {}),
      ...(wire.phone_number ? { phone_number: wire.phone_number } : {}),
      linkExpiresAtMs: epochToMs(wire.link_expiry_time),
      validity_duration: wire.validity_duration ?? null,
    };
    return { ...outcome, body: answer };
  }

  async sessionDetails(sessionId: string): Promise<HttpOutcome<SessionDetails>> {
    const url = endpointUrl(this.options.baseUrl, sessionDetailsPath(sessionId));
    const outcome = await this.authorised('bearer', (headers) => requestJson({ url, method: 'GET', headers, timeoutMs: this.options.timeoutMs }, sessionDetailsAnswerSchema));
    if (!outcome.ok) return outcome;
    return { ...outcome, body: toSessionDetails(sessionId, outcome.body, this.options.baseUrl) };
  }

  async pushUserData(request: PushUserDataRequest): Promise<HttpOutcome<PushUserDataAnswer> | PushRefusal> {
    const url = endpointUrl(this.options.baseUrl, AGENT_API_PATHS.pushUserData);
    const outcome = await this.authorised('auth', (headers) => requestJson({ url, body: request, headers, timeoutMs: this.options.timeoutMs }, pushAnswerSchema));
    if (outcome.ok) {
      this.logger.info('agent API push taken', { session: outcome.body.session_id });
      return outcome;
    }
    const failure = outcome.failure;
    if (failure.kind !== 'rejected' || failure.status !== 400) return outcome;
    const read = pushRefusalSchema.safeParse(failure.body);
    const fields = read.success ? errorsToFieldPaths(read.data.errors) : {};
    const said = read.success && read.data.msg ? read.data.msg : failure.message;
    const count = Object.keys(fields).length;
    return {
      ok: false,
      failure: {
        kind: 'rejected',
        status: 400,
        message: `The agent API refused the push (HTTP 400: ${this.options.tokens.scrub(said)})${count > 0 ? `; ${count} field${count === 1 ? '' : 's'} to correct` : ''}. Nothing was taken.`,
        body: failure.body,
        ...(failure.raw !== undefined ? { raw: failure.raw } : {}),
        fields,
      },
    };
  }

  async fetchMedia(url: string, maxBytes: number): Promise<MediaOutcome> {
    const refused = mediaOrigin(url, this.options.baseUrl, this.options.mediaOrigins ?? []);
    if (refused !== null) return { ok: false, message: refused };
    const timeoutMs = this.options.mediaTimeoutMs ?? this.options.timeoutMs * 4;
    const outcome = await this.authorised('bearer', (headers) => requestMedia(url, headers, maxBytes, timeoutMs));
    if (outcome.ok) return { ok: true, bytes: outcome.body.bytes, contentType: outcome.body.contentType };
    return { ok: false, message: `The file could not be fetched: ${outcome.failure.message}` };
  }

  /** One token request, whatever is cached: true when the vendor answered at all. */
  async reachable(): Promise<boolean> {
    this.options.tokens.invalidate();
    const outcome = await this.options.tokens.token();
    if (outcome.ok) return true;
    return outcome.failure.kind !== 'unreachable' && outcome.failure.kind !== 'timeout';
  }

  /** A fresh token, or why there is none, in words an admin can act on. */
  async testConnection(): Promise<AgentConnectionTest> {
    this.options.tokens.invalidate();
    const outcome = await this.options.tokens.token();
    if (outcome.ok) {
      const expiry = jwtExpiryMs(outcome.token);
      const life = expiry === null ? '' : `, valid for about ${Math.max(1, Math.round((expiry - Date.now()) / 60_000))} minutes`;
      return { ok: true, message: `The agent API at ${this.where} accepted KYC Desk's username and password and gave it a token${life}.` };
    }
    return { ok: false, message: this.testFailure(outcome.failure) };
  }

  private testFailure(failure: HttpFailure): string {
    const where = `The agent API at ${this.where}`;
    switch (failure.kind) {
      case 'rejected':
        return failure.status === 400 || failure.status === 401 || failure.status === 403
          ? `${where} refused the username or password: ${failure.message}`
          : `${where} refused the token request: ${failure.message}`;
      case 'unreachable':
        return `${where} could not be reached: ${failure.message} Check the base URL and this PC's network.`;
      case 'timeout':
        return `${where} did not answer in time: ${failure.message}`;
      case 'rate_limited':
        return `${where} asked KYC Desk to slow down (HTTP 429). Try the test again in ${Math.ceil((failure.retryAfterMs ?? 1000) / 1000)} seconds.`;
      default:
        return `${where} answered, but not with a token: ${failure.message}`;
    }
  }

  /**
   * `send` with the JWT in the given header, at its turn: a 401 renews the token once and sends
   * once more. No token to be had means nothing was sent.
   */
  private async authorised<T>(header: Header, send: (headers: Record<string, string>) => Promise<HttpOutcome<T>>): Promise<HttpOutcome<T>> {
    const { tokens, throttle } = this.options;
    for (let renewed = false; ; renewed = true) {
      const token = await tokens.token();
      if (!token.ok) return { ok: false, failure: nothingSent(token.failure) };
      const headers: Record<string, string> = header === 'auth' ? { auth: token.token } : { authorization: `Bearer ${token.token}` };
      const outcome = await throttle.run(() => send(headers));
      if (outcome.ok) return outcome;
      const failure = outcome.failure;
      if (failure.kind === 'rejected' && failure.status === 401) {
        if (tokens.renewable && !renewed) {
          this.logger.info('agent API refused the token; fetching a new one', { status: 401 });
          tokens.invalidate();
          continue;
        }
        const said = tokens.scrub(failure.message);
        return {
          ok: false,
          failure: {
            kind: 'rejected',
            status: 401,
            message: `The agent API refused our credentials (HTTP 401: ${said}), also with a freshly issued token. Check the agent API connection's username and password. Nothing was taken.`,
            body: undefined,
          },
        };
      }
      return { ok: false, failure: { ...failure, message: tokens.scrub(failure.message) } as HttpFailure };
    }
  }
}

/** A failed token request: the request itself never left, whatever became of the token request. */
function nothingSent(failure: HttpFailure): HttpFailure {
  if (failure.kind === 'timeout' || failure.kind === 'server_error' || failure.kind === 'invalid_response') {
    return { kind: 'unreachable', message: `Nothing was sent. ${failure.message}` };
  }
  return failure;
}

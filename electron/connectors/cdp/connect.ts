import type { Logger } from '../../logging/logger';
import { CdpClient } from './client';
import { CdpTokenProvider } from './token';
import { CDP_TOKEN_FIELD_MAX } from './wire';

/**
 * A CDP client from a connection's settings, with its own token provider. Build it once per
 * connection and keep it: its tokens live only in its memory, and a second client would sign in
 * again for nothing.
 */
export interface CdpConnection {
  baseUrl: string;
  clientId: string;
  scope: string;
  username: string;
  /** From the keychain; never stored or logged. */
  clientSecret: string;
  /** From the keychain; never stored or logged. */
  password: string;
  timeoutMs: number;
}

export interface CdpConnectOptions {
  logger?: Logger;
  /** Renew a token when less than this remains (ms); default 60 s. */
  refreshMarginMs?: number;
  now?: () => number;
}

const FIELD_WORDS = { clientId: 'client id', scope: 'scope', username: 'username', clientSecret: 'client secret', password: 'password' } as const;

/** Why these settings cannot make a client, in words an admin can act on; null when they can. */
export function cdpConnectionProblem(connection: CdpConnection): string | null {
  let url: URL | null = null;
  try {
    url = new URL(connection.baseUrl);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return 'The UAE CDP base URL must be a web address starting with https://.';
  for (const [field, words] of Object.entries(FIELD_WORDS) as [keyof typeof FIELD_WORDS, string][]) {
    const value = connection[field];
    if (value.trim() === '') return `The UAE CDP ${words} is missing.`;
    // The seed's limit on each token field; a longer one would only be refused by the CDP.
    if (value.length > CDP_TOKEN_FIELD_MAX) return `The UAE CDP ${words} is longer than the ${CDP_TOKEN_FIELD_MAX} characters the CDP takes.`;
  }
  if (!(connection.timeoutMs > 0)) return 'The UAE CDP timeout must be a positive number of seconds.';
  return null;
}

/** Throws with cdpConnectionProblem's words when the settings are not usable. */
export function connectCdp(connection: CdpConnection, options: CdpConnectOptions = {}): CdpClient {
  const problem = cdpConnectionProblem(connection);
  if (problem !== null) throw new Error(problem);
  const tokens = new CdpTokenProvider({
    baseUrl: connection.baseUrl,
    timeoutMs: connection.timeoutMs,
    credentials: { scope: connection.scope, clientId: connection.clientId, clientSecret: connection.clientSecret, username: connection.username, password: connection.password },
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return new CdpClient({ baseUrl: connection.baseUrl, timeoutMs: connection.timeoutMs, tokens, ...(options.logger ? { logger: options.logger } : {}) });
}

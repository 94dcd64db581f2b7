import type { Logger } from '../../logging/logger';
import { AgentApiClient } from './client';
import { SendRateLimiter } from './rate-limiter';
import { TokenProvider } from './token';
import { AGENT_PASSWORD_PATTERN, AGENT_USERNAME_PATTERN } from './wire';

/**
 * An agent API client from a connection's settings: its own token provider and one send-rate
 * limiter shared by every request it makes (token included). Build it once per connection and
 * keep it: a second client would have a limiter of its own and together they could go faster.
 */
export interface AgentApiConnection {
  baseUrl: string;
  username: string;
  /** From the keychain; never stored or logged. */
  password: string;
  /** Never sent faster than this (decision 0043). */
  requestsPerMinute: number;
  timeoutMs: number;
}

export interface AgentApiConnectOptions {
  logger?: Logger;
  /** Origins media may also come from (Training: the sandbox's own). */
  mediaOrigins?: readonly string[];
  /** The longest one request waits for its turn before it is refused unsent (default 30 s). */
  maxRateWaitMs?: number;
}

/** What the seed's vendor is assumed to allow when an admin has not said (our inference). */
export const DEFAULT_AGENT_REQUESTS_PER_MINUTE = 60;

/** Why these settings cannot make a client, in words an admin can act on; null when they can. */
export function agentConnectionProblem(connection: AgentApiConnection): string | null {
  let url: URL | null = null;
  try {
    url = new URL(connection.baseUrl);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return 'The agent API base URL must be a web address starting with https://.';
  if (!AGENT_USERNAME_PATTERN.test(connection.username)) return 'The agent API username must be 3 to 20 letters and digits.';
  if (!AGENT_PASSWORD_PATTERN.test(connection.password)) return 'The agent API password must be 8 to 32 letters and digits.';
  if (!(connection.requestsPerMinute > 0) || connection.requestsPerMinute > 6000) return 'The agent API send rate must be between 1 and 6000 requests a minute.';
  if (!(connection.timeoutMs > 0)) return 'The agent API timeout must be a positive number of seconds.';
  return null;
}

/** Throws with agentConnectionProblem's words when the settings are not usable. */
export function connectAgentApi(connection: AgentApiConnection, options: AgentApiConnectOptions = {}): AgentApiClient {
  const problem = agentConnectionProblem(connection);
  if (problem !== null) throw new Error(problem);
  const throttle = new SendRateLimiter({ requestsPerMinute: connection.requestsPerMinute, ...(options.maxRateWaitMs !== undefined ? { maxWaitMs: options.maxRateWaitMs } : {}) });
  const tokens = new TokenProvider({
    baseUrl: connection.baseUrl,
    timeoutMs: connection.timeoutMs,
    source: { kind: 'credentials', username: connection.username, password: connection.password },
    throttle,
    party: 'The agent API',
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return new AgentApiClient({
    baseUrl: connection.baseUrl,
    timeoutMs: connection.timeoutMs,
    tokens,
    throttle,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.mediaOrigins ? { mediaOrigins: options.mediaOrigins } : {}),
  });
}

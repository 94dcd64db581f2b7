import type { HttpFailure, HttpOutcome } from '../../transport/http-client';
import type { BearerTokens } from '../agent-api/token';

/**
 * Run `send` with a bearer token: a fixed one (Training's sandbox token), or seed 002's renewable
 * TokenProvider. A renewable token the server refuses (401) is replaced once and the request sent
 * once more. No token to be had means nothing was sent. Every CKYC bulk client (bulk, download,
 * management) sends through this one rule over its shared connection and token.
 */
export async function withBearer<T>(source: string | BearerTokens, send: (headers: Record<string, string>) => Promise<HttpOutcome<T>>): Promise<HttpOutcome<T>> {
  if (typeof source === 'string') return send({ authorization: `Bearer ${source}` });
  for (let renewed = false; ; renewed = true) {
    const token = await source.token();
    if (!token.ok) return { ok: false, failure: nothingSent(token.failure) };
    const outcome = await send({ authorization: `Bearer ${token.token}` });
    if (!outcome.ok && outcome.failure.kind === 'rejected' && outcome.failure.status === 401 && source.renewable && !renewed) {
      source.invalidate();
      continue;
    }
    if (!outcome.ok) return { ok: false, failure: { ...outcome.failure, message: source.scrub(outcome.failure.message) } as HttpFailure };
    return outcome;
  }
}

/** A failed token request: the request itself never left, whatever became of the token request. */
function nothingSent(failure: HttpFailure): HttpFailure {
  if (failure.kind === 'timeout' || failure.kind === 'server_error' || failure.kind === 'invalid_response') {
    return { kind: 'unreachable', message: `Nothing was sent. ${failure.message}` };
  }
  return failure;
}

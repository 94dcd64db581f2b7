import type { z } from 'zod';

/**
 * What became of a request, in the terms the sync engine needs to stay exactly-once:
 * - `unreachable`: the request provably never reached the server (nothing to reconcile);
 * - `rejected`: the server answered with a definite refusal (4xx), nothing was accepted;
 * - `rate_limited`: 429, try again after `retryAfterMs`;
 * - `timeout`, `server_error`, `invalid_response`: the server may have acted on it — reconcile
 *   before sending again.
 */
export type HttpFailure =
  | { kind: 'unreachable'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'rejected'; status: number; message: string; body: unknown }
  | { kind: 'rate_limited'; status: 429; message: string; retryAfterMs: number | null }
  | { kind: 'server_error'; status: number; message: string }
  | { kind: 'invalid_response'; status: number; message: string };

export type HttpOutcome<T> = { ok: true; status: number; body: T } | { ok: false; failure: HttpFailure };

export interface JsonRequest {
  url: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
}

/** Connection errors that mean the request was never delivered. */
const NEVER_DELIVERED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  // RFC 9110: either whole non-negative seconds or an HTTP-date (which always has a month name).
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000); // fractions tolerated
  if (!/[A-Za-z]{3}/.test(text)) return null;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as { code?: string }).code;
}

/** Short, PII-free text from an error body, for people to read: the server's own words. */
export function serverMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const nested = b.error && typeof b.error === 'object' ? (b.error as Record<string, unknown>) : undefined;
  const candidate = [nested?.message, b.message, b.msg, b.detail].find((value): value is string => typeof value === 'string');
  return candidate?.slice(0, 500);
}

/**
 * One JSON request with a hard timeout. Never throws: every outcome is a value, classified so that
 * callers can tell "safe to resend" from "may have been processed".
 */
export async function requestJson<S extends z.ZodType>(request: JsonRequest, schema: S): Promise<HttpOutcome<z.output<S>>> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method ?? 'POST',
      headers: { accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { ok: false, failure: { kind: 'timeout', message: `No answer within ${Math.round(request.timeoutMs / 1000)} s.` } };
    }
    const code = errorCode(error);
    if (code && NEVER_DELIVERED.has(code)) {
      return { ok: false, failure: { kind: 'unreachable', message: `The server could not be reached (${code}).` } };
    }
    return { ok: false, failure: { kind: 'timeout', message: `The connection broke before an answer came (${code ?? name}).` } };
  }

  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    return { ok: false, failure: { kind: 'timeout', message: `The answer was cut off (${errorCode(error) ?? (error as Error).name}).` } };
  }
  if (text.length > MAX_BODY_BYTES) {
    return { ok: false, failure: { kind: 'invalid_response', status: response.status, message: 'The answer was far larger than expected.' } };
  }
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }

  const status = response.status;
  if (status === 429) {
    return {
      ok: false,
      failure: { kind: 'rate_limited', status, message: 'The server asked us to slow down.', retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) },
    };
  }
  if (status >= 500 || status === 408) {
    return { ok: false, failure: { kind: 'server_error', status, message: serverMessage(body) ?? `The server had an error (HTTP ${status}).` } };
  }
  if (status >= 400) {
    return { ok: false, failure: { kind: 'rejected', status, message: serverMessage(body) ?? `The server refused the request (HTTP ${status}).`, body } };
  }
  if (body === undefined) {
    const looksLikeHtml = /^\s*</.test(text);
    return {
      ok: false,
      failure: { kind: 'invalid_response', status, message: looksLikeHtml ? 'The server sent a web page instead of data.' : 'The server sent an answer that is not JSON.' },
    };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, failure: { kind: 'invalid_response', status, message: 'The server’s answer did not have the expected shape.' } };
  }
  return { ok: true, status, body: parsed.data };
}

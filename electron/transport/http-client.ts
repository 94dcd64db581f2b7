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
  | { kind: 'rejected'; status: number; message: string; body: unknown; raw?: string }
  | { kind: 'rate_limited'; status: 429; message: string; retryAfterMs: number | null }
  | { kind: 'server_error'; status: number; message: string; raw?: string }
  | { kind: 'invalid_response'; status: number; message: string; raw?: string };

/**
 * `raw`: the answer as it came (its first RAW_CHARS characters), for a person to read when the
 * answer is one KYC Desk cannot act on by itself; it is kept only inside the encrypted store.
 */
export type HttpOutcome<T> = { ok: true; status: number; body: T; raw?: string } | { ok: false; failure: HttpFailure };

/** How much of an answer is kept as it came. */
export const RAW_CHARS = 64 * 1024;

interface RequestBase {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  timeoutMs: number;
}

/**
 * A request with a JSON `body`, or with a `form` sent as `application/x-www-form-urlencoded` (an
 * OAuth token endpoint takes only that): each name and value percent-encoded in the order given,
 * spaces as `+`. Never both: the type refuses it.
 */
export type JsonRequest = RequestBase & ({ body?: unknown; form?: undefined } | { form: Readonly<Record<string, string>>; body?: undefined });

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded;charset=UTF-8';

/** The request's body and its content-type: JSON, a form, or none. */
function encodedBody(request: JsonRequest): { contentType: string; text: string } | null {
  if (request.form !== undefined) {
    return { contentType: FORM_CONTENT_TYPE, text: new URLSearchParams(Object.entries(request.form)).toString() };
  }
  return request.body === undefined ? null : { contentType: 'application/json', text: JSON.stringify(request.body) };
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
 * One request (a JSON body or a form) whose answer is JSON, with a hard timeout. Never throws: every outcome is a value, classified so that
 * callers can tell "safe to resend" from "may have been processed".
 */
export async function requestJson<S extends z.ZodType>(request: JsonRequest, schema: S): Promise<HttpOutcome<z.output<S>>> {
  const encoded = encodedBody(request);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method ?? 'POST',
      headers: { accept: 'application/json', ...(encoded === null ? {} : { 'content-type': encoded.contentType }), ...request.headers },
      body: encoded === null ? undefined : encoded.text,
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    return { ok: false, failure: sendFailure(error, request.timeoutMs) };
  }
  return readAnswer(response, schema);
}

/** Why fetch rejected, for a request whose body (if any) was handed over whole. */
function sendFailure(error: unknown, timeoutMs: number): HttpFailure {
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'timeout', message: `No answer within ${Math.round(timeoutMs / 1000)} s.` };
  }
  const code = errorCode(error);
  if (code && NEVER_DELIVERED.has(code)) {
    return { kind: 'unreachable', message: `The server could not be reached (${code}).` };
  }
  return { kind: 'timeout', message: `The connection broke before an answer came (${code ?? name}).` };
}

export interface StreamedBody {
  contentType: string;
  /** Sent as Content-Length: the chunks must come to exactly this many bytes. */
  length: number;
  /** Pulled one chunk at a time as the socket takes them: never all in memory. */
  chunks: AsyncIterable<Uint8Array>;
}

export interface StreamedRequest {
  url: string;
  headers?: Record<string, string>;
  body: StreamedBody;
  /** For the whole exchange: sending the body and the answer (scale it with the body's size). */
  timeoutMs: number;
  /** Bytes of the body handed to the connection so far, at most every PROGRESS_EVERY_MS, and once at the end. */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}

const PROGRESS_EVERY_MS = 100;

/** The body's own source failed (the file being sent could not be read): not an HTTP outcome. */
class SourceFailed {
  constructor(readonly error: unknown) {}
}

/**
 * requestJson for a big body streamed from a source (a batch ZIP from the sealed outbox), POSTed
 * with a Content-Length and never held whole in memory. Outcomes are requestJson's, classified
 * the same way, with one difference that matters to an upload:
 *
 * - The connection broke (reset, closed, refused) while part of the body was still unsent: the
 *   server got a body cut short — shorter than its Content-Length, without its end — which it
 *   cannot take as a whole request, so nothing was accepted: `unreachable` (safe to send again,
 *   nothing to reconcile), with a message saying how far it got. Bytes count as sent when handed
 *   to undici, before it writes them: "unsent" is then sure, never a guess in the unsafe direction.
 * - It broke, or timed out, after the whole body was handed over: the server may have taken it —
 *   `timeout`, exactly as requestJson (reconcile, or resend where the endpoint is idempotent).
 * - Timed out while the body was still going out: `timeout` too. Nothing was taken then either,
 *   but a line too slow for the time given is not a way out that is down, which `unreachable`
 *   tells the caller; the message says how much was sent.
 *
 * Never resolves to a failure for a broken source: when reading `chunks` throws (a sealed file
 * found damaged), that error is rethrown as it was, and the request is abandoned unfinished.
 */
export async function requestStreamed<S extends z.ZodType>(request: StreamedRequest, schema: S): Promise<HttpOutcome<z.output<S>>> {
  const total = request.body.length;
  let sent = 0;
  let reportedAt = 0;
  const report = (force: boolean) => {
    if (!request.onProgress) return;
    const now = Date.now();
    if (!force && now - reportedAt < PROGRESS_EVERY_MS) return;
    reportedAt = now;
    request.onProgress(sent, total);
  };
  let sourceFailure: SourceFailed | undefined;
  const source = request.body.chunks;
  async function* counted(): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of source) {
        if (sent + chunk.length > total) throw new Error(`The body came to more than the ${total} bytes announced.`);
        // Counted as it is handed to undici, which writes it to the socket at once (and asks for
        // the next only when the socket took it): so `sent < total` surely means unsent bytes.
        sent += chunk.length;
        report(sent === total);
        yield chunk;
      }
      if (sent !== total) throw new Error(`The body came to ${sent} bytes, not the ${total} announced.`);
    } catch (error) {
      sourceFailure ??= new SourceFailed(error);
      throw error;
    }
  }

  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: { accept: 'application/json', ...request.headers, 'content-type': request.body.contentType, 'content-length': String(total) },
      body: counted() as unknown as NonNullable<RequestInit['body']>,
      // Node's fetch (undici) takes an async iterable as a body in half-duplex; not in lib.dom's RequestInit.
      duplex: 'half',
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'error',
    } as RequestInit & { duplex: 'half' });
  } catch (error) {
    if (sourceFailure) throw sourceFailure.error;
    if (sent < total) {
      const progress = `${sent} of ${total} bytes`;
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        return { ok: false, failure: { kind: 'timeout', message: `The upload did not finish within ${Math.round(request.timeoutMs / 1000)} s (${progress} sent).` } };
      }
      const code = errorCode(error);
      const why = code && NEVER_DELIVERED.has(code) ? `The server could not be reached (${code})` : `The connection broke after ${progress} were sent (${code ?? name})`;
      return { ok: false, failure: { kind: 'unreachable', message: `${why}: the server cannot have taken a body cut short.` } };
    }
    return { ok: false, failure: sendFailure(error, request.timeoutMs) };
  }
  return readAnswer(response, schema);
}

/** The answer's status and JSON body, classified (shared by requestJson and requestStreamed). */
async function readAnswer<S extends z.ZodType>(response: Response, schema: S): Promise<HttpOutcome<z.output<S>>> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    return { ok: false, failure: { kind: 'timeout', message: `The answer was cut off (${errorCode(error) ?? (error as Error).name}).` } };
  }
  if (text.length > MAX_BODY_BYTES) {
    return { ok: false, failure: { kind: 'invalid_response', status: response.status, message: 'The answer was far larger than expected.' } };
  }
  const raw = text.slice(0, RAW_CHARS);
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
    return { ok: false, failure: { kind: 'server_error', status, message: serverMessage(body) ?? `The server had an error (HTTP ${status}).`, raw } };
  }
  if (status >= 400) {
    return { ok: false, failure: { kind: 'rejected', status, message: serverMessage(body) ?? `The server refused the request (HTTP ${status}).`, body, raw } };
  }
  if (body === undefined) {
    const looksLikeHtml = /^\s*</.test(text);
    return {
      ok: false,
      failure: { kind: 'invalid_response', status, message: looksLikeHtml ? 'The server sent a web page instead of data.' : 'The server sent an answer that is not JSON.', raw },
    };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, failure: { kind: 'invalid_response', status, message: 'The server’s answer did not have the expected shape.', raw } };
  }
  return { ok: true, status, body: parsed.data, raw };
}

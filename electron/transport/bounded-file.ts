import type { HttpOutcome } from './http-client';
import { parseRetryAfter, serverMessage } from './http-client';

/**
 * A file an answer points to (a session's selfie, a bulk update's failure file), fetched with a
 * GET: never following a redirect, at most `maxBytes` (refused from Content-Length when it says so,
 * else cut off while reading) and within `timeoutMs` for the whole exchange. Which addresses may be
 * fetched at all is the caller's rule (its connection's own host).
 */
export interface FileBytes {
  bytes: Buffer;
  contentType: string | null;
}

export async function requestBoundedFile(url: string, headers: Record<string, string>, maxBytes: number, timeoutMs: number): Promise<HttpOutcome<FileBytes>> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { method: 'GET', headers, signal, redirect: 'error' });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, failure: { kind: 'timeout', message: `No answer within ${Math.round(timeoutMs / 1000)} s.` } };
    return { ok: false, failure: { kind: 'unreachable', message: `The server could not be reached (${(error as { cause?: { code?: string } }).cause?.code ?? name}).` } };
  }
  if (!response.ok) return refusal(response);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return tooLarge(response.status, maxBytes);
  }
  return readBounded(response, maxBytes, timeoutMs);
}

async function readBounded(response: Response, maxBytes: number, timeoutMs: number): Promise<HttpOutcome<FileBytes>> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += (chunk as Uint8Array).length;
      if (size > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        return tooLarge(response.status, maxBytes);
      }
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
  } catch (error) {
    const name = (error as Error).name;
    const late = name === 'TimeoutError' || name === 'AbortError';
    return { ok: false, failure: { kind: 'timeout', message: late ? `The file did not arrive within ${Math.round(timeoutMs / 1000)} s.` : 'The file was cut off on the way.' } };
  }
  return { ok: true, status: response.status, body: { bytes: Buffer.concat(chunks), contentType: response.headers.get('content-type') } };
}

function tooLarge(status: number, maxBytes: number): HttpOutcome<FileBytes> {
  return { ok: false, failure: { kind: 'invalid_response', status, message: `The file is larger than the ${Math.round(maxBytes / 1024)} KB KYC Desk accepts for it; nothing of it was kept.` } };
}

async function refusal(response: Response): Promise<HttpOutcome<FileBytes>> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const status = response.status;
  if (status === 429) return { ok: false, failure: { kind: 'rate_limited', status, message: 'The server asked us to slow down.', retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) } };
  const said = serverMessage(body) ?? `HTTP ${status}`;
  if (status >= 500) return { ok: false, failure: { kind: 'server_error', status, message: `The server had an error (${said}).` } };
  return { ok: false, failure: { kind: 'rejected', status, message: status === 404 ? 'The vendor no longer has this file (HTTP 404).' : `The server refused (${said}).`, body } };
}

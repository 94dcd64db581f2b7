import type { HttpOutcome } from '../../transport/http-client';
import { parseRetryAfter, serverMessage } from '../../transport/http-client';

/**
 * One medium a session's answer points to, fetched for a person who opened it: only over http(s),
 * only from the connection's own host (or an origin the wiring names, Training's sandbox), never
 * following a redirect, at most `maxBytes` (refused from Content-Length when it says so, else cut
 * off while reading) and within `timeoutMs` for the whole exchange.
 */

export interface MediaBytes {
  bytes: Buffer;
  contentType: string | null;
}

/** Why `url` may not be fetched, in plain words; null when it may. */
export function mediaOrigin(url: string, baseUrl: string, extraOrigins: readonly string[]): string | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return 'The session names a file whose address is not a web address; ask the vendor.';
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return `KYC Desk fetches a session's files only over https (not ${target.protocol.replace(':', '')}).`;
  const base = new URL(baseUrl);
  const listed = extraOrigins.some((origin) => new URL(origin).origin === target.origin);
  if (!listed && base.protocol === 'https:' && target.protocol === 'http:') return 'KYC Desk fetches a session\'s files only over https, as it talks to the agent API.';
  if (!listed && target.host !== base.host) return `KYC Desk fetches a session's files only from the agent API's own address (${base.host}), not from ${target.host}.`;
  if (target.username || target.password) return 'The file address carries a user name or password; KYC Desk does not follow such addresses.';
  return null;
}

export async function requestMedia(url: string, headers: Record<string, string>, maxBytes: number, timeoutMs: number): Promise<HttpOutcome<MediaBytes>> {
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

async function readBounded(response: Response, maxBytes: number, timeoutMs: number): Promise<HttpOutcome<MediaBytes>> {
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

function tooLarge(status: number, maxBytes: number): HttpOutcome<MediaBytes> {
  return { ok: false, failure: { kind: 'invalid_response', status, message: `The file is larger than the ${Math.round(maxBytes / 1024)} KB KYC Desk accepts for it; nothing of it was kept.` } };
}

async function refusal(response: Response): Promise<HttpOutcome<MediaBytes>> {
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

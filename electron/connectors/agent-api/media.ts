import { requestBoundedFile, type FileBytes } from '../../transport/bounded-file';

/**
 * One medium a session's answer points to, fetched for a person who opened it: only over http(s),
 * only from the connection's own host (or an origin the wiring names, Training's sandbox), never
 * following a redirect, at most `maxBytes` (refused from Content-Length when it says so, else cut
 * off while reading) and within `timeoutMs` for the whole exchange.
 */

export type MediaBytes = FileBytes;

/** The transport's bounded GET, under the name the agent API's callers know. */
export const requestMedia = requestBoundedFile;

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


/**
 * Addresses the app may hand to the system browser (`shell.openExternal`). Only exact entries of
 * this list open; anything else the renderer asks for is dropped, so a compromised or confused
 * renderer cannot make the PC open an arbitrary site, a `file:` path or a custom protocol handler.
 *
 * Empty today: no screen links outside the app. A help page added later is listed here, in full,
 * as https.
 */
export const HELP_LINKS: readonly string[] = [];

/** The address in the one form it is compared in, or null when it is not a plain https address. */
function canonical(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

export function isExternalLinkAllowed(url: string, allowList: readonly string[] = HELP_LINKS): boolean {
  const asked = canonical(url);
  if (asked === null) return false;
  return allowList.some((entry) => canonical(entry) === asked);
}

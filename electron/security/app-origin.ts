/** The packaged renderer is served from this privileged custom scheme, never from file:// or a dev server. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kyc-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    // Non-special schemes report origin "null"; build it ourselves so app:// compares properly.
    return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

export function isAppUrl(url: string | undefined | null): boolean {
  return originOf(url) === APP_ORIGIN;
}

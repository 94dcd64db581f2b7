import { isAppUrl } from './app-origin';

export interface PermissionAsk {
  permission: string;
  requestingUrl: string | undefined;
  /** For 'media': which kinds of device are asked for. */
  mediaTypes?: ReadonlyArray<string>;
}

/**
 * The renderer may use the camera (customer photographs) and nothing else: no microphone,
 * notifications, geolocation, clipboard reading, USB, HID or serial — and only from the app's own
 * origin, never from anything that got loaded by mistake.
 */
export function isPermissionGranted(ask: PermissionAsk): boolean {
  if (!isAppUrl(ask.requestingUrl)) return false;
  if (ask.permission !== 'media') return false;
  const types = ask.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'video');
}

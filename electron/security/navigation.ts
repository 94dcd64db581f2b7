import { isAppUrl } from './app-origin';

/** The window only ever shows the app itself: any navigation elsewhere is refused. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/**
 * An endpoint's URL under a connection's base URL. A vendor's base URL may carry a path
 * (`https://api.vendor.in/kyc/v1`): the endpoint goes under it (`…/kyc/v1/ckyc-upload/…`), where
 * `new URL('/ckyc-upload/…', base)` would drop it. `query` is added as given.
 */
export function endpointUrl(baseUrl: string, path: string, query?: Record<string, string>): string {
  const base = new URL(baseUrl);
  const url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
  if (query) url.search = new URLSearchParams(query).toString();
  return url.toString();
}

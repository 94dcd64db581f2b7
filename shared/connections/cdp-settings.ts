import { z } from 'zod';

/**
 * The UAE Customer Data Platform's connection (seed 003; docs/apis/uae-partner-onboarding.md): its
 * address, the OAuth client id and scope the vendor gave, and the partner's username. The client
 * secret and the password are secrets: they go to the keychain (slots `uae-oauth-client-secret`
 * and `uae-password`), never here. Pure data and zod, for main and the renderer alike.
 */
export const cdpSettingsShape = z
  .object({
    baseUrl: z.string().max(500),
    clientId: z.string().max(200),
    scope: z.string().max(200),
    username: z.string().max(200),
  })
  .strict();
export type CdpSettings = z.infer<typeof cdpSettingsShape>;

/** The seed's limit on every token field. */
export const CDP_FIELD_MAX = 60;

/** What a new PC starts with: nothing, so Live mode cannot reach a CDP until an admin says where. */
export const DEFAULT_CDP_SETTINGS: CdpSettings = { baseUrl: '', clientId: '', scope: '', username: '' };

export const CDP_MESSAGES = {
  baseUrl: 'Enter the CDP address the vendor gave you, starting with https:// (for example https://cdp.example.ae).',
  clientId: `Enter the client id the vendor gave you: up to ${CDP_FIELD_MAX} characters, no spaces.`,
  scope: `Enter the scope the vendor gave you, exactly (for example api://…/customer): up to ${CDP_FIELD_MAX} characters, no spaces.`,
  username: `Enter the partner username the vendor gave you: up to ${CDP_FIELD_MAX} characters, no spaces.`,
} as const;

/** Letters, digits and the punctuation an id, a scope URI or a username carries; no spaces, up to 60. */
const TOKEN_FIELD = new RegExp(`^[\\x21-\\x7E]{1,${CDP_FIELD_MAX}}$`);

/** An http(s) address with a host and perhaps a path: no credentials, query or fragment (shared/ has no URL parser). */
function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?$/.test(text);
}

/** Trimmed, the address without a trailing slash; nothing else changes (the CDP compares them exactly). */
export function tidyCdpSettings(settings: CdpSettings): CdpSettings {
  return { baseUrl: settings.baseUrl.trim().replace(/\/+$/, ''), clientId: settings.clientId.trim(), scope: settings.scope.trim(), username: settings.username.trim() };
}

/** Every field's problem, keyed by field; empty when the settings may be saved. */
export function checkCdpSettings(input: CdpSettings): Record<string, string> {
  const s = tidyCdpSettings(input);
  const fields: Record<string, string> = {};
  if (!isHttpUrl(s.baseUrl)) fields.baseUrl = CDP_MESSAGES.baseUrl;
  if (!TOKEN_FIELD.test(s.clientId)) fields.clientId = CDP_MESSAGES.clientId;
  if (!TOKEN_FIELD.test(s.scope)) fields.scope = CDP_MESSAGES.scope;
  if (!TOKEN_FIELD.test(s.username)) fields.username = CDP_MESSAGES.username;
  return fields;
}

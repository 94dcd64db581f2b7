import { z } from 'zod';
import { parentCompanyIdProblem } from './parent-company-id';

/**
 * The bulk customer update platform's connection: its address and the parent company id (empty:
 * the platform takes the token's own company). The token is a secret: it goes to the keychain
 * (slot `bulk-update-token`), never here. Pure data and zod, for main and the renderer alike.
 */
export const bulkUpdateSettingsShape = z.object({ baseUrl: z.string().max(500), parentCompanyId: z.string().max(40) }).strict();
export type BulkUpdateSettings = z.infer<typeof bulkUpdateSettingsShape>;

/** What a new PC starts with: nothing, so Live mode cannot reach the platform until an admin says where. */
export const DEFAULT_BULK_UPDATE_SETTINGS: BulkUpdateSettings = { baseUrl: '', parentCompanyId: '' };

/** Trimmed, the address without a trailing slash, the company id in capitals (the platform's pattern has only capitals). */
export function tidyBulkUpdateSettings(settings: BulkUpdateSettings): BulkUpdateSettings {
  return { baseUrl: settings.baseUrl.trim().replace(/\/+$/, ''), parentCompanyId: settings.parentCompanyId.trim().toUpperCase() };
}

/** Every field's problem, keyed by field; empty when the settings may be saved. */
export function checkBulkUpdateSettings(input: BulkUpdateSettings): Record<string, string> {
  const s = tidyBulkUpdateSettings(input);
  const fields: Record<string, string> = {};
  if (!/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?$/.test(s.baseUrl)) fields.baseUrl = 'Enter the platform’s address the vendor gave you, starting with https:// (for example https://api.example.in).';
  const company = parentCompanyIdProblem(s.parentCompanyId);
  if (company !== null) fields.parentCompanyId = company;
  return fields;
}

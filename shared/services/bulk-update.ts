import type { ServiceDeclaration } from './declaration';

/**
 * The partner platform's bulk customer update (docs/apis/bulk-customer-update.md): the bearer token
 * an admin pastes (decision 0052). The vendor prints no token format; a token is one run of the
 * characters a header value may carry, bounded. Its other settings are
 * shared/bulk-update/connection-settings.ts.
 */
export const BULK_UPDATE_SERVICE = {
  id: 'bulk-update',
  label: 'Bulk customer update',
  secrets: [{ slot: 'bulk-update-token', label: 'Bulk customer update token', rule: { pattern: /^[\x21-\x7E]{8,2048}$/, message: 'The bulk customer update token is 8 to 2,048 characters with no spaces, exactly as the platform gave it.' } }],
} as const satisfies ServiceDeclaration;

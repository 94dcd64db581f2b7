import type { ServiceDeclaration } from './declaration';

/**
 * UAE partner onboarding (docs/apis/uae-partner-onboarding.md).
 * Only its secrets exist so far; the rest comes with the service (issue 14).
 */
export const UAE_ONBOARDING_SERVICE = {
  id: 'uae-onboarding',
  label: 'UAE partner onboarding',
  secrets: [
    { slot: 'uae-oauth-client-secret', label: 'UAE partner OAuth client secret' },
    { slot: 'uae-password', label: 'UAE partner password' },
  ],
} as const satisfies ServiceDeclaration;

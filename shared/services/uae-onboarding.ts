import type { ServiceDeclaration } from './declaration';

/**
 * UAE partner onboarding (docs/apis/uae-partner-onboarding.md): the Customer Data Platform's OAuth
 * client secret and the partner's password, each at most 60 characters (the seed's limit on every
 * token field). Its other settings are in shared/connections/cdp-settings.ts.
 */
export const UAE_ONBOARDING_SERVICE = {
  id: 'uae-onboarding',
  label: 'UAE partner onboarding',
  secrets: [
    { slot: 'uae-oauth-client-secret', label: 'UAE partner OAuth client secret', rule: { pattern: /^.{1,60}$/su, message: 'The UAE CDP client secret has at most 60 characters (the CDP’s rule).' } },
    { slot: 'uae-password', label: 'UAE partner password', rule: { pattern: /^.{1,60}$/su, message: 'The UAE CDP password has at most 60 characters (the CDP’s rule).' } },
  ],
} as const satisfies ServiceDeclaration;

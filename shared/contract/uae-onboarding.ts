import { z } from 'zod';
import { cdpSettingsShape } from '../connections/cdp-settings';

/**
 * The UAE partner onboarding channels (issue 14). So far the Customer Data Platform's connection,
 * an admin's: its settings (`uaeCdp.settings.*`; the client secret and password go through the
 * keychain's `secrets.*` channels like every secret) and a connection test.
 */
export const cdpViewSchema = z.object({
  settings: cdpSettingsShape,
  configured: z.boolean(),
  clientSecretSet: z.boolean(),
  passwordSet: z.boolean(),
  /** Training: the built-in sandbox answers, whatever is saved here. */
  mode: z.enum(['training', 'live']),
});
export type CdpView = z.infer<typeof cdpViewSchema>;

export const UAE_ONBOARDING_CONTRACT = {
  'uaeCdp.settings.get': {
    request: z.object({}).strict(),
    response: cdpViewSchema,
  },
  'uaeCdp.settings.save': {
    request: z.object({ settings: cdpSettingsShape }).strict(),
    response: cdpViewSchema,
  },
  /** One password-grant token request with the saved settings and secrets (in Training mode: the sandbox). */
  'uaeCdp.settings.test': {
    request: z.object({}).strict(),
    response: z.object({ ok: z.boolean(), message: z.string() }),
  },
} as const;

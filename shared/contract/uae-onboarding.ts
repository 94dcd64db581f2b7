import { z } from 'zod';
import { cdpSettingsShape } from '../connections/cdp-settings';

/**
 * The UAE partner onboarding channels (issue 14): the counter's look-up of a customer on the
 * Customer Data Platform (`uaeCdp.lookUp`: nothing stored, nothing changed), sending approved UAE
 * customers for onboarding (`uaeCdp.send`: the sync engine's UAE service, exactly once), and the
 * CDP's connection, an admin's (`uaeCdp.settings.*`; the client secret and password go through the
 * keychain's `secrets.*` channels like every secret).
 */
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const CDP_LOOK_UP_OUTCOMES = ['found', 'not-found', 'not-subscribed', 'stopped', 'invalid-input', 'retry-later'] as const;

export const cdpLookUpViewSchema = z.object({
  outcome: z.enum(CDP_LOOK_UP_OUTCOMES),
  /** Whether the branch may go on to onboard this customer. */
  canOnboard: z.boolean(),
  /** What the branch reads and acts on. */
  message: z.string(),
  /** A found customer, as the CDP holds them; the id's expiry DD/MM/YYYY. */
  customer: z
    .object({ ecrn: z.string(), customerStatus: z.string().nullable(), amlScanStatus: z.string().nullable(), idStatus: z.string().nullable(), idExpiry: z.string().nullable() })
    .nullable(),
});
export type CdpLookUpView = z.infer<typeof cdpLookUpViewSchema>;
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
  /** Is this customer already on the CDP, and may they be onboarded? `idType`: '4' Emirates ID, '2' passport. */
  'uaeCdp.lookUp': {
    request: z.object({ idType: z.enum(['4', '2']), idNumber: z.string().min(1).max(40) }).strict(),
    response: cdpLookUpViewSchema,
  },
  /** Send every approved UAE customer for onboarding (each looked up first, onboarded once). */
  'uaeCdp.send': {
    request: z.object({}).strict(),
    response: z.object({ batchId: id.nullable(), recordCount: z.number().int(), message: z.string() }),
  },
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

import { z } from 'zod';
import { cdpSettingsShape } from '../connections/cdp-settings';

/**
 * The UAE partner onboarding channels (issue 14): the counter's look-up of a customer on the
 * Customer Data Platform (`uaeCdp.lookUp`: nothing stored, nothing changed), what the CDP said of
 * the customers it holds (`uaeCdp.enrolments`, `uaeCdp.forRecord`), sending approved UAE
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

/** How KYC Desk learnt that the CDP holds a customer: onboarded here, found by the first look-up, or found by the look-up after a lost answer. */
export const CDP_ENROLMENT_HOWS = ['onboarded', 'found', 'found-after-doubt'] as const;

/** What the CDP said of a customer it holds, as stored with the UAE record (decision 0054). */
export const cdpEnrolmentSchema = z.object({
  recordId: id,
  reference: z.string(),
  /** The queue's name of the customer. */
  name: z.string(),
  ecrn: z.string(),
  /** The CDP's words as it gave them, or null when it gave none. */
  customerStatus: z.string().nullable(),
  amlScanStatus: z.string().nullable(),
  /** Politically exposed person, as onboarding's answer said; null when the CDP did not say (a look-up never does). */
  pep: z.boolean().nullable(),
  amlCategory: z.string().nullable(),
  /** A look-up's answer only; the expiry DD/MM/YYYY. */
  idStatus: z.string().nullable(),
  idExpiry: z.string().nullable(),
  how: z.enum(CDP_ENROLMENT_HOWS),
  /** ISO instant the answer was written down with the record's end. */
  notedAt: z.string(),
});
export type CdpEnrolmentView = z.infer<typeof cdpEnrolmentSchema>;

export const UAE_ONBOARDING_CONTRACT = {
  /** Is this customer already on the CDP, and may they be onboarded? `idType`: '4' Emirates ID, '2' passport. */
  'uaeCdp.lookUp': {
    request: z.object({ idType: z.enum(['4', '2']), idNumber: z.string().min(1).max(40) }).strict(),
    response: cdpLookUpViewSchema,
  },
  /** The customers the CDP holds, newest first, within the operator's read scope; `total` counts all of them. */
  'uaeCdp.enrolments': {
    request: z.object({}).strict(),
    response: z.object({ items: z.array(cdpEnrolmentSchema), total: z.number().int() }),
  },
  /** What the CDP said of one UAE record, once it holds the customer (null before). */
  'uaeCdp.forRecord': {
    request: z.object({ recordId: id }).strict(),
    response: z.object({ enrolment: cdpEnrolmentSchema.nullable() }),
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

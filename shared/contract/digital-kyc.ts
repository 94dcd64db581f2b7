import { z } from 'zod';
import { videoKycSessionSchema } from './video-kyc';

/**
 * The digital-KYC push's channels (docs/decisions/0044). A checker (anyone who may send) pushes an
 * approved CKYC individual: the full Aadhaar number is typed in the dialog and checked there and
 * in main, held by main only until the one request is sent, never stored; the push is a record of
 * kind dkyc-push the sync engine sends once and whose session it follows like a video-KYC one.
 */

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
/** 12 digits, perhaps with the spaces the card prints; checked by rule in main, never echoed. */
const typedAadhaar = z.string().max(20);

/** One thing to correct before (or after) a push, by the customer record's field path. */
export const pushProblemSchema = z.object({
  path: z.string(),
  /** The field's name on the capture form ('PAN', 'Document images'), or what KYC Desk itself supplies. */
  label: z.string(),
  /** The capture step that shows it, when it is a field of the record. */
  step: z.string().nullable(),
  message: z.string(),
});
export type PushProblem = z.infer<typeof pushProblemSchema>;

/** A push as its customer's Review shows it: its session like a video-KYC one, what the vendor refused, and whether it waits for the number. */
export const dkycPushViewSchema = videoKycSessionSchema.extend({
  /** The vendor's 400 (or KYC Desk's own check at send time), by the customer record's fields. */
  problems: z.array(pushProblemSchema),
  /** Ready, but main no longer holds its Aadhaar number (a restart, or two minutes offline): type it again. */
  waitingForAadhaar: z.boolean(),
});
export type DkycPushView = z.infer<typeof dkycPushViewSchema>;

export const DIGITAL_KYC_CONTRACT = {
  /** What the push dialog shows for one record: what is missing, whether it may be pushed now, its pushes. */
  'digitalKyc.forRecord': {
    request: z.object({ recordId: id }).strict(),
    response: z.object({
      problems: z.array(pushProblemSchema),
      /** Why it cannot be pushed now (not approved, a push under way…), or null. */
      blocked: z.string().nullable(),
      /** The last four Aadhaar digits the typed number must end in (the record's own), or null. */
      aadhaarLast4: z.string().nullable(),
      pushes: z.array(dkycPushViewSchema),
    }),
  },
  /** Push the customer now. `again`: on purpose, after a push that may have been made (that one is closed first). */
  'digitalKyc.push': {
    request: z.object({ recordId: id, aadhaar: typedAadhaar, again: z.boolean().optional() }).strict(),
    response: dkycPushViewSchema,
  },
  /** The Aadhaar number typed again for a push waiting for it. */
  'digitalKyc.typeAadhaar': {
    request: z.object({ id, aadhaar: typedAadhaar }).strict(),
    response: dkycPushViewSchema,
  },
  /** A person closes a push that may have been made (or waits for a person), with why: it ends as not pushed. */
  'digitalKyc.close': {
    request: z.object({ id, reason: z.string().trim().min(3).max(300) }).strict(),
    response: dkycPushViewSchema,
  },
} as const;

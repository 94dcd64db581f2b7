import { z } from 'zod';
import { RECORD_STATES } from '../sync/states';

/**
 * The same customer twice: as the operator types a PAN, an identity document number or a CKYC
 * number, the form asks main whether another record in this store already holds it.
 */

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const sameCustomerMatchSchema = z.object({
  /** The field the number was typed in, and its path in the form (the notice stands beside it). */
  field: z.enum(['pan', 'identity', 'ckycNumber']),
  path: z.string(),
  state: z.enum(RECORD_STATES),
  capturedByYou: z.boolean(),
  /** Null when the operator may not read that record (a maker and another maker's record). */
  record: z.object({ id, reference: z.string(), name: z.string() }).nullable(),
});
export type SameCustomerMatch = z.infer<typeof sameCustomerMatchSchema>;

export const SAME_CUSTOMER_CONTRACT = {
  /** Records other than `exceptId` (the record being changed) holding any of these numbers. */
  'records.findSameCustomer': {
    request: z
      .object({
        pan: z.string().max(30).optional(),
        identityDocuments: z.array(z.object({ code: z.string().max(10), number: z.string().max(60) }).strict()).max(10).optional(),
        ckycNumber: z.string().max(30).optional(),
        exceptId: id.optional(),
      })
      .strict(),
    response: z.object({ matches: z.array(sameCustomerMatchSchema) }),
  },
} as const;

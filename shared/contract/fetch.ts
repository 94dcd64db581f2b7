import { z } from 'zod';
import { kycRecordSchema } from '../record/kyc-record';
import { downloadPersonSchema, MAX_PEOPLE_PER_REQUEST } from '../record-kinds/ckyc-download-request';
import { RECORD_STATES } from '../sync/states';

/**
 * The Fetch from CKYC channels (bulk download; docs/decisions/0039). A download request is a record
 * of the kind `ckyc-download-request`: a maker saves it (`fetch.request`), a checker or admin
 * approves it with `records.approve` like any record and sends the approved ones (`fetch.send`),
 * the sync engine follows each to its end, and each person fetched is kept encrypted, read back
 * with `fetch.results`.
 */

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const page = z.number().int().min(1).max(1_000_000);
const pageSize = z.number().int().min(1).max(200);

/**
 * One person's outcome. waiting: not asked yet or the registry is still working; fetched: the
 * registry's copy is here; failed: the registry refused this person (an unknown CKYC number, a dob
 * or mobile that does not match), `error` says why; attention: the registry said something KYC Desk
 * does not know (`registryState`), a person decides.
 */
export const FETCH_PERSON_STATES = ['waiting', 'fetched', 'failed', 'attention'] as const;
export type FetchPersonState = (typeof FETCH_PERSON_STATES)[number];

export const fetchRequestSummarySchema = z.object({
  id,
  reference: z.string(),
  /** The request's state as a record: awaiting_approval, ready, submitted, succeeded, failed… */
  state: z.enum(RECORD_STATES),
  people: z.number().int(),
  fetched: z.number().int(),
  failed: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Who asked (name), when known. */
  requestedBy: z.string().nullable(),
  batchId: z.string().nullable(),
  /** The last word on the request (why it failed or was not sent), if any. */
  message: z.string().nullable(),
});
export type FetchRequestSummary = z.infer<typeof fetchRequestSummarySchema>;

export const fetchedPersonSchema = z.object({
  ckycNumber: z.string(),
  /** As asked: YYYY-MM-DD, or null when the mobile number was given instead. */
  dob: z.string().nullable(),
  /** As asked, masked to its last 4 digits. */
  mobileMasked: z.string().nullable(),
  state: z.enum(FETCH_PERSON_STATES),
  /** The registry's word for this person, as it said it (null before any answer). */
  registryState: z.string().nullable(),
  /** The registry's reason when it refused this person. */
  error: z.string().nullable(),
  /**
   * The registry's copy as a canonical record (the capture form's shape, application type Update,
   * with the CKYC number): fields the registry did not send are left blank. Null until fetched.
   */
  record: kycRecordSchema.nullable(),
  /** The fields as the registry returned them (an Aadhaar-based number already cut to its last 4 digits; the photograph as a document reference). */
  raw: z.record(z.string(), z.unknown()).nullable(),
  /**
   * The photograph the registry returned, sealed with the request (null when it sent none). An
   * update started from this person carries a copy of it in through documents.put.
   */
  photograph: z.object({ documentHash: z.string().regex(/^[0-9a-f]{64}$/), mime: z.string(), bytes: z.number().int() }).nullable(),
  fetchedAt: z.string().nullable(),
});
export type FetchedPerson = z.infer<typeof fetchedPersonSchema>;

export const FETCH_CONTRACT = {
  /**
   * A maker (or checker, admin) asks for people: each a CKYC number with dob or mobile, and/or
   * records of this store that already have a CKYC number (their dob is asked with them). Saved
   * as one request awaiting approval; audited.
   */
  'fetch.request': {
    request: z
      .object({
        people: z.array(downloadPersonSchema.omit({ recordId: true })).max(MAX_PEOPLE_PER_REQUEST),
        recordIds: z.array(id).max(500),
      })
      .strict()
      .refine((request) => request.people.length + request.recordIds.length > 0, { message: 'Name at least one person to fetch.' }),
    response: fetchRequestSummarySchema,
  },
  /** The download requests, newest first; a maker sees their own, checkers and admins all. */
  'fetch.list': {
    request: z.object({ page, pageSize }).strict(),
    response: z.object({ items: z.array(fetchRequestSummarySchema), total: z.number().int() }),
  },
  /** One request and each person in it, in the order asked. */
  'fetch.results': {
    request: z.object({ id }).strict(),
    response: z.object({ request: fetchRequestSummarySchema, people: z.array(fetchedPersonSchema) }),
  },
  /** A checker or admin sends the approved requests: `sync.start` for the download service. */
  'fetch.send': {
    request: z.object({}).strict(),
    response: z.object({ batchId: id.nullable(), recordCount: z.number().int(), message: z.string() }),
  },
} as const;

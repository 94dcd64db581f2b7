import { z } from 'zod';

/**
 * Seed 000 (CKYC bulk flow, individuals) as JSON on the wire. The seed names the endpoints, the
 * `data.purpose / data.verifier / data.individuals[]` envelope, `client_id`, and the states; it
 * does not print field names inside an individual, so these follow seed 001's vocabulary
 * (kyc_ref_no, dob, pan, mobile_number, poa_*) and are written down here once, for the connector
 * and the sandbox alike.
 */
export const REMOTE_STATES = ['pending', 'processing', 'upload_succeeded', 'upload_failed'] as const;
export type RemoteState = (typeof REMOTE_STATES)[number];
export const TERMINAL_REMOTE_STATES: readonly RemoteState[] = ['upload_succeeded', 'upload_failed'];

export function isKnownRemoteState(state: string): state is RemoteState {
  return (REMOTE_STATES as readonly string[]).includes(state);
}

export const BULK_PATHS = {
  uploadInitialize: '/ckyc-upload/upload/initialize',
  updateInitialize: '/ckyc-upload/update/initialize',
  /** The seed lists one status endpoint, under update/, and it answers for both kinds. */
  status: '/ckyc-upload/update/status',
  uploadUploadFile: '/ckyc-upload/upload/upload-file',
  updateUploadFile: '/ckyc-upload/update/upload-file',
  uploadStatusCheck: '/ckyc-upload/upload/status-check',
  updateStatusCheck: '/ckyc-upload/update/status-check',
  /** GET, query parameters (see clientDetailsQuerySchema). */
  clientDetails: '/ckyc-upload/get-client-details',
  /** GET. */
  sftpHealth: '/ckyc-upload/sftp-health',
} as const;

export const wireVerifierSchema = z.object({
  name: z.string().min(1).max(150),
  designation: z.string().min(1).max(50),
  branch: z.string().min(1).max(50),
  employment_code: z.string().min(1).max(50),
  organization: z.string().min(1).max(150),
});

export const wireIndividualSchema = z.object({
  kyc_ref_no: z.string().min(1).max(14),
  first_name: z.string(),
  middle_name: z.string(),
  last_name: z.string(),
  gender: z.string(),
  dob: z.string(),
  pan: z.string(),
  form_60: z.enum(['Y', 'N']),
  mobile_isd: z.string().regex(/^\d{1,4}$/),
  mobile_number: z.string(),
  email: z.string(),
  permanent_address: z.object({
    address_line_1: z.string(),
    city: z.string(),
    state: z.string(),
    country: z.string(),
    pin_code: z.string(),
  }),
  correspondence_same_as_permanent: z.enum(['Y', 'N']),
  /**
   * The seed lists both addresses and the identity documents among an individual's details. Sent
   * when the record has them: the correspondence address only when it is not the permanent one;
   * each identity document by its code (A–J) and number — an Aadhaar-based one only ever by its
   * last 4 digits (the record never holds more). The photograph and documents travel as files in
   * the batch ZIP (`image_files`), not again as Base64 here (docs/apis/ckyc-bulk.md).
   */
  correspondence_address: z
    .object({
      address_type: z.string(),
      address_line_1: z.string(),
      address_line_2: z.string(),
      address_line_3: z.string(),
      city: z.string(),
      district: z.string(),
      state: z.string(),
      country: z.string(),
      pin_code: z.string(),
    })
    .optional(),
  identity_documents: z
    .array(z.object({ code: z.string().min(1).max(10), number: z.string().max(60), expiry: z.string().max(20).optional() }))
    .max(10)
    .optional(),
  /**
   * Decision (the seed is silent on how the vendor knows a file will follow): the file names under
   * `documents/` this individual brings in the batch ZIP, as in individuals.csv's `image_files`
   * (without the `:code`). A batch in which any individual lists image files "needs a file": it
   * stays `pending` until its ZIP arrived through upload-file, and the ZIP must hold exactly these.
   * A batch without them (images inline, or none) processes from initialize, as before; it may
   * still get a ZIP while it is `pending`.
   */
  image_files: z.array(z.string().min(1).max(50)).max(20).optional(),
  /** For an update: the CKYC number being updated, when the sender knows it. */
  ckyc_number: z.string().regex(/^\d{14}$/).optional(),
});
export type WireIndividual = z.infer<typeof wireIndividualSchema>;

export const initializeRequestSchema = z.object({
  data: z.object({
    purpose: z.string().min(1).max(100),
    batch_file_name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
    verifier: wireVerifierSchema,
    individuals: z.array(wireIndividualSchema).min(1).max(10_000),
  }),
});
export type InitializeRequest = z.infer<typeof initializeRequestSchema>;

export const initializeResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({
    client_id: z.string().min(1),
    state: z.enum(REMOTE_STATES),
    batch_file_name: z.string(),
  }),
});

export const statusRequestSchema = z.object({ client_id: z.string().min(1).max(100) });

/**
 * Decision on a batch whose individuals did not all pass (the seed has two terminal states and a
 * per-individual status-check; it bills per individual, and "one bad record never blocks the
 * others"): `upload_succeeded` means the registry processed the file and accepted at least one
 * individual — the rest failed one by one, and `individuals_failed > 0` says to ask status-check
 * which and why; `upload_failed` means nothing was accepted: the batch as a whole was refused (a
 * bad ZIP, CSV or layout) or every individual failed. `error` is set only on `upload_failed`:
 * the batch's reason, or `<kyc_ref_no>: <reason>` per individual joined by " | ". The counts are
 * null until terminal.
 */
/**
 * Read tolerantly (a real vendor may say more, or less, than the seed shows): unknown fields are
 * dropped; `state` is any text — one we do not know is shown to a person, never guessed at
 * (isKnownRemoteState); only client_id and state are required.
 */
export const statusResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({
    client_id: z.string(),
    state: z.string().min(1).max(100),
    batch_file_name: z.string().optional(),
    individuals_count: z.number().int().optional(),
    error: z.string().nullable().optional(),
    updated_at: z.string().optional(),
    individuals_succeeded: z.number().int().nullable().optional(),
    individuals_failed: z.number().int().nullable().optional(),
    /** Whether the batch waits for its ZIP (see wireIndividualSchema.image_files). */
    file_required: z.boolean().optional(),
    file_received: z.boolean().optional(),
  }),
});
export type StatusResponse = z.infer<typeof statusResponseSchema>;

export const errorResponseSchema = z.object({
  success: z.literal(false),
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.string()).optional() }),
});

/**
 * upload-file (both kinds). Decision: `multipart/form-data`, as vendor file APIs take it (curl -F),
 * with the fields `client_id` (required), `file` (required, the batch ZIP, any file name and
 * content type) and `sha256` (optional, lower-case hex of the file: when given and not matching,
 * 400 CHECKSUM_MISMATCH and nothing is kept — a file damaged on the way is refused, not judged).
 * Body cap: the sandbox's maxUploadBytes (batch byte cap + 1 MB) → 413.
 *
 * Answers: 400 malformed request (not multipart, cut short, missing field, upload/ vs update/
 * route not matching the batch's kind: WRONG_ROUTE); 404 unknown client_id; 200 the file was
 * received — judged on receipt, and a ZIP that is not seed 000's batch (not a ZIP, hostile names,
 * missing CSV, an individual not initialized in this batch, a referenced document missing) is
 * still a 200: the batch then ends `upload_failed` with the reason, as the registry's error file
 * would say; problems of one individual fail that individual only. Idempotent: the same bytes
 * (same SHA-256) again → 200 with `already_received: true`, judged once; other bytes for a batch
 * that has a file → 409 FILE_ALREADY_RECEIVED; a file for a batch no longer `pending` (it needed
 * none and is processing or done) → 409 BATCH_NOT_PENDING.
 */
export const UPLOAD_FILE_FIELDS = { clientId: 'client_id', file: 'file', sha256: 'sha256' } as const;

export const uploadFileResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({
    client_id: z.string(),
    state: z.enum(REMOTE_STATES),
    batch_file_name: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().nonnegative(),
    already_received: z.boolean(),
  }),
});
export type UploadFileResponse = z.infer<typeof uploadFileResponseSchema>;

/** status-check's body: `{ client_id }`, as status. The route (upload/ or update/) must match the kind. */
export const statusCheckRequestSchema = statusRequestSchema;

export const INDIVIDUAL_STATES = ['pending', 'processing', 'succeeded', 'failed'] as const;

/**
 * One individual in status-check: merged request + response. Decision: the request half is what
 * the sandbox keeps of it — kyc_ref_no, the PAN and mobile masked (•••••••234K) and the declared
 * image files — never names or numbers in clear (the sandbox lives in the data folder too); the
 * response half is the state, the 14-digit CKYC number on success, and the registry's message
 * verbatim on failure.
 */
export const statusCheckIndividualSchema = z.object({
  kyc_ref_no: z.string(),
  request: z
    .object({
      pan_masked: z.string().optional(),
      mobile_masked: z.string().optional(),
      image_files: z.array(z.string()).optional(),
    })
    .optional(),
  /** One of INDIVIDUAL_STATES, or a state we do not know (the batch then needs a person). */
  state: z.string().min(1).max(100),
  ckyc_number: z.string().regex(/^\d{14}$/).nullable().optional(),
  error: z.string().nullable().optional(),
});
export type StatusCheckIndividual = z.infer<typeof statusCheckIndividualSchema>;

export const statusCheckResponseSchema = z.object({
  success: z.literal(true),
  data: statusResponseSchema.shape.data.extend({
    status_type: z.string().optional(),
    individuals: z.array(statusCheckIndividualSchema),
  }),
});
export type StatusCheckResponse = z.infer<typeof statusCheckResponseSchema>;

/**
 * get-client-details (GET). `status_type` required (upload | update); `page` ≥ 1 (default 1);
 * `page_size` 1–100 (default 20); `start_date` / `end_date` YYYY-MM-DD (UTC days, both inclusive)
 * or ISO date-times, on the time the batch was initialized; `state` one of REMOTE_STATES;
 * `search` case-insensitive substring of client_id or batch_file_name (the app must still compare
 * the name exactly). Newest first. Anything else malformed → 400 INVALID_REQUEST.
 */
const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const dateParam = z
  .string()
  .refine((v) => (isoDay.test(v) || /^\d{4}-\d{2}-\d{2}T/.test(v)) && Number.isFinite(Date.parse(v)), 'must be YYYY-MM-DD or an ISO date-time');
export const clientDetailsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
  status_type: z.enum(['upload', 'update']),
  start_date: dateParam.optional(),
  end_date: dateParam.optional(),
  state: z.enum(REMOTE_STATES).optional(),
  search: z.string().max(100).optional(),
});
export type ClientDetailsQuery = z.infer<typeof clientDetailsQuerySchema>;

/** Read tolerantly, as status: what the look-up after doubt needs is client_id, the name and the state. */
export const clientDetailsItemSchema = z.object({
  client_id: z.string(),
  batch_file_name: z.string(),
  status_type: z.string().optional(),
  state: z.string().min(1).max(100),
  individuals_count: z.number().int().optional(),
  individuals_succeeded: z.number().int().nullable().optional(),
  individuals_failed: z.number().int().nullable().optional(),
  file_required: z.boolean().optional(),
  file_received: z.boolean().optional(),
  file_sha256: z.string().nullable().optional(),
  error: z.string().nullable().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});
export type ClientDetailsItem = z.infer<typeof clientDetailsItemSchema>;

export const clientDetailsResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({
    items: z.array(clientDetailsItemSchema),
    page: z.number().int().optional(),
    page_size: z.number().int().optional(),
    total: z.number().int().optional(),
    total_pages: z.number().int().optional(),
  }),
});
export type ClientDetailsResponse = z.infer<typeof clientDetailsResponseSchema>;

export const sftpHealthResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({ status: z.enum(['up', 'down']) }),
});

import { z } from 'zod';

/**
 * Seed 000's bulk download on the wire (docs/apis/ckyc-bulk.md, "Bulk download"). The seed names
 * the endpoints, `ckyc_id` with `dob` or `mobile_number` (one of the two required), a batch that is
 * polled no faster than every 30 s, and "batch data with individual records and parsed CKYC
 * personal data when complete". Everything else here is our inference, kept to the vocabulary of
 * the upload flow (client_id, batch_file_name, the same four states).
 *
 * Requests are checked strictly (the sandbox refuses what the seed refuses). Answers are read
 * tolerantly (readers that survive a real vendor): unknown fields are dropped, a state we do not
 * know is kept as text for a person to see, and only what we cannot do without is required.
 */
export const DOWNLOAD_PATHS = {
  initialize: '/ckyc-upload/download/initialize',
  status: '/ckyc-upload/download/status',
  /** GET, query parameters (see downloadClientsQuerySchema in management-wire.ts). */
  clients: '/ckyc-upload/get-bulk-download-clients',
} as const;

/** A CKYC number is 14 digits; the seed also allows a "Reference ID (from Search API)". */
export const CKYC_ID_PATTERN = /^[0-9A-Za-z]{1,32}$/;

export const downloadRequestIndividualSchema = z
  .object({
    ckyc_id: z.string().regex(CKYC_ID_PATTERN),
    /** YYYY-MM-DD. */
    dob: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    /** 10 digits, as registered. */
    mobile_number: z.string().regex(/^\d{10}$/).optional(),
  })
  .refine((individual) => individual.dob !== undefined || individual.mobile_number !== undefined, {
    message: 'dob or mobile_number is required',
  });
export type DownloadRequestIndividual = z.infer<typeof downloadRequestIndividualSchema>;

/**
 * Decision: the request carries our `batch_file_name`, as upload's initialize does, so that a
 * request whose answer was lost can be found again by name (get-bulk-download-clients?search=)
 * and is never initialized twice.
 */
export const downloadInitializeRequestSchema = z.object({
  data: z.object({
    batch_file_name: z.string().min(1).max(100),
    individuals: z.array(downloadRequestIndividualSchema).min(1).max(1000),
  }),
});
export type DownloadInitializeRequest = z.infer<typeof downloadInitializeRequestSchema>;

/** A state as the registry says it: one of the four we know, or any other text (shown, never guessed at). */
export const remoteStateText = z.string().min(1).max(100);

export const downloadInitializeResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({
    client_id: z.string().min(1),
    state: remoteStateText,
    batch_file_name: z.string().optional(),
  }),
});

export const downloadStatusRequestSchema = z.object({ client_id: z.string().min(1).max(100) });

const text = z.string().max(1000);
const addressSchema = z.object({
  address_line_1: text.optional(),
  address_line_2: text.optional(),
  address_line_3: text.optional(),
  city: text.optional(),
  district: text.optional(),
  state: text.optional(),
  country: text.optional(),
  pin_code: text.optional(),
});

/**
 * "Parsed CKYC personal data" of one person, as we read it: the upload flow's individual fields,
 * each optional (a vendor may leave any out), plus what only the registry knows — the CKYC number
 * and the date it holds the record from. An Aadhaar-based identity number is cut to its last 4
 * digits by the reader before anything keeps it (docs/record-rules.md §3).
 */
export const downloadedPersonSchema = z.object({
  ckyc_number: z.string().min(1).max(32),
  prefix: text.optional(),
  first_name: text.optional(),
  middle_name: text.optional(),
  last_name: text.optional(),
  father_or_spouse_name: text.optional(),
  mother_name: text.optional(),
  gender: text.optional(),
  dob: text.optional(),
  pan: text.optional(),
  mobile_isd: text.optional(),
  mobile_number: text.optional(),
  email: text.optional(),
  permanent_address: addressSchema.optional(),
  correspondence_address: addressSchema.optional(),
  identity_documents: z.array(z.object({ code: text, number: text })).max(20).optional(),
  /** JPEG or PNG, Base64, when the registry sends the photograph. */
  photograph_base64: z.string().max(2_000_000).optional(),
  kyc_date: text.optional(),
});
export type DownloadedPerson = z.infer<typeof downloadedPersonSchema>;

export const downloadStatusIndividualSchema = z.object({
  ckyc_id: z.string(),
  /** succeeded / failed / pending / processing, or a state we do not know. */
  state: remoteStateText,
  error: z.string().nullable().optional(),
  person: downloadedPersonSchema.nullable().optional(),
});
export type DownloadStatusIndividual = z.infer<typeof downloadStatusIndividualSchema>;

export const downloadStatusResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({
    client_id: z.string(),
    state: remoteStateText,
    batch_file_name: z.string().optional(),
    individuals_count: z.number().int().optional(),
    /** Present once the batch is terminal (seed: "when complete"). */
    individuals: z.array(downloadStatusIndividualSchema).optional(),
    error: z.string().nullable().optional(),
    updated_at: z.string().optional(),
  }),
});
export type DownloadStatusResponse = z.infer<typeof downloadStatusResponseSchema>;

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

export const BULK_PATHS = {
  uploadInitialize: '/ckyc-upload/upload/initialize',
  updateInitialize: '/ckyc-upload/update/initialize',
  status: '/ckyc-upload/update/status',
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

export const statusResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({
    client_id: z.string(),
    state: z.enum(REMOTE_STATES),
    batch_file_name: z.string(),
    individuals_count: z.number().int(),
    error: z.string().nullable(),
    updated_at: z.string(),
  }),
});
export type StatusResponse = z.infer<typeof statusResponseSchema>;

export const errorResponseSchema = z.object({
  success: z.literal(false),
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.string()).optional() }),
});

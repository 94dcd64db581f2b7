import { z } from 'zod';

/**
 * Seed 004's bulk customer update on the wire (docs/apis/bulk-customer-update.md). One endpoint,
 * `POST /api/v0/customer/bulk/update`, multipart with the part `file` and the query parameter
 * `parentCompanyId`. Every answer — 200 or an error — shares one envelope, every field optional;
 * it is read tolerantly: unknown fields are ignored, a missing count is "not said", never zero.
 */
export const BULK_UPDATE_PATH = '/api/v0/customer/bulk/update';
export const BULK_UPDATE_FILE_FIELD = 'file';
export const PARENT_COMPANY_QUERY = 'parentCompanyId';

/** The vendor's `errorType` values; an answer may carry another, which is shown as it came. */
export const ERROR_TYPES = [
  'CLIENT_REQUEST_ABORT',
  'CLIENT_REQUEST_ERROR',
  'INVALID_ACCESS',
  'RECORD_NOT_FOUND',
  'SYSTEM_ERROR',
  'UNAUTHORIZED',
  'UNKNOWN_ERROR',
  'UNPROCESSABLE_REQUEST',
  'VALIDATION_ERROR',
] as const;
export type ErrorType = (typeof ERROR_TYPES)[number];

const count = z.number().int().nonnegative().optional().catch(undefined);
const text = z.string().max(4000).optional().catch(undefined);

/** One `apiSubErrors` entry: printed as `{}`; we read the usual object/field/message and keep the rest as it came. */
export const apiSubErrorSchema = z.looseObject({ object: text, field: text, message: text }).catch({});

export const errorResponseSchema = z.looseObject({
  errorType: text,
  errorMessage: text,
  requestId: text,
  /** `yyyy-MM-dd HH:mm:ss` in the vendor's example; kept as text. */
  timestamp: text,
  apiSubErrors: z.array(apiSubErrorSchema).max(1000).optional().catch(undefined),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const bulkPayloadSchema = z.looseObject({
  total_count: count,
  success_count: count,
  failure_count: count,
  failure_count_second_file: count,
  warn_count: count,
  total_amount: z.number().optional().catch(undefined),
  success_file_name: text,
  success_file_url: text,
  failure_file_name: text,
  failure_file_url: text,
  successRequests: z.array(z.unknown()).max(100_000).optional().catch(undefined),
  failureRequests: z.array(z.unknown()).max(100_000).optional().catch(undefined),
});
export type BulkPayload = z.infer<typeof bulkPayloadSchema>;

export const bulkAnswerSchema = z.looseObject({
  response_code: z.number().int().optional().catch(undefined),
  response_message: text,
  payload: bulkPayloadSchema.nullable().optional().catch(undefined),
  errorResponse: errorResponseSchema.nullable().optional().catch(undefined),
});
export type BulkAnswer = z.infer<typeof bulkAnswerSchema>;

/** The columns a result file (success or failure) adds after the update file's own. */
export const RESULT_STATUS_COLUMN = 'status';
export const RESULT_REASON_COLUMN = 'reason';

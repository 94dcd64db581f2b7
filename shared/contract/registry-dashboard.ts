import { z } from 'zod';
import { BATCH_STATES } from '../sync/states';

/**
 * The Registry screen's channels (checkers and admins): the registry's own answers — its list of
 * upload and update requests, its bulk download requests, its activity charts and SFTP health —
 * as main read them, tolerantly. A state is the registry's word (`state`), never narrowed to the
 * ones KYC Desk knows; a field the registry left out is null, shown as "—".
 */

/** The request states the seed names; the state filter offers these. Any other word is still shown. */
export const REGISTRY_REQUEST_STATES = ['pending', 'processing', 'upload_succeeded', 'upload_failed'] as const;
export type RegistryRequestState = (typeof REGISTRY_REQUEST_STATES)[number];
export const REGISTRY_STATE_LABELS: Record<RegistryRequestState, string> = {
  pending: 'Pending',
  processing: 'Processing',
  upload_succeeded: 'Succeeded',
  upload_failed: 'Failed',
};

export const CHART_DAY_CHOICES = [7, 15, 30] as const;
export const ACTIVITY_TYPES = ['upload', 'update', 'download'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

const page = z.number().int().min(1).max(1_000_000);
/** The seed's page_size; the registry's maximum is our inference (100). */
const pageSize = z.number().int().min(1).max(100);
const count = z.number().int().nullable();
const text = z.string().nullable();
const instant = z.iso.datetime({ offset: true });

const localBatchSchema = z.object({ id: z.string(), state: z.enum(BATCH_STATES) });

export const registryRequestSchema = z.object({
  clientId: z.string(),
  batchFileName: text,
  /** The registry's word for the state, as it said it. */
  state: z.string(),
  individuals: count,
  succeeded: count,
  failed: count,
  error: text,
  createdAt: text,
  updatedAt: text,
  /** The batch in this store that the registry's entry is (same batch file name or client id), if any. */
  localBatch: localBatchSchema.nullable(),
});
export type RegistryRequest = z.infer<typeof registryRequestSchema>;

/** A bulk download; one KYC Desk sent links to its batch and to the fetch requests that batch carried. */
export const registryDownloadSchema = registryRequestSchema.omit({ error: true }).extend({
  fetchRequests: z.array(z.object({ id: z.string(), reference: z.string() })),
});
export type RegistryDownload = z.infer<typeof registryDownloadSchema>;

const pageInfo = {
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Null when the registry did not say how many there are. */
  total: count,
  totalPages: count,
};

export const registryRequestsQuerySchema = z
  .object({
    page,
    pageSize,
    statusType: z.enum(['upload', 'update']),
    state: z.enum(REGISTRY_REQUEST_STATES).optional(),
    /** A local day's first moment and the first moment after the last day (as the queue's filter). */
    from: instant.optional(),
    to: instant.optional(),
    /** Client id or batch file name. */
    search: z.string().max(100).optional(),
  })
  .strict();
export type RegistryRequestsQuery = z.infer<typeof registryRequestsQuerySchema>;

export const registryDownloadsQuerySchema = z.object({ page, pageSize, search: z.string().max(100).optional() }).strict();
export type RegistryDownloadsQuery = z.infer<typeof registryDownloadsQuerySchema>;

export const activityPointSchema = z.object({ date: z.string(), requests: z.number().int(), individuals: count, succeeded: count, failed: count });
export type ActivityPoint = z.infer<typeof activityPointSchema>;

/** One type's series, or why the registry gave none (the other types still show). */
export const activitySeriesSchema = z.object({ type: z.enum(ACTIVITY_TYPES), points: z.array(activityPointSchema), problem: text });
export type ActivitySeries = z.infer<typeof activitySeriesSchema>;

/** Individuals in requests made in one calendar month, by type, within the days the chart covers. */
export const billingMonthSchema = z.object({
  month: z.string(),
  /** The first and last day of the month the registry's chart covers (YYYY-MM-DD). */
  from: z.string(),
  to: z.string(),
  upload: count,
  update: count,
  download: count,
  total: count,
});
export type BillingMonth = z.infer<typeof billingMonthSchema>;

export const sftpHealthSampleSchema = z.object({
  at: z.string(),
  /** The registry's word (up, down, or another), or null when no answer came. */
  status: z.string().nullable(),
  /** Why there is no status, in words. */
  problem: text,
  /** Who asked: this screen, or KYC Desk itself (before SFTP work, or a connection test). */
  source: z.enum(['screen', 'app']),
});
export type SftpHealthSample = z.infer<typeof sftpHealthSampleSchema>;

export const REGISTRY_CONTRACT = {
  /** get-client-details, one page, filtered at the registry; each entry linked to its local batch. */
  'registry.requests': {
    request: registryRequestsQuerySchema,
    response: z.object({ items: z.array(registryRequestSchema), ...pageInfo }),
  },
  /** get-bulk-download-clients, one page. */
  'registry.downloads': {
    request: registryDownloadsQuerySchema,
    response: z.object({ items: z.array(registryDownloadSchema), ...pageInfo }),
  },
  /** chart-data for each of upload, update and download over 7, 15 or 30 days; and what that bills per month. */
  'registry.activity': {
    request: z.object({ days: z.union([z.literal(7), z.literal(15), z.literal(30)]) }).strict(),
    response: z.object({ days: z.number().int(), series: z.array(activitySeriesSchema), billing: z.array(billingMonthSchema) }),
  },
  /** sftp-health now (`check`, at most every few seconds whoever asks) and the samples of this run. */
  'registry.sftpHealth': {
    request: z.object({ check: z.boolean() }).strict(),
    response: z.object({ history: z.array(sftpHealthSampleSchema) }),
  },
} as const;

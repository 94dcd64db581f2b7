import { z } from 'zod';
import { remoteStateText } from './download-wire';

/**
 * Seed 000's management endpoints as we read them (docs/apis/ckyc-bulk.md, "Management"):
 * get-client-details (its query is in wire.ts, shared with the look-up after doubt),
 * get-bulk-download-clients and chart-data. The seed gives the query parameters; the answers'
 * shapes are our inference, read tolerantly: unknown fields dropped, unknown states kept as text,
 * and only what a screen cannot do without required.
 */
export const MANAGEMENT_PATHS = {
  downloadClients: '/ckyc-upload/get-bulk-download-clients',
  chartData: '/ckyc-upload/chart-data',
} as const;

/** get-bulk-download-clients: the same paging as get-client-details; `search` on client_id or batch_file_name. */
export const downloadClientsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
  state: z.string().max(100).optional(),
  search: z.string().max(100).optional(),
});
export type DownloadClientsQuery = z.infer<typeof downloadClientsQuerySchema>;

export const downloadClientItemSchema = z.object({
  client_id: z.string(),
  batch_file_name: z.string().optional(),
  state: remoteStateText,
  individuals_count: z.number().int().optional(),
  individuals_succeeded: z.number().int().nullable().optional(),
  individuals_failed: z.number().int().nullable().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});
export type DownloadClientItem = z.infer<typeof downloadClientItemSchema>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    success: z.literal(true),
    data: z.object({
      items: z.array(item),
      page: z.number().int().optional(),
      page_size: z.number().int().optional(),
      total: z.number().int().optional(),
      total_pages: z.number().int().optional(),
    }),
  });

export const downloadClientsResponseSchema = pageOf(downloadClientItemSchema);
export type DownloadClientsResponse = z.infer<typeof downloadClientsResponseSchema>;

export const CHART_DAYS = [7, 15, 30] as const;
export const CHART_TYPES = ['upload', 'update', 'download'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** chart-data: `days` 7, 15 or 30 (default 30); `type` required. */
export const chartDataQuerySchema = z.object({
  days: z.coerce
    .number()
    .int()
    .refine((days) => (CHART_DAYS as readonly number[]).includes(days), 'days must be 7, 15 or 30')
    .default(30),
  type: z.enum(CHART_TYPES),
});
export type ChartDataQuery = z.infer<typeof chartDataQuerySchema>;

/**
 * One day of activity (UTC day, YYYY-MM-DD): requests initialized that day, the individuals in
 * them (what the registry bills), and how many of those ended succeeded or failed so far.
 */
export const chartPointSchema = z.object({
  date: z.string(),
  requests: z.number().int().nonnegative(),
  individuals: z.number().int().nonnegative().optional(),
  succeeded: z.number().int().nonnegative().optional(),
  failed: z.number().int().nonnegative().optional(),
});
export type ChartPoint = z.infer<typeof chartPointSchema>;

export const chartDataResponseSchema = z.object({
  success: z.literal(true),
  data: z.object({
    type: z.string().optional(),
    days: z.number().int().optional(),
    points: z.array(chartPointSchema),
  }),
});
export type ChartDataResponse = z.infer<typeof chartDataResponseSchema>;

import { z } from 'zod';
import { individualInputSchema } from '../record/individual';
import { BATCH_STATES, RECORD_STATES } from '../sync/states';
import type { ChannelName, EventName } from './names';
import { APP_MODES } from '../mode';

/**
 * The IPC contract: every channel's request and response schema, declared once and used by the
 * renderer (types), the preload (names), main (validation) and the preview host (same router).
 */
const recordState = z.enum(RECORD_STATES);
const batchState = z.enum(BATCH_STATES);
const isoTime = z.string();
const page = z.number().int().min(1).max(1_000_000);
const pageSize = z.number().int().min(1).max(200);
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const appInfoSchema = z.object({
  mode: z.enum(APP_MODES),
  notices: z.array(z.string()),
  version: z.string(),
  pollSeconds: z.number(),
});

export const recordSummarySchema = z.object({
  id,
  reference: z.string(),
  name: z.string(),
  panMasked: z.string(),
  mobileMasked: z.string(),
  state: recordState,
  createdAt: isoTime,
  updatedAt: isoTime,
  batchId: z.string().nullable(),
  message: z.string().nullable(),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;

export const batchRecordSchema = z.object({
  id,
  reference: z.string(),
  name: z.string(),
  state: recordState,
  message: z.string().nullable(),
});

export const batchSummarySchema = z.object({
  id,
  batchFileName: z.string(),
  route: z.enum(['bulk-api']),
  kind: z.enum(['upload', 'update']),
  state: batchState,
  clientId: z.string().nullable(),
  recordCount: z.number().int(),
  recordCounts: z.record(z.string(), z.number().int()),
  createdAt: isoTime,
  updatedAt: isoTime,
  nextPollAt: isoTime.nullable(),
  lastError: z.string().nullable(),
  remoteState: z.string().nullable(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

export const batchDetailSchema = batchSummarySchema.extend({
  records: z.array(batchRecordSchema),
});
export type BatchDetail = z.infer<typeof batchDetailSchema>;

export const CONTRACT = {
  'app.info': { request: z.object({}).strict(), response: appInfoSchema },
  'records.save': {
    request: individualInputSchema.strict(),
    response: z.object({ id, reference: z.string(), state: recordState }),
  },
  'records.list': {
    request: z.object({ page, pageSize, state: recordState.optional() }).strict(),
    response: z.object({
      items: z.array(recordSummarySchema),
      total: z.number().int(),
      counts: z.record(z.string(), z.number().int()),
    }),
  },
  'sync.start': {
    request: z.object({}).strict(),
    response: z.object({ batchId: id.nullable(), recordCount: z.number().int(), message: z.string() }),
  },
  'batches.list': {
    request: z.object({ page, pageSize }).strict(),
    response: z.object({ items: z.array(batchSummarySchema), total: z.number().int() }),
  },
  'batches.get': { request: z.object({ id }).strict(), response: batchDetailSchema },
} as const satisfies Record<ChannelName, { request: z.ZodType; response: z.ZodType }>;

export type RequestOf<C extends ChannelName> = z.input<(typeof CONTRACT)[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<(typeof CONTRACT)[C]['response']>;

export const EVENTS = {
  'record-saved': z.object({ id, state: recordState }),
  'batch-updated': z.object({ id, state: batchState }),
  'sync-finished': z.object({ batchId: id, state: batchState, succeeded: z.number().int(), failed: z.number().int() }),
} as const satisfies Record<EventName, z.ZodType>;

export type EventPayloadOf<E extends EventName> = z.output<(typeof EVENTS)[E]>;

import { z } from 'zod';
import { bulkUpdateSettingsShape } from '../bulk-update/connection-settings';
import { UPDATE_MAX_BYTES, UPDATE_MAX_ROWS } from '../bulk-update/update-columns';
import { RECORD_STATES } from '../sync/states';

/**
 * The bulk customer update channels (issue 15): preparing an update from records or from a file
 * the operator brings (`bulkUpdate.prepare*`, a maker's), the Updates screen's reading
 * (`bulkUpdate.list`, `.detail`, `.file`, `.forRecord`), sending approved updates through the sync
 * engine (`bulkUpdate.send`), and the platform's connection, an admin's (`bulkUpdate.settings.*`;
 * the token goes through the keychain's `secrets.*` channels like every secret).
 */
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const isoTime = z.string().max(40);

const countsSchema = z.object({ total: z.number().int(), success: z.number().int(), failure: z.number().int(), warn: z.number().int() });

export const bulkUpdateSummarySchema = z.object({
  id,
  reference: z.string(),
  state: z.enum(RECORD_STATES),
  source: z.enum(['records', 'file']),
  fileName: z.string().nullable(),
  customers: z.number().int(),
  preparedBy: z.string().nullable(),
  preparedAt: isoTime,
  approvedBy: z.string().nullable(),
  sentBy: z.string().nullable(),
  sentAt: isoTime.nullable(),
  batchId: z.string().nullable(),
  batchState: z.string().nullable(),
  counts: countsSchema.nullable(),
  sends: z.number().int(),
  message: z.string().nullable(),
  fileSha256: z.string().nullable(),
});
export type BulkUpdateSummaryView = z.infer<typeof bulkUpdateSummarySchema>;

export const bulkUpdateRowSchema = z.object({
  customerReference: z.string(),
  customerName: z.string(),
  recordId: z.string().nullable(),
  status: z.enum(['SUCCESS', 'WARNING', 'FAILED', 'WAITING']),
  reason: z.string(),
});
export type BulkUpdateRowViewSchema = z.infer<typeof bulkUpdateRowSchema>;

export const bulkUpdateViewSchema = z.object({
  settings: bulkUpdateSettingsShape,
  configured: z.boolean(),
  tokenSet: z.boolean(),
  /** Training: the built-in sandbox answers, whatever is saved here. */
  mode: z.enum(['training', 'live']),
});
export type BulkUpdateConnectionView = z.infer<typeof bulkUpdateViewSchema>;

/** A brought file travels as base64 (its bytes judged in main, never its name): the largest update file, with room. */
export const BULK_UPDATE_FILE_MAX_BASE64 = Math.ceil(UPDATE_MAX_BYTES / 3) * 4 + 1024;

export const BULK_UPDATE_CONTRACT = {
  'bulkUpdate.candidates': {
    request: z.object({}).strict(),
    response: z.object({ recordIds: z.array(z.string()), since: isoTime.nullable() }),
  },
  'bulkUpdate.prepareFromRecords': {
    request: z.object({ recordIds: z.array(id).min(1).max(UPDATE_MAX_ROWS) }).strict(),
    response: bulkUpdateSummarySchema,
  },
  'bulkUpdate.prepareFromFile': {
    request: z.object({ fileName: z.string().min(1).max(255), contentBase64: z.string().min(1).max(BULK_UPDATE_FILE_MAX_BASE64) }).strict(),
    response: bulkUpdateSummarySchema,
  },
  'bulkUpdate.list': {
    request: z.object({}).strict(),
    response: z.object({ items: z.array(bulkUpdateSummarySchema) }),
  },
  'bulkUpdate.detail': {
    request: z.object({ id }).strict(),
    response: z.object({ update: bulkUpdateSummarySchema, rows: z.array(bulkUpdateRowSchema) }),
  },
  'bulkUpdate.file': {
    request: z.object({ id }).strict(),
    response: z.object({ fileName: z.string(), text: z.string(), sha256: z.string() }),
  },
  'bulkUpdate.forRecord': {
    request: z.object({ recordId: id }).strict(),
    response: z.object({ items: z.array(z.object({ update: bulkUpdateSummarySchema, status: bulkUpdateRowSchema.shape.status, reason: z.string() })) }),
  },
  /** Send every approved update (one file each; a lost answer sends the same file again). */
  'bulkUpdate.send': {
    request: z.object({}).strict(),
    response: z.object({ batchId: id.nullable(), recordCount: z.number().int(), message: z.string() }),
  },
  'bulkUpdate.settings.get': {
    request: z.object({}).strict(),
    response: bulkUpdateViewSchema,
  },
  'bulkUpdate.settings.save': {
    request: z.object({ settings: bulkUpdateSettingsShape }).strict(),
    response: bulkUpdateViewSchema,
  },
  'bulkUpdate.settings.test': {
    request: z.object({}).strict(),
    response: z.object({ ok: z.boolean(), message: z.string() }),
  },
} as const;

import { z } from 'zod';
import { kycVerifierSchema } from '../record/kyc-record';
import { anyKindRecordSchema, recordKindIdSchema } from '../record-kinds';
import { BATCH_STATES, RECORD_STATES } from '../sync/states';
import { SUBMISSION_ROUTES } from '../sync/routes';
import type { ChannelName, EventName } from './names';
import { APP_MODES } from '../mode';
import { ROLES } from '../operators/roles';
import { AUDIT_ACTIONS } from '../audit/actions';
import { SECRET_SLOTS } from '../secrets/slots';
import { apiSettingsShape, sftpSettingsShape } from '../connections/settings';
import { maskBoxesSchema } from '../documents/masking';
import { IN_PERSON_VIDEO_CODE, IN_PERSON_VIDEO_MAX_BASE64 } from '../documents/in-person-video';
import { REGISTRY_CONTRACT } from './registry-dashboard';
import { FETCH_CONTRACT } from './fetch';
import { VIDEO_KYC_CONTRACT } from './video-kyc';
import { UAE_ONBOARDING_CONTRACT } from './uae-onboarding';
import { MASTER_DATA_CONTRACT } from './master-data';
import { DIGITAL_KYC_FORM_CONTRACT } from './digital-kyc-form';
import { DIGITAL_KYC_CONTRACT } from './digital-kyc';
import { SAME_CUSTOMER_CONTRACT } from './same-customer';
import { TRAINING_SANDBOX_CONTRACT } from './training-sandbox';
import { BULK_UPDATE_CONTRACT } from './bulk-update';

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

export const documentLimitsSchema = z.object({
  photoBytes: z.number().int().positive(),
  documentBytes: z.number().int().positive(),
  recordBytes: z.number().int().positive(),
  hardMaxBytes: z.number().int().positive(),
});

export const appInfoSchema = z.object({
  mode: z.enum(APP_MODES),
  notices: z.array(z.string()),
  version: z.string(),
  pollSeconds: z.number(),
  /** Byte limits the renderer compresses images to before `documents.put` (shared/documents/limits.ts). */
  documentLimits: documentLimitsSchema,
  /** The mode KYC Desk opens in next time (an admin's choice); differs from `mode` until a restart. */
  nextMode: z.enum(APP_MODES),
});

/**
 * An image (a two-digit CKYC image code) travels within 14 MB of base64; only the in-person video
 * ('IPV', shared/documents/in-person-video.ts) may be as large as its own 25 MB bound.
 */
const documentPutRequest = z
  .object({
    imageCode: z.string().regex(/^(\d{2}|IPV)$/),
    base64: z.string().max(IN_PERSON_VIDEO_MAX_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/),
    masked: z.boolean(),
    boxes: maskBoxesSchema.optional(),
  })
  .strict()
  .refine((put) => put.imageCode === IN_PERSON_VIDEO_CODE || put.base64.length <= 14_000_000, { path: ['base64'], message: 'An image may be at most 14,000,000 characters of base64.' });

/** A record's kind (shared/record-kinds/). Optional wherever it rides: absent means the CKYC individual. */
const recordKind = recordKindIdSchema.optional();

export const recordSummarySchema = z.object({
  id,
  reference: z.string(),
  kind: recordKind,
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
  /** The 14-digit CKYC number the registry gave this record (status-check), once it has one. */
  ckycNumber: z.string().nullable(),
});

/** How a batch reaches the registry (chosen per connection; see shared/sync/routes.ts). */
export const submissionRoute = z.enum(SUBMISSION_ROUTES);

export const batchSummarySchema = z.object({
  id,
  batchFileName: z.string(),
  /** The service that carries it: one of CKYC's routes, CKYC's bulk download ('ckyc-download'), a video-KYC link ('video-kyc'), a digital-KYC push ('digital-kyc'), a UAE onboarding ('uae-onboarding'), or a bulk customer update ('bulk-update'). */
  route: z.union([submissionRoute, z.literal('ckyc-download'), z.literal('video-kyc'), z.literal('digital-kyc'), z.literal('uae-onboarding'), z.literal('bulk-update')]),
  kind: z.enum(['upload', 'update', 'download', 'video-kyc-link', 'dkyc-push', 'cdp-onboard', 'customer-update']),
  state: batchState,
  clientId: z.string().nullable(),
  recordCount: z.number().int(),
  recordCounts: z.record(z.string(), z.number().int()),
  createdAt: isoTime,
  updatedAt: isoTime,
  nextPollAt: isoTime.nullable(),
  lastError: z.string().nullable(),
  remoteState: z.string().nullable(),
  /** Failed requests in a row; the next try is at nextPollAt. */
  attempts: z.number().int(),
  /** Size of the batch ZIP (bulk routes), once built; null for the records API. */
  fileBytes: z.number().int().nullable(),
  /** Bytes of the ZIP the server has acknowledged (live while uploading; equals fileBytes once sent). */
  sentBytes: z.number().int().nullable(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

/**
 * What the sync engine knows of the way out, for the indicator every screen shows:
 * - connectivity: 'online' once a request got an answer, 'offline' when the registry could not be
 *   reached (sync pauses and resumes by itself), 'unknown' before the first request;
 * - sftp: the SFTP server's health for the SFTP route — 'host_key_changed' stops every transfer
 *   until an admin confirms the new key; 'not_used' on the other routes.
 */
export const syncStatusSchema = z.object({
  route: submissionRoute,
  connectivity: z.enum(['online', 'offline', 'unknown']),
  sftp: z.enum(['up', 'down', 'host_key_changed', 'not_configured', 'unknown', 'not_used']),
  /** A sentence for people: why it is paused, what to do. Null when all is well. */
  message: z.string().nullable(),
  checkedAt: isoTime.nullable(),
  /** When the engine will try the way out again while offline. */
  nextCheckAt: isoTime.nullable(),
  /** Batches not yet terminal. */
  activeBatches: z.number().int(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** What the SFTP response folder held for an ended batch (read, then archived on the server). */
export const responseFileSchema = z.object({
  name: z.string(),
  kind: z.enum(['result', 'errors', 'other']),
  bytes: z.number().int(),
  rows: z.number().int(),
  errors: z.array(z.string()).optional(),
  disagreements: z.array(z.string()).optional(),
  problem: z.string().optional(),
  archivedAs: z.string().nullable(),
});

export const batchDetailSchema = batchSummarySchema.extend({
  records: z.array(batchRecordSchema),
  /** Null until read (SFTP route only); empty when the registry left none. */
  responseFiles: z.array(responseFileSchema).nullable(),
  /** The registry's last answer as it came (admins only; null for others and before any answer). */
  lastAnswer: z.string().nullable(),
});
export type BatchDetail = z.infer<typeof batchDetailSchema>;

export const operatorProfileSchema = z.object({
  id,
  name: z.string(),
  employeeCode: z.string(),
  designation: z.string(),
  branch: z.string(),
  organisation: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
});

export const sessionStateSchema = z.object({
  state: z.enum(['signed_out', 'signed_in', 'locked']),
  /** Also set while locked, so the lock screen can say whose session it is. */
  operator: operatorProfileSchema.nullable(),
  lockReason: z.enum(['idle', 'system', 'manual']).nullable(),
  needsFirstAdmin: z.boolean(),
  /** Training mode's ready-made operators for the one-click switch; empty in live mode. */
  trainingOperators: z.array(operatorProfileSchema),
});
export type SessionStateView = z.infer<typeof sessionStateSchema>;

const shortText = (max: number) => z.string().max(max);
const password = z.string().max(200);
/** The one-time Live setup code IT made on the PC (electron/live-setup/). */
const setupCode = shortText(64);
const operatorFields = {
  name: shortText(150),
  employeeCode: shortText(50),
  designation: shortText(50),
  branch: shortText(50),
  organisation: shortText(150),
};

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: isoTime,
  operatorId: z.string().nullable(),
  operatorName: z.string().nullable(),
  action: z.string(),
  subject: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
const auditFilter = {
  action: z.enum(AUDIT_ACTIONS).optional(),
  operatorId: id.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

export const settingsSchema = z.object({
  retentionDays: z.number().int(),
  idleMinutes: z.number().int(),
});

const fingerprint = z.string().max(100).regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/);

/** The connection screen's view: non-secret settings, and which of their secrets are set (never the secrets). */
export const connectionsViewSchema = z.object({
  api: apiSettingsShape,
  sftp: sftpSettingsShape.extend({ hostKeyFingerprint: fingerprint.nullable() }),
  /** False until an admin saved that connection once (the fields then hold empty defaults). */
  configured: z.object({ api: z.boolean(), sftp: z.boolean() }),
  secrets: z.record(z.enum(SECRET_SLOTS), z.boolean()),
  mode: z.enum(APP_MODES),
});
export type ConnectionsView = z.infer<typeof connectionsViewSchema>;

export const CONTRACT = {
  'app.info': { request: z.object({}).strict(), response: appInfoSchema },
  /**
   * Save a whole canonical record (validated again in main). Without `id` it is a new record;
   * with `id` it replaces the maker's record that was rejected, or is still awaiting approval or
   * ready but not yet sent — and goes back for approval either way. A record whose PAN, identity
   * document or CKYC number another record holds is saved only with `duplicateReason`.
   */
  'records.save': {
    request: z.object({ id: id.optional(), kind: recordKind, record: anyKindRecordSchema, duplicateReason: z.string().max(500).optional() }).strict(),
    response: z.object({ id, reference: z.string(), state: recordState }),
  },
  /** Operators who captured records on this PC, for the queue's "Captured by" filter. */
  'records.makers': {
    request: z.object({}).strict(),
    response: z.object({ items: z.array(z.object({ id, name: z.string() })) }),
  },
  /** One record in full, for the checker's review and the maker's edit. */
  'records.get': {
    request: z.object({ id }).strict(),
    response: z.object({
      summary: recordSummarySchema,
      kind: recordKind,
      record: anyKindRecordSchema,
      /** What the registry refused, by the form's field paths, until the maker changes the record. */
      registryErrors: z.record(z.string(), z.string()).nullable(),
      /** The CKYC number the registry gave or confirmed for this record, once it has. */
      registryCkycNumber: z.string().nullable(),
      /** Who captured it, and who approved it (names), when known. */
      capturedBy: z.string().nullable(),
      approvedBy: z.string().nullable(),
      /** The verifier block that goes to the registry: the approving (or else capturing) operator. */
      verifier: kycVerifierSchema.nullable(),
      /** True when the signed-in operator may change it (their own, not yet sent). */
      editable: z.boolean(),
    }),
  },
  /** The capture form's work in progress; `editing` names the stored record it changes, if any. */
  'drafts.get': {
    request: z.object({}).strict(),
    response: z.object({ draft: z.object({ record: anyKindRecordSchema, editing: id.nullable(), kind: recordKind }).nullable(), updatedAt: isoTime.nullable() }),
  },
  'drafts.save': { request: z.object({ record: anyKindRecordSchema, editing: id.nullable(), kind: recordKind }).strict(), response: z.object({ updatedAt: isoTime }) },
  'drafts.discard': { request: z.object({}).strict(), response: z.object({}) },
  /** PIN → state and districts from the shipped PIN master, with how old that list is. */
  'pins.lookup': {
    request: z.object({ pin: z.string().max(10) }).strict(),
    response: z.object({
      found: z.boolean(),
      state: z.string().nullable(),
      districts: z.array(z.string()),
      source: z.string(),
      message: z.string().nullable(),
    }),
  },
  'records.list': {
    request: z
      .object({
        page,
        pageSize,
        state: recordState.optional(),
        createdBy: id.optional(),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
        search: z.string().max(100).optional(),
      })
      .strict(),
    response: z.object({
      items: z.array(recordSummarySchema),
      total: z.number().int(),
      counts: z.record(z.string(), z.number().int()),
    }),
  },
  'records.approve': {
    request: z.object({ ids: z.array(id).min(1).max(500) }).strict(),
    response: z.object({ approved: z.array(z.string()), refused: z.array(z.object({ reference: z.string(), message: z.string() })) }),
  },
  'records.reject': { request: z.object({ id, reason: z.string().max(500) }).strict(), response: z.object({}) },
  /** A checker puts records the registry failed back in the ready queue, to go in a new batch. */
  'records.markReady': {
    request: z.object({ ids: z.array(id).min(1).max(500) }).strict(),
    response: z.object({ marked: z.array(z.string()), refused: z.array(z.object({ reference: z.string(), message: z.string() })) }),
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
  /** A batch that needs attention is followed again (looked up first if it was in doubt). Audited. */
  'batches.followAgain': { request: z.object({ id }).strict(), response: z.object({}) },
  /** A batch that needs attention is closed as failed, with why; its records say so. Audited. */
  'batches.close': { request: z.object({ id, reason: z.string().max(500) }).strict(), response: z.object({}) },
  /** Connectivity, SFTP health and the route in force: the global sync indicator. */
  'sync.status': { request: z.object({}).strict(), response: syncStatusSchema },
  /** An admin picks the route batches take from now on (batches under way keep theirs). Audited. */
  'sync.setRoute': { request: z.object({ route: submissionRoute }).strict(), response: syncStatusSchema },

  'session.state': { request: z.object({}).strict(), response: sessionStateSchema },
  'session.signIn': { request: z.object({ employeeCode: shortText(50), password }).strict(), response: sessionStateSchema },
  'session.switchTraining': { request: z.object({ operatorId: id }).strict(), response: sessionStateSchema },
  'session.lock': { request: z.object({}).strict(), response: sessionStateSchema },
  'session.unlock': { request: z.object({ password }).strict(), response: sessionStateSchema },
  'session.signOut': { request: z.object({}).strict(), response: sessionStateSchema },
  'session.activity': { request: z.object({}).strict(), response: z.object({}) },
  /** Live mode's first admin, made only with the one-time setup code, which it uses up. */
  'session.createFirstAdmin': { request: z.object({ ...operatorFields, password, setupCode }).strict(), response: sessionStateSchema },

  'operators.list': { request: z.object({}).strict(), response: z.object({ items: z.array(operatorProfileSchema) }) },
  'operators.create': { request: z.object({ ...operatorFields, role: z.enum(ROLES), password }).strict(), response: operatorProfileSchema },
  'operators.update': {
    request: z
      .object({ id, name: shortText(150).optional(), designation: shortText(50).optional(), branch: shortText(50).optional(), organisation: shortText(150).optional(), role: z.enum(ROLES).optional(), active: z.boolean().optional() })
      .strict(),
    response: operatorProfileSchema,
  },
  'operators.resetPassword': { request: z.object({ id, password }).strict(), response: z.object({}) },
  'operators.unlock': { request: z.object({ id }).strict(), response: operatorProfileSchema },

  'audit.list': {
    request: z.object({ ...auditFilter, page, pageSize }).strict(),
    response: z.object({ items: z.array(auditEntrySchema), total: z.number().int() }),
  },
  'audit.verify': {
    request: z.object({}).strict(),
    response: z.object({ ok: z.boolean(), entries: z.number().int(), firstBrokenSeq: z.number().int().nullable(), reason: z.string().nullable() }),
  },
  'audit.exportCsv': { request: z.object(auditFilter).strict(), response: z.object({ fileName: z.string(), csv: z.string() }) },

  'settings.get': { request: z.object({}).strict(), response: settingsSchema },
  'settings.update': { request: settingsSchema.partial().strict(), response: settingsSchema },
  /**
   * An admin chooses the mode KYC Desk opens in (Training or Live). Takes effect at the next start:
   * each mode has its own store, never swapped under a running session. Audited in the mode in force.
   * Choosing Live mode from Training mode needs the setup code or a Live admin's employee code and password.
   */
  'app.setMode': {
    request: z
      .object({ mode: z.enum(APP_MODES), setupCode: setupCode.optional(), liveAdmin: z.object({ employeeCode: shortText(50), password }).strict().optional() })
      .strict(),
    response: z.object({ mode: z.enum(APP_MODES), nextMode: z.enum(APP_MODES), message: z.string() }),
  },

  /** The renderer may set or clear a secret and ask which are set; it can never read one back. */
  'secrets.status': { request: z.object({}).strict(), response: z.record(z.enum(SECRET_SLOTS), z.boolean()) },
  'secrets.set': { request: z.object({ slot: z.enum(SECRET_SLOTS), value: z.string().max(65_536) }).strict(), response: z.object({}) },
  'secrets.clear': { request: z.object({ slot: z.enum(SECRET_SLOTS) }).strict(), response: z.object({}) },

  /** Admin only. Saving settings never switches modes: KYC Desk still runs in Training mode. */
  'connections.get': { request: z.object({}).strict(), response: connectionsViewSchema },
  'connections.save': {
    request: z.object({ api: apiSettingsShape.optional(), sftp: sftpSettingsShape.optional() }).strict(),
    response: connectionsViewSchema,
  },
  /** Reads the saved SFTP server's host key fingerprint (no login, no secret offered). */
  'connections.probeSftpHostKey': {
    request: z.object({}).strict(),
    response: z.object({ fingerprint, pinned: fingerprint.nullable(), status: z.enum(['new', 'same', 'changed']) }),
  },
  /** Pins the fingerprint the admin compared; refused if the server now presents another one. */
  'connections.pinSftpHostKey': { request: z.object({ fingerprint }).strict(), response: connectionsViewSchema },
  'connections.testApi': { request: z.object({}).strict(), response: z.object({ ok: z.boolean(), message: z.string() }) },

  /** Image bytes go to the renderer over the contract and are shown from memory, never from a file. */
  /** A photograph or document image: checked by its bytes, stored encrypted; the reference goes on the record. */
  /**
   * `masked` asks main to mask this image with `boxes` (the operator's boxes over the first 8 Aadhaar
   * digits and the QR code, in the image's pixels): main burns them into the pixels and stores only
   * its own JPEG, which `documents.get` then shows. An Aadhaar image (code 04) without them is
   * refused, so an unmasked one never reaches the disk.
   */
  'documents.put': {
    request: documentPutRequest,
    response: z.object({ hash: z.string(), mime: z.string(), bytes: z.number().int(), masked: z.boolean() }),
  },
  'documents.get': {
    request: z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    response: z.object({ mime: z.string(), base64: z.string() }),
  },
  ...REGISTRY_CONTRACT,
  ...FETCH_CONTRACT,
  ...VIDEO_KYC_CONTRACT,
  ...UAE_ONBOARDING_CONTRACT,
  ...MASTER_DATA_CONTRACT,
  ...DIGITAL_KYC_FORM_CONTRACT,
  ...DIGITAL_KYC_CONTRACT,
  ...TRAINING_SANDBOX_CONTRACT,
  ...SAME_CUSTOMER_CONTRACT,
  ...BULK_UPDATE_CONTRACT,
} as const satisfies Record<ChannelName, { request: z.ZodType; response: z.ZodType }>;

export type RequestOf<C extends ChannelName> = z.input<(typeof CONTRACT)[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<(typeof CONTRACT)[C]['response']>;

export const EVENTS = {
  'record-saved': z.object({ id, state: recordState }),
  'batch-updated': z.object({ id, state: batchState }),
  /** Upload progress of a batch ZIP, at most a few times a second. */
  'batch-progress': z.object({ id, sentBytes: z.number().int(), totalBytes: z.number().int() }),
  'sync-status': syncStatusSchema,
  'sync-finished': z.object({ batchId: id, state: batchState, succeeded: z.number().int(), failed: z.number().int() }),
  'session-changed': z.object({ state: z.enum(['signed_out', 'signed_in', 'locked']) }),
} as const satisfies Record<EventName, z.ZodType>;

export type EventPayloadOf<E extends EventName> = z.output<(typeof EVENTS)[E]>;

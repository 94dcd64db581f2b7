import { z } from 'zod';
import { SESSION_STATUSES } from '../agent-sessions/session-status';
import { agentApiSettingsShape } from '../connections/agent-api-settings';
import { maskBoxesSchema } from '../documents/masking';
import { RECORD_STATES } from '../sync/states';

/**
 * The Video KYC channels (docs/decisions/0042). A link request is a record of kind video-kyc-link,
 * made and sent at once on the asking operator's say-so (`videoKyc.send`); the sync engine sends it
 * once and follows its session to a final status; `videoKyc.list` and `videoKyc.get` read the
 * sessions back; a session's media are fetched by main only when a person opens one
 * (`videoKyc.media`, bytes in memory) and kept only when a person keeps it (`videoKyc.keepMedia`).
 * The agent API's connection is an admin's (`videoKyc.settings*`).
 */

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const page = z.number().int().min(1).max(1_000_000);
const pageSize = z.number().int().min(1).max(200);

/**
 * Where a link request is, for the screen:
 * sending — saved, being sent (or waiting for the network);
 * may_have_been_sent — the answer was lost; a person decides (close it, or send a new link);
 * following — the vendor made the session; it is asked about until final;
 * needs_attention — the vendor said something KYC Desk does not know; a person decides;
 * ended — final (the verdict is `verdict`), or not sent (`message` says why).
 */
export const LINK_PHASES = ['sending', 'may_have_been_sent', 'following', 'needs_attention', 'ended'] as const;
export type LinkPhase = (typeof LINK_PHASES)[number];

export const videoKycSessionSchema = z.object({
  id,
  reference: z.string(),
  state: z.enum(RECORD_STATES),
  phase: z.enum(LINK_PHASES),
  userId: z.string(),
  /** The phone number, masked to its last 4 digits. */
  phoneMasked: z.string(),
  sendNotification: z.boolean(),
  linkType: z.string(),
  /** The customer record it was sent for, if any, and its reference. */
  sourceRecordId: z.string().nullable(),
  sourceReference: z.string().nullable(),
  sessionId: z.string().nullable(),
  /** The vendor's last word, as it said it (possibly one KYC Desk does not know). */
  status: z.string().nullable(),
  /** Plain words for the status (or for the phase, before any status). */
  statusWords: z.string(),
  final: z.boolean(),
  verdict: z.enum(['approved', 'not_approved']).nullable(),
  linkUrl: z.string().nullable(),
  linkExpiresAt: z.string().nullable(),
  validitySeconds: z.number().int().nullable(),
  /** When the session is next asked about (while followed). */
  nextCheckAt: z.string().nullable(),
  batchId: z.string().nullable(),
  /** The last word on the request (why it ended, or what went wrong), if any. */
  message: z.string().nullable(),
  createdAt: z.string(),
  requestedBy: z.string().nullable(),
  /** Which request made the session: a video-KYC link, or a digital-KYC push (tagged on the screen). Absent: a link. */
  service: z.enum(['video-kyc', 'digital-kyc']).optional(),
});
export type VideoKycSession = z.infer<typeof videoKycSessionSchema>;

/** One medium the session's answer points to, by its place in the list (never its URL). */
export const sessionMediumSchema = z.object({ index: z.number().int(), kind: z.string(), aadhaar: z.boolean(), label: z.string() });
export type SessionMedium = z.infer<typeof sessionMediumSchema>;

export const sessionDetailSchema = z.object({
  session: videoKycSessionSchema,
  agentId: z.string().nullable(),
  agentRegion: z.string().nullable(),
  /** The seed's timeline in its order, each as the vendor sent it, or null. */
  timeline: z.array(z.object({ key: z.string(), label: z.string(), at: z.string().nullable() })),
  media: z.array(sessionMediumSchema),
  /** Images a person kept with the request (sealed documents, read with documents.get). */
  kept: z.array(z.object({ hash: z.string(), mime: z.string() })),
  checkedAt: z.string().nullable(),
});
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

export const agentApiViewSchema = z.object({
  settings: agentApiSettingsShape,
  configured: z.boolean(),
  passwordSet: z.boolean(),
  /** Training: the built-in sandbox answers, whatever is saved here. */
  mode: z.enum(['training', 'live']),
});
export type AgentApiView = z.infer<typeof agentApiViewSchema>;

export const VIDEO_KYC_CONTRACT = {
  /**
   * Ask for a link and send it: for a customer record (its mobile and reference), or typed.
   * Saved ready on the operator's say-so, audited, and handed to the engine at once.
   */
  'videoKyc.send': {
    request: z
      .object({
        recordId: id.optional(),
        userId: z.string().max(100).optional(),
        phoneNumber: z.string().max(30).optional(),
        sendNotification: z.boolean(),
        linkType: z.string().max(100),
      })
      .strict(),
    response: videoKycSessionSchema,
  },
  /** A new link in place of one that ran out, ended, or may have been sent (that one is closed first). */
  'videoKyc.sendAgain': {
    request: z.object({ id }).strict(),
    response: videoKycSessionSchema,
  },
  /** A person closes a link that may have been sent, or a session waiting for a person: it ends as not sent / closed. */
  'videoKyc.close': {
    request: z.object({ id, reason: z.string().trim().min(3).max(300) }).strict(),
    response: videoKycSessionSchema,
  },
  /** The link requests, newest first, by status (a session status or a phase) and when they were made (`from` inclusive, `to` exclusive, local days as the queue sends them). */
  'videoKyc.list': {
    request: z
      .object({ page, pageSize, status: z.union([z.enum(SESSION_STATUSES), z.enum(LINK_PHASES)]).optional(), from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() })
      .strict(),
    response: z.object({ items: z.array(videoKycSessionSchema), total: z.number().int() }),
  },
  'videoKyc.get': {
    request: z.object({ id }).strict(),
    response: sessionDetailSchema,
  },
  /** The sessions and verdicts of one customer record (its Review page). */
  'videoKyc.forRecord': {
    request: z.object({ recordId: id }).strict(),
    response: z.object({
      sessions: z.array(videoKycSessionSchema),
      verdicts: z.array(z.object({ sessionId: z.string(), verdict: z.enum(['approved', 'not_approved']), status: z.string(), decidedAt: z.string(), service: z.string() })),
    }),
  },
  /** One medium, fetched now by main and handed over from memory; nothing is kept. */
  'videoKyc.media': {
    request: z.object({ id, index: z.number().int().min(0).max(100) }).strict(),
    response: z.object({ mime: z.string(), base64: z.string(), kind: z.string() }),
  },
  /** A person keeps one image: an Aadhaar image is masked first; it is sealed like any document. */
  'videoKyc.keepMedia': {
    request: z.object({ id, index: z.number().int().min(0).max(100), boxes: maskBoxesSchema.optional() }).strict(),
    response: z.object({ hash: z.string(), masked: z.boolean() }),
  },
  /** The link types an admin allows, for the send form. */
  'videoKyc.linkTypes': {
    request: z.object({}).strict(),
    response: z.object({ linkTypes: z.array(z.string()), problem: z.string().nullable() }),
  },
  'videoKyc.settings.get': {
    request: z.object({}).strict(),
    response: agentApiViewSchema,
  },
  'videoKyc.settings.save': {
    request: z.object({ settings: agentApiSettingsShape }).strict(),
    response: agentApiViewSchema,
  },
  /** One token request with the saved settings and password (in Training mode: the sandbox). */
  'videoKyc.settings.test': {
    request: z.object({}).strict(),
    response: z.object({ ok: z.boolean(), message: z.string() }),
  },
} as const;

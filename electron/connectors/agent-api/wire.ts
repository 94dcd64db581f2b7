import { z } from 'zod';

/**
 * Seed 002 (the vendor's agent API) on the wire, written down once for the client (client.ts), the
 * token provider (token.ts) and the Training sandbox (sandbox/agent-api/). docs/apis/agent-api.md
 * says what the seed promises and what is our inference.
 *
 * Answers are read tolerantly (decision 0041): fields the seed does not promise are optional,
 * unknown fields are dropped, ids and epoch times may come as strings or numbers, and a
 * get_details answer is read from `session_data` when there is one, else from the top level.
 */

export const AGENT_API_PATHS = {
  generateToken: '/agentapi/v1/agent/generate_token',
  /** The trailing slash is the seed's. */
  sendLink: '/agentapi/v1/agent/sendLink/',
  /** Followed by the session id. */
  sessionDetails: '/agentapi/v1/session/get_details/',
  pushUserData: '/appapi/v1/dkyc/push_user_data',
} as const;

export const sessionDetailsPath = (sessionId: string): string => `${AGENT_API_PATHS.sessionDetails}${encodeURIComponent(sessionId)}`;

// ---------------------------------------------------------------------------------------------
// §1 generate_token
// ---------------------------------------------------------------------------------------------

/** Seed 002: username 3–20 and password 8–32 characters, letters and digits only. */
export const AGENT_USERNAME_PATTERN = /^[A-Za-z0-9]{3,20}$/;
export const AGENT_PASSWORD_PATTERN = /^[A-Za-z0-9]{8,32}$/;

export const generateTokenRequestSchema = z.object({
  username: z.string().regex(AGENT_USERNAME_PATTERN, 'username must be 3 to 20 letters and digits'),
  password: z.string().regex(AGENT_PASSWORD_PATTERN, 'password must be 8 to 32 letters and digits'),
});

export const generateTokenResponseSchema = z.object({
  Token: z.string().min(1).max(8192),
  status_code: z.number().int().optional(),
  success: z.boolean().optional(),
});

/** 400 / 401 from the token endpoint (seed: `{ msg, status_code, success }`). */
export const generateTokenErrorSchema = z.object({ msg: z.string().optional(), status_code: z.number().int().optional(), success: z.boolean().optional() });

// ---------------------------------------------------------------------------------------------
// Shared readers
// ---------------------------------------------------------------------------------------------

const MAX_TEXT = 4096;
/** An id or a word: a string, or a number read as its decimal text. */
const idText = z.union([z.string().min(1).max(MAX_TEXT), z.number().transform((n) => String(n))]);
/** A field the seed lists but a vendor may leave out or send as null: kept as text or null. */
const looseText = z
  .union([z.string().max(MAX_TEXT), z.number().transform((n) => String(n))])
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));
/** An integer that may come as a string ("86400"); unreadable → null. */
const looseInt = z.unknown().transform((v): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? Math.round(n) : null;
});

/**
 * `link_expiry_time`: the seed says "string, epoch". Read as epoch seconds (a string or a number);
 * a value that only makes sense as milliseconds (13 digits) is taken as such. Anything else → null.
 */
export function epochToMs(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d{9,13}(\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  return n >= 1e12 ? Math.round(n) : Math.round(n * 1000);
}

/** 429 (seed: `{ status, message }`), read for its words only. */
export const rateLimitedSchema = z.object({ status: z.number().optional(), message: z.string().optional() });

// ---------------------------------------------------------------------------------------------
// §2 sendLink
// ---------------------------------------------------------------------------------------------

export const LINK_TYPE_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** What the sandbox (and the services, before sending) check of a link request. */
export const sendLinkRequestSchema = z.object({
  user_id: z.string().regex(/^\S{1,100}$/, 'user_id must be 1 to 100 characters without spaces'),
  phone_number: z.string().regex(/^\d{10}$/, 'phone_number must be 10 digits'),
  send_notification: z.union([z.literal(0), z.literal(1)], { error: 'send_notification must be 0 or 1' }),
  link_type: z.string().regex(LINK_TYPE_PATTERN, 'link_type must be a word of letters, digits, dashes or underscores'),
});

export const sendLinkAnswerSchema = z.object({
  link_id: idText,
  link_url: z.string().min(1).max(MAX_TEXT),
  session_id: idText,
  user_id: looseText.optional(),
  phone_number: looseText.optional(),
  link_expiry_time: z.unknown().optional(),
  validity_duration: looseInt.optional(),
  status: z.unknown().optional(),
});
export type SendLinkWire = z.output<typeof sendLinkAnswerSchema>;

// ---------------------------------------------------------------------------------------------
// §3 get_details
// ---------------------------------------------------------------------------------------------

/** A captured image: a URL, or an object carrying one (`url` / `image_url`); others are dropped. */
const capturedImage = z.unknown().transform((v): string | null => {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const url = o.url ?? o.image_url;
    return typeof url === 'string' ? url : null;
  }
  return null;
});

/** `session_data` as the seed lists it; everything optional but the status, unknown fields dropped. */
export const sessionDataSchema = z.object({
  session_id: idText.optional(),
  session_status: z.string().min(1).max(200),
  link_id: looseText.optional(),
  phone_number: looseText.optional(),
  user_id: looseText.optional(),
  client_name: looseText.optional(),
  agent_id: looseText.optional(),
  agent_region: looseText.optional(),
  aadhaar_request_time: looseText.optional(),
  pan_request_time: looseText.optional(),
  selfie_request_time: looseText.optional(),
  agent_assignment_time: looseText.optional(),
  vkyc_start_time: looseText.optional(),
  start_time: looseText.optional(),
  end_time: looseText.optional(),
  selfie_url: looseText.optional(),
  pan_url: looseText.optional(),
  aadhaar_url: looseText.optional(),
  aadhaarback_url: looseText.optional(),
  user_video_url: looseText.optional(),
  agent_video_url: looseText.optional(),
  agent_screen_url: looseText.optional(),
  summary_json_url: looseText.optional(),
  zip_url: looseText.optional(),
  captured_images: z.array(capturedImage).max(200).nullish(),
  number_of_videos_uploaded: looseInt.optional(),
  IS_VIDO_UPLOADED: z.unknown().optional(),
  feedback: z.unknown().optional(),
});
export type SessionDataWire = z.output<typeof sessionDataSchema>;

/**
 * The whole answer: `{ session_data: {...}, status }` as we read the seed's table; a vendor that
 * puts the fields at the top level is read the same way.
 */
export const sessionDetailsAnswerSchema = z
  .object({ session_data: z.unknown().optional() })
  .passthrough()
  .transform((body, ctx) => {
    const inner = body.session_data && typeof body.session_data === 'object' && !Array.isArray(body.session_data) ? body.session_data : body;
    const parsed = sessionDataSchema.safeParse(inner);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'session_data has no session_status' });
      return z.NEVER;
    }
    return parsed.data;
  });

// ---------------------------------------------------------------------------------------------
// §4 push_user_data
// ---------------------------------------------------------------------------------------------

const trackSchema = z.object({ user_id: looseText.optional(), session_id: looseText.optional() }).nullish();

/** 200: `{ success, session_id, track }`; the session id is taken from `track` when only it has one. */
export const pushAnswerSchema = z
  .object({ success: z.boolean().optional(), session_id: looseText.optional(), track: trackSchema })
  .transform((body, ctx) => {
    const sessionId = body.session_id ?? body.track?.session_id ?? null;
    if (sessionId === null || body.success === false) {
      ctx.addIssue({ code: 'custom', message: 'no session_id in a push answer' });
      return z.NEVER;
    }
    return { success: true, session_id: sessionId };
  });

/** 400: `{ msg, status_code, success, track, errors }`. */
export const pushRefusalSchema = z.object({ msg: z.string().optional(), errors: z.unknown().optional() });

const MAX_ERROR_FIELDS = 200;

/**
 * The vendor's `errors` object as field paths ('BASIC_INFORMATION.pan' → its words). The seed only
 * says "validation error details": read tolerantly — flat keys with dots, nested objects (joined
 * with dots), a list of words (joined with '; '), or `{ message }` leaves; a leading `data.N.` or
 * `data[N].` (a path into the request's array) is dropped, so paths name the section and field.
 */
export function errorsToFieldPaths(errors: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (value: unknown, path: string, depth: number): void => {
    if (Object.keys(out).length >= MAX_ERROR_FIELDS || depth > 6) return;
    const words = wordsOf(value);
    if (words !== null) {
      const key = normalisePath(path) || 'request';
      out[key] = out[key] ? `${out[key]}; ${words}` : words;
      return;
    }
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, path ? `${path}.${i}` : String(i), depth + 1));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k, depth + 1);
  };
  visit(errors, '', 0);
  return out;
}

function wordsOf(value: unknown): string | null {
  if (typeof value === 'string') return value.slice(0, 500);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value.join('; ').slice(0, 500);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.every((k) => k === 'message' || k === 'msg' || k === 'code') && typeof (o.message ?? o.msg) === 'string') return String(o.message ?? o.msg).slice(0, 500);
  }
  return null;
}

function normalisePath(path: string): string {
  return path.replace(/^data(\.|\[)\d+\]?\.?/, '').replace(/\[(\d+)\]/g, '.$1');
}

import type { HttpOutcome } from '../../transport/http-client';

/**
 * What the video-KYC and digital-KYC services need of the vendor's agent API
 * (docs/apis/agent-api.md). The real client (client.ts) implements it over HTTP with the JWT, the
 * configured send rate and 429 backoff; tests hand services a fake of their own. Field names are
 * the wire's, so a reader can hold this file against the API document.
 *
 * Every method answers with an outcome and never throws for what the network or the vendor did
 * (transport/http-client.ts says which failures prove nothing was taken). No method retries a
 * request that may have reached the vendor: that is the engine's decision.
 */
export interface AgentApi {
  /** POST /agentapi/v1/agent/sendLink/ — a link the customer opens for a video-KYC call. */
  sendLink(request: SendLinkRequest): Promise<HttpOutcome<SendLinkAnswer>>;
  /** GET /agentapi/v1/session/get_details/{SESSION_ID} — one session as the vendor has it. */
  sessionDetails(sessionId: string): Promise<HttpOutcome<SessionDetails>>;
  /**
   * POST /appapi/v1/dkyc/push_user_data — a customer's data for digital KYC. A 400 comes back as a
   * `rejected` failure whose `fields` carries the vendor's `errors` by field path
   * ('BASIC_INFORMATION.pan'), when it sent them.
   */
  pushUserData(request: PushUserDataRequest): Promise<HttpOutcome<PushUserDataAnswer> | PushRefusal>;
  /**
   * One medium a session's answer points to (selfie, PAN, Aadhaar, captured image, video, summary
   * JSON, ZIP), fetched only when a person opens it; at most `maxBytes`, or a failure saying so.
   */
  fetchMedia(url: string, maxBytes: number): Promise<MediaOutcome>;
  /** One cheap request while offline: true when the vendor answered at all (a token request). */
  reachable(): Promise<boolean>;
}

export interface SendLinkRequest {
  user_id: string;
  /** 10 digits, as the vendor's answers show it. */
  phone_number: string;
  send_notification: 0 | 1;
  /** Case-sensitive, from the admin's list (default 'free'). */
  link_type: string;
}

export interface SendLinkAnswer {
  link_id: string;
  link_url: string;
  session_id: string;
  user_id?: string;
  phone_number?: string;
  /** Epoch seconds as the vendor sends it (a string or a number); null when absent or unreadable. */
  linkExpiresAtMs: number | null;
  /** Seconds the link stays valid; null when absent. */
  validity_duration: number | null;
}

/** Read tolerantly: every field but `session_status` may be missing; extra fields are kept in `raw`. */
export interface SessionDetails {
  session_id: string;
  /** As the vendor said it: one of shared/agent-sessions SESSION_STATUSES, or a word KYC Desk does not know. */
  session_status: string;
  link_id?: string | null;
  phone_number?: string | null;
  user_id?: string | null;
  agent_id?: string | null;
  agent_region?: string | null;
  /** The seed's timeline, each as the vendor sent it (a timestamp string) or null. */
  times: {
    link_sent?: string | null;
    aadhaar_request_time?: string | null;
    pan_request_time?: string | null;
    selfie_request_time?: string | null;
    agent_assignment_time?: string | null;
    vkyc_start_time?: string | null;
    start_time?: string | null;
    end_time?: string | null;
  };
  /** The media the answer points to, by the seed's names; only those present. */
  media: SessionMedia[];
}

export interface SessionMedia {
  /** 'selfie', 'pan', 'aadhaar_front', 'aadhaar_back', 'captured_image', 'user_video', 'agent_video', 'agent_screen', 'summary_json', 'zip' */
  kind: string;
  url: string;
  /** True for the Aadhaar images: masked before anything of them is kept. */
  aadhaar: boolean;
}

export interface PushUserDataRequest {
  user_id: string;
  phone_number: string;
  /** One object per step, keyed by the step's name: [{ BASIC_INFORMATION: {...} }, { PERSONAL_INFORMATION: {...} }, …] */
  data: Array<Record<string, Record<string, string>>>;
  extras?: Record<string, unknown>;
}

export interface PushUserDataAnswer {
  success: boolean;
  session_id: string;
}

/** A 400 from push_user_data: nothing was taken; `fields` maps the vendor's errors by field path. */
export interface PushRefusal {
  ok: false;
  failure: { kind: 'rejected'; status: 400; message: string; body: unknown; raw?: string; fields: Record<string, string> };
}

export type MediaOutcome =
  | { ok: true; bytes: Buffer; contentType: string | null }
  | { ok: false; message: string };

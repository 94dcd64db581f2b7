import { isFinalSessionStatus, type SessionStatus } from '../../../shared/agent-sessions/session-status';

/**
 * How a Training session moves through seed 002's statuses: one step every `stepMs`, along the path
 * its fate gives it. The fate comes from the customer's phone number, so a trainee (or a test) can
 * choose it: the training numbers 90000 00001 … 90000 00005 end rejected by the agent's verdict, the
 * call rejected, abandoned, expired unopened, and approved after a scheduled call; every other
 * number ends approved. A newer link (or push) for the same user_id rejects a session still open
 * (`kyc_rejected`), and a session still open when its link's validity runs out ends
 * `kyc_result_rejected` if its call was under way, else `session_expired` (the seed's remarks).
 */
export type SessionFate = 'approved' | 'result_rejected' | 'request_rejected' | 'abandoned' | 'expired' | 'scheduled';

const PATHS: Readonly<Record<SessionFate, readonly SessionStatus[]>> = {
  approved: ['waiting', 'agent_alloted', 'kyc_request_accepted', 'kyc_result_approved'],
  result_rejected: ['waiting', 'agent_alloted', 'kyc_request_accepted', 'kyc_result_rejected'],
  request_rejected: ['waiting', 'agent_alloted', 'kyc_request_rejected'],
  abandoned: ['waiting', 'agent_alloted', 'kyc_request_accepted', 'user_abandoned'],
  expired: ['waiting', 'waiting', 'waiting', 'session_expired'],
  scheduled: ['waiting', 'vkyc_requested', 'agent_alloted', 'kyc_request_accepted', 'kyc_result_approved'],
};

const TRAINING_FATES: Readonly<Record<string, SessionFate>> = {
  '9000000001': 'result_rejected',
  '9000000002': 'request_rejected',
  '9000000003': 'abandoned',
  '9000000004': 'expired',
  '9000000005': 'scheduled',
};

export function fateOf(phoneNumber: string): SessionFate {
  return TRAINING_FATES[phoneNumber] ?? 'approved';
}

export interface TimedSession {
  fate: SessionFate;
  created_at: number;
  expires_at: number;
  /** When a newer link for the same user_id replaced it while it was open; null otherwise. */
  replaced_at: number | null;
}

export interface SessionMoment {
  status: SessionStatus;
  /** When each status on its way was reached (ms), the current one included. */
  reached: Partial<Record<SessionStatus, number>>;
  /** When it became final, or null while open. */
  endedAt: number | null;
}

/** The session as it stands at `now`. */
export function sessionAt(session: TimedSession, stepMs: number, now: number): SessionMoment {
  const path = PATHS[session.fate];
  const reached: Partial<Record<SessionStatus, number>> = {};
  const cut = Math.min(now, session.replaced_at ?? Number.POSITIVE_INFINITY, session.expires_at);
  let status: SessionStatus = 'waiting';
  for (let i = 0; i < path.length; i += 1) {
    const at = session.created_at + i * stepMs;
    if (at > cut) break;
    status = path[i]!;
    reached[status] ??= at;
  }
  if (isFinalSessionStatus(status)) return { status, reached, endedAt: reached[status] ?? session.created_at };
  // Still open at the cut: a replacement or the link's end decides, if either came before now.
  if (session.replaced_at !== null && session.replaced_at <= now && session.replaced_at <= session.expires_at) {
    reached.kyc_rejected = session.replaced_at;
    return { status: 'kyc_rejected', reached, endedAt: session.replaced_at };
  }
  if (session.expires_at <= now) {
    const ending: SessionStatus = status === 'kyc_request_accepted' ? 'kyc_result_rejected' : 'session_expired';
    reached[ending] = session.expires_at;
    return { status: ending, reached, endedAt: session.expires_at };
  }
  return { status, reached, endedAt: null };
}

/** Whether the session is still open at `now` (a new link for its user_id would reject it). */
export function isOpenAt(session: TimedSession, stepMs: number, now: number): boolean {
  return sessionAt(session, stepMs, now).endedAt === null;
}

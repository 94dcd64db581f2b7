import { randomBytes } from 'node:crypto';
import { hash32 } from '../shell/faults';
import { iso } from '../shell/http';
import { JsonStateFile } from '../shell/state-file';
import type { AgentLedger } from './ledger';
import { fateOf, isOpenAt, sessionAt, type SessionFate, type SessionMoment } from './timeline';

/**
 * The sessions the agent API sandbox made (from links and pushes), kept in `sessions.json` and
 * saved before each answer, so they — and where each stands — survive a restart: a session's
 * status is worked out from the clock (timeline.ts), never stored.
 */
export interface StoredSession {
  session_id: string;
  link_id: string;
  origin: 'link' | 'push';
  user_id: string;
  phone_number: string;
  link_type: string | null;
  fate: SessionFate;
  created_at: number;
  expires_at: number;
  validity_seconds: number;
  replaced_at: number | null;
  agent_id: string;
  agent_region: string;
}

const REGIONS = ['Mumbai', 'Chennai', 'Kolkata', 'New Delhi', 'Bengaluru', 'Hyderabad'];

export interface NewSession {
  origin: 'link' | 'push';
  user_id: string;
  phone_number: string;
  link_type: string | null;
  validitySeconds: number;
}

export class AgentSessions {
  private readonly file: JsonStateFile<StoredSession>;
  private readonly byId = new Map<string, StoredSession>();

  constructor(
    stateDir: string,
    private readonly options: { stepMs: number; seed: string; now: () => number; ledger: AgentLedger },
  ) {
    this.file = new JsonStateFile<StoredSession>(stateDir, 'sessions.json');
    for (const session of this.file.load()) this.byId.set(session.session_id, session);
  }

  get(sessionId: string): StoredSession | undefined {
    return this.byId.get(sessionId);
  }

  at(session: StoredSession): SessionMoment {
    return sessionAt(session, this.options.stepMs, this.options.now());
  }

  /**
   * A new session for `user_id`: any session of the same origin still open for that user is
   * rejected by it (the seed's kyc_rejected), the ledger gets its line, then the state is saved.
   */
  open(request: NewSession): StoredSession {
    const now = this.options.now();
    const replaced = [...this.byId.values()].filter((s) => s.user_id === request.user_id && s.origin === request.origin && isOpenAt(s, this.options.stepMs, now));
    for (const old of replaced) old.replaced_at = now;
    const sessionId = `${request.origin === 'link' ? 'VS' : 'DS'}${randomBytes(10).toString('hex').toUpperCase()}`;
    const pick = hash32(this.options.seed, sessionId);
    const session: StoredSession = {
      session_id: sessionId,
      link_id: `LK${randomBytes(8).toString('hex').toUpperCase()}`,
      origin: request.origin,
      user_id: request.user_id,
      phone_number: request.phone_number,
      link_type: request.link_type,
      fate: fateOf(request.phone_number),
      created_at: now,
      expires_at: now + request.validitySeconds * 1000,
      validity_seconds: request.validitySeconds,
      replaced_at: null,
      agent_id: `AGT${String(1000 + (pick % 9000))}`,
      agent_region: REGIONS[pick % REGIONS.length]!,
    };
    this.byId.set(sessionId, session);
    this.options.ledger.append({ at: iso(now), kind: request.origin, user_id: request.user_id, session_id: sessionId, replaced_live: replaced[0]?.session_id ?? null });
    this.file.save([...this.byId.values()]);
    return session;
  }
}

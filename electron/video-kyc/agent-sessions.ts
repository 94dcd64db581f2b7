import type { SessionDetails } from '../connectors/agent-api/agent-api';
import type { Store } from '../store/database';
import { jsonOrNull, numberOrNull, textOrNull } from '../store/row';

/** One video-KYC or digital-KYC session as kept (schema 14, agent_sessions), by the request record that made it. */
export interface AgentSessionRow {
  /** The link request (or push) record. */
  recordId: string;
  /** The submission service that made it ('video-kyc', 'digital-kyc'). */
  service: string;
  /** The customer's own record it was made for, if any: its verdict is written there. */
  sourceRecordId: string | null;
  sessionId: string;
  linkId: string | null;
  linkUrl: string | null;
  /** ISO instant, or null when the vendor gave none we could read. */
  linkExpiresAt: string | null;
  validitySeconds: number | null;
  /** The vendor's last word, as it said it (possibly a word KYC Desk does not know). */
  status: string;
  final: boolean;
  /** The latest details answer as read (the fields KYC Desk shows, the media it points to). */
  details: SessionDetails | null;
  checkedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A final verdict written against the customer's own record (schema 14, session_verdicts). */
export interface SessionVerdictRow {
  recordId: string;
  sessionId: string;
  requestId: string;
  service: string;
  verdict: 'approved' | 'not_approved';
  status: string;
  decidedAt: string;
}

/** What the list filters by: a status word, and the day the session was made (local dates, as ISO instants' bounds). */
export interface SessionFilter {
  status?: string;
  /** ISO instants: made at or after `from`, before `to`. */
  from?: string;
  to?: string;
}

type Row = Record<string, import('sql.js').SqlValue>;

function sessionOf(row: Row): AgentSessionRow {
  return {
    recordId: String(row.record_id),
    service: String(row.service),
    sourceRecordId: textOrNull(row.source_record_id),
    sessionId: String(row.session_id),
    linkId: textOrNull(row.link_id),
    linkUrl: textOrNull(row.link_url),
    linkExpiresAt: textOrNull(row.link_expires_at),
    validitySeconds: numberOrNull(row.validity_seconds),
    status: String(row.status),
    final: Number(row.final) === 1,
    details: jsonOrNull<SessionDetails>(row.details),
    checkedAt: textOrNull(row.checked_at),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

/**
 * The one owner of the agent_sessions and session_verdicts tables. A session is written once when
 * the vendor answered the request, then its status and details each time it is asked after; the
 * same answer read twice rewrites the row, never adds one. Writes run inside the caller's
 * `store.write`, so a session, its verdict and their audit entry land together.
 */
export class AgentSessions {
  constructor(private readonly store: Store) {}

  /** Only inside `store.write`. The vendor took the request: its session (and link) as answered. */
  noteStarted(entry: Omit<AgentSessionRow, 'final' | 'details' | 'checkedAt' | 'createdAt' | 'updatedAt'>, now: string): void {
    this.store.run(
      `INSERT INTO agent_sessions (record_id, service, source_record_id, session_id, link_id, link_url, link_expires_at, validity_seconds, status, final, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
       ON CONFLICT(record_id) DO UPDATE SET session_id = excluded.session_id, link_id = excluded.link_id, link_url = excluded.link_url,
         link_expires_at = excluded.link_expires_at, validity_seconds = excluded.validity_seconds, updated_at = excluded.updated_at`,
      [entry.recordId, entry.service, entry.sourceRecordId, entry.sessionId, entry.linkId, entry.linkUrl, entry.linkExpiresAt, entry.validitySeconds, entry.status, now, now],
    );
  }

  /** Only inside `store.write`. The session's latest status and details answer. */
  noteDetails(recordId: string, details: SessionDetails, final: boolean, now: string): void {
    this.store.run('UPDATE agent_sessions SET status = ?, final = ?, details = ?, checked_at = ?, updated_at = ? WHERE record_id = ?', [
      details.session_status,
      final ? 1 : 0,
      JSON.stringify(details),
      now,
      now,
      recordId,
    ]);
  }

  find(recordId: string): AgentSessionRow | undefined {
    const row = this.store.get('SELECT * FROM agent_sessions WHERE record_id = ?', [recordId]);
    return row ? sessionOf(row) : undefined;
  }

  /** Sessions made for one customer record, newest first (a customer may get a new link after the old one ran out). */
  forSource(sourceRecordId: string): AgentSessionRow[] {
    return this.store.all('SELECT * FROM agent_sessions WHERE source_record_id = ? ORDER BY created_at DESC, record_id DESC LIMIT 50', [sourceRecordId]).map(sessionOf);
  }

  /** Only inside `store.write`. True when this verdict is new (the same session's verdict is written once). */
  writeVerdict(verdict: SessionVerdictRow): boolean {
    const before = this.store.get('SELECT 1 AS n FROM session_verdicts WHERE record_id = ? AND session_id = ?', [verdict.recordId, verdict.sessionId]);
    if (before) return false;
    this.store.run('INSERT INTO session_verdicts (record_id, session_id, request_id, service, verdict, status, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      verdict.recordId,
      verdict.sessionId,
      verdict.requestId,
      verdict.service,
      verdict.verdict,
      verdict.status,
      verdict.decidedAt,
    ]);
    return true;
  }

  /** The verdicts written against one customer record, newest first. */
  verdictsFor(recordId: string): SessionVerdictRow[] {
    return this.store
      .all('SELECT * FROM session_verdicts WHERE record_id = ? ORDER BY decided_at DESC LIMIT 50', [recordId])
      .map((row) => ({
        recordId: String(row.record_id),
        sessionId: String(row.session_id),
        requestId: String(row.request_id),
        service: String(row.service),
        verdict: String(row.verdict) === 'approved' ? 'approved' : 'not_approved',
        status: String(row.status),
        decidedAt: String(row.decided_at),
      }));
  }
}

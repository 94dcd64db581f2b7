import { isSessionStatus, SESSION_STATUS_MEANINGS } from '../../shared/agent-sessions/session-status';
import type { AuditLog } from '../audit/audit-log';
import type { SendLinkAnswer, SessionDetails } from '../connectors/agent-api/agent-api';
import type { RecordRepository } from '../records/record-repository';
import type { Store } from '../store/database';
import { AgentSessions } from './agent-sessions';

/** What a session's answer meant, for the service that follows it. */
export interface KeptDetails {
  /** Known and final: the session will not change; `verdict` is what it gives the customer. */
  final: boolean;
  known: boolean;
  verdict: 'approved' | 'not_approved' | null;
}

export interface SessionKeeperOptions {
  store: Store;
  records: RecordRepository;
  audit: AuditLog;
  clock?: () => Date;
}

/** The request a session belongs to: the link request (or push) record and the customer record it was made for. */
export interface SessionOwner {
  recordId: string;
  service: string;
  sourceRecordId: string | null;
}

/**
 * Keeps what the agent API said about a session (the link it made, each details answer) and, when
 * a session reaches a final status, writes the verdict against the customer's own record with its
 * audit entry, in the same write. The video-KYC service and the digital-KYC push both keep their
 * sessions here (docs/decisions/0042).
 */
export class SessionKeeper {
  readonly sessions: AgentSessions;

  constructor(private readonly options: SessionKeeperOptions) {
    this.sessions = new AgentSessions(options.store);
  }

  private now(): string {
    return (this.options.clock?.() ?? new Date()).toISOString();
  }

  /** The vendor made a session (and, for video KYC, a link): kept with the request before it is followed. */
  started(owner: SessionOwner, sessionId: string, link: Omit<SendLinkAnswer, 'session_id'> | null): void {
    const now = this.now();
    this.options.store.write(() =>
      this.sessions.noteStarted(
        {
          ...owner,
          sessionId,
          linkId: link?.link_id ?? null,
          linkUrl: link?.link_url ?? null,
          linkExpiresAt: typeof link?.linkExpiresAtMs === 'number' ? new Date(link.linkExpiresAtMs).toISOString() : null,
          validitySeconds: link?.validity_duration ?? null,
          status: 'waiting',
        },
        now,
      ),
    );
  }

  /**
   * The session's latest answer. A final one writes the verdict against the customer's record (once
   * per session) with a 'session-verdict' audit entry, all in one write.
   */
  details(owner: SessionOwner, details: SessionDetails): KeptDetails {
    const status = details.session_status;
    const meaning = isSessionStatus(status) ? SESSION_STATUS_MEANINGS[status] : null;
    const kept: KeptDetails = { final: meaning?.final ?? false, known: meaning !== null, verdict: meaning?.verdict ?? null };
    const now = this.now();
    this.options.store.write(() => {
      if (!this.sessions.find(owner.recordId)) this.sessions.noteStarted({ ...owner, sessionId: details.session_id, linkId: details.link_id ?? null, linkUrl: null, linkExpiresAt: null, validitySeconds: null, status }, now);
      this.sessions.noteDetails(owner.recordId, details, kept.final, now);
      if (!kept.final || kept.verdict === null || owner.sourceRecordId === null) return;
      const source = this.options.records.find(owner.sourceRecordId);
      if (!source) return; // the customer's record is gone (retention): the session keeps its own end
      const written = this.sessions.writeVerdict({ recordId: source.id, sessionId: details.session_id, requestId: owner.recordId, service: owner.service, verdict: kept.verdict, status, decidedAt: now });
      if (!written) return;
      this.options.audit.append({
        actor: null,
        action: 'session-verdict',
        subject: source.reference,
        details: { service: owner.service, sessionId: details.session_id, status, verdict: kept.verdict },
      });
    });
    return kept;
  }
}

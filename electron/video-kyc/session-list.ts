import type { LinkPhase, VideoKycSession } from '../../shared/contract/video-kyc';
import { isSessionStatus, SESSION_STATUS_MEANINGS } from '../../shared/agent-sessions/session-status';
import { maskMobile } from '../../shared/record/masking';
import { DKYC_PUSH_KIND_ID } from '../../shared/record-kinds/dkyc-push';
import { VIDEO_KYC_LINK_KIND_ID, type VideoKycLink } from '../../shared/record-kinds/video-kyc-link';
import type { RecordState } from '../../shared/sync/states';
import type { RecordScope } from '../records/record-scope';
import type { Store } from '../store/database';
import { jsonOrNull, numberOrNull, textOrNull } from '../store/row';

/** What the list filters by: a session status or a phase, and when the request was made (ISO instants, `to` exclusive). */
export interface LinkFilter {
  status?: string;
  from?: string;
  to?: string;
}

/** The phases in SQL, over the request (r) and its batch (b). */
const PHASE_SQL: Readonly<Record<LinkPhase, string>> = {
  sending: `(r.state = 'ready' OR b.state IN ('sending', 'needs_reconciliation'))`,
  may_have_been_sent: `(b.state = 'needs_attention' AND b.client_id IS NULL)`,
  needs_attention: `(b.state = 'needs_attention' AND b.client_id IS NOT NULL)`,
  following: `(b.state IN ('polling', 'uploading'))`,
  ended: `(r.state IN ('succeeded', 'failed', 'rejected'))`,
};

const SELECT = `SELECT r.id, r.kind, r.reference, r.state, r.data, r.message, r.created_at, r.created_by, r.batch_id,
    b.state AS batch_state, b.client_id, b.next_poll_at, b.last_error,
    s.session_id, s.status, s.final, s.link_url, s.link_expires_at, s.validity_seconds,
    src.reference AS source_reference, o.name AS requested_by
  FROM records r
  LEFT JOIN batches b ON b.id = r.batch_id
  LEFT JOIN agent_sessions s ON s.record_id = r.id
  LEFT JOIN records src ON src.id = json_extract(r.data, '$.sourceRecordId')
  LEFT JOIN operators o ON o.id = r.created_by`;

type Row = Record<string, import('sql.js').SqlValue>;

function phaseOf(row: Row): LinkPhase {
  const state = String(row.state);
  const batchState = textOrNull(row.batch_state);
  if (state === 'succeeded' || state === 'failed' || state === 'rejected') return 'ended';
  if (batchState === 'needs_attention') return row.client_id === null || row.client_id === undefined ? 'may_have_been_sent' : 'needs_attention';
  if (batchState === 'polling' || batchState === 'uploading') return 'following';
  return 'sending';
}

const PHASE_WORDS: Readonly<Record<LinkPhase, string>> = {
  sending: 'Being sent to the agent API',
  may_have_been_sent: 'May have been sent: a person decides',
  following: 'Sent; waiting for the session to start',
  needs_attention: 'The agent API said something KYC Desk does not know: a person decides',
  ended: 'Ended',
};

function wordsOf(phase: LinkPhase, status: string | null): string {
  if (status !== null && isSessionStatus(status)) return SESSION_STATUS_MEANINGS[status].words;
  if (status !== null) return `“${status.slice(0, 60)}”: a status KYC Desk does not know`;
  return PHASE_WORDS[phase];
}

/** One row as the screen reads it. */
export function sessionSummaryOf(row: Row): VideoKycSession {
  // A digital-KYC push has no link type or SMS choice: it carries the same user id, phone and source.
  const link = jsonOrNull<Partial<VideoKycLink> & Pick<VideoKycLink, 'userId' | 'phoneNumber'>>(row.data)!;
  const push = String(row.kind) === DKYC_PUSH_KIND_ID;
  const phase = phaseOf(row);
  const status = textOrNull(row.status);
  const known = status !== null && isSessionStatus(status) ? SESSION_STATUS_MEANINGS[status] : null;
  const final = Number(row.final) === 1;
  return {
    id: String(row.id),
    reference: String(row.reference),
    state: String(row.state) as RecordState,
    phase,
    userId: link.userId,
    phoneMasked: maskMobile(link.phoneNumber),
    sendNotification: link.sendNotification ?? false,
    linkType: link.linkType ?? '',
    sourceRecordId: link.sourceRecordId ?? null,
    sourceReference: textOrNull(row.source_reference),
    sessionId: textOrNull(row.session_id) ?? textOrNull(row.client_id),
    status,
    statusWords: wordsOf(phase, status),
    final,
    verdict: final ? (known?.verdict ?? null) : null,
    linkUrl: textOrNull(row.link_url),
    linkExpiresAt: textOrNull(row.link_expires_at),
    validitySeconds: numberOrNull(row.validity_seconds),
    nextCheckAt: phase === 'following' ? textOrNull(row.next_poll_at) : null,
    batchId: textOrNull(row.batch_id),
    message: phase === 'may_have_been_sent' || phase === 'needs_attention' ? textOrNull(row.last_error) : textOrNull(row.message),
    createdAt: String(row.created_at),
    requestedBy: textOrNull(row.requested_by),
    service: push ? 'digital-kyc' : 'video-kyc',
  };
}

/**
 * The link requests as the Video KYC screen lists them: each with its session (once the vendor
 * made one), its batch's next check, and why it needs a person, if it does. Within the operator's
 * read scope, in SQL. Digital-KYC pushes make sessions too and are listed beside the links
 * (tagged by `service`); `kinds` narrows it to one.
 */
export class SessionList {
  constructor(
    private readonly store: Store,
    private readonly kinds: readonly string[] = [VIDEO_KYC_LINK_KIND_ID, DKYC_PUSH_KIND_ID],
  ) {}

  private where(scope: RecordScope, filter: LinkFilter): { sql: string; params: Array<string | number> } {
    const clauses = [`r.kind IN (${this.kinds.map(() => '?').join(', ')})`];
    const params: Array<string | number> = [...this.kinds];
    if (scope.kind === 'own') {
      clauses.push('r.created_by = ?');
      params.push(scope.operatorId);
    }
    if (filter.status !== undefined && filter.status in PHASE_SQL) clauses.push(PHASE_SQL[filter.status as LinkPhase]);
    else if (filter.status !== undefined) {
      clauses.push('s.status = ?');
      params.push(filter.status);
    }
    if (filter.from) {
      clauses.push('r.created_at >= ?');
      params.push(new Date(filter.from).toISOString());
    }
    if (filter.to) {
      clauses.push('r.created_at < ?');
      params.push(new Date(filter.to).toISOString());
    }
    return { sql: `WHERE ${clauses.join(' AND ')}`, params };
  }

  list(scope: RecordScope, filter: LinkFilter, page: { page: number; pageSize: number }): { items: VideoKycSession[]; total: number } {
    const where = this.where(scope, filter);
    const total = Number(this.store.get(`SELECT COUNT(*) AS n FROM records r LEFT JOIN batches b ON b.id = r.batch_id LEFT JOIN agent_sessions s ON s.record_id = r.id ${where.sql}`, where.params)?.n ?? 0);
    const rows = this.store.all(`${SELECT} ${where.sql} ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?`, [...where.params, page.pageSize, (page.page - 1) * page.pageSize]);
    return { items: rows.map(sessionSummaryOf), total };
  }

  /** One link request within the scope, or undefined. */
  find(id: string, scope: RecordScope): VideoKycSession | undefined {
    const where = this.where(scope, {});
    const row = this.store.get(`${SELECT} ${where.sql} AND r.id = ?`, [...where.params, id]);
    return row ? sessionSummaryOf(row) : undefined;
  }

  /** The link requests made for one customer record, newest first. */
  forSource(sourceRecordId: string, scope: RecordScope): VideoKycSession[] {
    const where = this.where(scope, {});
    return this.store.all(`${SELECT} ${where.sql} AND json_extract(r.data, '$.sourceRecordId') = ? ORDER BY r.created_at DESC LIMIT 50`, [...where.params, sourceRecordId]).map(sessionSummaryOf);
  }
}

import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { AppFailure } from '../../shared/errors';
import { redact } from '../logging/redact';
import type { Row, Store } from '../store/database';
import { textOrNull } from '../store/row';
import { SettingsRepository } from '../store/settings-repository';
import { AUDIT_ACTIONS, type AuditAction } from '../../shared/audit/actions';
import { escapeInvisible } from '../../shared/validation/free-text';

/** Everything KYC Desk records in its audit trail. Add new names at the end; never rename one. */
export { AUDIT_ACTIONS, type AuditAction };

export type AuditDetailValue = string | number | boolean | null;
export type AuditDetails = Record<string, AuditDetailValue>;

/** Who did it: an operator (an `OperatorProfile` fits), or `null` for KYC Desk itself (purge, scheduler). */
export type AuditActor = { id: string; name: string } | null;

export interface AuditEntryInput {
  actor: AuditActor;
  action: AuditAction;
  /** What it was done to: a record reference, a setting key, an operator id — never a customer's name. */
  subject?: string;
  details?: AuditDetails;
}

/** A stored entry: the hashed fields and the hash over them. */
export type AuditEntry = HashedFields & { hash: string };

export interface AuditFilter {
  action?: string;
  operatorId?: string;
  /** ISO timestamp, inclusive. */
  from?: string;
  /** ISO timestamp, exclusive: [from, to) ranges for consecutive days neither overlap nor leave gaps. */
  to?: string;
}

export interface AuditPage {
  page: number;
  pageSize: number;
}

export type AuditListFilter = AuditFilter & AuditPage;

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; firstBrokenSeq: number; reason: string };

/** `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
/** `settings` key holding the last entry written ({ seq, hash }), updated with every append. */
export const AUDIT_HEAD_KEY = 'audit.head';

/** The fields an entry's hash covers, exactly as stored. */
export interface HashedFields {
  seq: number;
  at: string;
  operatorId: string | null;
  operatorName: string | null;
  action: string;
  subject: string | null;
  details: AuditDetails | null;
  prevHash: string;
}

/** JSON with object keys in code-point order, so equal details always serialise to equal text. */
function canonicalDetails(details: AuditDetails | null): string {
  if (details === null) return 'null';
  const keys = Object.keys(details).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${JSON.stringify(details[key])}`).join(',')}}`;
}

/**
 * SHA-256 (hex) over the canonical serialisation
 * `[seq, at, operator_id, operator_name, action, subject, details, prev_hash]` — JSON, details keys sorted.
 */
export function entryHash(fields: HashedFields): string {
  const canonical =
    '[' +
    [
      JSON.stringify(fields.seq),
      JSON.stringify(fields.at),
      JSON.stringify(fields.operatorId),
      JSON.stringify(fields.operatorName),
      JSON.stringify(fields.action),
      JSON.stringify(fields.subject),
      canonicalDetails(fields.details),
      JSON.stringify(fields.prevHash),
    ].join(',') +
    ']';
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * No PII in the audit trail: it holds references and masked values only, never what a customer
 * gave the branch. Every detail string (and any number, e.g. a mobile passed as digits) — and the
 * subject — goes through the same pattern redaction as the logs (PAN, Aadhaar, mobile, e-mail)
 * before it is stored, and so before it is hashed. Names cannot be caught by pattern: callers pass
 * references, never a customer's name.
 *
 * Some of it is typed by whoever stands at the sign-in screen (a failed sign-in's employee code):
 * invisible characters (a right-to-left override, a zero-width space, U+2028 …) are stored
 * escaped as `\u202E`, so the trail, its view and its export show what was typed, never a line
 * that reads differently from what it holds.
 */
function cleanText(text: string): string {
  return escapeInvisible(redact(text));
}

function redactDetails(details: AuditDetails | undefined): AuditDetails | null {
  if (details === undefined) return null;
  const out: AuditDetails = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'string') {
      out[key] = cleanText(value);
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new AppFailure('INTERNAL', `Audit detail "${key}" is not a finite number.`);
      const text = String(value);
      const cleaned = redact(text);
      out[key] = cleaned === text ? value : cleaned;
    } else if (typeof value === 'boolean' || value === null) {
      out[key] = value;
    } else {
      throw new AppFailure('INTERNAL', `Audit detail "${key}" must be text, a number, true/false or empty.`);
    }
  }
  return out;
}

function parseDetails(text: string | null): AuditDetails | null | undefined {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    return value as AuditDetails;
  } catch {
    return undefined;
  }
}

function toEntry(row: Row): AuditEntry {
  return {
    seq: Number(row.seq),
    at: String(row.at),
    operatorId: textOrNull(row.operator_id),
    operatorName: textOrNull(row.operator_name),
    action: String(row.action),
    subject: textOrNull(row.subject),
    details: parseDetails(textOrNull(row.details)) ?? null,
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}

function isoOrRefuse(value: string, label: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new AppFailure('BAD_REQUEST', `"${label}" is not a date and time.`);
  return new Date(time).toISOString();
}

/**
 * Append-only, hash-chained audit trail in `audit_log`. Each entry carries the hash of the one
 * before it, so editing or deleting an entry breaks the chain; the last entry written (its seq and
 * hash) is also kept in `settings` under `audit.head`, so cutting entries off the end — which a
 * chain alone cannot reveal — is detected too.
 *
 * What this does not do: someone who can write the database file and recomputes every hash and
 * the head leaves no trace in the file itself. Exports (which carry the hashes) kept elsewhere
 * are the reference to compare against.
 */
export class AuditLog {
  private readonly settings: SettingsRepository;

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.settings = new SettingsRepository(store);
  }

  /**
   * Add one entry. MUST be called inside the caller's `store.write(...)`, so the entry is durable
   * together with the change it describes, or neither is (outside one, `Store.run` throws and
   * nothing is written). For an event with no other change (sign-in, export), use `record`.
   */
  append(entry: AuditEntryInput): AuditEntry {
    if (!(AUDIT_ACTIONS as readonly string[]).includes(entry.action)) {
      throw new AppFailure('INTERNAL', `Unknown audit action "${String(entry.action)}".`);
    }
    const details = redactDetails(entry.details);
    const subject = entry.subject === undefined ? null : cleanText(entry.subject);
    const head = this.readHead();
    const last = this.store.get('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    // Continue from the head even when rows at the end are gone: the gap then stays visible to
    // `verify` instead of being papered over by a fresh entry with the missing number.
    let seq: number;
    let prevHash: string;
    if (head && (!last || head.seq >= Number(last.seq))) {
      seq = head.seq + 1;
      prevHash = head.hash;
    } else if (last) {
      seq = Number(last.seq) + 1;
      prevHash = String(last.hash);
    } else {
      seq = 1;
      prevHash = GENESIS_HASH;
    }
    const fields: HashedFields = {
      seq,
      at: this.clock().toISOString(),
      operatorId: entry.actor?.id ?? null,
      operatorName: entry.actor ? escapeInvisible(entry.actor.name) : null,
      action: entry.action,
      subject,
      details,
      prevHash,
    };
    const hash = entryHash(fields);
    this.store.run(
      `INSERT INTO audit_log (seq, at, operator_id, operator_name, action, subject, details, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [seq, fields.at, fields.operatorId, fields.operatorName, fields.action, subject, details === null ? null : canonicalDetails(details), prevHash, hash],
    );
    this.settings.setJson(AUDIT_HEAD_KEY, { seq, hash });
    return { ...fields, hash };
  }

  /** `append` in its own durable transaction, for events that change nothing else. */
  record(entry: AuditEntryInput): AuditEntry {
    return this.store.write(() => this.append(entry));
  }

  /** Newest first. */
  list(filter: AuditListFilter): { items: AuditEntry[]; total: number } {
    if (!Number.isInteger(filter.page) || filter.page < 1 || !Number.isInteger(filter.pageSize) || filter.pageSize < 1) {
      throw new AppFailure('BAD_REQUEST', 'Page and page size must be whole numbers from 1.');
    }
    const { where, params } = this.whereClause(filter);
    const total = Number(this.store.get(`SELECT COUNT(*) AS n FROM audit_log ${where}`, params)?.n ?? 0);
    const rows = this.store.all(`SELECT * FROM audit_log ${where} ORDER BY seq DESC LIMIT ? OFFSET ?`, [
      ...params,
      filter.pageSize,
      (filter.page - 1) * filter.pageSize,
    ]);
    return { items: rows.map(toEntry), total };
  }

  /**
   * Walk the chain from entry 1: every hash recomputed, every link and number checked, and the
   * end compared with the stored head. Reports the first break in words an auditor can act on.
   * `entries` is the number of entries present in the log.
   */
  verify(): AuditVerification {
    const rows = this.store.all('SELECT * FROM audit_log ORDER BY seq');
    const entries = rows.length;
    const broken = (firstBrokenSeq: number, reason: string): AuditVerification => ({ ok: false, entries, firstBrokenSeq, reason });
    let expected = 1;
    let prevHash = GENESIS_HASH;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expected) {
        if (seq > expected) return broken(expected, seq === expected + 1 ? `entry ${expected} is missing` : `entries ${expected} to ${seq - 1} are missing`);
        return broken(seq, `entry ${seq} is out of place`);
      }
      const details = parseDetails(textOrNull(row.details));
      const recomputed =
        details === undefined
          ? undefined
          : entryHash({
              seq,
              at: String(row.at),
              operatorId: textOrNull(row.operator_id),
              operatorName: textOrNull(row.operator_name),
              action: String(row.action),
              subject: textOrNull(row.subject),
              details,
              prevHash: String(row.prev_hash),
            });
      if (recomputed !== String(row.hash)) return broken(seq, `entry ${seq} was changed after it was written`);
      if (String(row.prev_hash) !== prevHash) {
        return broken(seq, seq === 1 ? 'entry 1 does not start the log' : `entry ${seq} does not follow entry ${seq - 1}`);
      }
      prevHash = String(row.hash);
      expected = seq + 1;
    }
    const lastSeq = expected - 1;
    const head = this.readHead();
    if (!head) {
      if (lastSeq === 0) return { ok: true, entries };
      return broken(lastSeq + 1, `the record of the log's last entry is missing, so entries after entry ${lastSeq} may have been removed`);
    }
    if (head.seq > lastSeq) {
      const missing = head.seq === lastSeq + 1 ? `entry ${lastSeq + 1} is missing` : `entries ${lastSeq + 1} to ${head.seq} are missing`;
      return broken(lastSeq + 1, `${missing} (the log was last written at entry ${head.seq})`);
    }
    if (head.seq < lastSeq) return broken(head.seq + 1, `entry ${head.seq + 1} was not written by KYC Desk (the log was last written at entry ${head.seq})`);
    if (head.hash !== prevHash) return broken(lastSeq, `entry ${lastSeq} was changed after it was written`);
    return { ok: true, entries };
  }

  /**
   * The matching entries, oldest first (the order the chain reads), as CSV with a header row:
   * seq, time, operator, action, subject, details (JSON), hash. The caller checks `audit.view`
   * and records the export ('audit-export').
   *
   * Formula injection: a spreadsheet (Excel, LibreOffice) runs a cell that starts with = + - @
   * (or a tab / carriage return) as a formula — which can fetch URLs, run DDE commands or leak
   * other cells when an auditor opens the file. Operator names and subjects are typed by people,
   * so `escape_formulas` prefixes such cells with a single quote, which makes them plain text.
   * The cell then differs from the stored value by that leading quote; keep it in mind when
   * recomputing hashes from an export. A byte-order mark lets Excel read the UTF-8 (names in
   * Indian scripts) correctly; rows end in CRLF as RFC 4180 has it, and a cell holding a line
   * break of either kind is quoted (csv-stringify stops doing that by itself once a record
   * delimiter is set, hence `quote_record_delimiter`). Entries written before invisible characters
   * were escaped on the way in are escaped on the way out (escaping twice changes nothing).
   */
  exportCsv(filter: AuditFilter = {}): string {
    const { where, params } = this.whereClause(filter);
    const rows = this.store.all(`SELECT * FROM audit_log ${where} ORDER BY seq`, params).map(toEntry);
    return stringify(
      rows.map((entry) => [
        entry.seq,
        entry.at,
        entry.operatorId === null ? 'KYC Desk' : escapeInvisible(`${entry.operatorName ?? ''} (${entry.operatorId})`),
        entry.action,
        escapeInvisible(entry.subject ?? ''),
        entry.details === null ? '' : escapeInvisible(canonicalDetails(entry.details)),
        entry.hash,
      ]),
      { header: true, columns: ['seq', 'time', 'operator', 'action', 'subject', 'details', 'hash'], escape_formulas: true, record_delimiter: 'windows', quote_record_delimiter: true, bom: true },
    );
  }

  private whereClause(filter: AuditFilter): { where: string; params: string[] } {
    const clauses: string[] = [];
    const params: string[] = [];
    if (filter.action !== undefined) {
      clauses.push('action = ?');
      params.push(filter.action);
    }
    if (filter.operatorId !== undefined) {
      clauses.push('operator_id = ?');
      params.push(filter.operatorId);
    }
    if (filter.from !== undefined) {
      clauses.push('at >= ?');
      params.push(isoOrRefuse(filter.from, 'from'));
    }
    if (filter.to !== undefined) {
      clauses.push('at < ?');
      params.push(isoOrRefuse(filter.to, 'to'));
    }
    return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  private readHead(): { seq: number; hash: string } | undefined {
    // Missing or unreadable reads as missing, which `verify` reports.
    const head = this.settings.getJson(AUDIT_HEAD_KEY);
    if (typeof head !== 'object' || head === null) return undefined;
    const { seq, hash } = head as { seq?: unknown; hash?: unknown };
    return typeof seq === 'number' && Number.isInteger(seq) && typeof hash === 'string' ? { seq, hash } : undefined;
  }
}

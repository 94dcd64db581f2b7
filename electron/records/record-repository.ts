import type { RecordSummary } from '../../shared/contract';
import type { KycRecord } from '../../shared/record/kyc-record';
import { DEFAULT_RECORD_KIND, RECORD_KINDS, type RecordKindRegistry } from '../../shared/record-kinds';
import { AppFailure } from '../../shared/errors';
import { canMoveRecord, RECORD_STATES, type RecordState } from '../../shared/sync/states';
import type { Row, Store } from '../store/database';
import { jsonOrNull, textOrNull } from '../store/row';
import { BROAD_REFERENCE_MATCHES, RECORD_ORDER, recordFilterSql, type RecordFilter } from './record-query';
import { ALL_RECORDS, type RecordScope } from './record-scope';

/**
 * A record as stored. `record` is of its `kind` (shared/record-kinds/): a service that sends one
 * kind asks for records of that kind (inState's `kind`) and may then read `record` as that kind's
 * type; the default type is the CKYC individual's, the first kind.
 */
export interface StoredRecord<R = KycRecord> {
  id: string;
  reference: string;
  /** The record's kind ('ckyc-individual'). */
  kind: string;
  state: RecordState;
  record: R;
  batchId: string | null;
  message: string | null;
  createdBy: string | null;
  approvedBy: string | null;
  /** The 14-digit number the registry gave this customer, once it accepted the record. */
  ckycNumber: string | null;
  /** What the registry refused, by the form's field paths (records API 400), until the record is changed. */
  registryErrors: Record<string, string> | null;
}

function toSummary(row: Row): RecordSummary {
  return {
    id: String(row.id),
    reference: String(row.reference),
    kind: String(row.kind),
    name: String(row.name),
    panMasked: String(row.pan_masked),
    mobileMasked: String(row.mobile_masked),
    state: row.state as RecordState,
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    batchId: textOrNull(row.batch_id),
    message: textOrNull(row.message),
  };
}

function toStored(row: Row): StoredRecord {
  return {
    id: String(row.id),
    reference: String(row.reference),
    kind: String(row.kind),
    state: row.state as RecordState,
    // The store is authenticated and records enter it only through their kind's validation (schema
    // 5 rebuilt the older ones): what is there is a record of its kind.
    record: JSON.parse(String(row.data)) as KycRecord,
    batchId: textOrNull(row.batch_id),
    message: textOrNull(row.message),
    createdBy: textOrNull(row.created_by),
    approvedBy: textOrNull(row.approved_by),
    ckycNumber: textOrNull(row.ckyc_number),
    registryErrors: jsonOrNull<Record<string, string>>(row.registry_errors),
  };
}

/** SQL for records. Callers wrap writes in `store.write` so they are durable together. */
export class RecordRepository {
  constructor(
    private readonly store: Store,
    /** The kinds of record this PC knows: each gives the queue's columns of its records. */
    readonly kinds: RecordKindRegistry = RECORD_KINDS,
  ) {}

  /** `kind` absent: a CKYC individual. The record must already have passed its kind's validation. */
  /** `approvedBy`: only for a kind ready on its operator's say-so (RecordKind.approval 'on-request'). */
  insert(entry: { id: string; reference: string; kind?: string; state: RecordState; record: unknown; now: string; createdBy?: string; approvedBy?: string }): void {
    const kind = entry.kind ?? DEFAULT_RECORD_KIND;
    const { name, panMasked, mobileMasked } = this.kinds.get(kind).columns(entry.record);
    this.store.run(
      `INSERT INTO records (id, reference, kind, state, data, name, pan_masked, mobile_masked, created_at, updated_at, created_by, approved_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [entry.id, entry.reference, kind, entry.state, JSON.stringify(entry.record), name, panMasked, mobileMasked, entry.now, entry.now, entry.createdBy ?? null, entry.approvedBy ?? null],
    );
  }

  /** The maker changed the record (of the kind it already is): new content, and any earlier approval no longer stands. */
  replaceContent(id: string, record: unknown, now: string): void {
    const kind = this.store.get('SELECT kind FROM records WHERE id = ?', [id])?.kind;
    const { name, panMasked, mobileMasked } = this.kinds.get(String(kind ?? DEFAULT_RECORD_KIND)).columns(record);
    this.store.run(
      // Changed by its maker: the registry's complaints (and today's rules' refusal) were about the old content.
      `UPDATE records SET data = ?, name = ?, pan_masked = ?, mobile_masked = ?, approved_by = NULL, registry_errors = NULL, message = NULL, updated_at = ? WHERE id = ?`,
      [JSON.stringify(record), name, panMasked, mobileMasked, now, id],
    );
  }

  /**
   * Who captured the records this operator may read, by name: operators, including ones since
   * deactivated. A maker's list is at most themselves.
   */
  makers(scope: RecordScope): Array<{ id: string; name: string }> {
    const own = scope.kind === 'own';
    return this.store
      .all(
        `SELECT operators.id AS id, operators.name AS name FROM operators
         WHERE id IN (SELECT DISTINCT created_by FROM records${own ? ' WHERE created_by = ?' : ''}) ORDER BY operators.name, operators.id`,
        own ? [scope.operatorId] : [],
      )
      .map((row) => ({ id: String(row.id), name: String(row.name) }));
  }

  findSummary(id: string): RecordSummary | undefined {
    return this.findInFull(id, ALL_RECORDS)?.summary;
  }

  /** The record and what the queue shows of it, from one read of its row; undefined outside the scope. */
  findInFull(id: string, scope: RecordScope): { stored: StoredRecord; summary: RecordSummary } | undefined {
    const row =
      scope.kind === 'own'
        ? this.store.get('SELECT * FROM records WHERE id = ? AND created_by = ?', [id, scope.operatorId])
        : this.store.get('SELECT * FROM records WHERE id = ?', [id]);
    return row ? { stored: toStored(row), summary: toSummary(row) } : undefined;
  }

  referenceExists(reference: string): boolean {
    return this.store.get('SELECT 1 AS found FROM records WHERE reference = ?', [reference]) !== undefined;
  }

  find(id: string): StoredRecord | undefined {
    const row = this.store.get('SELECT * FROM records WHERE id = ?', [id]);
    return row ? toStored(row) : undefined;
  }

  /** One page of the queue within the scope, filtered and sorted in SQL: the renderer never holds more than a page. */
  list(options: RecordFilter & { page: number; pageSize: number }, scope: RecordScope): { items: RecordSummary[]; total: number } {
    const { where, params } = recordFilterSql(options, scope);
    const total = Number(this.store.get(`SELECT COUNT(*) AS n FROM records ${where}`, params)?.n ?? 0);
    const page = total > BROAD_REFERENCE_MATCHES ? recordFilterSql(options, scope, { broadReference: true }) : { where, params };
    const rows = this.store.all(
      `SELECT id, reference, kind, name, pan_masked, mobile_masked, state, created_at, updated_at, batch_id, message
       FROM records ${page.where} ${RECORD_ORDER} LIMIT ? OFFSET ?`,
      [...page.params, options.pageSize, (options.page - 1) * options.pageSize],
    );
    return { items: rows.map(toSummary), total };
  }

  /** How many records of each state the scope holds (the queue's chips, the ready badge). */
  countsByState(scope: RecordScope): Record<RecordState, number> {
    const counts = Object.fromEntries(RECORD_STATES.map((s) => [s, 0])) as Record<RecordState, number>;
    const rows =
      scope.kind === 'own'
        ? this.store.all('SELECT state, COUNT(*) AS n FROM records WHERE created_by = ? GROUP BY state', [scope.operatorId])
        : this.store.all('SELECT state, COUNT(*) AS n FROM records GROUP BY state');
    for (const row of rows) {
      counts[row.state as RecordState] = Number(row.n);
    }
    return counts;
  }

  /** Oldest first; only records of `kind` when it is given (a service sends the kinds it takes). */
  inState(state: RecordState, limit: number, kind?: string): StoredRecord[] {
    const rows =
      kind === undefined
        ? this.store.all('SELECT * FROM records WHERE state = ? ORDER BY created_at, id LIMIT ?', [state, limit])
        : this.store.all('SELECT * FROM records WHERE state = ? AND kind = ? ORDER BY created_at, id LIMIT ?', [state, kind, limit]);
    return rows.map(toStored);
  }

  /** Each record a batch carried, with that batch's outcome for it (even if it was sent again later). */
  batchOutcomes(batchId: string): Array<{ id: string; reference: string; name: string; state: RecordState; message: string | null; ckycNumber: string | null }> {
    return this.store
      .all(
        `SELECT b.record_id, b.reference, COALESCE(r.name, '') AS name, b.state, b.message, b.ckyc_number
         FROM batch_records b LEFT JOIN records r ON r.id = b.record_id WHERE b.batch_id = ? ORDER BY b.rowid`,
        [batchId],
      )
      .map((row) => ({
        id: String(row.record_id),
        reference: String(row.reference),
        name: String(row.name),
        state: row.state as RecordState,
        message: textOrNull(row.message),
        ckycNumber: textOrNull(row.ckyc_number),
      }));
  }

  inBatch(batchId: string): StoredRecord[] {
    return this.store.all('SELECT * FROM records WHERE batch_id = ? ORDER BY created_at, id', [batchId]).map(toStored);
  }

  /** Say something on a record without moving it (e.g. why it was left out of a batch). */
  setMessage(id: string, message: string, now: string): void {
    this.store.run('UPDATE records SET message = ?, updated_at = ? WHERE id = ?', [message, now, id]);
  }

  /**
   * Problems found on a record that stays where it is (record-recheck.ts): kept by the form's field
   * paths, beside the fields when its maker changes it, until then; the message too, when given.
   */
  noteProblems(id: string, change: { fields: Record<string, string>; message?: string; now: string }): void {
    this.store.run('UPDATE records SET registry_errors = ?, message = COALESCE(?, message), updated_at = ? WHERE id = ?', [
      JSON.stringify(change.fields),
      change.message ?? null,
      change.now,
      id,
    ]);
  }

  /**
   * A ready record today's rules refuse goes back to its maker: awaiting approval again, its
   * earlier approval no longer standing, with why and the problems by field.
   */
  returnForApproval(id: string, change: { fields: Record<string, string>; message: string; now: string }): void {
    this.move(id, 'awaiting_approval', { message: change.message, now: change.now });
    this.store.run('UPDATE records SET approved_by = NULL, registry_errors = ? WHERE id = ?', [JSON.stringify(change.fields), id]);
  }

  /** Move a record, refusing any step its state machine does not allow. */
  move(id: string, to: RecordState, change: { batchId?: string | null; message?: string | null; approvedBy?: string; ckycNumber?: string | null; registryErrors?: Record<string, string>; now: string }): void {
    const row = this.store.get('SELECT state FROM records WHERE id = ?', [id]);
    if (!row) throw new AppFailure('NOT_FOUND', 'That record no longer exists.');
    const from = row.state as RecordState;
    if (!canMoveRecord(from, to)) throw new AppFailure('CONFLICT', `A record cannot go from ${from} to ${to}.`);
    // Each batch keeps its own outcome for the record: joined when submitted, settled when it leaves.
    if (to === 'submitted' && change.batchId) {
      this.store.run(
        `INSERT INTO batch_records (batch_id, record_id, reference, state, message) SELECT ?, id, reference, 'submitted', NULL FROM records WHERE id = ?`,
        [change.batchId, id],
      );
    } else if (from === 'submitted') {
      this.store.run(
        `UPDATE batch_records SET state = ?, message = ?, ckyc_number = ? WHERE record_id = ? AND batch_id = (SELECT batch_id FROM records WHERE id = ?)`,
        [to, change.message ?? null, change.ckycNumber ?? null, id, id],
      );
    }
    // terminal_at starts the retention clock; it is cleared if a failed record is sent again.
    const terminalAt = to === 'succeeded' || to === 'failed' ? change.now : null;
    this.store.run(
      `UPDATE records SET state = ?, batch_id = COALESCE(?, batch_id), message = ?, updated_at = ?, terminal_at = ?,
              approved_by = COALESCE(?, approved_by), ckyc_number = COALESCE(?, ckyc_number),
              registry_errors = CASE WHEN ? = 'failed' THEN ? ELSE registry_errors END WHERE id = ?`,
      [to, change.batchId ?? null, change.message ?? null, change.now, terminalAt, change.approvedBy ?? null, change.ckycNumber ?? null, to, change.registryErrors ? JSON.stringify(change.registryErrors) : null, id],
    );
  }
}

import { updateRowFromRecord } from '../../shared/bulk-update/row-from-record';
import { UPDATE_COLUMNS, UPDATE_MAX_ROWS, type UpdateRow } from '../../shared/bulk-update/update-columns';
import { AppFailure } from '../../shared/errors';
import type { OperatorProfile } from '../../shared/operators/roles';
import { bulkUpdateSchema, BULK_CUSTOMER_UPDATE_KIND_ID, validateBulkUpdate, type BulkUpdate } from '../../shared/record-kinds/bulk-customer-update';
import { CKYC_INDIVIDUAL_KIND_ID } from '../../shared/record-kinds/ckyc-individual';
import type { KycRecord } from '../../shared/record/kyc-record';
import { parseUpdateFile, writeUpdateFile } from '../connectors/bulk-update/update-file';
import type { RecordRepository } from '../records/record-repository';
import type { RecordState } from '../../shared/sync/states';
import type { RecordScope } from '../records/record-scope';
import type { RecordService } from '../records/record-service';
import type { BatchRepository, BatchRow } from '../sync/batch-repository';
import type { Store } from '../store/database';
import type { AnsweredUpdate } from '../services/bulk-update';
import { createHash } from 'node:crypto';
import { mayHaveApplied, SendHistory } from './send-history';

/** One update as the Updates screen lists it. */
export interface BulkUpdateSummary {
  id: string;
  reference: string;
  state: RecordState;
  source: 'records' | 'file';
  fileName: string | null;
  customers: number;
  preparedBy: string | null;
  preparedAt: string;
  approvedBy: string | null;
  sentBy: string | null;
  sentAt: string | null;
  batchId: string | null;
  batchState: string | null;
  counts: AnsweredUpdate['counts'] | null;
  /** How many times its file went to the platform (more than one only after a lost answer). */
  sends: number;
  message: string | null;
  fileSha256: string | null;
}

export interface BulkUpdateRowView {
  customerReference: string;
  customerName: string;
  recordId: string | null;
  status: 'SUCCESS' | 'WARNING' | 'FAILED' | 'WAITING';
  reason: string;
}

export interface BulkUpdateDeskOptions {
  store: Store;
  records: RecordRepository;
  recordService: RecordService;
  batches: BatchRepository;
  operatorName: (id: string) => string | null;
}

/** The most row problems named in one refusal; the rest are counted. */
const PROBLEMS_SHOWN = 50;

/**
 * The bulk customer update's main side for the Updates screen (decision 0053): a maker prepares an
 * update from records that succeeded at CKYC or from a file they bring (saved only when every row
 * is clean), and anyone who may see records reads each update, its rows' ends matched back to
 * records, and its file. Sending is the sync engine's bulk-update service.
 */
export class BulkUpdateDesk {
  constructor(private readonly options: BulkUpdateDeskOptions) {}

  /** Records that succeeded at CKYC since the newest update was prepared (all of them before the first), newest first, within the scope. */
  candidates(scope: RecordScope): { recordIds: string[]; since: string | null } {
    const { store } = this.options;
    const since = store.get('SELECT MAX(created_at) AS at FROM records WHERE kind = ?', [BULK_CUSTOMER_UPDATE_KIND_ID])?.at;
    const own = scope.kind === 'own';
    const rows = store.all(
      `SELECT id FROM records WHERE kind = ? AND state = 'succeeded'${since ? ' AND updated_at > ?' : ''}${own ? ' AND created_by = ?' : ''} ORDER BY updated_at DESC LIMIT ?`,
      [CKYC_INDIVIDUAL_KIND_ID, ...(since ? [String(since)] : []), ...(own ? [scope.operatorId] : []), UPDATE_MAX_ROWS],
    );
    return { recordIds: rows.map((row) => String(row.id)), since: since ? String(since) : null };
  }

  /**
   * An update of the chosen records, each row made from the stored record and where it stands at
   * CKYC. A customer is known to the platform by the reference of their first record here (see
   * `platformReferenceOf`); two chosen records of one customer give one row, from the newer.
   */
  prepareFromRecords(recordIds: readonly string[], operator: OperatorProfile, scope: RecordScope, alsoInTransaction: (reference: string) => void) {
    const byCustomer = new Map<string, { id: string; row: UpdateRow; updatedAt: string }>();
    const problems: string[] = [];
    for (const id of new Set(recordIds)) {
      const found = this.options.records.findInFull(id, scope);
      if (!found || found.stored.kind !== CKYC_INDIVIDUAL_KIND_ID) {
        problems.push(`Record ${id} is not a CKYC individual you may see.`);
        continue;
      }
      const { stored, summary } = found;
      if (stored.state !== 'succeeded') {
        problems.push(`${stored.reference} has not succeeded at CKYC yet (${stored.state.replace(/_/g, ' ')}); only customers the registry accepted are updated.`);
        continue;
      }
      const standing = stored.ckycNumber ? { status: 'VERIFIED' as const, ckycNumber: stored.ckycNumber, kycDate: indiaDate(summary.updatedAt) } : { status: 'PENDING' as const, ckycNumber: '', kycDate: '' };
      const row = updateRowFromRecord(stored.record as KycRecord, this.platformReferenceOf(stored.reference, stored.ckycNumber), standing);
      const earlier = byCustomer.get(row.customer_reference);
      if (!earlier || earlier.updatedAt < summary.updatedAt) byCustomer.set(row.customer_reference, { id, row, updatedAt: summary.updatedAt });
    }
    if (problems.length > 0) throw new AppFailure('VALIDATION_FAILED', `${problems.slice(0, PROBLEMS_SHOWN).join(' ')} Nothing was saved.`);
    const chosen = [...byCustomer.values()];
    return this.save({ rows: chosen.map((entry) => entry.row), recordIds: chosen.map((entry) => entry.id), source: 'records' }, operator, alsoInTransaction);
  }

  /**
   * The reference the platform knows a customer by: that of the first CKYC record here the
   * registry gave their CKYC number, so a correction (an Update application of the same customer,
   * a record of its own with a reference of its own) reaches the same customer on the platform
   * (decision 0057). A record without a CKYC number is known by its own reference.
   */
  private platformReferenceOf(reference: string, ckycNumber: string | null): string {
    if (!ckycNumber) return reference;
    const first = this.options.store.get(`SELECT reference FROM records WHERE kind = ? AND ckyc_number = ? AND state = 'succeeded' ORDER BY created_at, id LIMIT 1`, [CKYC_INDIVIDUAL_KIND_ID, ckycNumber]);
    return first ? String(first.reference) : reference;
  }

  /** An update from a file the operator brought: refused whole, every problem named by row and column, unless every row is clean. */
  prepareFromFile(fileName: string, bytes: Uint8Array, operator: OperatorProfile, alsoInTransaction: (reference: string) => void) {
    const parsed = parseUpdateFile(bytes);
    if (!parsed.ok) throw new AppFailure('VALIDATION_FAILED', `${parsed.problem} Nothing was saved.`);
    // A reference of a record in this store leads a failed row back to it.
    const recordIds = parsed.rows.map((row) => String(this.options.store.get('SELECT id FROM records WHERE reference = ?', [row.customer_reference])?.id ?? ''));
    return this.save({ rows: parsed.rows, recordIds, source: 'file', fileName: fileName.slice(0, 200) }, operator, alsoInTransaction);
  }

  private save(update: BulkUpdate, operator: OperatorProfile, alsoInTransaction: (reference: string) => void) {
    const check = validateBulkUpdate(update);
    if (!check.ok) {
      const fields = check.errors;
      const named = Object.entries(fields).map(([path, problem]) => `${labelOf(path)}: ${problem}`);
      const more = named.length > PROBLEMS_SHOWN ? ` … and ${named.length - PROBLEMS_SHOWN} more.` : '';
      throw new AppFailure('VALIDATION_FAILED', `${named.length === 1 ? 'One problem' : `${named.length} problems`} to fix before this update can be kept: ${named.slice(0, PROBLEMS_SHOWN).join(' ')}${more} Nothing was saved.`, Object.fromEntries(Object.entries(fields).slice(0, 500)));
    }
    const saved = this.options.recordService.save({ kind: BULK_CUSTOMER_UPDATE_KIND_ID, record: check.value } as Parameters<RecordService['save']>[0], operator, (reference) => alsoInTransaction(reference));
    return this.summaryOf(saved.id)!;
  }

  list(scope: RecordScope): BulkUpdateSummary[] {
    const own = scope.kind === 'own';
    const ids = this.options.store.all(`SELECT id FROM records WHERE kind = ?${own ? ' AND created_by = ?' : ''} ORDER BY created_at DESC LIMIT 500`, own ? [BULK_CUSTOMER_UPDATE_KIND_ID, scope.operatorId] : [BULK_CUSTOMER_UPDATE_KIND_ID]);
    return ids.map((row) => this.summaryOf(String(row.id))!).filter((summary) => summary !== undefined);
  }

  /** One update and each of its rows' end, matched to records by customer reference. */
  detail(id: string, scope: RecordScope): { update: BulkUpdateSummary; rows: BulkUpdateRowView[] } {
    const { update, batch } = this.found(id, scope);
    const answered = answeredOf(batch);
    const ends = new Map((answered?.rows ?? []).map((row) => [row.customerReference, row]));
    // A row the kept answer does not name succeeded — unless a result file could not be read or not every row could be kept: then it is not known.
    const unsure = answered !== null && (answered.resultProblems.length > 0 || answered.rowsLeftOut > 0);
    const rows = update.rows.map((row, index): BulkUpdateRowView => {
      const end = ends.get(row.customer_reference);
      const status = end ? end.status : answered && !unsure ? 'SUCCESS' : 'WAITING';
      const reason = end?.reason ?? (unsure ? 'Not known here: the platform’s result file could not be read or was too long to keep; see the counts.' : '');
      return { customerReference: row.customer_reference, customerName: row.customer_name, recordId: update.recordIds[index] || null, status, reason };
    });
    return { update: this.summaryOf(id)!, rows };
  }

  /** The update's file, the very bytes sent: made from its rows, checked against the SHA-256 noted when it was first sealed. */
  file(id: string, scope: RecordScope): { fileName: string; text: string; sha256: string; reference: string; customers: number } {
    const { update, batch, stored } = this.found(id, scope);
    const bytes = writeUpdateFile(update.rows);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (batch?.fileSha256 && batch.fileSha256 !== sha256) throw new AppFailure('CONFLICT', 'This update’s file no longer matches the one sent (its SHA-256 differs). Nothing was downloaded.');
    return { fileName: `${batch?.batchFileName ?? stored.reference}.csv`, text: bytes.toString('utf8'), sha256, reference: stored.reference, customers: update.rows.length };
  }

  /** The updates a record was part of, newest first, with that record's own end in each. */
  forRecord(recordId: string, scope: RecordScope): Array<{ update: BulkUpdateSummary; status: BulkUpdateRowView['status']; reason: string }> {
    const ids = this.options.store.all('SELECT id FROM records WHERE kind = ? AND instr(data, ?) > 0 ORDER BY created_at DESC LIMIT 50', [BULK_CUSTOMER_UPDATE_KIND_ID, JSON.stringify(recordId)]);
    return ids.flatMap((row) => {
      const { update, rows } = this.detail(String(row.id), scope);
      const mine = rows.find((entry) => entry.recordId === recordId);
      return mine ? [{ update, status: mine.status, reason: mine.reason }] : [];
    });
  }

  private found(id: string, scope: RecordScope) {
    const found = this.options.records.findInFull(id, scope);
    if (!found || found.stored.kind !== BULK_CUSTOMER_UPDATE_KIND_ID) throw new AppFailure('NOT_FOUND', 'This bulk update is not one you may see.');
    const update = bulkUpdateSchema.parse(found.stored.record);
    const batch = found.stored.batchId ? (this.options.batches.find(found.stored.batchId) ?? null) : null;
    return { stored: found.stored, update, batch };
  }

  private summaryOf(id: string): BulkUpdateSummary | undefined {
    const { records, store, batches, operatorName } = this.options;
    const stored = records.find(id);
    const row = store.get('SELECT created_at, created_by, approved_by FROM records WHERE id = ?', [id]);
    if (!stored || !row) return undefined;
    const update = bulkUpdateSchema.parse(stored.record);
    const batch = stored.batchId ? (batches.find(stored.batchId) ?? null) : null;
    const answered = answeredOf(batch);
    const name = (value: unknown) => (typeof value === 'string' ? operatorName(value) : null);
    return {
      id,
      reference: stored.reference,
      state: stored.state,
      source: update.source,
      fileName: update.fileName ?? null,
      customers: update.rows.length,
      preparedBy: name(row.created_by),
      preparedAt: String(row.created_at),
      approvedBy: name(row.approved_by),
      sentBy: batch ? verifierName(batch) : null,
      sentAt: batch?.createdAt ?? null,
      batchId: batch?.id ?? null,
      batchState: batch?.state ?? null,
      counts: answered?.counts ?? null,
      sends: batch ? new SendHistory(store).of(batch.id).filter(mayHaveApplied).length : 0,
      message: stored.message,
      fileSha256: batch?.fileSha256 ?? null,
    };
  }
}

function answeredOf(batch: BatchRow | null): AnsweredUpdate | null {
  if (!batch?.lastAnswer) return null;
  try {
    const answer = JSON.parse(batch.lastAnswer) as Partial<AnsweredUpdate>;
    return answer.outcome === 'answered' ? (answer as AnsweredUpdate) : null;
  } catch {
    return null; // cut at the engine's bound: the counts are on the record's message
  }
}

function verifierName(batch: BatchRow): string | null {
  try {
    const verifier = JSON.parse(batch.verifier ?? 'null') as { name?: unknown } | null;
    return typeof verifier?.name === 'string' ? verifier.name : null;
  } catch {
    return null;
  }
}

/** The day in India (the registry's day) of an instant, as YYYY-MM-DD. */
function indiaDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-CA', { timeZone: 'Asia/Kolkata' });
}

const COLUMN_LABELS = new Map<string, string>(UPDATE_COLUMNS.map((column) => [column.name, column.label]));

/** 'rows.3.pan' → 'Row 4, PAN' (the file's row after its header). */
function labelOf(path: string): string {
  const [, row, column] = path.split('.');
  if (row === undefined) return 'The update';
  return `Row ${Number(row) + 1}${column ? `, ${COLUMN_LABELS.get(column) ?? column}` : ''}`;
}

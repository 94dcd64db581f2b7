import type { BatchSummary } from '../../shared/contract';
import { AppFailure } from '../../shared/errors';
import { canMoveBatch, type BatchState } from '../../shared/sync/states';
import type { Row, Store } from '../store/database';
import { numberOrNull, textOrNull } from '../store/row';

export interface BatchRow {
  id: string;
  batchFileName: string;
  /** The submission service that carries the batch (for CKYC, the route: shared/sync/routes.ts). */
  route: string;
  /** The service's own word for the batch (CKYC: upload or update). */
  kind: string;
  state: BatchState;
  clientId: string | null;
  remoteState: string | null;
  recordCount: number;
  attempts: number;
  lastError: string | null;
  nextPollAt: string | null;
  /** The batch ZIP (bulk routes): its size and SHA-256 once built, and bytes the server acknowledged. */
  fileBytes: number | null;
  fileSha256: string | null;
  sentBytes: number | null;
  /** What the SFTP response folder held for this batch (JSON list of ResponseFileRecord). */
  responseFiles: string | null;
  /** Who authorised the submission (seed 000's data.verifier), as JSON: the ZIP is rebuilt from it. */
  verifier: string | null;
  /** The other side's last answer as it came (capped), kept for an admin when the batch needs attention. */
  lastAnswer: string | null;
  createdAt: string;
  updatedAt: string;
}

function toBatch(row: Row): BatchRow {
  return {
    id: String(row.id),
    batchFileName: String(row.batch_file_name),
    route: String(row.route),
    kind: String(row.kind),
    state: row.state as BatchState,
    clientId: textOrNull(row.client_id),
    remoteState: textOrNull(row.remote_state),
    recordCount: Number(row.record_count),
    attempts: Number(row.attempts),
    lastError: textOrNull(row.last_error),
    nextPollAt: textOrNull(row.next_poll_at),
    fileBytes: numberOrNull(row.file_bytes),
    fileSha256: textOrNull(row.file_sha256),
    sentBytes: numberOrNull(row.sent_bytes),
    responseFiles: textOrNull(row.response_files),
    verifier: textOrNull(row.verifier),
    lastAnswer: textOrNull(row.last_answer),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

export type BatchPatch = Partial<Pick<BatchRow, 'clientId' | 'remoteState' | 'lastError' | 'nextPollAt' | 'attempts' | 'fileBytes' | 'fileSha256' | 'sentBytes' | 'responseFiles' | 'lastAnswer'>>;

export class BatchRepository {
  constructor(private readonly store: Store) {}

  insert(batch: Pick<BatchRow, 'id' | 'batchFileName' | 'route' | 'kind' | 'state' | 'recordCount'> & { verifier?: string; now: string }): void {
    this.store.run(
      `INSERT INTO batches (id, batch_file_name, route, kind, state, record_count, verifier, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [batch.id, batch.batchFileName, batch.route, batch.kind, batch.state, batch.recordCount, batch.verifier ?? null, batch.now, batch.now],
    );
  }

  /** Facts learnt about a batch that do not move it (its ZIP's size and hash, bytes acknowledged). */
  note(id: string, patch: Pick<BatchPatch, 'fileBytes' | 'fileSha256' | 'sentBytes' | 'responseFiles'>, now: string): void {
    const current = this.find(id);
    if (!current) throw new AppFailure('NOT_FOUND', 'That batch no longer exists.');
    const next = { ...current, ...patch };
    this.store.run('UPDATE batches SET file_bytes = ?, file_sha256 = ?, sent_bytes = ?, response_files = ?, updated_at = ? WHERE id = ?', [
      next.fileBytes,
      next.fileSha256,
      next.sentBytes,
      next.responseFiles,
      now,
      id,
    ]);
  }

  find(id: string): BatchRow | undefined {
    const row = this.store.get('SELECT * FROM batches WHERE id = ?', [id]);
    return row ? toBatch(row) : undefined;
  }

  /** Batches not yet at an end. */
  activeCount(): number {
    return Number(this.store.get("SELECT COUNT(*) AS n FROM batches WHERE state IN ('sending', 'uploading', 'polling', 'needs_reconciliation', 'needs_attention')")?.n ?? 0);
  }

  inStates(states: readonly BatchState[]): BatchRow[] {
    const marks = states.map(() => '?').join(', ');
    return this.store.all(`SELECT * FROM batches WHERE state IN (${marks}) ORDER BY created_at`, [...states]).map(toBatch);
  }

  /** Move a batch along its state machine; polling → polling records one more poll. */
  move(id: string, to: BatchState, patch: BatchPatch, now: string): BatchRow {
    const current = this.find(id);
    if (!current) throw new AppFailure('NOT_FOUND', 'That batch no longer exists.');
    if (!canMoveBatch(current.state, to)) throw new AppFailure('CONFLICT', `A batch cannot go from ${current.state} to ${to}.`);
    const next: BatchRow = { ...current, ...patch, state: to, updatedAt: now };
    this.store.run(
      `UPDATE batches SET state = ?, client_id = ?, remote_state = ?, last_error = ?, next_poll_at = ?, attempts = ?,
              file_bytes = ?, file_sha256 = ?, sent_bytes = ?, response_files = ?, last_answer = ?, updated_at = ?
       WHERE id = ?`,
      [next.state, next.clientId, next.remoteState, next.lastError, next.nextPollAt, next.attempts, next.fileBytes, next.fileSha256, next.sentBytes, next.responseFiles, next.lastAnswer, now, id],
    );
    return next;
  }

  list(options: { page: number; pageSize: number }, liveSentBytes: (id: string) => number | undefined = () => undefined): { items: BatchSummary[]; total: number } {
    const total = Number(this.store.get('SELECT COUNT(*) AS n FROM batches')?.n ?? 0);
    const rows = this.store
      .all('SELECT * FROM batches ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?', [options.pageSize, (options.page - 1) * options.pageSize])
      .map(toBatch);
    return { items: rows.map((row) => this.summarise(row, liveSentBytes(row.id))), total };
  }

  /** `liveSentBytes`: the engine's count while an upload is under way (not written per chunk). */
  summarise(row: BatchRow, liveSentBytes?: number): BatchSummary {
    const recordCounts: Record<string, number> = {};
    // The batch's own outcome for each record it carried (batch_records), not where the record is now.
    for (const count of this.store.all('SELECT state, COUNT(*) AS n FROM batch_records WHERE batch_id = ? GROUP BY state', [row.id])) {
      recordCounts[String(count.state)] = Number(count.n);
    }
    return {
      id: row.id,
      batchFileName: row.batchFileName,
      // Only CKYC's services make batches today, so these are its route and kind; the summary's
      // types widen when another service's batches are listed.
      route: row.route as BatchSummary['route'],
      kind: row.kind as BatchSummary['kind'],
      state: row.state,
      clientId: row.clientId,
      recordCount: row.recordCount,
      recordCounts,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      nextPollAt: row.nextPollAt,
      lastError: row.lastError,
      remoteState: row.remoteState,
      attempts: row.attempts,
      fileBytes: row.fileBytes,
      sentBytes: liveSentBytes ?? row.sentBytes,
    };
  }
}

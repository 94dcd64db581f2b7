import type { BatchSummary } from '../../shared/contract';
import { AppFailure } from '../../shared/errors';
import { canMoveBatch, type BatchState } from '../../shared/sync/states';
import type { Row, Store } from '../store/database';

export interface BatchRow {
  id: string;
  batchFileName: string;
  route: 'bulk-api';
  kind: 'upload' | 'update';
  state: BatchState;
  clientId: string | null;
  remoteState: string | null;
  recordCount: number;
  attempts: number;
  lastError: string | null;
  nextPollAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

function toBatch(row: Row): BatchRow {
  return {
    id: String(row.id),
    batchFileName: String(row.batch_file_name),
    route: row.route as BatchRow['route'],
    kind: row.kind as BatchRow['kind'],
    state: row.state as BatchState,
    clientId: str(row.client_id),
    remoteState: str(row.remote_state),
    recordCount: Number(row.record_count),
    attempts: Number(row.attempts),
    lastError: str(row.last_error),
    nextPollAt: str(row.next_poll_at),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

export type BatchPatch = Partial<Pick<BatchRow, 'clientId' | 'remoteState' | 'lastError' | 'nextPollAt' | 'attempts'>>;

export class BatchRepository {
  constructor(private readonly store: Store) {}

  insert(batch: Pick<BatchRow, 'id' | 'batchFileName' | 'route' | 'kind' | 'state' | 'recordCount'> & { now: string }): void {
    this.store.run(
      `INSERT INTO batches (id, batch_file_name, route, kind, state, record_count, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [batch.id, batch.batchFileName, batch.route, batch.kind, batch.state, batch.recordCount, batch.now, batch.now],
    );
  }

  find(id: string): BatchRow | undefined {
    const row = this.store.get('SELECT * FROM batches WHERE id = ?', [id]);
    return row ? toBatch(row) : undefined;
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
      `UPDATE batches SET state = ?, client_id = ?, remote_state = ?, last_error = ?, next_poll_at = ?, attempts = ?, updated_at = ?
       WHERE id = ?`,
      [next.state, next.clientId, next.remoteState, next.lastError, next.nextPollAt, next.attempts, now, id],
    );
    return next;
  }

  list(options: { page: number; pageSize: number }): { items: BatchSummary[]; total: number } {
    const total = Number(this.store.get('SELECT COUNT(*) AS n FROM batches')?.n ?? 0);
    const rows = this.store
      .all('SELECT * FROM batches ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?', [options.pageSize, (options.page - 1) * options.pageSize])
      .map(toBatch);
    return { items: rows.map((row) => this.summarise(row)), total };
  }

  summarise(row: BatchRow): BatchSummary {
    const recordCounts: Record<string, number> = {};
    for (const count of this.store.all('SELECT state, COUNT(*) AS n FROM records WHERE batch_id = ? GROUP BY state', [row.id])) {
      recordCounts[String(count.state)] = Number(count.n);
    }
    return {
      id: row.id,
      batchFileName: row.batchFileName,
      route: row.route,
      kind: row.kind,
      state: row.state,
      clientId: row.clientId,
      recordCount: row.recordCount,
      recordCounts,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      nextPollAt: row.nextPollAt,
      lastError: row.lastError,
      remoteState: row.remoteState,
    };
  }
}

import type { FetchPersonState } from '../../shared/contract/fetch';
import { DocumentRepository } from '../documents/document-repository';
import type { KycRecord } from '../../shared/record/kyc-record';
import type { Store } from '../store/database';
import { jsonOrNull, textOrNull } from '../store/row';

/** One person's answer from the registry, as kept (schema 12, fetched_people). */
export interface FetchedPersonRow {
  requestId: string;
  /** The person's place in the request (0-based), as the request lists them. */
  position: number;
  ckycNumber: string;
  state: Exclude<FetchPersonState, 'waiting'>;
  registryState: string | null;
  error: string | null;
  /** The canonical record and the fields as the registry sent them (Aadhaar cut); null when not fetched. */
  data: { record: KycRecord; raw: Record<string, unknown> } | null;
  photoHash: string | null;
  fetchedAt: string | null;
}

/**
 * The people CKYC downloads brought back, by request and place. Keeping the same answer twice
 * rewrites the row (the key is the request and the place), so a status read again after a crash
 * never stores a person twice. Rows go with their request when retention purges it.
 */
export class FetchedPeople {
  constructor(private readonly store: Store) {}

  /** Only inside `store.write`. */
  keep(row: FetchedPersonRow, now: string): void {
    this.store.run(
      `INSERT INTO fetched_people (request_id, position, ckyc_number, state, registry_state, error, data, photo_hash, fetched_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(request_id, position) DO UPDATE SET ckyc_number = excluded.ckyc_number, state = excluded.state,
         registry_state = excluded.registry_state, error = excluded.error, data = excluded.data,
         photo_hash = COALESCE(excluded.photo_hash, photo_hash), fetched_at = COALESCE(fetched_at, excluded.fetched_at), updated_at = excluded.updated_at`,
      [row.requestId, row.position, row.ckycNumber, row.state, row.registryState, row.error, row.data === null ? null : JSON.stringify(row.data), row.photoHash, row.fetchedAt, now],
    );
  }

  /**
   * Only inside `store.write`: the photograph's document row, owned by the request so the purge
   * takes it with the request. A photograph already kept (the same bytes) keeps its first owner.
   */
  notePhotograph(requestId: string, photo: { hash: string; kind: string; mime: string; bytes: number }, now: string): void {
    new DocumentRepository(this.store).putFetchedPhotograph(requestId, photo, now);
  }

  forRequest(requestId: string): FetchedPersonRow[] {
    return this.store.all('SELECT * FROM fetched_people WHERE request_id = ? ORDER BY position', [requestId]).map((row) => ({
      requestId: String(row.request_id),
      position: Number(row.position),
      ckycNumber: String(row.ckyc_number),
      state: String(row.state) as FetchedPersonRow['state'],
      registryState: textOrNull(row.registry_state),
      error: textOrNull(row.error),
      data: jsonOrNull<FetchedPersonRow['data'] & object>(row.data),
      photoHash: textOrNull(row.photo_hash),
      fetchedAt: textOrNull(row.fetched_at),
    }));
  }

  /** Fetched and failed people of each request named. */
  counts(requestIds: readonly string[]): Map<string, { fetched: number; failed: number }> {
    const counts = new Map<string, { fetched: number; failed: number }>();
    if (requestIds.length === 0) return counts;
    const rows = this.store.all(
      `SELECT request_id, SUM(state = 'fetched') AS fetched, SUM(state = 'failed') AS failed FROM fetched_people WHERE request_id IN (${requestIds.map(() => '?').join(',')}) GROUP BY request_id`,
      [...requestIds],
    );
    for (const row of rows) counts.set(String(row.request_id), { fetched: Number(row.fetched ?? 0), failed: Number(row.failed ?? 0) });
    return counts;
  }
}

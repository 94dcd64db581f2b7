import type { SqlValue } from 'sql.js';
import type { Store } from '../store/database';
import { textOrNull } from '../store/row';

/** What the `documents` table knows of one stored image or PDF (its bytes are in the document store). */
export interface DocumentRow {
  mime: string;
  bytes: number;
  masked: boolean;
  /** The code it was handed in under (CKYC's image code, or the in-person video's). */
  imageCode: string;
  /** The record it is attached to; null while it is on no saved record (a draft's, or abandoned). */
  recordId: string | null;
}

export interface NewDocument {
  hash: string;
  kind: string;
  imageCode: string;
  mime: string;
  bytes: number;
  masked: boolean;
  createdAt: string;
  putBy: string | null;
}

/**
 * The one owner of the `documents` table's SQL. Writes run inside the caller's `store.write`, so a
 * document's row changes in the same transaction as the record, purge or clean-up it belongs to.
 */
export class DocumentRepository {
  constructor(private readonly store: Store) {}

  find(hash: string): DocumentRow | undefined {
    const row = this.store.get('SELECT mime, bytes, masked, image_code, record_id FROM documents WHERE hash = ?', [hash]);
    if (!row) return undefined;
    return { mime: String(row.mime), bytes: Number(row.bytes), masked: Number(row.masked) === 1, imageCode: String(row.image_code), recordId: textOrNull(row.record_id) };
  }

  /**
   * A photograph fetched from the registry, owned by the fetch request that brought it (so the
   * retention purge takes it with the request). A document already kept (the same bytes) keeps
   * its first owner.
   */
  putFetchedPhotograph(ownerId: string, photo: { hash: string; kind: string; mime: string; bytes: number }, now: string): void {
    this.store.run(
      `INSERT INTO documents (hash, record_id, kind, image_code, mime, bytes, masked, created_at) VALUES (?, ?, ?, '02', ?, ?, 0, ?) ON CONFLICT(hash) DO NOTHING`,
      [photo.hash, ownerId, photo.kind, photo.mime, photo.bytes, now],
    );
  }

  exists(hash: string): boolean {
    return this.store.get('SELECT 1 AS used FROM documents WHERE hash = ?', [hash]) !== undefined;
  }

  /** Every hash a row refers to: the files on disk that must stay. */
  hashes(): Set<string> {
    return new Set(this.store.all('SELECT hash FROM documents').map((row) => String(row.hash)));
  }

  /** The mime type of a document anyone may read; undefined when there is no such document. */
  mimeOf(hash: string): string | undefined {
    const row = this.store.get('SELECT mime FROM documents WHERE hash = ?', [hash]);
    return row ? String(row.mime) : undefined;
  }

  /**
   * The mime type of a document this maker may read: one on a record they captured, or one on no
   * record yet that they put there themselves or that their own draft refers to. A draft of any
   * record kind names its images by `documentHash`, wherever its kind keeps them.
   */
  mimeReadableBy(hash: string, operatorId: string): string | undefined {
    const row = this.store.get(
      `SELECT d.mime FROM documents d
       WHERE d.hash = ? AND CASE
         WHEN d.record_id IS NOT NULL THEN EXISTS (SELECT 1 FROM records r WHERE r.id = d.record_id AND r.created_by = ?)
         ELSE d.put_by = ? OR EXISTS (
           SELECT 1 FROM drafts, json_tree(drafts.data, '$.record') AS node
           WHERE drafts.operator_id = ? AND node.key = 'documentHash' AND node.atom = d.hash)
       END`,
      [hash, operatorId, operatorId, operatorId],
    );
    return row ? String(row.mime) : undefined;
  }

  /**
   * Only inside `store.write`. The same bytes handed in again, by anyone, before they are on a
   * record: the last one to hand them in may read them back (they hold them anyway).
   */
  put(document: NewDocument): void {
    this.store.run(
      `INSERT INTO documents (hash, record_id, kind, image_code, mime, bytes, masked, created_at, put_by) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(hash) DO UPDATE SET masked = MAX(masked, excluded.masked),
         put_by = CASE WHEN record_id IS NULL THEN COALESCE(excluded.put_by, put_by) ELSE put_by END`,
      [document.hash, document.kind, document.imageCode, document.mime, document.bytes, document.masked ? 1 : 0, document.createdAt, document.putBy],
    );
  }

  /** Only inside `store.write`: the record's documents point at it, and those it no longer uses are let go. */
  linkToRecord(recordId: string, hashes: readonly string[]): void {
    const placeholders = hashes.map(() => '?').join(', ');
    this.store.run(`DELETE FROM documents WHERE record_id = ?${hashes.length > 0 ? ` AND hash NOT IN (${placeholders})` : ''}`, [recordId, ...hashes]);
    if (hashes.length > 0) this.store.run(`UPDATE documents SET record_id = ? WHERE hash IN (${placeholders})`, [recordId, ...hashes]);
  }

  /** Hashes of documents on no record, stored before `cutoff` (ISO time). */
  unattachedBefore(cutoff: string): string[] {
    return this.store.all('SELECT hash FROM documents WHERE record_id IS NULL AND created_at < ?', [cutoff]).map((row) => String(row.hash));
  }

  /** Only inside `store.write`. Forgets the document only while it is still on no record. */
  removeUnattached(hash: string): void {
    this.store.run('DELETE FROM documents WHERE hash = ? AND record_id IS NULL', [hash]);
  }

  /** Hashes of the documents on the records `recordsWhere` selects (a condition on `records`, with its parameters). */
  hashesOfRecords(recordsWhere: string, params: SqlValue[]): string[] {
    return this.store.all(`SELECT hash FROM documents WHERE record_id IN (SELECT id FROM records WHERE ${recordsWhere})`, params).map((row) => String(row.hash));
  }

  /** Only inside `store.write`. Returns how many rows went. */
  removeOfRecords(recordsWhere: string, params: SqlValue[]): number {
    return this.store.run(`DELETE FROM documents WHERE record_id IN (SELECT id FROM records WHERE ${recordsWhere})`, params);
  }
}

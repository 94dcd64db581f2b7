import type { RecordScope } from '../records/record-scope';
import type { Store } from '../store/database';

/**
 * The one place that decides whether an operator may read a stored image, in one query. Checkers
 * and admins read any stored image. A maker reads the images of the records
 * they captured, and an image on no record yet only if they put it there themselves or their own
 * draft refers to it (a draft saved before schema 8 knew who put an image).
 */
export function readableDocument(store: Store, hash: string, scope: RecordScope): { mime: string } | undefined {
  if (scope.kind === 'all') {
    const row = store.get('SELECT mime FROM documents WHERE hash = ?', [hash]);
    return row ? { mime: String(row.mime) } : undefined;
  }
  const me = scope.operatorId;
  const row = store.get(
    `SELECT d.mime FROM documents d
     WHERE d.hash = ? AND CASE
       WHEN d.record_id IS NOT NULL THEN EXISTS (SELECT 1 FROM records r WHERE r.id = d.record_id AND r.created_by = ?)
       ELSE d.put_by = ? OR EXISTS (
         SELECT 1 FROM drafts, json_each(drafts.data, '$.record.images') AS image
         WHERE drafts.operator_id = ? AND json_extract(image.value, '$.documentHash') = d.hash)
     END`,
    [hash, me, me, me],
  );
  return row ? { mime: String(row.mime) } : undefined;
}

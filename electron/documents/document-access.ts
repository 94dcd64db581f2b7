import type { RecordScope } from '../records/record-scope';
import type { Store } from '../store/database';
import { DocumentRepository } from './document-repository';

/**
 * The one place that decides whether an operator may read a stored image, in one query. Checkers
 * and admins read any stored image. A maker reads the images of the records
 * they captured, and an image on no record yet only if they put it there themselves or their own
 * draft refers to it (a draft saved before schema 8 knew who put an image).
 */
export function readableDocument(store: Store, hash: string, scope: RecordScope): { mime: string } | undefined {
  const documents = new DocumentRepository(store);
  const mime = scope.kind === 'all' ? documents.mimeOf(hash) : documents.mimeReadableBy(hash, scope.operatorId);
  return mime === undefined ? undefined : { mime };
}

import type { Store } from '../store/database';
import { DocumentRepository } from './document-repository';

/** An image attached to no record and no draft for this long was abandoned at the counter. */
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Forget documents that no saved record and no draft refers to, a day after they were stored: the
 * operator attached them and then started afresh or closed the form. Their files become orphans,
 * which the document store removes. Returns how many were forgotten.
 */
export function removeAbandonedDocuments(store: Store, referencedByDrafts: ReadonlySet<string>, now: Date): number {
  const cutoff = new Date(now.getTime() - ABANDONED_AFTER_MS).toISOString();
  const documents = new DocumentRepository(store);
  const abandoned = documents.unattachedBefore(cutoff).filter((hash) => !referencedByDrafts.has(hash));
  if (abandoned.length === 0) return 0;
  store.write(() => {
    for (const hash of abandoned) documents.removeUnattached(hash);
  });
  return abandoned.length;
}

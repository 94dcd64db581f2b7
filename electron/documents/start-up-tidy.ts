import type { Logger } from '../logging/logger';
import type { Store } from '../store/database';
import { removeAbandonedDocuments } from './abandoned-documents';
import { DocumentRepository } from './document-repository';
import type { DocumentStore } from './document-store';

export interface StartUpTidyOptions {
  store: Store;
  documents: DocumentStore;
  /** Documents a draft still holds: attached to no record yet, but not abandoned. */
  referencedByDrafts: ReadonlySet<string>;
  logger: Logger;
  now: Date;
}

/**
 * Run once at start, before anything else touches documents: forget images abandoned at the counter
 * (abandoned-documents.ts), then remove the files no document row refers to any more.
 */
export function tidyDocumentsAtStart({ store, documents, referencedByDrafts, logger, now }: StartUpTidyOptions): void {
  const abandoned = removeAbandonedDocuments(store, referencedByDrafts, now);
  if (abandoned > 0) logger.info('forgot document images attached to no record or draft for a day', { count: abandoned });
  const orphans = documents.removeOrphans(new DocumentRepository(store).hashes());
  if (orphans.length > 0) logger.info('removed orphan document files', { count: orphans.length });
}

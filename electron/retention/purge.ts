import type { AuditLog } from '../audit/audit-log';
import { silentLogger, type Logger } from '../logging/logger';
import { forgetSendsOfRecords } from '../bulk-update/send-history';
import { DocumentRepository } from '../documents/document-repository';
import type { Store } from '../store/database';
import { SettingsRepository } from '../store/settings-repository';
import { readRetentionDays } from './retention-settings';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The purge runs on start and then once a day. */
export const PURGE_INTERVAL_MS = DAY_MS;
/**
 * `settings` key: JSON array of document hashes whose rows are purged but whose encrypted files
 * are not yet confirmed deleted. Written in the purge's own transaction, so a crash or a failing
 * delete between the purge and the file deletion leaves the work listed for the next run.
 */
export const PENDING_FILE_DELETIONS_KEY = 'retention.pendingFileDeletions';

/**
 * Which records the purge may delete: only those the registry confirmed (state 'succeeded'), and
 * only once `terminal_at` is older than the retention period.
 *
 * Failed records are kept, however old. A failed record is the branch's only copy of a KYC the
 * registry never accepted; an operator fixes it and sends it again (failed → draft / ready), and
 * "never delete before the server confirms success" means exactly that. Purging failed records
 * "if terminal for the period and not re-queued" would rest on `terminal_at` being cleared on every
 * re-queue — one missed path and a customer's data is gone unsent. Not worth it: failed records
 * stay until a person deals with them.
 *
 * `julianday` compares instants, not text, so an offset like +05:30 is read correctly, and a
 * `terminal_at` that is not a date at all (NULL from julianday) is never purged.
 */
const PURGEABLE = `state = 'succeeded' AND terminal_at IS NOT NULL AND julianday(terminal_at) < julianday(?)`;

export interface RetentionPurgeOptions {
  store: Store;
  audit: AuditLog;
  clock: () => Date;
  /**
   * Delete the encrypted files of these documents. Must be idempotent — a file already gone counts
   * as deleted — because a failed call is repeated in full on the next run. Throw (or reject) if
   * any file could not be deleted.
   */
  deleteDocumentFiles: (hashes: string[]) => Promise<void> | void;
  logger?: Logger;
  /** Defaults to `retention.days` in the settings table. */
  retentionDays?: () => number;
}

export interface PurgeResult {
  purgedRecords: number;
  purgedDocuments: number;
  /** Files whose deletion was confirmed in this run (including retries from earlier runs). */
  filesDeleted: number;
  /** Files still to be deleted (the deletion failed); retried on the next run. */
  filesPending: number;
}

/** One-shot timers, as `setTimeout` / `clearTimeout`; injectable so tests need not wait a day. */
export interface PurgeTimers {
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/**
 * Deletes records (and their documents) a configurable time after the registry confirmed them.
 * Rows go in one durable transaction with one audit entry; the encrypted files go afterwards, so
 * a file is never deleted while the database still points at it.
 */
export class RetentionPurge {
  private running: Promise<PurgeResult> | undefined;
  private readonly logger: Logger;
  private readonly documents: DocumentRepository;
  private readonly settings: SettingsRepository;

  constructor(private readonly options: RetentionPurgeOptions) {
    this.logger = options.logger ?? silentLogger;
    this.documents = new DocumentRepository(options.store);
    this.settings = new SettingsRepository(options.store);
  }

  /** One purge. Concurrent calls share the run in progress. */
  runOnce(): Promise<PurgeResult> {
    this.running ??= this.purge().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Runs now, then every 24 h (counted from the end of each run). Returns the function that stops it. */
  schedule(timers: PurgeTimers): () => void {
    let stopped = false;
    let handle: unknown;
    const tick = (): void => {
      handle = undefined;
      void this.runOnce()
        .catch((error: unknown) => this.logger.error('retention purge failed; it will run again tomorrow', { error }))
        .then(() => {
          if (!stopped) handle = timers.setTimer(tick, PURGE_INTERVAL_MS);
        });
    };
    tick();
    return () => {
      stopped = true;
      if (handle !== undefined) timers.clearTimer(handle);
      handle = undefined;
    };
  }

  /**
   * Of the document hashes found on disk, those no `documents` row references — files left behind
   * by a purge whose file deletion never completed, or by a capture that never committed. A file
   * written moments ago whose row is not committed yet is listed too: delete only orphans older
   * than a capture can take.
   */
  orphanFiles(existingHashesOnDisk: string[]): string[] {
    const referenced = this.documents.hashes();
    return existingHashesOnDisk.filter((hash) => !referenced.has(hash));
  }

  private async purge(): Promise<PurgeResult> {
    const { store, audit, clock } = this.options;
    const days = this.options.retentionDays?.() ?? readRetentionDays(store);
    const cutoff = new Date(clock().getTime() - days * DAY_MS).toISOString();
    let purgedRecords = 0;
    let purgedDocuments = 0;
    // Everything up to the write is synchronous, so nothing can change between this count and it;
    // with nothing to purge, the database file is not rewritten.
    const due = Number(store.get(`SELECT COUNT(*) AS n FROM records WHERE ${PURGEABLE}`, [cutoff])?.n ?? 0);
    if (due > 0) {
      ({ purgedRecords, purgedDocuments } = store.write(() => {
        const hashes = this.documents.hashesOfRecords(PURGEABLE, [cutoff]);
        const documents = this.documents.removeOfRecords(PURGEABLE, [cutoff]);
        // A bulk update's send history (timestamps and outcomes, by batch) goes with the update.
        forgetSendsOfRecords(store, PURGEABLE, [cutoff]);
        store.run(`DELETE FROM batch_records WHERE record_id IN (SELECT id FROM records WHERE ${PURGEABLE})`, [cutoff]);
        // People fetched from CKYC go with the download request that asked for them.
        store.run(`DELETE FROM fetched_people WHERE request_id IN (SELECT id FROM records WHERE ${PURGEABLE})`, [cutoff]);
        const records = store.run(`DELETE FROM records WHERE ${PURGEABLE}`, [cutoff]);
        this.writePending([...new Set([...this.readPending(), ...hashes])]);
        // Counts only: no reference, no name — the purged records are gone and so is any link to them.
        audit.append({ actor: null, action: 'retention-purge', details: { records, documents, retentionDays: days, terminalBefore: cutoff } });
        return { purgedRecords: records, purgedDocuments: documents };
      }));
      this.logger.info('retention purge', { purgedRecords, purgedDocuments, retentionDays: days });
    }
    const { filesDeleted, filesPending } = await this.deletePendingFiles();
    return { purgedRecords, purgedDocuments, filesDeleted, filesPending };
  }

  /** Now that the rows are durably gone, delete the files; what fails stays listed for next time. */
  private async deletePendingFiles(): Promise<{ filesDeleted: number; filesPending: number }> {
    // Files are named by their content: the same image captured again for another record since
    // the purge is the same file, and a row referencing it again means it must stay.
    const listed = this.readPending();
    const pending = listed.filter((hash) => !this.documents.exists(hash));
    if (pending.length === 0) {
      if (listed.length > 0) this.strikeOff(listed);
      return { filesDeleted: 0, filesPending: 0 };
    }
    try {
      await this.options.deleteDocumentFiles([...pending]);
    } catch (error) {
      this.logger.warn('retention purge: document files could not be deleted; they will be retried on the next run', { files: pending.length, error });
      return { filesDeleted: 0, filesPending: pending.length };
    }
    this.strikeOff(listed);
    return { filesDeleted: pending.length, filesPending: 0 };
  }

  private strikeOff(hashes: string[]): void {
    try {
      const done = new Set(hashes);
      this.options.store.write(() => this.writePending(this.readPending().filter((hash) => !done.has(hash))));
    } catch (error) {
      // The files are gone; the list is merely stale, and deleting them again next run is harmless.
      this.logger.warn('retention purge: deleted files could not be struck off the pending list', { files: hashes.length, error });
    }
  }

  private readPending(): string[] {
    // Missing or unreadable reads as none: `orphanFiles` still finds those files.
    const value = this.settings.getJson(PENDING_FILE_DELETIONS_KEY);
    return Array.isArray(value) ? value.filter((hash): hash is string => typeof hash === 'string') : [];
  }

  private writePending(hashes: string[]): void {
    if (hashes.length === 0) this.settings.remove(PENDING_FILE_DELETIONS_KEY);
    else this.settings.setJson(PENDING_FILE_DELETIONS_KEY, hashes);
  }
}

import { z } from 'zod';
import type { SqlValue } from 'sql.js';
import type { Store } from '../store/database';
import { SettingsRepository } from '../store/settings-repository';

/** What became of one send of an update's file. `sending`: it went and no outcome was written (the app stopped), so it may have been applied. */
export const SEND_OUTCOMES = ['sending', 'answered', 'refused', 'not_sent', 'doubt'] as const;
export type SendOutcomeWord = (typeof SEND_OUTCOMES)[number];

export interface SendEntry {
  at: string;
  outcome: SendOutcomeWord;
}

const historySchema = z.array(z.object({ at: z.string(), outcome: z.enum(SEND_OUTCOMES) })).max(1000);

const KEY_PREFIX = 'bulkUpdate.sends.';
const sendHistoryKey = (batchId: string): string => `${KEY_PREFIX}${batchId}`;

/**
 * Inside the retention purge's write: the send histories of every batch the purged records went in
 * go with them (an update's history outlives nothing it describes). `whereRecords` selects from
 * `records`; call it before their batch_records rows go.
 */
export function forgetSendsOfRecords(store: Store, whereRecords: string, params: SqlValue[]): number {
  return new SettingsRepository(store).removeSelected(`SELECT ? || batch_id FROM batch_records WHERE record_id IN (SELECT id FROM records WHERE ${whereRecords})`, [KEY_PREFIX, ...params]);
}

/** Sends that may have reached the platform with the file whole: everything but a provable not-sent. */
export function mayHaveApplied(entry: SendEntry): boolean {
  return entry.outcome !== 'not_sent';
}

/**
 * Each send of a bulk update's file, by batch, durable in the store: written as `sending` before
 * the file goes and given its outcome after, so a send the app was stopped in the middle of is
 * still counted. The service bounds repeats after doubt by it; the Updates screen shows it.
 */
export class SendHistory {
  private readonly settings: SettingsRepository;

  constructor(private readonly store: Store) {
    this.settings = new SettingsRepository(store);
  }

  private key(batchId: string): string {
    return sendHistoryKey(batchId);
  }

  of(batchId: string): SendEntry[] {
    const parsed = historySchema.safeParse(this.settings.getJson(this.key(batchId)));
    return parsed.success ? parsed.data : [];
  }

  /** Writes a new send as `sending`; its number (1 for the first). */
  begin(batchId: string, at: Date): number {
    const entries = [...this.of(batchId), { at: at.toISOString(), outcome: 'sending' as const }];
    this.store.write(() => this.settings.setJson(this.key(batchId), entries));
    return entries.length;
  }

  /** Gives send `number` its outcome. */
  end(batchId: string, number: number, outcome: SendOutcomeWord): void {
    const entries = this.of(batchId).map((entry, index) => (index === number - 1 ? { ...entry, outcome } : entry));
    this.store.write(() => this.settings.setJson(this.key(batchId), entries));
  }
}

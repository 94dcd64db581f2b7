import type { SqlValue } from 'sql.js';
import type { Store } from './database';

const UPSERT = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value';

/**
 * The `settings` table: one text value per key, encrypted at rest with the rest of the store. The
 * modules that own a setting (retention, idle lock, route, connections, the audit head) decide what
 * its value means and what a missing or unreadable one reads as; this owns only the SQL. Writes
 * run inside the caller's `store.write`, so a setting and its audit entry land together.
 */
export class SettingsRepository {
  constructor(private readonly store: Store) {}

  /** The value as text, or undefined when the key was never written. */
  get(key: string): string | undefined {
    const row = this.store.get('SELECT value FROM settings WHERE key = ?', [key]);
    return row ? String(row.value) : undefined;
  }

  /** The value parsed as JSON; undefined when missing or when it does not parse (edited by hand). */
  getJson(key: string): unknown {
    const text = this.get(key);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  /** Only inside `store.write`. */
  set(key: string, value: string): void {
    this.store.run(UPSERT, [key, value]);
  }

  /** Only inside `store.write`. */
  setJson(key: string, value: unknown): void {
    this.set(key, JSON.stringify(value));
  }

  /** Only inside `store.write`. */
  remove(key: string): void {
    this.store.run('DELETE FROM settings WHERE key = ?', [key]);
  }

  /** Only inside `store.write`: removes the keys a query selects (one text column), so their owner need not write this table's SQL. Returns how many went. */
  removeSelected(selectKeys: string, params: SqlValue[]): number {
    return this.store.run(`DELETE FROM settings WHERE key IN (${selectKeys})`, params);
  }
}

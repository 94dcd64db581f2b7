import {
  API_AUTH_MODES,
  FINGERPRINT_PATTERN,
  SFTP_AUTH_MODES,
  apiSettingsShape,
  sftpSettingsShape,
  type ApiSettings,
  type SftpSettings,
} from '../../shared/connections/settings';
import type { Store } from '../store/database';

/** One JSON value per connection in the store's `settings` table (encrypted at rest with the rest of the store). */
export const API_SETTINGS_KEY = 'connection:ckyc-api';
export const SFTP_SETTINGS_KEY = 'connection:sftp';

const UPSERT = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value';

/**
 * Reads and writes the two connections' settings. A value that is missing or no longer parses
 * (edited by hand, an older shape) reads as "not configured" rather than as half a connection.
 * Writes run inside the caller's `store.write`, so the change and its audit entry land together.
 */
export class ConnectionRepository {
  constructor(private readonly store: Store) {}

  api(): ApiSettings | null {
    const parsed = apiSettingsShape.safeParse(this.read(API_SETTINGS_KEY));
    return parsed.success && API_AUTH_MODES.includes(parsed.data.authMode) ? parsed.data : null;
  }

  sftp(): SftpSettings | null {
    const raw = this.read(SFTP_SETTINGS_KEY);
    if (!raw || typeof raw !== 'object') return null;
    const { hostKeyFingerprint, ...rest } = raw as Record<string, unknown>;
    const parsed = sftpSettingsShape.safeParse(rest);
    if (!parsed.success || !SFTP_AUTH_MODES.includes(parsed.data.authMode)) return null;
    const pin = typeof hostKeyFingerprint === 'string' && FINGERPRINT_PATTERN.test(hostKeyFingerprint) ? hostKeyFingerprint : null;
    return { ...parsed.data, hostKeyFingerprint: pin };
  }

  /** Only inside `store.write`. */
  writeApi(settings: ApiSettings): void {
    this.store.run(UPSERT, [API_SETTINGS_KEY, JSON.stringify(settings)]);
  }

  /** Only inside `store.write`. */
  writeSftp(settings: SftpSettings): void {
    this.store.run(UPSERT, [SFTP_SETTINGS_KEY, JSON.stringify(settings)]);
  }

  private read(key: string): unknown {
    const row = this.store.get('SELECT value FROM settings WHERE key = ?', [key]);
    if (!row) return null;
    try {
      return JSON.parse(String(row.value));
    } catch {
      return null;
    }
  }
}

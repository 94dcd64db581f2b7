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
import { SettingsRepository } from '../store/settings-repository';

/** One JSON value per connection in the store's `settings` table (encrypted at rest with the rest of the store). */
export const API_SETTINGS_KEY = 'connection:ckyc-api';
export const SFTP_SETTINGS_KEY = 'connection:sftp';

/**
 * Reads and writes the two connections' settings. A value that is missing or no longer parses
 * (edited by hand, an older shape) reads as "not configured" rather than as half a connection.
 * Writes run inside the caller's `store.write`, so the change and its audit entry land together.
 */
export class ConnectionRepository {
  private readonly settings: SettingsRepository;

  constructor(store: Store) {
    this.settings = new SettingsRepository(store);
  }

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
    this.settings.setJson(API_SETTINGS_KEY, settings);
  }

  /** Only inside `store.write`. */
  writeSftp(settings: SftpSettings): void {
    this.settings.setJson(SFTP_SETTINGS_KEY, settings);
  }

  private read(key: string): unknown {
    return this.settings.getJson(key) ?? null;
  }
}

import { AppFailure } from '../../shared/errors';
import { bulkUpdateSettingsShape, checkBulkUpdateSettings, DEFAULT_BULK_UPDATE_SETTINGS, tidyBulkUpdateSettings, type BulkUpdateSettings } from '../../shared/bulk-update/connection-settings';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { Store } from '../store/database';
import { SettingsRepository } from '../store/settings-repository';

/** `settings` key: the bulk update platform's non-secret settings as JSON (the token is in the keychain). */
export const BULK_UPDATE_SETTINGS_KEY = 'bulkUpdate.settings';

const FIELDS = ['baseUrl', 'parentCompanyId'] as const;

/**
 * The bulk update platform's settings as an admin saved them. A stored value that no longer reads
 * (edited by hand, or from a version with other fields) counts as not saved, and the defaults apply.
 */
export class BulkUpdateSettingsStore {
  private readonly settings: SettingsRepository;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
  ) {
    this.settings = new SettingsRepository(store);
  }

  saved(): BulkUpdateSettings | null {
    const parsed = bulkUpdateSettingsShape.safeParse(this.settings.getJson(BULK_UPDATE_SETTINGS_KEY));
    return parsed.success && Object.keys(checkBulkUpdateSettings(parsed.data)).length === 0 ? parsed.data : null;
  }

  inForce(): BulkUpdateSettings {
    return this.saved() ?? DEFAULT_BULK_UPDATE_SETTINGS;
  }

  /** Checked as a whole first: nothing is written unless every field is acceptable. Audited with the names of the fields that changed. */
  save(actor: AuditActor, input: BulkUpdateSettings): BulkUpdateSettings {
    const fields = checkBulkUpdateSettings(input);
    const problems = Object.keys(fields);
    if (problems.length > 0) throw new AppFailure('VALIDATION_FAILED', problems.length === 1 ? fields[problems[0]!]! : `${problems.length} fields need attention before saving.`, fields);
    const next = tidyBulkUpdateSettings(input);
    const before = this.inForce();
    const changed = FIELDS.filter((field) => before[field] !== next[field]);
    this.store.write(() => {
      this.settings.setJson(BULK_UPDATE_SETTINGS_KEY, next);
      this.audit.append({ actor, action: 'settings-change', subject: BULK_UPDATE_SETTINGS_KEY, details: { fields: changed.join(',') } });
    });
    return next;
  }
}

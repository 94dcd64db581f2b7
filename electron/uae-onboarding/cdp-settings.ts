import { AppFailure } from '../../shared/errors';
import { cdpSettingsShape, checkCdpSettings, DEFAULT_CDP_SETTINGS, tidyCdpSettings, type CdpSettings } from '../../shared/connections/cdp-settings';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { Store } from '../store/database';
import { SettingsRepository } from '../store/settings-repository';

/** `settings` key: the UAE CDP's non-secret settings as JSON (the client secret and password are in the keychain). */
export const CDP_SETTINGS_KEY = 'uaeCdp.settings';

const FIELDS = ['baseUrl', 'clientId', 'scope', 'username'] as const;

/**
 * The UAE CDP's settings as an admin saved them. A stored value that no longer reads (edited by
 * hand, or from a version with other fields) counts as not saved, and the defaults apply.
 */
export class CdpSettingsStore {
  private readonly settings: SettingsRepository;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
  ) {
    this.settings = new SettingsRepository(store);
  }

  /** The saved settings, or null when none were saved (or they no longer read). */
  saved(): CdpSettings | null {
    const parsed = cdpSettingsShape.safeParse(this.settings.getJson(CDP_SETTINGS_KEY));
    return parsed.success && Object.keys(checkCdpSettings(parsed.data)).length === 0 ? parsed.data : null;
  }

  /** What applies now: the saved settings, else the blank defaults (Live mode cannot reach a CDP). */
  inForce(): CdpSettings {
    return this.saved() ?? DEFAULT_CDP_SETTINGS;
  }

  /** Checked as a whole first: nothing is written unless every field is acceptable. Audited with the names of the fields that changed. */
  save(actor: AuditActor, input: CdpSettings): CdpSettings {
    const fields = checkCdpSettings(input);
    const problems = Object.keys(fields);
    if (problems.length > 0) {
      throw new AppFailure('VALIDATION_FAILED', problems.length === 1 ? fields[problems[0]!]! : `${problems.length} fields need attention before saving.`, fields);
    }
    const next = tidyCdpSettings(input);
    const before = this.inForce();
    const changed = FIELDS.filter((field) => before[field] !== next[field]);
    this.store.write(() => {
      this.settings.setJson(CDP_SETTINGS_KEY, next);
      this.audit.append({ actor, action: 'settings-change', subject: CDP_SETTINGS_KEY, details: { fields: changed.join(',') } });
    });
    return next;
  }
}

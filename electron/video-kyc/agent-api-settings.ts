import { AppFailure } from '../../shared/errors';
import { agentApiSettingsShape, checkAgentApiSettings, DEFAULT_AGENT_API_SETTINGS, tidyAgentApiSettings, type AgentApiSettings } from '../../shared/connections/agent-api-settings';
import type { AuditLog, AuditActor } from '../audit/audit-log';
import type { Store } from '../store/database';
import { SettingsRepository } from '../store/settings-repository';

/** `settings` key: the agent API's non-secret settings as JSON (the password is in the keychain). */
export const AGENT_API_SETTINGS_KEY = 'agentApi.settings';

const FIELDS = ['baseUrl', 'username', 'requestsPerMinute', 'pollSeconds', 'linkTypes', 'dkycAmc', 'dkycInstitutionCode'] as const;

/**
 * The agent API's settings as an admin saved them. A stored value that no longer reads (edited by
 * hand, or from a version with other fields) counts as not saved, and the defaults apply.
 */
export class AgentApiSettingsStore {
  private readonly settings: SettingsRepository;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
  ) {
    this.settings = new SettingsRepository(store);
  }

  /** The saved settings, or null when none were saved (or they no longer read). */
  saved(): AgentApiSettings | null {
    const parsed = agentApiSettingsShape.safeParse(this.settings.getJson(AGENT_API_SETTINGS_KEY));
    return parsed.success && Object.keys(checkAgentApiSettings(parsed.data)).length === 0 ? parsed.data : null;
  }

  /** What applies now: the saved settings, else the defaults (no address: Live mode cannot send). */
  inForce(): AgentApiSettings {
    return this.saved() ?? DEFAULT_AGENT_API_SETTINGS;
  }

  /** Checked as a whole first: nothing is written unless every field is acceptable. Audited with the names of the fields that changed. */
  save(actor: AuditActor, input: AgentApiSettings): AgentApiSettings {
    const fields = checkAgentApiSettings(input);
    const problems = Object.keys(fields);
    if (problems.length > 0) {
      throw new AppFailure('VALIDATION_FAILED', problems.length === 1 ? fields[problems[0]!]! : `${problems.length} fields need attention before saving.`, fields);
    }
    const next = tidyAgentApiSettings(input);
    const before = this.inForce();
    const changed = FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(next[field]));
    this.store.write(() => {
      this.settings.setJson(AGENT_API_SETTINGS_KEY, next);
      this.audit.append({ actor, action: 'settings-change', subject: AGENT_API_SETTINGS_KEY, details: { fields: changed.join(',') } });
    });
    return next;
  }
}

import type { AgentApiSettings } from '../../shared/connections/agent-api-settings';
import type { AppMode } from '../../shared/mode';
import type { PushSettings } from '../connectors/agent-api/dkyc-mapping';

/** The AMC code the vendor's own example uses, and the Training institution's FI code. */
export const TRAINING_PUSH_SETTINGS: PushSettings = { amc: 'TEST_AMC', institutionCode: 'IN0000' };

export const PUSH_SETTINGS_MISSING =
  'An admin has not set the institution’s AMC code and institution code for digital KYC yet (Connections screen, the agent API card).';

/**
 * The institution's codes the push's form needs (BASIC_INFORMATION.amc and
 * INPERSON_VERIFICATION.ipvInstitutionCode; docs/decisions/0044), read when each push is checked
 * or sent: the admin's, on the agent API card; in Training the vendor's example where the admin set
 * none. Without them in Live mode every push says what is missing before anything is held or sent.
 */
export function pushSettingsFor(mode: AppMode, settings: () => AgentApiSettings): () => PushSettings | { problem: string } {
  return () => {
    const { dkycAmc, dkycInstitutionCode } = settings();
    if (mode === 'training') return { amc: dkycAmc ?? TRAINING_PUSH_SETTINGS.amc, institutionCode: dkycInstitutionCode ?? TRAINING_PUSH_SETTINGS.institutionCode };
    return dkycAmc && dkycInstitutionCode ? { amc: dkycAmc, institutionCode: dkycInstitutionCode } : { problem: PUSH_SETTINGS_MISSING };
  };
}

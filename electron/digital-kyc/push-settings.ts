import type { AppMode } from '../../shared/mode';
import type { PushSettings } from '../connectors/agent-api/dkyc-mapping';

/** The AMC code the vendor's own example uses: the Training sandbox's institution. */
export const TRAINING_PUSH_SETTINGS: PushSettings = { amc: 'TEST_AMC', institutionCode: 'IN0000' };

const CODE = /^[A-Za-z0-9_-]{2,30}$/;

/**
 * The institution's codes the push's form needs (BASIC_INFORMATION.amc and
 * INPERSON_VERIFICATION.ipvInstitutionCode; docs/decisions/0044). Training uses the vendor's
 * example; Live takes what IT set for this PC (KYC_DESK_DKYC_AMC, KYC_DESK_DKYC_INSTITUTION_CODE),
 * and without them every push says what is missing before anything is sent.
 */
export function pushSettingsFor(mode: AppMode, env: Readonly<Record<string, string | undefined>>): () => PushSettings | { problem: string } {
  if (mode === 'training') return () => TRAINING_PUSH_SETTINGS;
  const amc = env.KYC_DESK_DKYC_AMC?.trim() ?? '';
  const institutionCode = env.KYC_DESK_DKYC_INSTITUTION_CODE?.trim() ?? '';
  const settings: PushSettings | { problem: string } =
    CODE.test(amc) && CODE.test(institutionCode)
      ? { amc, institutionCode }
      : { problem: 'IT has not set this institution’s AMC code and institution code for digital KYC on this PC (KYC_DESK_DKYC_AMC and KYC_DESK_DKYC_INSTITUTION_CODE, letters and digits as the vendor gave them).' };
  return () => settings;
}

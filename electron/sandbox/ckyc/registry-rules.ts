import { hash32, seededUnit } from '../shell/faults';

/**
 * Registry-side rejections the shared rules cannot see, deterministic from KYC_DESK_SANDBOX_SEED and
 * the customer reference (never from request order, so a test can predict them):
 * - a share (`registry_reject=<p>` in KYC_DESK_SANDBOX_FAULTS) of individuals fails with one of
 *   CERSAI_MESSAGES, chosen by the same hash: `registryRejection(seed, p, ref)`;
 * - the ledger rules (already registered, PAN under another name) live in batch-lifecycle.ts.
 */
export const CERSAI_MESSAGES = [
  'Number of pipe separated records do not match',
  'Invalid ID number',
  'Invalid PIN code for the state',
  'Photograph not clear',
] as const;

export function registryRejection(seed: string, share: number, kycRefNo: string): string | null {
  if (!(share > 0) || seededUnit(seed, 'registry_reject', kycRefNo) >= share) return null;
  return CERSAI_MESSAGES[hash32(seed, 'registry_reject_message', kycRefNo) % CERSAI_MESSAGES.length]!;
}

/** A 14-digit CKYC number (KIN) for an accepted individual; `taken` keeps it unique. */
export function ckycNumberFor(seed: string, clientId: string, kycRefNo: string, taken: (n: string) => boolean): string {
  for (let attempt = 0; ; attempt++) {
    const a = hash32(seed, 'ckyc_number', clientId, kycRefNo, String(attempt));
    const b = hash32(seed, 'ckyc_number_low', clientId, kycRefNo, String(attempt));
    const digits = `${1 + (a % 9)}${String(a).padStart(10, '0').slice(-6)}${String(b).padStart(10, '0').slice(-7)}`;
    if (!taken(digits)) return digits;
  }
}

import { fieldLabel, type KycRecord } from '../../shared/record/kyc-record';
import { validateKycRecord } from '../../shared/validation';

/**
 * Today's rules, asked again of a record already stored. A record was validated when it was saved,
 * but by the rules of the version that saved it: one kept before a rule was added (a full Aadhaar
 * number or a formula in its remarks, say) is stored as it was. Before such a record is approved,
 * sent again or put in a batch it is checked once more, with the same whole-record validation a
 * save uses, so nothing today's rules refuse ever leaves the PC. Nothing in it is altered: its
 * maker changes it, seeing each problem beside its field.
 */
export interface RecheckRefusal {
  /** One line for the checker and the queue, naming the fields and why. */
  message: string;
  /** Each problem by the form's field path, kept with the record for its maker. */
  fields: Record<string, string>;
}

/** How many field problems the one-line message names before it says "and N more". */
const NAMED_IN_MESSAGE = 3;

/** Null when the stored record passes today's rules; otherwise why not, by field. */
export function recheckStoredRecord(record: KycRecord): RecheckRefusal | null {
  const check = validateKycRecord(record);
  if (check.ok) return null;
  const entries = Object.entries(check.errors);
  const named = entries.slice(0, NAMED_IN_MESSAGE).map(([path, reason]) => {
    // Some rules already name their field in the reason: it is named once.
    const label = `${fieldLabel(path)}: `;
    return reason.startsWith(label) ? reason : `${label}${reason}`;
  });
  const more = entries.length > NAMED_IN_MESSAGE ? ` (and ${entries.length - NAMED_IN_MESSAGE} more)` : '';
  return {
    message: `This record no longer passes KYC Desk's checks (it was saved before they changed); its maker must change it. ${named.join(' ')}${more}`,
    fields: { ...check.errors },
  };
}

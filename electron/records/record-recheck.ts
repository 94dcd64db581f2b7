import { CKYC_INDIVIDUAL, unknownKindMessage, type RecordKind, type RecordKindRegistry } from '../../shared/record-kinds';

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

/**
 * Null when the stored record passes its kind's rules of today; otherwise why not, by field. A
 * record of a kind this version does not know (written by a newer one) is refused, never guessed at.
 */
export function recheckStored(stored: { kind: string; record: unknown }, kinds: RecordKindRegistry): RecheckRefusal | null {
  const kind = kinds.find(stored.kind);
  if (kind === undefined) return { message: unknownKindMessage(stored.kind, kinds.labels()), fields: {} };
  return recheckStoredRecord(stored.record, kind);
}

/** Null when the stored record passes today's rules of `kind` (the CKYC individual unless named); otherwise why not, by field. */
export function recheckStoredRecord(record: unknown, kind: RecordKind = CKYC_INDIVIDUAL): RecheckRefusal | null {
  const check = kind.validate(record);
  if (check.ok) return null;
  const entries = Object.entries(check.errors);
  const named = entries.slice(0, NAMED_IN_MESSAGE).map(([path, reason]) => {
    // Some rules already name their field in the reason: it is named once.
    const label = `${kind.fieldLabel(path)}: `;
    return reason.startsWith(label) ? reason : `${label}${reason}`;
  });
  const more = entries.length > NAMED_IN_MESSAGE ? ` (and ${entries.length - NAMED_IN_MESSAGE} more)` : '';
  return {
    message: `This record no longer passes KYC Desk's checks (it was saved before they changed); its maker must change it. ${named.join(' ')}${more}`,
    fields: { ...check.errors },
  };
}

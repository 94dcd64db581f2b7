import type { KycRecord } from '../../record/kyc-record';
import type { FieldErrors, SaveFacts } from '../record-kind';

/**
 * A PIN the shipped list lacks may still be right (the list is years old): the operator says why,
 * and the reason stays with the record. For a listed PIN any reason is dropped.
 */
export function checkUnlistedPin(record: KycRecord, facts: SaveFacts): { record: KycRecord; errors: FieldErrors } {
  const { country, pinCode } = record.permanentAddress;
  const listed = country !== 'IN' || facts.isListedPin(pinCode);
  const { unlistedPinReason, ...rest } = record;
  if (listed) return { record: rest, errors: {} };
  if (unlistedPinReason === undefined || unlistedPinReason.length < 3) {
    return { record, errors: { unlistedPinReason: `PIN ${pinCode} is not in the PIN list on this PC. If you are sure it is right, say why (for example: new PIN, checked on the customer’s letter).` } };
  }
  return { record, errors: {} };
}

import { anyKindRecordSchema, CKYC_INDIVIDUAL_KIND_ID, RECORD_KINDS } from '../../shared/record-kinds';
import { AppFailure } from '../../shared/errors';

/**
 * `records.get` (the record review and the maker's edit) carries the records the contract's record
 * shape holds: the CKYC individual, and any kind added to that shape. A record of another kind (a
 * CKYC download request) is opened on its own screen; asked for here, it is refused in words a
 * person understands, never answered as an internal error.
 */
export function refuseKindsNotReviewed(kind: string | undefined, record: unknown, reference: string): void {
  if ((kind ?? CKYC_INDIVIDUAL_KIND_ID) === CKYC_INDIVIDUAL_KIND_ID) return;
  if (anyKindRecordSchema.safeParse(record).success) return;
  const label = RECORD_KINDS.find(kind)?.label ?? `record of the kind "${kind}"`;
  throw new AppFailure('BAD_REQUEST', `${reference} is a ${label}, not a customer's record: open it on its own screen (Fetch from CKYC for a download request), not in the record review.`);
}

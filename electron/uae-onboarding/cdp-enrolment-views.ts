import { AppFailure } from '../../shared/errors';
import { shownDate } from '../../shared/dates/typed-date';
import type { CdpEnrolmentView } from '../../shared/contract/uae-onboarding';
import type { RecordRepository } from '../records/record-repository';
import { NOT_IN_SCOPE_RECORD, type RecordScope } from '../records/record-scope';
import type { Store } from '../store/database';
import { CdpEnrolments, type CdpEnrolment } from './cdp-enrolments';

/** The UAE CDP screen lists at most this many; the screen says how many more there are. */
export const ENROLMENTS_SHOWN = 200;

function viewOf(enrolment: CdpEnrolment, record: { reference: string; name: string }): CdpEnrolmentView {
  return {
    recordId: enrolment.recordId,
    reference: record.reference,
    name: record.name,
    ecrn: enrolment.ecrn,
    customerStatus: enrolment.customerStatus,
    amlScanStatus: enrolment.amlScanStatus,
    pep: enrolment.pep,
    amlCategory: enrolment.amlCategory,
    idStatus: enrolment.idStatus,
    idExpiry: enrolment.idExpiry === null ? null : shownDate(enrolment.idExpiry),
    how: enrolment.how,
    notedAt: enrolment.notedAt,
  };
}

/**
 * What the screens read of the CDP's answers (decision 0054), within the operator's read scope: a
 * maker sees only the customers they captured, and the same refusal for a record that is not
 * theirs as for one that does not exist.
 */
export class CdpEnrolmentViews {
  private readonly enrolments: CdpEnrolments;

  constructor(
    store: Store,
    private readonly records: RecordRepository,
  ) {
    this.enrolments = new CdpEnrolments(store);
  }

  list(scope: RecordScope): { items: CdpEnrolmentView[]; total: number } {
    const { items, total } = this.enrolments.list(scope, ENROLMENTS_SHOWN);
    return { items: items.map((listed) => viewOf(listed, listed)), total };
  }

  /** One record's; null while the CDP does not hold the customer (or for a record of another kind). */
  forRecord(recordId: string, scope: RecordScope): { enrolment: CdpEnrolmentView | null } {
    const found = this.records.findInFull(recordId, scope);
    if (!found) throw new AppFailure('NOT_FOUND', NOT_IN_SCOPE_RECORD);
    const enrolment = this.enrolments.find(recordId);
    return { enrolment: enrolment ? viewOf(enrolment, found.summary) : null };
  }
}

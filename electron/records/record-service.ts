import type { RequestOf, ResponseOf } from '../../shared/contract';
import { AppFailure } from '../../shared/errors';
import { FIELD_LABELS, type IndividualField } from '../../shared/record/individual';
import { validateIndividual } from '../../shared/validation';
import type { RecordState } from '../../shared/sync/states';
import type { OperatorProfile } from '../../shared/operators/roles';
import type { Store } from '../store/database';
import { newCustomerReference, newId } from './reference';
import type { RecordRepository } from './record-repository';

export class RecordService {
  constructor(
    private readonly store: Store,
    private readonly records: RecordRepository,
    private readonly clock: () => Date,
  ) {}

  /**
   * Validate again in main — the renderer's checks are for the operator's comfort, these are the
   * gate — then store. Until maker–checker exists a saved record is ready to sync at once.
   */
  save(
    input: RequestOf<'records.save'>,
    operator: OperatorProfile,
    /** Runs inside the same transaction, so the record and its audit entry are durable together. */
    alsoInTransaction: (reference: string) => void = () => undefined,
  ): ResponseOf<'records.save'> {
    const check = validateIndividual(input, undefined);
    if (!check.ok) {
      const count = Object.keys(check.fields).length;
      const first = Object.keys(check.fields)[0] as IndividualField;
      throw new AppFailure(
        'VALIDATION_FAILED',
        count === 1 ? `Check ${FIELD_LABELS[first]}.` : `${count} fields need attention before saving.`,
        check.fields as Record<string, string>,
      );
    }
    const id = newId('rec');
    const state: RecordState = 'ready';
    const now = this.clock().toISOString();
    const reference = this.store.write(() => {
      // 60 random bits: a second collision in a row means something is broken, not unlucky.
      for (let attempt = 0; attempt < 3; attempt++) {
        const candidate = newCustomerReference();
        if (this.records.referenceExists(candidate)) continue;
        this.records.insert({ id, reference: candidate, state, individual: check.value, now, createdBy: operator.id });
        alsoInTransaction(candidate);
        return candidate;
      }
      throw new AppFailure('INTERNAL', 'Could not assign a unique reference number. Try saving again.');
    });
    return { id, reference, state };
  }

  list(request: RequestOf<'records.list'>): ResponseOf<'records.list'> {
    const { items, total } = this.records.list(request);
    return { items, total, counts: this.records.countsByState() };
  }
}

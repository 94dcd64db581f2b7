import type { RequestOf, ResponseOf } from '../../shared/contract';
import { AppFailure } from '../../shared/errors';
import { FIELD_LABELS, type IndividualField } from '../../shared/record/individual';
import { validateIndividual } from '../../shared/validation';
import type { RecordState } from '../../shared/sync/states';
import type { OperatorProfile } from '../../shared/operators/roles';
import type { Store } from '../store/database';
import { newCustomerReference, newId } from './reference';
import type { RecordRepository } from './record-repository';

/** The maker–checker rule (OperatorService.assertCanApprove): throws when `approver` may not approve. */
export type ApprovalRule = (approver: OperatorProfile, record: { createdBy: string | null }) => void;

export interface ApprovalOutcome {
  approved: string[];
  refused: Array<{ reference: string; message: string }>;
}

export class RecordService {
  constructor(
    private readonly store: Store,
    private readonly records: RecordRepository,
    private readonly clock: () => Date,
    private readonly assertCanApprove: ApprovalRule,
  ) {}

  /**
   * Validate again in main — the renderer's checks are for the operator's comfort, these are the
   * gate — then store. A saved record waits for a checker's approval before it can be sent.
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
    const state: RecordState = 'awaiting_approval';
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

  /**
   * A checker approves records awaiting approval: they become ready to sync. Each record is
   * judged on its own (a checker's own captures are refused, the rest go through), all in one
   * durable write; `alsoInTransaction` adds the audit entry of each approval to that write.
   */
  approve(ids: readonly string[], approver: OperatorProfile, alsoInTransaction: (reference: string) => void = () => undefined): ApprovalOutcome {
    const outcome: ApprovalOutcome = { approved: [], refused: [] };
    const now = this.clock().toISOString();
    this.store.write(() => {
      for (const id of ids) {
        const record = this.records.find(id);
        if (!record) throw new AppFailure('NOT_FOUND', 'That record no longer exists.');
        if (record.state !== 'awaiting_approval') {
          outcome.refused.push({ reference: record.reference, message: 'This record is not waiting for approval.' });
          continue;
        }
        try {
          this.assertCanApprove(approver, { createdBy: record.createdBy });
        } catch (error) {
          if (!(error instanceof AppFailure)) throw error;
          outcome.refused.push({ reference: record.reference, message: error.message });
          continue;
        }
        this.records.move(id, 'ready', { approvedBy: approver.id, message: null, now });
        alsoInTransaction(record.reference);
        outcome.approved.push(record.reference);
      }
    });
    return outcome;
  }

  /** A checker sends a record back to its maker with a reason the maker will see. */
  reject(id: string, reason: string, approver: OperatorProfile, alsoInTransaction: (reference: string) => void = () => undefined): void {
    const why = reason.replace(/\s+/g, ' ').trim();
    if (why.length < 3) throw new AppFailure('VALIDATION_FAILED', 'Say why the record is rejected, so the maker can fix it.', { reason: 'Say why.' });
    this.store.write(() => {
      const record = this.records.find(id);
      if (!record) throw new AppFailure('NOT_FOUND', 'That record no longer exists.');
      if (record.state !== 'awaiting_approval') throw new AppFailure('CONFLICT', 'This record is not waiting for approval.');
      this.assertCanApprove(approver, { createdBy: record.createdBy });
      this.records.move(id, 'rejected', { message: `Rejected by ${approver.name}: ${why}`, now: this.clock().toISOString() });
      alsoInTransaction(record.reference);
    });
  }

  list(request: RequestOf<'records.list'>): ResponseOf<'records.list'> {
    const { items, total } = this.records.list(request);
    return { items, total, counts: this.records.countsByState() };
  }
}

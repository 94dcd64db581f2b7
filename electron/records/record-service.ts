import type { RequestOf, ResponseOf } from '../../shared/contract';
import { AppFailure } from '../../shared/errors';
import type { DocumentLimits } from '../../shared/documents/limits';
import type { RecordKind } from '../../shared/record-kinds';
import { freeTextProblem } from '../../shared/validation/free-text';
import type { RecordState } from '../../shared/sync/states';
import type { OperatorProfile } from '../../shared/operators/roles';
import type { Store } from '../store/database';
import { newCustomerReference, newId } from './reference';
import type { RecordRepository, StoredRecord } from './record-repository';
import { checkRecordImages, linkRecordImages } from './record-images';
import { recheckStored } from './record-recheck';
import { recordScopeOf, type RecordScope } from './record-scope';
import { acknowledge, duplicatesOnSave, lookUpSameCustomer, type AcknowledgedDuplicate } from './same-customer/same-customer';
import type { SameCustomerIndex } from './same-customer/same-customer-index';

/** States in which the maker may still change a record: it has not left for the registry. */
/** A record the registry refused (failed) is its maker's to fix: the registry holds nothing of it. */
export const EDITABLE_STATES: readonly RecordState[] = ['awaiting_approval', 'rejected', 'ready', 'failed'];

/** What a save did, for its audit entry: a new record, or a change to a stored one. */
export type SaveKind = 'create' | 'edit';

/** Runs inside a save's transaction: the record's audit entries, the end of its draft. */
export type AlsoOnSave = (reference: string, kind: SaveKind, duplicate: AcknowledgedDuplicate | null) => void;

/** The maker–checker rule (OperatorService.assertCanApprove): throws when `approver` may not approve. */
export type ApprovalRule = (approver: OperatorProfile, record: { createdBy: string | null }) => void;

/**
 * What records.save carries: a record of `kind` (absent: the CKYC individual), new or, with `id`,
 * a change to a stored one. The contract's request is one of these.
 */
export interface SaveRequest {
  id?: string;
  kind?: string;
  record: unknown;
  /** Why a record is saved whose PAN, identity document or CKYC number another record holds. */
  duplicateReason?: string;
}

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
    private readonly documentLimits: DocumentLimits,
    /** Whether the shipped PIN list has this PIN (pin-master/): an unlisted one needs the operator's reason. */
    private readonly isListedPin: (pin: string) => boolean = () => true,
    /** The index of the numbers that name each customer (same-customer/); null: no look-up, no duplicate rule. */
    private readonly sameCustomer: SameCustomerIndex | null = null,
  ) {}

  /**
   * Validate again in main — the renderer's checks are for the operator's comfort, these are the
   * gate — then store. A saved record waits for a checker's approval before it can be sent; a
   * change to a stored record (its maker's, not yet sent) sends it back for approval.
   */
  save(
    request: SaveRequest,
    operator: OperatorProfile,
    /** Runs inside the same transaction, so the record and its audit entries are durable together. */
    alsoInTransaction: AlsoOnSave = () => undefined,
  ): ResponseOf<'records.save'> {
    // Whether the record may be changed at all comes before what is wrong with the change.
    const stored = request.id === undefined ? undefined : this.assertChangeable(request.id, operator);
    const kind = this.kindToSave(request, stored);
    const record = this.checkToSave(kind, request.record, request.id ?? null);
    // A customer already in the store: saved again only with the operator's reason (same-customer/).
    const duplicate = this.sameCustomer ? acknowledge(duplicatesOnSave(this.sameCustomer, this.store, kind.id, record, stored ?? null), request.duplicateReason, operator.id) : null;
    // A kind ready on its operator's say-so (a video-KYC link request) skips the checker, and says
    // so on the record: the saving operator is its approver. Every other kind waits for a checker.
    const onRequest = kind.approval === 'on-request';
    const state: RecordState = onRequest ? 'ready' : 'awaiting_approval';
    const now = this.clock().toISOString();
    if (request.id !== undefined && onRequest) throw new AppFailure('CONFLICT', `A ${kind.label} record goes as soon as it is saved and cannot be changed. Make a new one instead.`);
    if (request.id !== undefined) return this.change(request.id, kind, record, operator, now, (reference, saveKind) => alsoInTransaction(reference, saveKind, duplicate));

    const id = newId('rec');
    const reference = this.store.write(() => {
      // 60 random bits: a second collision in a row means something is broken, not unlucky.
      for (let attempt = 0; attempt < 3; attempt++) {
        const candidate = newCustomerReference();
        if (this.records.referenceExists(candidate)) continue;
        this.records.insert({ id, reference: candidate, kind: kind.id, state, record: kind.withReference(record, candidate), now, createdBy: operator.id, ...(onRequest ? { approvedBy: operator.id } : {}) });
        linkRecordImages(this.store, id, kind.images(record));
        this.sameCustomer?.index(id, kind.id, record);
        alsoInTransaction(candidate, 'create', duplicate);
        return candidate;
      }
      throw new AppFailure('INTERNAL', 'Could not assign a unique reference number. Try saving again.');
    });
    return { id, reference, state };
  }

  /** The kind the request names (none: the CKYC individual); a change keeps the stored record's kind. */
  private kindToSave(request: SaveRequest, stored: StoredRecord<unknown> | undefined): RecordKind {
    const kind = this.records.kinds.get(request.kind ?? stored?.kind);
    if (stored && stored.kind !== kind.id) {
      throw new AppFailure('CONFLICT', `Record ${stored.reference} is a ${this.records.kinds.find(stored.kind)?.label ?? stored.kind} record and cannot become a ${kind.label} record. Capture a new record instead.`);
    }
    return kind;
  }

  /**
   * The kind's rules, then its images as this PC's document store knows them, then the kind's
   * checks only main can make (the PIN list): the record to store, or every problem by field path.
   */
  private checkToSave(kind: RecordKind, input: unknown, recordId: string | null): unknown {
    const check = kind.validate(input);
    const images = check.ok ? checkRecordImages(this.store, kind.images(check.value), recordId, this.documentLimits) : null;
    const main = check.ok && kind.checkBeforeSave ? kind.checkBeforeSave(check.value, { isListedPin: this.isListedPin }) : null;
    const errors = { ...(check.ok ? {} : check.errors), ...(images?.errors ?? {}), ...(main?.errors ?? {}) };
    const paths = Object.keys(errors);
    if (!check.ok || paths.length > 0) {
      const first = paths[0]!;
      throw new AppFailure(
        'VALIDATION_FAILED',
        paths.length === 1 ? `Check ${kind.fieldLabel(first)}: ${errors[first]}` : `${paths.length} fields need attention before saving.`,
        errors,
      );
    }
    return kind.withImages(main?.record ?? check.value, images!.images);
  }

  private assertChangeable(id: string, operator: OperatorProfile): StoredRecord<unknown> {
    const stored = this.records.find(id);
    if (!stored) throw new AppFailure('NOT_FOUND', 'That record no longer exists.');
    if (stored.createdBy !== operator.id) throw new AppFailure('FORBIDDEN', 'Only the operator who captured a record can change it.');
    if (!EDITABLE_STATES.includes(stored.state)) {
      throw new AppFailure('CONFLICT', 'This record has been sent to the registry and can no longer be changed here.');
    }
    return stored;
  }

  private change(
    id: string,
    kind: RecordKind,
    record: unknown,
    operator: OperatorProfile,
    now: string,
    alsoInTransaction: (reference: string, kind: SaveKind) => void,
  ): ResponseOf<'records.save'> {
    return this.store.write(() => {
      const stored = this.assertChangeable(id, operator);
      this.records.replaceContent(id, kind.withReference(record, stored.reference), now);
      if (stored.state !== 'awaiting_approval') this.records.move(id, 'awaiting_approval', { message: null, now });
      linkRecordImages(this.store, id, kind.images(record));
      this.sameCustomer?.index(id, kind.id, record);
      alsoInTransaction(stored.reference, 'edit');
      return { id, reference: stored.reference, state: 'awaiting_approval' as const };
    });
  }

  /**
   * A checker approves records awaiting approval: they become ready to sync. Each record is
   * judged on its own (a checker's own captures are refused, and so is a record today's rules
   * refuse — record-recheck.ts — the rest go through), all in one
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
        // Saved by an earlier version, it may hold what today's rules refuse: its maker changes it.
        const refusal = recheckStored(record, this.records.kinds);
        if (refusal) {
          this.records.noteProblems(id, { fields: refusal.fields, message: `Not approved. ${refusal.message}`, now });
          outcome.refused.push({ reference: record.reference, message: refusal.message });
          continue;
        }
        this.records.move(id, 'ready', { approvedBy: approver.id, message: null, now });
        alsoInTransaction(record.reference);
        outcome.approved.push(record.reference);
      }
    });
    return outcome;
  }

  /**
   * A checker sends records the registry failed once more: they become ready and go in the next
   * batch. A failure is the registry's refusal, not an acceptance, so this never sends a record twice.
   * A record today's rules refuse is not sent again: its maker changes it.
   */
  markReady(ids: readonly string[], checker: OperatorProfile, alsoInTransaction: (reference: string) => void = () => undefined): { marked: string[]; refused: Array<{ reference: string; message: string }> } {
    const outcome = { marked: [] as string[], refused: [] as Array<{ reference: string; message: string }> };
    const now = this.clock().toISOString();
    this.store.write(() => {
      for (const id of ids) {
        const record = this.records.find(id);
        if (!record) throw new AppFailure('NOT_FOUND', 'That record no longer exists.');
        if (record.state !== 'failed') {
          outcome.refused.push({ reference: record.reference, message: 'Only a record the registry failed can be sent again.' });
          continue;
        }
        // Sent once under older rules, it may hold what today's refuse. The registry's message stays
        // as it was; today's problems join its field errors, for the maker to see beside the fields.
        const refusal = recheckStored(record, this.records.kinds);
        if (refusal) {
          this.records.noteProblems(id, { fields: { ...(record.registryErrors ?? {}), ...refusal.fields }, now });
          outcome.refused.push({ reference: record.reference, message: `Not sent again. ${refusal.message}` });
          continue;
        }
        this.records.move(id, 'ready', { message: `Sent again by ${checker.name}. Last time: ${record.message ?? 'no reason given'}`, now });
        alsoInTransaction(record.reference);
        outcome.marked.push(record.reference);
      }
    });
    return outcome;
  }

  /** A checker sends a record back to its maker with a reason the maker will see. */
  reject(id: string, reason: string, approver: OperatorProfile, alsoInTransaction: (reference: string) => void = () => undefined): void {
    const why = reason.replace(/\s+/g, ' ').trim();
    if (why.length < 3) throw new AppFailure('VALIDATION_FAILED', 'Say why the record is rejected, so the maker can fix it.', { reason: 'Say why.' });
    // The reason becomes the record's message, shown to the maker and kept with the record.
    const problem = freeTextProblem(reason);
    if (problem !== undefined) throw new AppFailure('VALIDATION_FAILED', `Check the reason. ${problem}`, { reason: problem });
    this.store.write(() => {
      const record = this.records.find(id);
      if (!record) throw new AppFailure('NOT_FOUND', 'That record no longer exists.');
      if (record.state !== 'awaiting_approval') throw new AppFailure('CONFLICT', 'This record is not waiting for approval.');
      this.assertCanApprove(approver, { createdBy: record.createdBy });
      this.records.move(id, 'rejected', { message: `Rejected by ${approver.name}: ${why}`, now: this.clock().toISOString() });
      alsoInTransaction(record.reference);
    });
  }

  /** The records other than the one being changed that hold a number being typed, within what `viewer` may read. */
  findSameCustomer(request: RequestOf<'records.findSameCustomer'>, viewer: Pick<OperatorProfile, 'id' | 'role'>): ResponseOf<'records.findSameCustomer'> {
    if (!this.sameCustomer) return { matches: [] };
    return { matches: lookUpSameCustomer(this.sameCustomer, this.store, request, request.exceptId ?? null, recordScopeOf(viewer), viewer.id) };
  }

  /** The queue as this operator may see it: the page, its total and the state counts, all within the scope. */
  list(request: RequestOf<'records.list'>, scope: RecordScope): ResponseOf<'records.list'> {
    const { items, total } = this.records.list(request, scope);
    return { items, total, counts: this.records.countsByState(scope) };
  }
}

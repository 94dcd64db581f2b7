import type { DkycPushView, PushProblem, RequestOf, ResponseOf } from '../../shared/contract';
import { checkFullAadhaar, recordAadhaarLast4 } from '../../shared/digital-kyc/full-aadhaar';
import { AppFailure } from '../../shared/errors';
import type { OperatorProfile } from '../../shared/operators/roles';
import { CKYC_INDIVIDUAL } from '../../shared/record-kinds/ckyc-individual';
import { DKYC_PUSH, DKYC_PUSH_KIND_ID, dkycPushSchema, type DkycPush } from '../../shared/record-kinds/dkyc-push';
import type { FieldErrors } from '../../shared/record-kinds/record-kind';
import { verifierFromOperator, type KycRecord } from '../../shared/record/kyc-record';
import { validateIndianMobile } from '../../shared/validation/identifiers';
import type { PushSettings } from '../connectors/agent-api/dkyc-mapping';
import type { RecordRepository } from '../records/record-repository';
import { NOT_IN_SCOPE_RECORD, type RecordScope } from '../records/record-scope';
import type { RecordService } from '../records/record-service';
import type { Store } from '../store/database';
import { SessionList } from '../video-kyc/session-list';
import type { AgentApiWiring } from '../video-kyc/agent-api-in-force';
import type { AadhaarHolder } from './aadhaar-holder';
import { pushProblems } from './push-request';

export interface PushDeskOptions {
  store: Store;
  records: RecordRepository;
  recordService: RecordService;
  holder: AadhaarHolder;
  agentApi: Pick<AgentApiWiring, 'inForce'>;
  pushSettings: () => PushSettings | { problem: string };
  /** Hands the ready pushes to the engine (the digital-KYC service). */
  sendReady: (operator: OperatorProfile) => void;
  /** Closes a batch waiting for a person (SyncEngine.closeBatch). */
  closeBatch: (batchId: string, reason: string) => void;
}

/** Runs inside a save's transaction (or after a close): the push's audit entry. */
export type OnPushed = (reference: string) => void;

/** Labels for the paths that are not fields of the record (dkyc-field-paths.ts names them). */
const OTHER_LABELS: Readonly<Record<string, string>> = {
  aadhaar: 'Aadhaar number (typed when pushing)',
  verifier: 'Your operator profile (name, branch, employee code)',
  pushSettings: 'The institution’s codes for digital KYC',
  record: 'Filled in by KYC Desk',
  images: 'Document images',
  inPersonVideo: 'In-person verification video',
};

/** Record states past a checker's approval: only those may be pushed. */
const APPROVED_STATES = new Set(['ready', 'submitted', 'succeeded', 'failed']);

/** Phases in which a push is still under way or waits for a person: no second one beside it. */
const OPEN_PHASES = new Set(['sending', 'following', 'may_have_been_sent', 'needs_attention']);

/**
 * The digital-KYC push at the counter (docs/decisions/0044): what stands between an approved record
 * and its push, the push itself (the typed Aadhaar checked, held by main, the push saved ready on
 * the pushing operator's say-so and handed to the engine at once), the number typed again for a push
 * that lost it, and a person's close of one that may have been made. Reads stay within the acting
 * operator's scope.
 */
export class PushDesk {
  private readonly list: SessionList;

  constructor(private readonly options: PushDeskOptions) {
    this.list = new SessionList(options.store, [DKYC_PUSH_KIND_ID]);
  }

  forRecord(recordId: string, scope: RecordScope, operator: OperatorProfile): ResponseOf<'digitalKyc.forRecord'> {
    const { record, reference, state } = this.customer(recordId, scope);
    const pushes = this.list.forSource(recordId, scope).map((session) => this.view(session.id, scope));
    return { problems: problemsOf(pushProblems(record, reference, verifierFromOperator(operator), this.options.pushSettings())), blocked: this.blocked(state, pushes), aadhaarLast4: recordAadhaarLast4(record), pushes };
  }

  /** Push now: the record approved, nothing missing, the number right; `again` closes one that may have been made. */
  async push(request: RequestOf<'digitalKyc.push'>, operator: OperatorProfile, scope: RecordScope, onSaved: OnPushed, onClosed: OnPushed): Promise<DkycPushView> {
    const { record, reference, state } = this.customer(request.recordId, scope);
    const earlier = this.list.forSource(request.recordId, scope).map((session) => this.view(session.id, scope));
    const waiting = earlier.find((push) => push.phase === 'may_have_been_sent' || push.phase === 'needs_attention');
    const blocked = this.blocked(state, earlier, request.again === true);
    if (blocked) throw new AppFailure('CONFLICT', blocked);
    const digits = this.checkedAadhaar(request.aadhaar, record);
    const problems = pushProblems(record, reference, verifierFromOperator(operator), this.options.pushSettings());
    if (Object.keys(problems).length > 0) {
      const first = problemsOf(problems)[0]!;
      throw new AppFailure('VALIDATION_FAILED', `Not pushed: correct ${Object.keys(problems).length === 1 ? 'this first' : `these ${Object.keys(problems).length} first`}, starting with ${first.label}: ${first.message}`, problems);
    }
    const inForce = await this.options.agentApi.inForce();
    if (!inForce.ok) throw new AppFailure('CONNECTION_NOT_ALLOWED', `Not pushed: ${inForce.problem}`);
    const mobile = validateIndianMobile(record.contact.mobile);
    if (!mobile.ok) throw new AppFailure('VALIDATION_FAILED', `Not pushed: the customer’s mobile number will not do (${mobile.reason})`, { 'contact.mobile': mobile.reason });
    const handle = this.options.holder.hold(digits);
    try {
      // The one that may have been made is closed only once the new push is sure to be saved.
      if (request.again === true && waiting?.batchId) {
        this.options.closeBatch(waiting.batchId, 'Pushed again on purpose by a person.');
        onClosed(waiting.reference);
      }
      const push: DkycPush = { userId: reference, phoneNumber: mobile.value, sourceRecordId: request.recordId, aadhaarHandle: handle };
      const check = DKYC_PUSH.validate(push);
      if (!check.ok) throw new AppFailure('VALIDATION_FAILED', `Not pushed: ${Object.values(check.errors)[0]}`, check.errors);
      const saved = this.options.recordService.save({ kind: DKYC_PUSH_KIND_ID, record: check.value }, operator, (savedReference) => onSaved(savedReference));
      this.options.sendReady(operator);
      return this.view(saved.id, scope);
    } catch (error) {
      this.options.holder.drop(handle);
      throw error;
    }
  }

  /** The number typed again for a push that waits for it; it goes at once. */
  typeAadhaar(id: string, aadhaar: string, operator: OperatorProfile, scope: RecordScope): DkycPushView {
    const found = this.view(id, scope);
    if (!found.waitingForAadhaar) throw new AppFailure('CONFLICT', 'This push is not waiting for the Aadhaar number.');
    const push = dkycPushSchema.parse(this.options.records.find(id)!.record);
    const { record } = this.customer(push.sourceRecordId, scope);
    this.options.holder.holdFor(push.aadhaarHandle, this.checkedAadhaar(aadhaar, record));
    this.options.sendReady(operator);
    return this.view(id, scope);
  }

  /** A person closes a push that may have been made (or one waiting for a person): it ends as not pushed, with why. */
  close(id: string, reason: string, scope: RecordScope, onClosed: OnPushed): DkycPushView {
    const found = this.view(id, scope);
    if ((found.phase !== 'may_have_been_sent' && found.phase !== 'needs_attention') || !found.batchId) throw new AppFailure('CONFLICT', 'Only a push waiting for a person’s decision can be closed here.');
    this.options.closeBatch(found.batchId, reason);
    onClosed(found.reference);
    return this.view(id, scope);
  }

  view(id: string, scope: RecordScope): DkycPushView {
    const session = this.list.find(id, scope);
    if (!session) throw new AppFailure('NOT_FOUND', NOT_IN_SCOPE_RECORD);
    const stored = this.options.records.find(id)!;
    const push = dkycPushSchema.safeParse(stored.record);
    const waitingForAadhaar = stored.state === 'ready' && push.success && !this.options.holder.has(push.data.aadhaarHandle);
    return { ...session, problems: problemsOf(stored.registryErrors ?? {}), waitingForAadhaar };
  }

  private checkedAadhaar(typed: string, record: KycRecord): string {
    const checked = checkFullAadhaar(typed, recordAadhaarLast4(record));
    if (!checked.ok) throw new AppFailure('VALIDATION_FAILED', `Not pushed: ${checked.problem}`, { aadhaar: checked.problem });
    return checked.digits;
  }

  /** Why this record may not be pushed now, or null. */
  private blocked(state: string, pushes: readonly DkycPushView[], again = false): string | null {
    if (!APPROVED_STATES.has(state)) return 'Only a record a checker has approved can be pushed for digital KYC.';
    const open = pushes.find((push) => OPEN_PHASES.has(push.phase));
    if (open && !(again && (open.phase === 'may_have_been_sent' || open.phase === 'needs_attention'))) {
      if (open.phase === 'may_have_been_sent') return `Push ${open.reference} may have been made: close it, or push again on purpose.`;
      if (open.phase === 'needs_attention') return `Push ${open.reference} waits for a person: close it, or push again on purpose.`;
      return `Push ${open.reference} is under way; its session is followed until the agent’s verdict.`;
    }
    if (pushes.some((push) => push.verdict === 'approved')) return 'This customer’s digital KYC was approved already.';
    return null;
  }

  private customer(recordId: string, scope: RecordScope): { record: KycRecord; reference: string; state: string } {
    const found = this.options.records.findInFull(recordId, scope);
    if (!found || found.stored.kind !== CKYC_INDIVIDUAL.id) throw new AppFailure('NOT_FOUND', NOT_IN_SCOPE_RECORD);
    return { record: found.stored.record as KycRecord, reference: found.summary.reference, state: found.summary.state };
  }
}

/** Problems by path → for the dialog: each with its label and the capture step that shows it. */
export function problemsOf(errors: FieldErrors): PushProblem[] {
  return Object.entries(errors).map(([path, message]) => {
    const other = OTHER_LABELS[path];
    const step = other !== undefined && path !== 'images' && path !== 'inPersonVideo' ? null : CKYC_INDIVIDUAL.stepOf(path);
    return { path, label: other ?? CKYC_INDIVIDUAL.fieldLabel(path), step, message };
  });
}

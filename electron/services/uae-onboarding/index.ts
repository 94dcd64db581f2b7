import type { KycImage } from '../../../shared/record/kyc-record';
import { UAE_CUSTOMER_KIND_ID, validateUaeCustomer, type UaeCustomer, type UaeId } from '../../../shared/record-kinds/uae-customer';
import type { CdpClient, CdpCustomer as CdpLookUpCustomer, CdpLookUp, CdpOnboardOutcome } from '../../connectors/cdp/client';
import { toOnboardingRequest, toRecordFields } from '../../connectors/cdp/map-uae-customer';
import type { StoredRecord } from '../../records/record-repository';
import type { FormedBatches, LookUpOutcome, RecordResult, Settled, StepContext, SubmissionService, SubmitOutcome } from '../../sync/submission-service';
import type { HttpFailure } from '../../transport/http-client';
import { CdpEnrolments, type CdpEnrolment, type CdpEnrolmentHow } from '../../uae-onboarding/cdp-enrolments';
import type { CdpInForce } from '../../uae-onboarding/cdp-in-force';
import { mayHaveReachedRegistry, stepFailure } from '../ckyc/failures';

/** The engine's id for this service: each onboarding's batch stores it. */
export const UAE_ONBOARDING_SERVICE_ID = 'uae-onboarding';
/** The batch kind an onboarding's batch stores. */
export const UAE_ONBOARDING_BATCH_KIND = 'cdp-onboard';

export interface UaeOnboardingServiceOptions {
  /** The CDP in force (Training: the sandbox; Live: the saved connection), read at each step. */
  cdp: () => Promise<CdpInForce>;
  /** A sealed document's bytes, by its hash (the images travel inline as Base64). */
  readDocument: (hash: string) => Buffer;
}

/**
 * UAE partner onboarding (docs/apis/uae-partner-onboarding.md; decision 0048) as a submission
 * service: each approved UAE customer is a batch of one.
 *
 *   submit   the customer is looked up by their id first (nothing changes at the CDP): found, the
 *            record takes the ECRN the CDP already has; stopped (under investigation, blocked), it
 *            fails with the reason the branch acts on; not found (or not subscribed), it is
 *            onboarded, once. A lost answer is doubt; provably not taken (offline, the CDP's
 *            search error) is tried again; a refusal ends it, the CDP's fields on the form's;
 *   lookUp   after doubt, the same look-up: found, the record takes that ECRN; not found twice, a
 *            poll interval apart (the engine's rule), it is ready to be sent again.
 *
 * A customer the CDP holds (onboarded, found at once, or found after doubt) has what the CDP said
 * of them written down as data (electron/uae-onboarding/cdp-enrolments.ts) in the same write as
 * the record's end (decision 0054).
 */
export function uaeOnboardingService(options: UaeOnboardingServiceOptions): SubmissionService {
  return {
    id: UAE_ONBOARDING_SERVICE_ID,
    separateDelivery: false,
    recordKind: UAE_CUSTOMER_KIND_ID,
    form: formOnboardingBatches,
    probe: async () => {
      const inForce = await options.cdp();
      return inForce.ok ? inForce.client.reachable() : false;
    },
    submit: (_batch, context) => submit(options, context),
    lookUp: (_batch, context) => lookUpAfterDoubt(options, context),
  };
}

/** One batch per customer; a record today's rules refuse goes back to its maker. */
export function formOnboardingBatches(ready: readonly StoredRecord[]): FormedBatches {
  const formed: FormedBatches = { batches: [], leftOut: [], refused: [] };
  for (const record of ready) {
    const checked = validateUaeCustomer(record.record);
    if (checked.ok) formed.batches.push({ kind: UAE_ONBOARDING_BATCH_KIND, records: [record] });
    else formed.refused.push({ record, refusal: { fields: checked.errors, message: 'This customer no longer passes the checks: correct the fields named and approve again.' } });
  }
  return formed;
}

/** The id the CDP knows the customer by: the default Emirates ID, else any Emirates ID, else the default id, else the first. */
export function lookUpIdOf(customer: UaeCustomer): { id: UaeId; index: number } {
  const indexed = customer.ids.map((id, index) => ({ id, index }));
  const eid = indexed.filter(({ id }) => id.type === '4');
  return eid.find(({ id }) => id.isDefault) ?? eid[0] ?? indexed.find(({ id }) => id.isDefault) ?? indexed[0]!;
}

function customerOf(member: StoredRecord): UaeCustomer {
  return member.record as unknown as UaeCustomer;
}

const result = (reference: string, value: RecordResult): Settled => ({
  kind: 'settled',
  settlement: { state: value.state === 'succeeded' ? 'succeeded' : 'failed', lastError: value.state === 'succeeded' ? null : value.message, results: new Map([[reference, value]]), unreported: value },
});

/** The customer the CDP holds: the record succeeds, and what the CDP said of it is written with its end. */
function held(member: StoredRecord, message: string, how: CdpEnrolmentHow, said: Omit<CdpEnrolment, 'recordId' | 'how' | 'notedAt'>): Settled {
  const settled = result(member.reference, { state: 'succeeded', message, issuedNumber: null });
  settled.settlement.alongside = ({ store, now }) => new CdpEnrolments(store).note({ recordId: member.id, how, ...said }, now);
  return settled;
}

/** A found customer's answer as kept: a look-up gives no PEP flag or AML category. */
function foundFields(customer: CdpLookUpCustomer): Omit<CdpEnrolment, 'recordId' | 'how' | 'notedAt'> {
  return { ecrn: customer.ecrn, customerStatus: customer.customerStatus, amlScanStatus: customer.amlScanStatus, pep: null, amlCategory: null, idStatus: customer.idStatus, idExpiry: customer.idExpiry };
}

const failed = (reference: string, message: string, fields?: Record<string, string>): Settled =>
  result(reference, { state: 'failed', message, ...(fields && Object.keys(fields).length > 0 ? { fields } : {}) });

/** What a person reads on a record the CDP holds. */
function onboardedNote(how: 'onboarded' | 'found', found: { ecrn: string; customerStatus: string | null; amlScanStatus: string | null }, extra = ''): string {
  const status = [found.customerStatus && `customer ${found.customerStatus}`, found.amlScanStatus && `AML scan ${found.amlScanStatus}`].filter(Boolean).join(', ');
  return `${how === 'onboarded' ? 'Onboarded on the UAE CDP' : 'The UAE CDP already holds this customer'}: ECRN ${found.ecrn}${status ? ` (${status}${extra})` : ''}.`;
}

/** A look-up's answer that ends the record before anything is sent, or null when onboarding may go ahead. */
function endedByLookUp(member: StoredRecord, answer: CdpLookUp, index: number): Settled | null {
  switch (answer.outcome) {
    case 'found':
      return held(member, onboardedNote('found', answer.customer), 'found', foundFields(answer.customer));
    case 'stopped':
      return failed(
        member.reference,
        answer.reason === 'blocked'
          ? `Not onboarded: the UAE CDP cannot accept this customer (${answer.code}, "${answer.message}"). Refer the customer to compliance; do not send again.`
          : `Not onboarded: the UAE CDP has this customer under compliance investigation (${answer.code}, "${answer.message}"). Wait until compliance clears the customer.`,
      );
    case 'invalid-input':
      return failed(member.reference, `Not onboarded: the UAE CDP could not read the customer's id number (${answer.code}, "${answer.message}").`, { [`ids.${index}.number`]: 'The UAE CDP could not read this id number: check it against the card.' });
    default:
      return null;
  }
}

async function submit(options: UaeOnboardingServiceOptions, context: StepContext): Promise<SubmitOutcome> {
  const member = context.members[0];
  if (!member) return { kind: 'refused', message: 'This batch holds no customer.' };
  const inForce = await options.cdp();
  if (!inForce.ok) return { kind: 'refused', message: `Not sent: ${inForce.problem}` };
  const customer = customerOf(member);
  const { id, index } = lookUpIdOf(customer);
  const looked = await inForce.client.lookUp({ idType: id.type, idNumber: id.number });
  if (!looked.ok) return { kind: 'retry', failure: stepFailure(looked.failure), prefix: 'Looking the customer up on the UAE CDP failed; it will be tried again. Nothing is sent until then. ' };
  if (looked.body.outcome === 'retry-later') return { kind: 'retry', failure: { message: `The UAE CDP could not search just now (${looked.body.code}, "${looked.body.message}").`, unreachable: false, retryAfterMs: null } };
  const ended = endedByLookUp(member, looked.body, index);
  if (ended) return ended;
  return onboard(options, inForce.client, member, customer, context);
}

async function onboard(options: UaeOnboardingServiceOptions, client: CdpClient, member: StoredRecord, customer: UaeCustomer, context: StepContext): Promise<SubmitOutcome> {
  const readImage = async (image: KycImage) => {
    try {
      return { base64_data: options.readDocument(image.documentHash).toString('base64'), content_type: image.mime };
    } catch {
      return null;
    }
  };
  const mapped = await toOnboardingRequest(customer, { readImage, updatedBy: context.verifier().employmentCode });
  if (!mapped.ok) return failed(member.reference, `Not onboarded: ${mapped.message}`, mapped.fields);
  const outcome = await client.onboard(mapped.request);
  return onboardOutcome(member, outcome, context);
}

function onboardOutcome(member: StoredRecord, outcome: CdpOnboardOutcome, context: StepContext): SubmitOutcome {
  if (outcome.ok) {
    const b = outcome.body;
    const extra = `${b.pep === null ? '' : `, PEP ${b.pep ? 'yes' : 'no'}`}${b.amlCategory === null ? '' : `, AML category ${b.amlCategory}`}`;
    return held(member, onboardedNote('onboarded', b, extra), 'onboarded', {
      ecrn: b.ecrn,
      customerStatus: b.customerStatus,
      amlScanStatus: b.amlScanStatus,
      pep: b.pep,
      // The CDP gives a number; the record keeps it as the text it shows.
      amlCategory: b.amlCategory === null ? null : `${b.amlCategory}`,
      idStatus: null,
      idExpiry: null,
    });
  }
  const failure: HttpFailure = outcome.failure;
  context.logger.warn('UAE onboarding failed', { kind: failure.kind, status: 'status' in failure ? failure.status : null, reason: outcome.cdp?.reason ?? null });
  // Provably not taken: tried again later (the engine's backoff; a 429's wait).
  if (failure.kind === 'unreachable' || failure.kind === 'rate_limited') return { kind: 'retry', failure: stepFailure(failure) };
  if (mayHaveReachedRegistry(failure)) return { kind: 'doubt', message: `${failure.message} The customer is looked up on the UAE CDP before anything is sent again.` };
  const cdp = outcome.cdp;
  if (cdp && (cdp.reason === 'invalid-fields' || cdp.reason === 'invalid-master-data')) {
    const placed = toRecordFields(cdp.fields);
    const unplaced = placed.unplaced.length > 0 ? ` The CDP also said: ${placed.unplaced.join('; ')}.` : '';
    return failed(member.reference, `Not onboarded: ${failure.message} Correct the customer's record (the fields are named on its Review page) and approve it again.${unplaced}`, placed.fields);
  }
  if (failure.kind === 'rejected' && (failure.status === 401 || failure.status === 403)) {
    return failed(member.reference, `Not onboarded: ${failure.message} An admin checks the UAE CDP connection on the Connections screen; then send the customer again.`);
  }
  return failed(member.reference, `Not onboarded: ${failure.message}`);
}

async function lookUpAfterDoubt(options: UaeOnboardingServiceOptions, context: StepContext): Promise<LookUpOutcome> {
  const member = context.members[0];
  if (!member) return { kind: 'attention', message: 'This batch holds no customer; a person closes it.' };
  const inForce = await options.cdp();
  if (!inForce.ok) return { kind: 'retry', failure: { message: inForce.problem, unreachable: false, retryAfterMs: null } };
  const { id, index } = lookUpIdOf(customerOf(member));
  const looked = await inForce.client.lookUp({ idType: id.type, idNumber: id.number });
  if (!looked.ok) return { kind: 'retry', failure: stepFailure(looked.failure), prefix: 'Looking the customer up on the UAE CDP failed; it will be tried again. Nothing is sent until then. ' };
  const answer = looked.body;
  if (answer.outcome === 'found') return held(member, onboardedNote('onboarded', answer.customer), 'found-after-doubt', foundFields(answer.customer));
  if (answer.outcome === 'not-found' || answer.outcome === 'not-subscribed') {
    return {
      kind: 'absent',
      firstMessage: 'The UAE CDP does not hold this customer yet; KYC Desk asks once more before sending again.',
      message: 'The UAE CDP did not take this customer: ready to be sent again.',
      recordMessage: 'Not onboarded: the UAE CDP did not take the earlier request (looked up twice). Ready to be sent again.',
    };
  }
  if (answer.outcome === 'retry-later') return { kind: 'retry', failure: { message: `The UAE CDP could not search just now (${answer.code}).`, unreachable: false, retryAfterMs: null } };
  return endedByLookUp(member, answer, index) ?? { kind: 'attention', message: `The UAE CDP answered the look-up in a way KYC Desk cannot act on by itself: ${answer.outcome}.` };
}

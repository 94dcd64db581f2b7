import { DKYC_PUSH_KIND_ID, dkycPushSchema, type DkycPush } from '../../../shared/record-kinds/dkyc-push';
import type { AadhaarHolder } from '../../digital-kyc/aadhaar-holder';
import type { StoredRecord } from '../../records/record-repository';
import type { BatchRow } from '../../sync/batch-repository';
import type { FollowOutcome, FormedBatches, LookUpOutcome, StepContext, SubmissionService, SubmitOutcome } from '../../sync/submission-service';
import type { HttpFailure } from '../../transport/http-client';
import type { SessionKeeper, SessionOwner } from '../../video-kyc/session-keeper';
import { mayHaveReachedRegistry, stepFailure } from '../ckyc/failures';
import { followSession, type AgentApiInForce } from '../video-kyc/session-following';
import { buildPush, type PushSources } from '../../digital-kyc/push-request';

/** The engine's id for this service: each push's batch stores it. */
export const DIGITAL_KYC_SERVICE_ID = 'digital-kyc';
/** The batch kind a push's batch stores. */
export const DIGITAL_KYC_BATCH_KIND = 'dkyc-push';

/** What a person reads when a push's answer was lost: the seed has no way to look a push up. */
export const MAY_HAVE_BEEN_PUSHED =
  'The customer may have been pushed: the answer from the agent API was lost, and the agent API has no way to look a push up. ' +
  'A person decides on the customer’s Review page: close it as not pushed, or push again on purpose (typing the Aadhaar number again).';

/** What a push waits for when main no longer holds its Aadhaar number (a restart, or two minutes without the network). */
export const AADHAAR_NEEDED =
  'Waiting for the Aadhaar number to be typed again: KYC Desk holds it only until the push is sent (at most two minutes) and never keeps it. ' +
  'Open the customer’s Review page and type it in the push dialog.';

export interface DigitalKycServiceOptions extends PushSources {
  /** The agent API in force (Training: the sandbox; Live: the saved connection), read at each step. */
  agentApi: () => Promise<AgentApiInForce>;
  keeper: SessionKeeper;
  /** The typed Aadhaar numbers, by the handle each push stores. */
  holder: AadhaarHolder;
  /** The admin's poll interval for sessions: no session is asked about more often. */
  minPollIntervalMs: () => number;
}

/**
 * The digital-KYC push (docs/apis/agent-api.md § push, docs/decisions/0044) as a submission
 * service: each push (a record of kind dkyc-push, ready on the pushing operator's say-so) is a
 * batch of one.
 *
 *   form     a push whose Aadhaar number main no longer holds is left out, saying it waits for it;
 *   submit   the request is built from the customer's record at that moment and sent once. A lost
 *            answer is doubt — never a second push (the seed has no look-up by user); provably not
 *            taken (offline, 429) is tried again while the number is held; a 400 ends the push
 *            refused, the vendor's errors on the customer's form fields;
 *   lookUp   nothing to ask: the push waits for a person ("may have been pushed");
 *   follow   the session the push made, as a video-KYC session (followSession), to its verdict.
 */
export function digitalKycService(options: DigitalKycServiceOptions): SubmissionService {
  return {
    id: DIGITAL_KYC_SERVICE_ID,
    separateDelivery: false,
    recordKind: DKYC_PUSH_KIND_ID,
    form: (ready) => formPushBatches(ready, options.holder),
    minFollowIntervalMs: options.minPollIntervalMs,
    probe: async () => {
      const inForce = await options.agentApi();
      return inForce.ok ? inForce.api.reachable() : false;
    },
    submit: (batch, context) => submit(options, batch, context),
    follow: (batch, context) => follow(options, batch, context),
    lookUp: async (): Promise<LookUpOutcome> => ({ kind: 'attention', message: MAY_HAVE_BEEN_PUSHED }),
  };
}

/** One batch per push whose number is held; the others wait for it, saying so. */
export function formPushBatches(ready: readonly StoredRecord[], holder: AadhaarHolder): FormedBatches {
  const formed: FormedBatches = { batches: [], leftOut: [], refused: [] };
  for (const record of ready) {
    const read = dkycPushSchema.safeParse(record.record);
    if (!read.success) {
      formed.refused.push({ record, refusal: { fields: { userId: 'This push cannot be read.' }, message: 'This push cannot be read; push the customer again from their record.' } });
      continue;
    }
    if (!holder.has(read.data.aadhaarHandle)) formed.leftOut.push({ record, message: AADHAAR_NEEDED });
    else formed.batches.push({ kind: DIGITAL_KYC_BATCH_KIND, records: [record] });
  }
  return formed;
}

function pushOf(member: StoredRecord): DkycPush {
  return dkycPushSchema.parse(member.record);
}

function ownerOf(member: StoredRecord): SessionOwner {
  return { recordId: member.id, service: DIGITAL_KYC_SERVICE_ID, sourceRecordId: pushOf(member).sourceRecordId };
}

/** A push that ends without a session: failed, with why (and, when known, why by the customer's form fields). */
function ended(reference: string, message: string, fields?: Record<string, string>): SubmitOutcome {
  const result = { state: 'failed' as const, message, ...(fields && Object.keys(fields).length > 0 ? { fields } : {}) };
  return { kind: 'settled', settlement: { state: 'failed', lastError: message, results: new Map([[reference, result]]), unreported: result } };
}

/** Anything the vendor said back, with the typed number (or any 12 digits in a row) masked, before it is kept or logged. */
export function withoutAadhaar(text: string, digits: string): string {
  return text.split(digits).join(`XXXXXXXX${digits.slice(-4)}`).replace(/(?<!\d)\d{12}(?!\d)/g, (run) => `XXXXXXXX${run.slice(-4)}`);
}

function scrubbed(fields: Record<string, string>, digits: string): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([path, message]) => [path, withoutAadhaar(message, digits)]));
}

async function submit(options: DigitalKycServiceOptions, batch: BatchRow, context: StepContext): Promise<SubmitOutcome> {
  const member = context.members[0];
  if (!member) return { kind: 'refused', message: 'This batch holds no push.' };
  const push = pushOf(member);
  const aadhaar = options.holder.peek(push.aadhaarHandle);
  // The number was dropped (a restart, or two minutes without the network): nothing was sent. The
  // push goes back to ready, and waits there for a person to type it again.
  if (aadhaar === null) return { kind: 'refused', message: AADHAAR_NEEDED };
  const inForce = await options.agentApi();
  if (!inForce.ok) {
    options.holder.drop(push.aadhaarHandle);
    return ended(member.reference, `Not pushed: ${inForce.problem}`);
  }
  const built = await buildPush(options, push.sourceRecordId, push.userId, aadhaar, context.verifier());
  if (!built.ok) {
    options.holder.drop(push.aadhaarHandle);
    return ended(member.reference, built.message, built.errors);
  }
  const outcome = await inForce.api.pushUserData(built.request);
  if (outcome.ok) {
    options.holder.drop(push.aadhaarHandle);
    options.keeper.started(ownerOf(member), outcome.body.session_id, null);
    return { kind: 'accepted', remoteId: outcome.body.session_id, remoteState: 'waiting', next: 'follow' };
  }
  const failure = outcome.failure as HttpFailure & { fields?: Record<string, string> };
  const said = withoutAadhaar(failure.message, aadhaar);
  context.logger.warn('digital-KYC push failed', { batchId: batch.id, kind: failure.kind, status: 'status' in failure ? failure.status : null });
  // Provably not taken: tried again while the number is still held (the engine's backoff; a 429's wait).
  if (failure.kind === 'unreachable' || failure.kind === 'rate_limited') return { kind: 'retry', failure: stepFailure({ ...failure, message: said } as HttpFailure) };
  options.holder.drop(push.aadhaarHandle);
  if (mayHaveReachedRegistry(failure)) return { kind: 'doubt', message: `${said} ${MAY_HAVE_BEEN_PUSHED}` };
  if (failure.kind === 'rejected' && failure.status === 400 && failure.fields) {
    const fields = scrubbed(built.toFormPaths(failure.fields), aadhaar);
    return ended(member.reference, `Not pushed: ${said} Correct the customer’s record (the fields are named on its Review page) and push again.`, fields);
  }
  if (failure.kind === 'rejected' && (failure.status === 401 || failure.status === 403)) {
    return ended(member.reference, `Not pushed: the agent API refused KYC Desk's sign-in (${said}). An admin checks the agent API username and password on the Connections screen; then push again.`);
  }
  return ended(member.reference, `Not pushed: the agent API refused this push: ${said}`);
}

async function follow(options: DigitalKycServiceOptions, batch: BatchRow, context: StepContext): Promise<FollowOutcome> {
  const member = context.members[0];
  if (!member || !batch.clientId) return { kind: 'attention', message: 'This session has lost its push; a person closes it.' };
  const inForce = await options.agentApi();
  if (!inForce.ok) return { kind: 'retry', failure: { message: inForce.problem, unreachable: false, retryAfterMs: null } };
  return followSession(inForce.api, options.keeper, ownerOf(member), batch.clientId, member.reference);
}

import { VIDEO_KYC_LINK_KIND_ID, videoKycLinkSchema, type VideoKycLink } from '../../../shared/record-kinds/video-kyc-link';
import type { StoredRecord } from '../../records/record-repository';
import type { BatchRow } from '../../sync/batch-repository';
import type { FollowOutcome, FormedBatches, LookUpOutcome, StepContext, SubmissionService, SubmitOutcome } from '../../sync/submission-service';
import type { SessionKeeper, SessionOwner } from '../../video-kyc/session-keeper';
import { mayHaveReachedRegistry, stepFailure } from '../ckyc/failures';
import { followSession, type AgentApiInForce } from './session-following';

/** The engine's id for this service: each link request's batch stores it. */
export const VIDEO_KYC_SERVICE_ID = 'video-kyc';
/** The batch kind a link's batch stores. */
export const VIDEO_KYC_BATCH_KIND = 'video-kyc-link';

/** What a person reads when a link's answer was lost: the seed has no way to look a link up. */
export const MAY_HAVE_BEEN_SENT =
  'The link may have been sent: the answer from the agent API was lost, and the agent API has no way to look a link up. ' +
  'A person decides: close it as not sent, or send a new link (the vendor then rejects the old one as kyc_rejected).';

export interface VideoKycServiceOptions {
  /** The agent API in force (Training: the sandbox; Live: the saved connection), read at each step. */
  agentApi: () => Promise<AgentApiInForce>;
  keeper: SessionKeeper;
  /** The admin's poll interval for sessions: no session is asked about more often. */
  minPollIntervalMs: () => number;
}

/**
 * Video-KYC links (docs/apis/agent-api.md, docs/decisions/0042) as a submission service: each link
 * request (a record of kind video-kyc-link, ready on its operator's say-so) is a batch of one.
 *
 *   submit   sendLink; accepted with the session id, then followed. A lost answer is doubt — never
 *            a second sendLink (two live links for one customer is the vendor's own rejection case);
 *            provably not taken (offline, 429) is tried again; a refusal ends the request, with why;
 *   lookUp   the seed has no look-up: the request waits for a person ("may have been sent");
 *   follow   get_details on the engine's schedule, never more often than the admin's interval,
 *            until a final status (followSession).
 */
export function videoKycService(options: VideoKycServiceOptions): SubmissionService {
  return {
    id: VIDEO_KYC_SERVICE_ID,
    separateDelivery: false,
    recordKind: VIDEO_KYC_LINK_KIND_ID,
    form: formLinkBatches,
    minFollowIntervalMs: options.minPollIntervalMs,
    probe: async () => {
      const inForce = await options.agentApi();
      return inForce.ok ? inForce.api.reachable() : false;
    },
    submit: (batch, context) => submit(options, batch, context),
    follow: (batch, context) => follow(options, batch, context),
    lookUp: async (): Promise<LookUpOutcome> => ({ kind: 'attention', message: MAY_HAVE_BEEN_SENT }),
  };
}

/** One batch per link request: each goes, and is answered, on its own. */
export function formLinkBatches(ready: readonly StoredRecord[]): FormedBatches {
  const formed: FormedBatches = { batches: [], leftOut: [], refused: [] };
  for (const record of ready) {
    if (!videoKycLinkSchema.safeParse(record.record).success) {
      formed.refused.push({ record, refusal: { fields: { userId: 'This link request cannot be read.' }, message: 'This link request cannot be read; ask for a new link.' } });
      continue;
    }
    formed.batches.push({ kind: VIDEO_KYC_BATCH_KIND, records: [record] });
  }
  return formed;
}

function linkOf(member: StoredRecord): VideoKycLink {
  return videoKycLinkSchema.parse(member.record);
}

function ownerOf(member: StoredRecord): SessionOwner {
  return { recordId: member.id, service: VIDEO_KYC_SERVICE_ID, sourceRecordId: linkOf(member).sourceRecordId ?? null };
}

/** A request that ends without a session: failed, with the reason on it (a new link is a new request). */
function ended(reference: string, message: string): SubmitOutcome {
  const result = { state: 'failed' as const, message };
  return { kind: 'settled', settlement: { state: 'failed', lastError: message, results: new Map([[reference, result]]), unreported: result } };
}

async function submit(options: VideoKycServiceOptions, batch: BatchRow, context: StepContext): Promise<SubmitOutcome> {
  const member = context.members[0];
  if (!member) return { kind: 'refused', message: 'This batch holds no link request.' };
  const inForce = await options.agentApi();
  if (!inForce.ok) return ended(member.reference, `Not sent: ${inForce.problem}`);
  const link = linkOf(member);
  const outcome = await inForce.api.sendLink({ user_id: link.userId, phone_number: link.phoneNumber, send_notification: link.sendNotification ? 1 : 0, link_type: link.linkType });
  if (outcome.ok) {
    const { session_id: sessionId, ...answer } = outcome.body;
    options.keeper.started(ownerOf(member), sessionId, answer);
    return { kind: 'accepted', remoteId: sessionId, remoteState: 'waiting', next: 'follow' };
  }
  const failure = outcome.failure;
  context.logger.warn('video-KYC sendLink failed', { batchId: batch.id, kind: failure.kind, message: failure.message });
  if (mayHaveReachedRegistry(failure)) return { kind: 'doubt', message: `${failure.message} ${MAY_HAVE_BEEN_SENT}` };
  if (failure.kind === 'unreachable' || failure.kind === 'rate_limited') return { kind: 'retry', failure: stepFailure(failure) };
  // Refused as it is (a 400 names the field; a 401/403 after one renewal: the connection's sign-in).
  // Sending it again unchanged would be refused again: the request ends, and a person sends a new one.
  if (failure.kind === 'rejected' && (failure.status === 401 || failure.status === 403)) {
    return ended(member.reference, `Not sent: the agent API refused KYC Desk's sign-in (${failure.message}). An admin checks the agent API username and password on the Connections screen; then send a new link.`);
  }
  return ended(member.reference, `Not sent: the agent API refused this link request: ${failure.message}`);
}

async function follow(options: VideoKycServiceOptions, batch: BatchRow, context: StepContext): Promise<FollowOutcome> {
  const member = context.members[0];
  if (!member || !batch.clientId) return { kind: 'attention', message: 'This session has lost its link request; a person closes it.' };
  const inForce = await options.agentApi();
  if (!inForce.ok) return { kind: 'retry', failure: { message: inForce.problem, unreachable: false, retryAfterMs: null } };
  return followSession(inForce.api, options.keeper, ownerOf(member), batch.clientId, member.reference);
}

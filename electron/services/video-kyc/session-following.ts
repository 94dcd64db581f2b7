import { SESSION_STATUS_MEANINGS, isSessionStatus } from '../../../shared/agent-sessions/session-status';
import type { AgentApi } from '../../connectors/agent-api/agent-api';
import type { FollowOutcome, Settlement } from '../../sync/submission-service';
import type { KeptDetails, SessionKeeper, SessionOwner } from '../../video-kyc/session-keeper';
export type { AgentApiInForce } from '../../video-kyc/agent-api-in-force';
import { stepFailure } from '../ckyc/failures';

/**
 * One ask after a session (get_details), for any service whose request made one: the video-KYC
 * link and the digital-KYC push. The answer is kept (SessionKeeper: the latest details, and a
 * final verdict against the customer's record); while the session is open the batch waits for the
 * next poll, a final status settles it, and a status KYC Desk does not know waits for a person.
 *
 * `reference` is the request record's reference: the one member of its batch of one.
 */
export async function followSession(api: AgentApi, keeper: SessionKeeper, owner: SessionOwner, sessionId: string, reference: string): Promise<FollowOutcome> {
  const outcome = await api.sessionDetails(sessionId);
  if (!outcome.ok) {
    const failure = outcome.failure;
    // A 4xx other than sign-in or rate: the vendor will not say (an unknown session id). Asking
    // again would get the same answer: a person decides.
    if (failure.kind === 'rejected' && failure.status !== 401 && failure.status !== 403) {
      return { kind: 'attention', message: `The agent API refused to say how session ${sessionId} is (HTTP ${failure.status}): ${failure.message} A person decides: follow it again or close it.`, ...(failure.raw !== undefined ? { answer: failure.raw } : {}) };
    }
    return { kind: 'retry', failure: stepFailure(failure), prefix: 'Asking the agent API about this session failed; it will be asked again. ' };
  }
  const details = outcome.body;
  const answer = JSON.stringify({ session_id: details.session_id, session_status: details.session_status });
  const kept = keeper.details(owner, details);
  if (!kept.known) {
    return { kind: 'attention', message: `The agent API says session ${sessionId} is "${details.session_status}", which KYC Desk does not know. A person decides: follow it again or close it.`, answer };
  }
  if (!kept.final) return { kind: 'pending', remoteState: details.session_status, answer };
  return { kind: 'settled', settlement: settlementOf(kept, details.session_status, sessionId, reference), answer };
}

/** A final status: the request succeeded when the agent approved the customer, failed with plain words otherwise. */
export function settlementOf(kept: KeptDetails, status: string, sessionId: string, reference: string): Settlement {
  const words = isSessionStatus(status) ? SESSION_STATUS_MEANINGS[status].words : status;
  const approved = kept.verdict === 'approved';
  const message = approved ? `${words} (session ${sessionId}).` : `${words} (session ${sessionId}, status ${status}).`;
  const result = { state: approved ? ('succeeded' as const) : ('failed' as const), message, issuedNumber: null };
  return { state: result.state, remoteState: status, lastError: approved ? null : message, results: new Map([[reference, result]]), unreported: result };
}

/**
 * The ten states of a video-KYC or digital-KYC session, as the agent API names them
 * (docs/apis/agent-api.md § Session details), with what branch staff read for each and whether
 * the session can still change. A state KYC Desk does not know is never guessed at: the session
 * waits for a person (needs attention).
 */
export const SESSION_STATUSES = [
  'waiting',
  'agent_alloted',
  'kyc_request_accepted',
  'kyc_request_rejected',
  'kyc_result_rejected',
  'kyc_result_approved',
  'session_expired',
  'user_abandoned',
  'vkyc_requested',
  'kyc_rejected',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface SessionStatusMeaning {
  /** Plain words for the list and the detail. */
  words: string;
  /** True when the session can no longer change: it is not asked about again. */
  final: boolean;
  /** The verdict a final state gives the customer's record; null while the session is open. */
  verdict: 'approved' | 'not_approved' | null;
}

/**
 * Our reading of the seed's remarks: a session ends when the agent rejects the call or the result,
 * approves it, when the link's validity runs out or the call is cancelled, when the customer stays
 * away longer than the vendor's abandon timer, or when a newer link for the same customer replaces
 * it. "vkyc_requested" (the customer scheduled a call) is still open.
 */
export const SESSION_STATUS_MEANINGS: Readonly<Record<SessionStatus, SessionStatusMeaning>> = {
  waiting: { words: 'Link sent; the customer has not opened it yet', final: false, verdict: null },
  agent_alloted: { words: 'The customer opened the link; an agent is assigned', final: false, verdict: null },
  kyc_request_accepted: { words: 'The agent accepted the call', final: false, verdict: null },
  kyc_request_rejected: { words: 'The agent rejected the call', final: true, verdict: 'not_approved' },
  kyc_result_rejected: { words: 'Video KYC rejected (or still pending when the link expired)', final: true, verdict: 'not_approved' },
  kyc_result_approved: { words: 'Video KYC approved by the agent', final: true, verdict: 'approved' },
  session_expired: { words: 'The link expired or the scheduled call was cancelled', final: true, verdict: 'not_approved' },
  user_abandoned: { words: 'The customer left the call and did not come back in time', final: true, verdict: 'not_approved' },
  vkyc_requested: { words: 'The customer scheduled a video call', final: false, verdict: null },
  kyc_rejected: { words: 'Replaced: a newer link was sent to this customer', final: true, verdict: 'not_approved' },
};

export function isSessionStatus(value: string): value is SessionStatus {
  return (SESSION_STATUSES as readonly string[]).includes(value);
}

export function isFinalSessionStatus(value: string): boolean {
  return isSessionStatus(value) && SESSION_STATUS_MEANINGS[value].final;
}

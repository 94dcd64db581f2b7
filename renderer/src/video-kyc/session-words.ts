import { SESSION_STATUS_MEANINGS, SESSION_STATUSES } from '../../../shared/agent-sessions/session-status';
import type { LinkPhase } from '../../../shared/contract';

/** The list's status filter: where a link stands on this PC, then each of the vendor's ten statuses in plain words. */
export const STATUS_FILTERS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'sending', label: 'Being sent' },
  { value: 'may_have_been_sent', label: 'May have been sent (a person decides)' },
  { value: 'needs_attention', label: 'Needs a person (status not known)' },
  { value: 'following', label: 'Sent, being followed' },
  { value: 'ended', label: 'Ended' },
  ...SESSION_STATUSES.map((status) => ({ value: status, label: `${SESSION_STATUS_MEANINGS[status].words}${SESSION_STATUS_MEANINGS[status].final ? ' (final)' : ''}` })),
];

export const PHASE_LABELS: Readonly<Record<LinkPhase, string>> = {
  sending: 'Being sent',
  may_have_been_sent: 'May have been sent',
  following: 'Followed',
  needs_attention: 'Needs a person',
  ended: 'Ended',
};

/** A label inside a sentence: "selfie", but "PAN card" and "Aadhaar (front)" keep their capitals. */
export function inSentence(label: string): string {
  return /^(PAN|Aadhaar)/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** "14 min 05 s" until the link runs out, or null once it has. */
export function timeLeft(expiresAt: string | null, now: number): string | null {
  if (expiresAt === null) return null;
  const ms = Date.parse(expiresAt) - now;
  if (Number.isNaN(ms) || ms <= 0) return null;
  const seconds = Math.floor(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours} h ${String(minutes).padStart(2, '0')} min ${rest} s` : `${minutes} min ${rest} s`;
}

import type { SessionDetail, VideoKycSession } from '../../shared/contract';
import type { AgentSessionRow } from './agent-sessions';

/** The seed's timeline, in the order a session lives it, with what the screen calls each moment. */
const TIMELINE: ReadonlyArray<[key: keyof NonNullable<AgentSessionRow['details']>['times'], label: string]> = [
  ['link_sent', 'Link sent'],
  ['agent_assignment_time', 'Agent assigned'],
  ['vkyc_start_time', 'Video KYC started'],
  ['start_time', 'Call started'],
  ['aadhaar_request_time', 'Aadhaar asked for'],
  ['pan_request_time', 'PAN asked for'],
  ['selfie_request_time', 'Selfie asked for'],
  ['end_time', 'Call ended'],
];

const MEDIUM_LABELS: Readonly<Record<string, string>> = {
  selfie: 'Selfie',
  pan: 'PAN card',
  aadhaar_front: 'Aadhaar (front)',
  aadhaar_back: 'Aadhaar (back)',
  captured_image: 'Captured image',
  user_video: 'Customer’s video',
  agent_video: 'Agent’s video',
  agent_screen: 'Agent’s screen recording',
  summary_json: 'Session summary (JSON)',
  zip: 'Everything (ZIP)',
};

/** A label inside a sentence: "selfie", but "PAN card" and "Aadhaar (front)" keep their capitals. */
export function inSentence(label: string): string {
  return /^(PAN|Aadhaar)/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** What the screen calls a medium of the seed's kind; an unknown kind by its own name. */
export function mediumLabel(kind: string): string {
  return MEDIUM_LABELS[kind] ?? kind.replace(/_/g, ' ');
}

/**
 * The moments the vendor sent, in the order they happened (then those not reached, in the seed's
 * order). The seed's details carry no time for the link itself: that is when the vendor answered
 * our sendLink, kept with the session.
 */
function timelineOf(row: AgentSessionRow | null): SessionDetail['timeline'] {
  const times = row?.details?.times ?? {};
  const moments = TIMELINE.map(([key, label], order) => ({ key, label, at: times[key] ?? (key === 'link_sent' ? (row?.createdAt ?? null) : null), order }));
  const instant = (at: string | null) => (at === null || Number.isNaN(Date.parse(at)) ? Number.POSITIVE_INFINITY : Date.parse(at));
  // The link comes first: the vendor's own clock may put its session's start a moment before our note of the answer.
  const first = (key: string) => (key === 'link_sent' ? 0 : 1);
  return moments.sort((a, b) => first(a.key) - first(b.key) || instant(a.at) - instant(b.at) || a.order - b.order).map(({ key, label, at }) => ({ key, label, at }));
}

/** A session's detail: its summary, the timeline as the vendor sent it, the agent, the media by place (never their URLs). */
export function detailOf(session: VideoKycSession, row: AgentSessionRow | null, kept: ReadonlyArray<{ hash: string; mime: string }>): SessionDetail {
  const details = row?.details ?? null;
  const seen = new Map<string, number>();
  return {
    session,
    agentId: details?.agent_id ?? null,
    agentRegion: details?.agent_region ?? null,
    timeline: timelineOf(row),
    media: (details?.media ?? []).map((medium, index) => {
      const count = (seen.get(medium.kind) ?? 0) + 1;
      seen.set(medium.kind, count);
      return { index, kind: medium.kind, aadhaar: medium.aadhaar, label: count > 1 ? `${mediumLabel(medium.kind)} ${count}` : mediumLabel(medium.kind) };
    }),
    kept: [...kept],
    checkedAt: row?.checkedAt ?? null,
  };
}

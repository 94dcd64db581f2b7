import type { SessionDetails, SessionMedia } from './agent-api';
import type { SessionDataWire } from './wire';

/**
 * A get_details answer (read tolerantly by wire.ts) as the services' SessionDetails: the status as
 * the vendor said it, the seed's timeline, the agent, and the media it points to by the seed's
 * names. A relative media URL is taken under the connection's base URL; one that is not a URL at
 * all is left out (there is nothing to fetch).
 */

/** The seed's URL fields and what KYC Desk calls each; the Aadhaar images are masked before being kept. */
const MEDIA_FIELDS = [
  ['selfie_url', 'selfie', false],
  ['pan_url', 'pan', false],
  ['aadhaar_url', 'aadhaar_front', true],
  ['aadhaarback_url', 'aadhaar_back', true],
  ['user_video_url', 'user_video', false],
  ['agent_video_url', 'agent_video', false],
  ['agent_screen_url', 'agent_screen', false],
  ['summary_json_url', 'summary_json', false],
  ['zip_url', 'zip', false],
] as const satisfies readonly (readonly [keyof SessionDataWire, string, boolean])[];

export function toSessionDetails(askedFor: string, wire: SessionDataWire, baseUrl: string): SessionDetails {
  const media: SessionMedia[] = [];
  const add = (kind: string, url: string | null | undefined, aadhaar: boolean) => {
    const absolute = absoluteUrl(url, baseUrl);
    if (absolute !== null) media.push({ kind, url: absolute, aadhaar });
  };
  for (const [field, kind, aadhaar] of MEDIA_FIELDS) add(kind, wire[field] as string | null | undefined, aadhaar);
  for (const url of wire.captured_images ?? []) add('captured_image', url, false);
  return {
    session_id: wire.session_id ?? askedFor,
    session_status: wire.session_status,
    link_id: wire.link_id ?? null,
    phone_number: wire.phone_number ?? null,
    user_id: wire.user_id ?? null,
    agent_id: wire.agent_id ?? null,
    agent_region: wire.agent_region ?? null,
    times: {
      aadhaar_request_time: wire.aadhaar_request_time ?? null,
      pan_request_time: wire.pan_request_time ?? null,
      selfie_request_time: wire.selfie_request_time ?? null,
      agent_assignment_time: wire.agent_assignment_time ?? null,
      vkyc_start_time: wire.vkyc_start_time ?? null,
      start_time: wire.start_time ?? null,
      end_time: wire.end_time ?? null,
    },
    media,
  };
}

function absoluteUrl(url: string | null | undefined, baseUrl: string): string | null {
  if (!url) return null;
  try {
    return new URL(url, baseUrl).toString();
  } catch {
    return null;
  }
}

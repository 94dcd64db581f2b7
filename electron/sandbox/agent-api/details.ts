import type { StoredSession } from './sessions';
import type { SessionMoment } from './timeline';

/**
 * The get_details answer for one session as it stands: every field seed 002 lists, inside
 * `session_data` (our reading of the seed's table), with `status` beside it. Times are ISO 8601
 * (the seed only says "string"); the call's requests (Aadhaar, PAN, selfie) fall inside the call;
 * media URLs appear once there is something to show: the images once the call was accepted, the
 * videos, summary and ZIP once the session ended after a call.
 */
export function detailsAnswer(session: StoredSession, moment: SessionMoment, mediaBase: string, stepMs: number): Record<string, unknown> {
  const at = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  const call = moment.reached.kyc_request_accepted;
  const callTime = (fraction: number) => (call === undefined ? undefined : Math.min(call + stepMs * fraction, moment.endedAt ?? Number.POSITIVE_INFINITY));
  const ended = moment.endedAt !== null && call !== undefined;
  const url = (name: string, shown: boolean) => (shown ? `${mediaBase}/${encodeURIComponent(session.session_id)}/${name}` : null);
  const alloted = moment.reached.agent_alloted;
  return {
    session_data: {
      IS_VIDO_UPLOADED: ended,
      aadhaar_request_time: at(callTime(0.25)),
      aadhaar_url: url('aadhaar_front', call !== undefined),
      aadhaarback_url: url('aadhaar_back', call !== undefined),
      agent_assignment_time: at(alloted),
      agent_id: alloted === undefined ? null : session.agent_id,
      agent_region: alloted === undefined ? null : session.agent_region,
      agent_screen_url: url('agent_screen', ended),
      agent_tl: null,
      agent_video_url: url('agent_video', ended),
      captured_images: call === undefined ? [] : [url('captured_1', true), url('captured_2', true)],
      client_name: 'KYC Desk Training',
      customer_IP: '127.0.0.1',
      end_time: at(moment.endedAt ?? undefined),
      extras: { sandbox: true },
      feedback: ended ? JSON.stringify({ rating: 5, comment: 'Training session' }) : null,
      link_id: session.link_id,
      number_of_videos_uploaded: ended ? 3 : 0,
      origin: session.origin === 'push' ? 'dkyc' : 'vkyc',
      pan_request_time: at(callTime(0.5)),
      pan_url: url('pan', call !== undefined),
      phone_number: session.phone_number,
      selfie_request_time: at(callTime(0.75)),
      selfie_url: url('selfie', call !== undefined),
      session_id: session.session_id,
      session_status: moment.status,
      start_time: at(session.created_at),
      summary_data: ended ? { verdict: moment.status } : {},
      summary_json_url: url('summary', ended),
      user_ack: alloted === undefined ? 0 : 1,
      user_id: session.user_id,
      user_video_url: url('user_video', ended),
      vkyc_start_time: at(call),
      zip_url: url('zip', ended),
    },
    status: 200,
  };
}

import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../shared/contract';
import { formatTime } from '../shell/formatting';
import { useAppStore } from '../state/app-store';
import { PHASE_LABELS } from './session-words';
import { useVideoKycFocus } from './video-kyc-focus';

/**
 * A customer record's video KYC on its Review page: the verdicts written against it (approved by
 * video KYC, with the session and time), its links, and the button that sends a new one from the
 * record's own mobile and reference.
 */
export function RecordVideoKyc({ recordId, reference }: { recordId: string; reference: string }) {
  const api = useAppStore((s) => s.api);
  const setView = useAppStore((s) => s.setView);
  const open = useVideoKycFocus((s) => s.open);
  const [read, setRead] = useState<ResponseOf<'videoKyc.forRecord'> | null>(null);

  useEffect(() => {
    if (!api) return undefined;
    let current = true;
    void api.invoke('videoKyc.forRecord', { recordId }).then((result) => {
      // A digital-KYC push's session and verdict show in the record's Digital KYC section instead.
      if (current && result.ok) setRead({ sessions: result.value.sessions.filter((session) => session.service !== 'digital-kyc'), verdicts: result.value.verdicts.filter((verdict) => verdict.service !== 'digital-kyc') });
    });
    return () => {
      current = false;
    };
  }, [api, recordId]);

  return (
    <section className="record-review__vkyc" aria-label="Video KYC" data-testid="record-video-kyc">
      <h4>Video KYC</h4>
      {read?.verdicts.map((verdict) => (
        <p key={verdict.sessionId} data-testid="vkyc-verdict" className={verdict.verdict === 'approved' ? 'outcome outcome--saved' : 'notice'}>
          {verdict.verdict === 'approved' ? 'Approved by video KYC' : 'Not approved by video KYC'} ({verdict.status}), session {verdict.sessionId}, {formatTime(verdict.decidedAt)}.
        </p>
      ))}
      {read && read.sessions.length > 0 && (
        <ul>
          {read.sessions.map((session) => (
            <li key={session.id}>
              Link sent {formatTime(session.createdAt)}: {PHASE_LABELS[session.phase]}, {session.statusWords}
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="secondary"
        data-testid="send-video-kyc-link"
        onClick={() => {
          open(recordId, reference);
          setView('video-kyc');
        }}
      >
        Send a video KYC link
      </button>
    </section>
  );
}

import { useCallback, useEffect, useState } from 'react';
import type { SessionDetail, SessionMedium } from '../../../shared/contract';
import { formatTime } from '../shell/formatting';
import { useAppStore } from '../state/app-store';
import { LinkCard, type LinkActions } from './LinkCard';
import { MediaViewer } from './MediaViewer';
import { inSentence } from './session-words';

/** How often an open session's detail is read again while it is followed. */
const REFRESH_MS = 3_000;

/** One link request in full: the link, the seed's timeline, the agent, and the media the session points to. */
export function SessionDetailView({ id, actions, onClose }: { id: string; actions: LinkActions; onClose(): void }) {
  const api = useAppStore((s) => s.api);
  const [detail, setDetail] = useState<SessionDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [open, setOpen] = useState<SessionMedium | null>(null);

  const read = useCallback(async () => {
    if (!api) return;
    const result = await api.invoke('videoKyc.get', { id });
    if (result.ok) {
      setDetail(result.value);
      setProblem(null);
    } else setProblem(result.error.message);
  }, [api, id]);

  useEffect(() => {
    const first = setTimeout(() => void read(), 0);
    const timer = setInterval(() => void read(), REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [read]);

  if (problem) return <p className="outcome outcome--error">{problem}</p>;
  if (!detail) return <p className="muted">Reading the session…</p>;
  return (
    <section className="vkyc-detail" aria-label="Session detail" data-testid="vkyc-detail">
      <button type="button" onClick={onClose}>
        Back to the list
      </button>
      <LinkCard link={detail.session} actions={actions} />
      <dl className="vkyc-detail__facts">
        <dt>Session</dt>
        <dd>{detail.session.sessionId ?? '—'}</dd>
        <dt>Agent</dt>
        <dd data-testid="vkyc-agent">{detail.agentId ?? '—'}</dd>
        <dt>Agent’s region</dt>
        <dd>{detail.agentRegion ?? '—'}</dd>
        <dt>Last checked</dt>
        <dd>{formatTime(detail.checkedAt)}</dd>
      </dl>
      <h4>Timeline</h4>
      <ol className="vkyc-timeline">
        {detail.timeline.map((moment) => (
          <li key={moment.key} className={moment.at ? '' : 'muted'}>
            {moment.label}: {moment.at ? (formatTime(moment.at) === '—' ? moment.at : formatTime(moment.at)) : 'not yet'}
          </li>
        ))}
      </ol>
      <h4>Images and videos</h4>
      {detail.media.length === 0 ? (
        <p className="muted">The session has no images or videos yet.</p>
      ) : (
        <ul className="vkyc-media-list">
          {detail.media.map((medium) => (
            <li key={medium.index}>
              <button type="button" aria-pressed={open?.index === medium.index} onClick={() => setOpen(medium)}>
                Open {inSentence(medium.label)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && <MediaViewer key={open.index} linkId={id} medium={open} onKept={() => void read()} />}
      {detail.kept.length > 0 && <p>{detail.kept.length === 1 ? 'One image is kept' : `${detail.kept.length} images are kept`} with this link, encrypted.</p>}
    </section>
  );
}

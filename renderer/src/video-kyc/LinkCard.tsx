import { useEffect, useState } from 'react';
import type { VideoKycSession } from '../../../shared/contract';
import { formatDue, formatTime } from '../shell/formatting';
import { LinkQrCode } from './LinkQrCode';
import { PHASE_LABELS, timeLeft } from './session-words';

export interface LinkActions {
  sendAgain(id: string): void;
  close(id: string, reason: string): void;
  busy: boolean;
}

/** A second's tick while a countdown is shown. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/**
 * One link as the counter needs it: the link as text and as a QR code with a live countdown to its
 * expiry while the session is open; a new link once it ran out or ended; and, when the answer was
 * lost, what may have happened and the person's two choices.
 */
export function LinkCard({ link, actions }: { link: VideoKycSession; actions: LinkActions }) {
  const open = link.phase === 'following' && link.linkUrl !== null;
  const now = useNow(open);
  const left = timeLeft(link.linkExpiresAt, now);
  const [reason, setReason] = useState('');
  const expired = link.linkExpiresAt !== null && left === null;
  // A digital-KYC push's session is decided on its customer's Review page (push again needs the Aadhaar typed).
  const push = link.service === 'digital-kyc';
  const mayResend = !push && (link.phase === 'ended' || link.phase === 'may_have_been_sent' || link.phase === 'needs_attention' || (link.phase === 'following' && expired));
  return (
    <section className="vkyc-link" aria-label={`Video KYC link ${link.reference}`} data-testid="vkyc-link" data-phase={link.phase}>
      <h3>
        {push ? 'Digital KYC push for' : 'Link for'} {link.userId} <span className="muted">({link.phoneMasked})</span>
        {push && <span className="badge">digital KYC</span>}
      </h3>
      {push && link.phase !== 'ended' && <p className="muted">Close it or push again from the customer’s record (its Review page).</p>}
      <p data-testid="vkyc-link-status">
        <strong>{PHASE_LABELS[link.phase]}:</strong> {link.statusWords}
        {link.final && link.verdict === 'approved' ? ' ✔' : ''}
      </p>
      {link.message && <p className="notice">{link.message}</p>}
      {open && (
        <div className="vkyc-link__share">
          <LinkQrCode url={link.linkUrl!} />
          <div>
            <p>
              Link (read it out, or let the customer scan the code):{' '}
              <code className="vkyc-link__url" data-testid="vkyc-link-url">
                {link.linkUrl}
              </code>
            </p>
            <p data-testid="vkyc-countdown" role="timer" aria-live="off">
              {left ? `Valid for ${left} more (until ${formatTime(link.linkExpiresAt)})` : link.linkExpiresAt ? 'This link has expired.' : 'The vendor did not say when this link expires.'}
            </p>
            {link.nextCheckAt && <p className="muted">Next check: {formatDue(link.nextCheckAt)}</p>}
          </div>
        </div>
      )}
      {link.phase === 'may_have_been_sent' && !push && (
        <div className="vkyc-link__decide" role="group" aria-label="The link may have been sent">
          <p>
            Ask the customer whether an SMS with a link came. If it did not, close this one as not sent. A new link is safe either way: the vendor rejects an
            older one (kyc_rejected).
          </p>
          <label htmlFor={`close-${link.id}`}>Why it is closed</label>
          <input id={`close-${link.id}`} value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} placeholder="For example: the customer got no SMS" />
          <button type="button" disabled={actions.busy || reason.trim().length < 3} onClick={() => actions.close(link.id, reason.trim())}>
            Close as not sent
          </button>
        </div>
      )}
      {mayResend && (
        <button type="button" className="primary" disabled={actions.busy} onClick={() => actions.sendAgain(link.id)} data-testid="vkyc-send-again">
          Send a new link
        </button>
      )}
    </section>
  );
}

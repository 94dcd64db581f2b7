import type { KycDeskApi } from '../../../shared/contract';

const EVERY_MS = 30_000;

/**
 * Tell main the operator is active (typing, clicking), at most every 30 s, so the idle lock only
 * falls on an unattended counter. Main's calls already count as activity; this covers typing.
 */
export function reportActivity(api: KycDeskApi, isSignedIn: () => boolean): () => void {
  let last = 0;
  const onActivity = () => {
    const now = Date.now();
    if (now - last < EVERY_MS || !isSignedIn()) return;
    last = now;
    void api.invoke('session.activity', {});
  };
  const events = ['keydown', 'pointerdown'] as const;
  for (const event of events) window.addEventListener(event, onActivity, { passive: true });
  return () => {
    for (const event of events) window.removeEventListener(event, onActivity);
  };
}

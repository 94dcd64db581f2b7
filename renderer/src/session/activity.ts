import type { KycDeskApi } from '../../../shared/contract';

/**
 * At most this often. Only a person's own doing keeps KYC Desk open (main ignores reads and the
 * refreshes the app makes by itself), so this report is what keeps a person who reads and clicks
 * through the queue signed in. The lock can come up to this long before the idle time counted from
 * the very last key press — early, never late — so it is kept short next to the shortest idle time
 * an admin can set (one minute). One small call every 10 s while someone types costs nothing.
 */
export const REPORT_EVERY_MS = 10_000;

/** Tell main the operator is active (key presses, clicks), so the idle lock only falls on an unattended counter. */
export function reportActivity(api: KycDeskApi, isSignedIn: () => boolean, now: () => number = Date.now): () => void {
  let last = Number.NEGATIVE_INFINITY;
  const onActivity = () => {
    const at = now();
    if (at - last < REPORT_EVERY_MS || !isSignedIn()) return;
    last = at;
    void api.invoke('session.activity', {});
  };
  const events = ['keydown', 'pointerdown'] as const;
  for (const event of events) window.addEventListener(event, onActivity, { passive: true });
  return () => {
    for (const event of events) window.removeEventListener(event, onActivity);
  };
}

import type { SessionTimers } from '../../electron/session/session';

export type ManualTimers = SessionTimers & {
  /** Move the clock on, running every timer that falls due on the way, in order, each at its own time. */
  advance(ms: number): void;
  pending(): number;
};

/** A clock and timers a test moves by hand: no sleeping, and every pending timer visible. */
export function manualTimers(start = 1_000_000): ManualTimers {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimer: (callback, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimer: (handle) => {
      timers.delete(handle as number);
    },
    advance(ms) {
      const target = now + ms;
      // Bounded: a timer that keeps re-arming at the same instant cannot spin for ever.
      for (let fired = 0; fired < 10_000; fired++) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = target;
    },
    pending: () => timers.size,
  };
}

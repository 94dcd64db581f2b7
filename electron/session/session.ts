import { AppFailure } from '../../shared/errors';
import { can, type OperatorProfile, type Permission } from '../../shared/operators/roles';

/**
 * The one signed-in operator of this app instance (a desktop app has one session).
 *
 *   signed_out ──signIn──▶ signed_in ──lock──▶ locked ──unlock (same operator)──▶ signed_in
 *        ▲                    │  ▲               │
 *        └──────signOut───────┘  └──switchTo─────┤ (Training mode's one-click switch)
 *        └─────────────────signOut───────────────┘
 *
 * From `locked`, `signIn` by a different operator is a sign-out followed by a sign-in.
 * Passwords are not checked here: callers authenticate first (OperatorService.authenticate).
 */
export type SessionState = 'signed_out' | 'signed_in' | 'locked';
export type LockReason = 'idle' | 'system' | 'manual';

export interface SessionSnapshot {
  state: SessionState;
  /** Who holds the session: the signed-in operator, or the one the lock screen is waiting for. */
  operator: OperatorProfile | null;
  lockReason: LockReason | null;
}

export type SessionListener = (snapshot: SessionSnapshot) => void;

export interface SessionTimers {
  now: () => number;
  setTimer: (callback: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

export interface SessionOptions {
  /** Lock after this long without activity; 5 minutes unless told. */
  idleMs?: number;
  timers?: SessionTimers;
}

export const DEFAULT_IDLE_MS = 5 * 60 * 1000;

const realTimers: SessionTimers = {
  now: () => Date.now(),
  setTimer: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // Never keep the process alive just to lock a session.
    handle.unref?.();
    return handle;
  },
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function checkIdleMs(ms: number): number {
  if (!Number.isFinite(ms) || ms < 1000) throw new RangeError('idleMs must be at least one second');
  return Math.floor(ms);
}

export class OperatorSession {
  private stateValue: SessionState = 'signed_out';
  private holder: OperatorProfile | null = null;
  private lockReason: LockReason | null = null;
  private idleMs: number;
  private readonly timers: SessionTimers;
  private lastActivity = 0;
  private timer: unknown = undefined;
  private readonly listeners = new Set<SessionListener>();

  constructor(options: SessionOptions = {}) {
    this.idleMs = checkIdleMs(options.idleMs ?? DEFAULT_IDLE_MS);
    this.timers = options.timers ?? realTimers;
  }

  get state(): SessionState {
    return this.stateValue;
  }

  /** The operator who may act now: null while locked or signed out. */
  current(): OperatorProfile | null {
    return this.stateValue === 'signed_in' ? this.holder : null;
  }

  snapshot(): SessionSnapshot {
    return { state: this.stateValue, operator: this.holder, lockReason: this.lockReason };
  }

  onChange(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  signIn(profile: OperatorProfile): void {
    assertActive(profile);
    switch (this.stateValue) {
      case 'signed_out':
        this.enter('signed_in', profile);
        return;
      case 'locked':
        if (profile.id === this.holder?.id) {
          this.unlock(profile);
          return;
        }
        // Someone else at the lock screen: the locked operator is signed out first.
        this.signOut();
        this.enter('signed_in', profile);
        return;
      case 'signed_in':
        throw new AppFailure('CONFLICT', `${this.holder?.name ?? 'Another operator'} is signed in. Sign out first.`);
    }
  }

  /** Training mode's one-click switch, from any state. Whether switching is allowed is the caller's call. */
  switchTo(profile: OperatorProfile): void {
    assertActive(profile);
    this.enter('signed_in', profile);
  }

  /** Ignored when nobody is signed in or the session is already locked. */
  lock(reason: LockReason): void {
    if (this.stateValue !== 'signed_in') return;
    this.lockReason = reason;
    this.enter('locked', this.holder);
  }

  /** Back from the lock screen: only the operator who was locked out (after the caller checked their password). */
  unlock(profile: OperatorProfile): void {
    if (this.stateValue !== 'locked') throw new AppFailure('CONFLICT', 'KYC Desk is not locked.');
    if (profile.id !== this.holder?.id) {
      throw new AppFailure('CONFLICT', `Only ${this.holder?.name ?? 'the signed-in operator'} can unlock. Anyone else must sign in instead.`);
    }
    assertActive(profile);
    this.enter('signed_in', profile);
  }

  signOut(): void {
    if (this.stateValue === 'signed_out') return;
    this.enter('signed_out', null);
  }

  /**
   * The held profile changed (an admin edited it): keep the fresh copy, or sign out if the operator
   * was switched off. Profiles of other operators are ignored.
   */
  refresh(profile: OperatorProfile): void {
    if (!this.holder || profile.id !== this.holder.id) return;
    if (!profile.active) {
      this.signOut();
      return;
    }
    this.holder = freeze(profile);
    this.notify();
  }

  /** The operator did something: postpone the idle lock. */
  touch(): void {
    if (this.stateValue === 'signed_in') this.lastActivity = this.timers.now();
  }

  setIdleMs(ms: number): void {
    this.idleMs = checkIdleMs(ms);
    if (this.stateValue === 'signed_in') this.schedule(this.idleMs - (this.timers.now() - this.lastActivity));
  }

  /** The operator who may act now, with this permission; otherwise a refusal they understand. */
  requirePermission(permission: Permission): OperatorProfile {
    const operator = this.current();
    // Until shared/errors.ts has SIGNED_OUT / FORBIDDEN codes, these refusals use CONFLICT.
    if (!operator) throw new AppFailure('SIGNED_OUT', 'Sign in first.');
    if (!can(operator.role, permission)) throw new AppFailure('FORBIDDEN', 'Your role cannot do this.');
    return operator;
  }

  /** Stop the idle timer and forget listeners (app shutdown). */
  dispose(): void {
    this.cancelTimer();
    this.listeners.clear();
  }

  // ---------------------------------------------------------------------------------------------

  private enter(state: SessionState, holder: OperatorProfile | null): void {
    this.stateValue = state;
    this.holder = holder ? freeze(holder) : null;
    if (state !== 'locked') this.lockReason = null;
    if (state === 'signed_in') {
      this.lastActivity = this.timers.now();
      this.schedule(this.idleMs);
    } else {
      this.cancelTimer();
    }
    this.notify();
  }

  /**
   * One timer at a time. `touch` only notes the time, so activity costs nothing; when the timer
   * fires early because of activity it re-arms for the remainder.
   */
  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.timers.setTimer(() => this.onTimer(), Math.max(0, ms));
  }

  private onTimer(): void {
    this.timer = undefined;
    if (this.stateValue !== 'signed_in') return;
    const remaining = this.idleMs - (this.timers.now() - this.lastActivity);
    if (remaining > 0) this.schedule(remaining);
    else this.lock('idle');
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimer(this.timer);
    this.timer = undefined;
  }

  private notify(): void {
    const snapshot = this.snapshot();
    for (const listener of [...this.listeners]) {
      try {
        listener(snapshot);
      } catch {
        // A broken listener (a closed window) must not stop the session from locking.
      }
    }
  }
}

function assertActive(profile: OperatorProfile): void {
  if (!profile.active) throw new AppFailure('CONFLICT', 'This account is switched off. Ask your branch admin if you still need it.');
}

function freeze(profile: OperatorProfile): OperatorProfile {
  return Object.freeze({ ...profile });
}

import { describe, expect, it } from 'vitest';
import { DEFAULT_IDLE_MS, OperatorSession, type SessionSnapshot } from '../../electron/session/session';
import { AppFailure } from '../../shared/errors';
import type { OperatorProfile, Role } from '../../shared/operators/roles';
import { manualTimers } from '../support/manual-timers';

function operator(id: string, role: Role, overrides: Partial<OperatorProfile> = {}): OperatorProfile {
  return { id, name: `Operator ${id}`, employeeCode: id.toUpperCase(), designation: 'Officer', branch: 'Fort', organisation: 'Bank', role, active: true, ...overrides };
}

const maker = operator('op_maker', 'maker');
const checker = operator('op_checker', 'checker');
const admin = operator('op_admin', 'admin');

function refusal(action: () => unknown): AppFailure {
  try {
    action();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected an AppFailure, but it succeeded');
}

function setUp(idleMs = 5 * 60_000) {
  const timers = manualTimers();
  const session = new OperatorSession({ idleMs, timers });
  const seen: SessionSnapshot[] = [];
  session.onChange((snapshot) => seen.push(snapshot));
  return { timers, session, seen };
}

describe('OperatorSession states', () => {
  it('goes signed_out → signed_in → locked → signed_in → signed_out, telling listeners each time', () => {
    const { session, seen } = setUp();
    expect(session.state).toBe('signed_out');
    expect(session.current()).toBeNull();

    session.signIn(maker);
    expect(session.state).toBe('signed_in');
    expect(session.current()).toEqual(maker);

    session.lock('manual');
    expect(session.state).toBe('locked');
    expect(session.current()).toBeNull();
    expect(session.snapshot()).toEqual({ state: 'locked', operator: maker, lockReason: 'manual' });

    session.unlock(maker);
    expect(session.current()).toEqual(maker);
    expect(session.snapshot().lockReason).toBeNull();

    session.signOut();
    expect(session.state).toBe('signed_out');
    expect(session.snapshot()).toEqual({ state: 'signed_out', operator: null, lockReason: null });
    expect(seen.map((s) => s.state)).toEqual(['signed_in', 'locked', 'signed_in', 'signed_out']);
  });

  it('unlocks only for the operator who was locked out', () => {
    const { session } = setUp();
    session.signIn(maker);
    session.lock('system');
    const refused = refusal(() => session.unlock(checker));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/Only Operator op_maker can unlock/);
    expect(session.state).toBe('locked');
    expect(session.current()).toBeNull();
    expect(refusal(() => session.unlock({ ...maker, id: 'op_impostor' })).message).toMatch(/Only Operator op_maker/);
    session.unlock(maker);
    expect(session.current()).toEqual(maker);
    expect(refusal(() => session.unlock(maker)).message).toBe('KYC Desk is not locked.');
  });

  it('a different operator signing in at the lock screen signs the locked one out first', () => {
    const { session, seen } = setUp();
    session.signIn(maker);
    session.lock('idle');
    seen.length = 0;
    session.signIn(checker);
    expect(session.current()).toEqual(checker);
    expect(seen.map((s) => [s.state, s.operator?.id ?? null])).toEqual([
      ['signed_out', null],
      ['signed_in', 'op_checker'],
    ]);
  });

  it('the same operator signing in at the lock screen simply unlocks', () => {
    const { session, seen } = setUp();
    session.signIn(maker);
    session.lock('idle');
    seen.length = 0;
    session.signIn(maker);
    expect(seen.map((s) => s.state)).toEqual(['signed_in']);
  });

  it('refuses a second sign-in over a signed-in operator, and any switched-off operator', () => {
    const { session } = setUp();
    session.signIn(maker);
    expect(refusal(() => session.signIn(checker)).message).toMatch(/Operator op_maker is signed in\. Sign out first\./);
    expect(session.current()).toEqual(maker);
    session.signOut();
    expect(refusal(() => session.signIn({ ...checker, active: false })).message).toMatch(/switched off/);
    expect(refusal(() => session.switchTo({ ...checker, active: false })).message).toMatch(/switched off/);
    expect(session.state).toBe('signed_out');
  });

  it('switches in one step from any state (Training mode)', () => {
    const { session } = setUp();
    session.switchTo(maker);
    expect(session.current()).toEqual(maker);
    session.switchTo(checker);
    expect(session.current()).toEqual(checker);
    session.lock('manual');
    session.switchTo(admin);
    expect(session.snapshot()).toEqual({ state: 'signed_in', operator: admin, lockReason: null });
  });

  it('lock and sign-out do nothing when there is nothing to lock or sign out', () => {
    const { session, seen } = setUp();
    session.lock('system');
    session.signOut();
    expect(session.state).toBe('signed_out');
    session.signIn(maker);
    session.lock('manual');
    session.lock('system');
    expect(session.snapshot().lockReason).toBe('manual');
    expect(seen.map((s) => s.state)).toEqual(['signed_in', 'locked']);
  });

  it('keeps its own copy of the profile', () => {
    const { session } = setUp();
    const mine = { ...maker };
    session.signIn(mine);
    mine.role = 'admin';
    expect(session.current()?.role).toBe('maker');
  });

  it('refresh keeps a changed profile of the signed-in operator, and signs out one who was switched off', () => {
    const { session } = setUp();
    session.signIn(maker);
    session.refresh({ ...checker, name: 'Someone else' });
    expect(session.current()).toEqual(maker);
    session.refresh({ ...maker, designation: 'Senior Officer' });
    expect(session.current()?.designation).toBe('Senior Officer');
    session.refresh({ ...maker, active: false });
    expect(session.state).toBe('signed_out');
  });

  it('a listener that throws does not stop the others or the lock, and can be removed', () => {
    const { session, seen } = setUp();
    const unsubscribe = session.onChange(() => {
      throw new Error('window closed');
    });
    session.signIn(maker);
    session.lock('system');
    expect(session.state).toBe('locked');
    expect(seen).toHaveLength(2);
    unsubscribe();
    let calls = 0;
    const off = session.onChange(() => calls++);
    off();
    session.signOut();
    expect(calls).toBe(0);
    expect(seen).toHaveLength(3);
  });
});

describe('OperatorSession idle lock', () => {
  it('locks after the idle time with reason "idle", and not before', () => {
    const { session, timers, seen } = setUp(5 * 60_000);
    session.signIn(maker);
    timers.advance(5 * 60_000 - 1);
    expect(session.state).toBe('signed_in');
    timers.advance(1);
    expect(session.state).toBe('locked');
    expect(session.snapshot().lockReason).toBe('idle');
    expect(seen.at(-1)).toEqual({ state: 'locked', operator: maker, lockReason: 'idle' });
  });

  it('defaults to five minutes', () => {
    expect(DEFAULT_IDLE_MS).toBe(5 * 60_000);
    const timers = manualTimers();
    const session = new OperatorSession({ timers });
    session.signIn(maker);
    timers.advance(DEFAULT_IDLE_MS - 1);
    expect(session.state).toBe('signed_in');
    timers.advance(1);
    expect(session.state).toBe('locked');
  });

  it('touch() postpones the lock: idle time counts from the last activity', () => {
    const { session, timers } = setUp(5 * 60_000);
    session.signIn(maker);
    timers.advance(4 * 60_000);
    session.touch();
    timers.advance(4 * 60_000);
    expect(session.state).toBe('signed_in');
    session.touch();
    timers.advance(4 * 60_000 + 59_999);
    expect(session.state).toBe('signed_in');
    timers.advance(1);
    expect(session.state).toBe('locked');
    expect(timers.pending()).toBe(0);
  });

  it('touch() while locked does not unlock or re-arm anything', () => {
    const { session, timers } = setUp(60_000);
    session.signIn(maker);
    session.lock('manual');
    session.touch();
    expect(timers.pending()).toBe(0);
    timers.advance(10 * 60_000);
    expect(session.snapshot().lockReason).toBe('manual');
  });

  it('restarts the idle clock on unlock and stops it on sign-out', () => {
    const { session, timers } = setUp(60_000);
    session.signIn(maker);
    timers.advance(60_000);
    expect(session.state).toBe('locked');
    expect(timers.pending()).toBe(0);
    timers.advance(30 * 60_000);
    session.unlock(maker);
    timers.advance(59_999);
    expect(session.state).toBe('signed_in');
    timers.advance(1);
    expect(session.state).toBe('locked');
    session.unlock(maker);
    session.signOut();
    expect(timers.pending()).toBe(0);
  });

  it('the idle time can be changed while signed in; it applies from the last activity', () => {
    const { session, timers } = setUp(10 * 60_000);
    session.signIn(maker);
    timers.advance(3 * 60_000);
    session.setIdleMs(2 * 60_000);
    // Already idle for longer than the new limit: locks at once.
    timers.advance(0);
    expect(session.state).toBe('locked');
    session.unlock(maker);
    session.setIdleMs(20 * 60_000);
    timers.advance(19 * 60_000);
    expect(session.state).toBe('signed_in');
    timers.advance(60_000);
    expect(session.state).toBe('locked');
    expect(() => session.setIdleMs(0)).toThrow(RangeError);
    expect(() => new OperatorSession({ idleMs: Number.NaN })).toThrow(RangeError);
  });

  it('dispose() stops the timer', () => {
    const { session, timers } = setUp(60_000);
    session.signIn(maker);
    session.dispose();
    expect(timers.pending()).toBe(0);
    timers.advance(10 * 60_000);
    expect(session.state).toBe('signed_in');
  });
});

describe('OperatorSession.requirePermission', () => {
  it('asks to sign in when nobody is signed in or the app is locked', () => {
    const { session } = setUp();
    const signedOut = refusal(() => session.requirePermission('records.view'));
    expect(signedOut.code).toBe('SIGNED_OUT');
    expect(signedOut.message).toBe('Sign in first.');
    session.signIn(checker);
    session.lock('idle');
    expect(refusal(() => session.requirePermission('records.view')).message).toBe('Sign in first.');
  });

  it('refuses what the role may not do and returns the operator otherwise', () => {
    const { session } = setUp();
    session.signIn(maker);
    expect(session.requirePermission('records.capture')).toEqual(maker);
    const refused = refusal(() => session.requirePermission('records.approve'));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toBe('Your role cannot do this.');
    expect(refusal(() => session.requirePermission('operators.manage')).message).toBe('Your role cannot do this.');
    session.switchTo(checker);
    expect(session.requirePermission('records.approve')).toEqual(checker);
    expect(refusal(() => session.requirePermission('records.capture')).message).toBe('Your role cannot do this.');
    session.switchTo(admin);
    expect(session.requirePermission('operators.manage')).toEqual(admin);
  });
});

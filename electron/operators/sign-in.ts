/**
 * Signing in, and the lock-out that guards it: wrong passwords are counted on disk per operator and
 * per unknown employee code alike, so the sign-in screen never tells whether an account exists.
 * Why it works this way: docs/decisions/0002-lock-out-that-names-nobody.md.
 */
import { AppFailure } from '../../shared/errors';
import type { OperatorProfile } from '../../shared/operators/roles';
import { codePointName, firstInvisibleCharacter, FREE_TEXT_MESSAGES } from '../../shared/validation/free-text';
import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/database';
import { normaliseEmployeeCode } from './operator-input';
import type { OperatorRepository, StoredOperator } from './operator-repository';
import { hashPassword, verifyPassword, type ScryptCost } from './password';

/** Consecutive wrong passwords before an account is locked. */
export const MAX_FAILED_ATTEMPTS = 5;
/** How long a lock-out lasts. */
export const LOCK_OUT_MS = 15 * 60 * 1000;

export const WRONG_CREDENTIALS = 'Employee code or password is wrong.';

/** The longest employee code an operator can have; a longer one cannot exist, so it is not counted. */
const MAX_EMPLOYEE_CODE_LENGTH = 50;

/** Failed sign-ins as counted for an operator or for a code no operator has. */
interface FailureCount {
  failedAttempts: number;
  lockedUntil: string | null;
}

/** One more wrong password: the new count and the lock it brings, if any. A lock that ran out gives a fresh set of tries. */
function afterWrongPassword(current: FailureCount, now: Date): { failures: number; until: Date | null } {
  const failures = (current.lockedUntil === null ? current.failedAttempts : 0) + 1;
  return { failures, until: failures >= MAX_FAILED_ATTEMPTS ? new Date(now.getTime() + LOCK_OUT_MS) : null };
}

const wrongCredentials = (): AppFailure => new AppFailure('CONFLICT', WRONG_CREDENTIALS);

/** HH:MM on this PC's clock, rounded up so "try again after" is never too early. */
function formatClockTime(at: Date): string {
  const rounded = new Date(Math.ceil(at.getTime() / 60_000) * 60_000);
  return `${String(rounded.getHours()).padStart(2, '0')}:${String(rounded.getMinutes()).padStart(2, '0')}`;
}

/**
 * Said alike for every code, real or made-up, so it names nobody; it names every way back, since
 * whoever reads it may be the branch's only admin.
 */
export function lockedFailure(lockedUntil: Date): AppFailure {
  return new AppFailure(
    'CONFLICT',
    `This account is locked after too many wrong passwords. Try again after ${formatClockTime(lockedUntil)} or ask your branch admin to unlock it (if you are the only admin, IT can unlock it on this PC).`,
  );
}

export type Attempt = { outcome: 'ok'; operator: StoredOperator } | { outcome: 'wrong' } | { outcome: 'locked'; until: Date };

/** Sign-in checks against the operators on this PC; every wrong guess and every lock is written before the answer. */
export class SignIn {
  constructor(
    private readonly store: Store,
    private readonly repo: OperatorRepository,
    private readonly clock: () => Date,
    private readonly cost: ScryptCost,
    private readonly audit: AuditLog | undefined,
  ) {}

  /**
   * Sign-in check. An unknown employee code and a wrong password get the same message and take
   * about the same time, so the screen never tells whether an account exists.
   */
  async authenticate(employeeCode: string, password: string): Promise<OperatorProfile> {
    // No employee code holds an invisible character (operator-input.ts): say so rather than
    // "wrong", so a code pasted from a mail can be typed again. Tells nothing about any account.
    const invisible = firstInvisibleCharacter(String(employeeCode));
    if (invisible !== undefined) {
      const problem = FREE_TEXT_MESSAGES.invisible(codePointName(invisible));
      throw new AppFailure('VALIDATION_FAILED', `Check the employee code. ${problem}`, { employeeCode: problem });
    }
    const code = normaliseEmployeeCode(employeeCode);
    const found = code === '' ? undefined : this.repo.findByEmployeeCode(code);
    if (!found) return this.refuseUnknownCode(code, password);
    const attempt = await this.attempt(found, password);
    if (attempt.outcome === 'locked') throw lockedFailure(attempt.until);
    if (attempt.outcome === 'wrong') throw wrongCredentials();
    if (!attempt.operator.profile.active) {
      // Only said to someone who knew the password.
      throw new AppFailure('CONFLICT', 'This account is switched off. Ask your branch admin if you still need it.');
    }
    return attempt.operator.profile;
  }

  /**
   * The way back in when no other admin can unlock the only one: run on this PC by someone who can
   * open the data folder with the OS account's keychain (`npm run unlock-operator`, or the app's
   * `--unlock-operator`), never from the sign-in screen. Ends the lock-out and any count of wrong
   * passwords; audited as KYC Desk's own act.
   */
  recoverFromLockOut(employeeCode: string): { operator: OperatorProfile; wasLocked: boolean } {
    const code = normaliseEmployeeCode(employeeCode);
    return this.store.write(() => {
      const target = code === '' ? undefined : this.repo.findByEmployeeCode(code);
      if (!target) throw new AppFailure('NOT_FOUND', `No operator has employee code ${code.slice(0, MAX_EMPLOYEE_CODE_LENGTH) || '(empty)'}.`);
      const wasLocked = this.activeLock(target.lockedUntil) !== undefined;
      if (target.failedAttempts !== 0 || target.lockedUntil !== null) {
        this.repo.clearFailures(target.profile.id, this.now());
        this.auditLockOutEnd(null, target.profile, 'recovery command run on this PC');
      }
      return { operator: target.profile, wasLocked };
    });
  }

  /**
   * One password guess against a known operator: a wrong guess is counted on disk (a restart does
   * not forget it) and the fifth in a row locks the account; a right one clears the count. While
   * locked every guess is refused alike, right or wrong, after the same scrypt work as any other
   * answer, so a locked account can neither be guessed nor told apart by its timing. State is
   * re-read after the slow hash so concurrent guesses all count.
   */
  async attempt(found: StoredOperator, password: string): Promise<Attempt> {
    const matches = await verifyPassword(String(password), found.passwordHash);
    // From here to the end is synchronous: nothing else runs between this read and the write.
    const fresh = this.repo.find(found.profile.id);
    // Gone, or given a new password while we were hashing: this guess was against the old one.
    if (!fresh || fresh.passwordHash !== found.passwordHash) return { outcome: 'wrong' };
    const lockedNow = this.activeLock(fresh.lockedUntil);
    if (lockedNow) return { outcome: 'locked', until: lockedNow };
    const now = this.clock();
    const id = fresh.profile.id;
    const ranOut = fresh.lockedUntil !== null;
    if (matches) {
      if (fresh.failedAttempts !== 0 || ranOut) {
        this.store.write(() => {
          this.repo.clearFailures(id, now.toISOString());
          if (ranOut) this.auditLockOutEnd(null, fresh.profile, 'its time ran out', fresh.lockedUntil);
        });
      }
      return { outcome: 'ok', operator: fresh };
    }
    const next = afterWrongPassword(fresh, now);
    this.store.write(() => {
      this.repo.setFailures(id, next.failures, next.until ? next.until.toISOString() : null, now.toISOString());
      if (ranOut) this.auditLockOutEnd(null, fresh.profile, 'its time ran out', fresh.lockedUntil);
      if (next.until) {
        this.audit?.append({
          actor: null,
          action: 'lock-out',
          subject: id,
          details: { employeeCode: fresh.profile.employeeCode, role: fresh.profile.role, wrongPasswords: next.failures, until: next.until.toISOString() },
        });
      }
    });
    return next.until ? { outcome: 'locked', until: next.until } : { outcome: 'wrong' };
  }

  /**
   * A code no operator has is refused exactly as a wrong password is — the same message, the same
   * scrypt work, and the same lock-out after five tries, counted on disk — so nothing at the sign-in
   * screen tells whether an employee code exists.
   */
  private async refuseUnknownCode(code: string, password: string): Promise<never> {
    await hashPassword(String(password), this.cost);
    // No operator can have an empty or over-long code: refusing those uncounted tells nothing.
    if (code === '' || code.length > MAX_EMPLOYEE_CODE_LENGTH) throw wrongCredentials();
    // Read after the slow hash, then written at once: concurrent guesses all count.
    const current = this.repo.unknownCodeFailures(code) ?? { failedAttempts: 0, lockedUntil: null };
    const locked = this.activeLock(current.lockedUntil);
    if (locked) throw lockedFailure(locked);
    const now = this.clock();
    const next = afterWrongPassword(current, now);
    this.store.write(() => {
      this.repo.setUnknownCodeFailures(code, next.failures, next.until ? next.until.toISOString() : null, now.toISOString());
      if (next.until) {
        this.audit?.append({
          actor: null,
          action: 'lock-out',
          subject: code,
          details: { employeeCode: code, noSuchOperator: true, wrongPasswords: next.failures, until: next.until.toISOString() },
        });
      }
    });
    throw next.until ? lockedFailure(next.until) : wrongCredentials();
  }

  /** The end of an operator's lock-out (or of their count of wrong passwords), in the caller's transaction. */
  auditLockOutEnd(actor: OperatorProfile | null, operator: OperatorProfile, how: string, lockedUntil: string | null = null): void {
    this.audit?.append({
      actor: actor ? { id: actor.id, name: actor.name } : null,
      action: 'lock-out-end',
      subject: operator.id,
      details: { employeeCode: operator.employeeCode, role: operator.role, how, ...(lockedUntil ? { lockedUntil } : {}) },
    });
  }

  /** The end of a lock still running, or undefined. */
  activeLock(lockedUntil: string | null): Date | undefined {
    if (lockedUntil === null) return undefined;
    const until = new Date(lockedUntil);
    // An unreadable lock time is treated as locked for the full period rather than as no lock.
    if (Number.isNaN(until.getTime())) return new Date(this.clock().getTime() + LOCK_OUT_MS);
    return until.getTime() > this.clock().getTime() ? until : undefined;
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

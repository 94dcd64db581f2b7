import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../shared/errors';
import { can, ROLES, type OperatorProfile, type Role } from '../../shared/operators/roles';
import { codePointName, firstInvisibleCharacter, FREE_TEXT_MESSAGES, freeTextProblem } from '../../shared/validation/free-text';
import { newId } from '../records/reference';
import type { Store } from '../store/database';
import type { Verifier } from '../sync/sync-engine';
import type { AuditLog } from '../audit/audit-log';
import type { OperatorRepository, ProfileChanges, StoredOperator } from './operator-repository';
import { checkPasswordPolicy, DEFAULT_SCRYPT_COST, hashPassword, verifyPassword, type ScryptCost } from './password';

/** Consecutive wrong passwords before an account is locked. */
export const MAX_FAILED_ATTEMPTS = 5;
/** How long a lock-out lasts. */
export const LOCK_OUT_MS = 15 * 60 * 1000;

export const WRONG_CREDENTIALS = 'Employee code or password is wrong.';

export type OperatorInput = Omit<OperatorProfile, 'id' | 'active'> & { password: string };

export type FirstAdminInput = Omit<OperatorInput, 'role'>;

export type OperatorChanges = ProfileChanges;

export interface OperatorServiceOptions {
  /** scrypt cost for new hashes; the default (N = 2^15) is the one to ship. Tests lower it. */
  scryptCost?: ScryptCost;
  /** Where lock-outs and their end are recorded, in the same transaction as the lock itself. */
  audit?: AuditLog;
}

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

export const TRAINING_OPERATORS: ReadonlyArray<Omit<OperatorProfile, 'id' | 'active'>> = [
  { name: 'Training Maker', employeeCode: 'TRN-MAKER', designation: 'Branch Officer', branch: 'Training Branch', organisation: 'KYC Desk Training', role: 'maker' },
  { name: 'Training Checker', employeeCode: 'TRN-CHECKER', designation: 'Branch Manager', branch: 'Training Branch', organisation: 'KYC Desk Training', role: 'checker' },
  { name: 'Training Admin', employeeCode: 'TRN-ADMIN', designation: 'Branch Admin', branch: 'Training Branch', organisation: 'KYC Desk Training', role: 'admin' },
];

const FIELD_LABELS: Record<keyof OperatorInput, string> = {
  name: 'Name',
  employeeCode: 'Employee code',
  designation: 'Designation',
  branch: 'Branch',
  organisation: 'Organisation',
  role: 'Role',
  password: 'Password',
};

const NAME_PATTERN = /^[A-Za-z][A-Za-z .'-]*$/;
const EMPLOYEE_CODE_PATTERN = /^[A-Z0-9/-]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Employee codes are compared and stored upper-case, so "e1024" and "E1024" are one operator. */
export function normaliseEmployeeCode(code: string): string {
  return String(code).trim().toUpperCase();
}

function tidy(value: string): string {
  return String(value).trim().replace(/\s+/g, ' ');
}

/**
 * `typed` is the field before tidying, which would quietly turn U+2028 into a space: the free-text
 * rules judge it (these fields reach the batch CSVs' verifier block).
 */
function checkText(value: string, label: string, max: number, typed: string): string | undefined {
  if (value === '') return `Enter the ${label.toLowerCase()}.`;
  if ([...value].length > max) return `Use at most ${max} characters.`;
  if (CONTROL_CHARACTERS.test(value)) return 'Remove the special (control) characters.';
  return freeTextProblem(String(typed));
}

/** What is wrong with an employee code as an admin typed it, or undefined. */
function employeeCodeProblem(typed: string, code: string): string | undefined {
  const invisible = firstInvisibleCharacter(String(typed));
  if (invisible !== undefined) return FREE_TEXT_MESSAGES.invisible(codePointName(invisible));
  if (code === '') return 'Enter the employee code.';
  if (code.length > 50) return 'Use at most 50 characters.';
  if (!EMPLOYEE_CODE_PATTERN.test(code)) return 'Use letters, digits, - and / only.';
  return freeTextProblem(code);
}

type ProfileFields = Pick<OperatorInput, 'name' | 'designation' | 'branch' | 'organisation'>;

/** Tidy and check whichever profile fields are present; collect messages per field. */
function checkProfileFields(input: Partial<ProfileFields>, fields: Record<string, string>): Partial<ProfileFields> {
  const clean: Partial<ProfileFields> = {};
  if (input.name !== undefined) {
    const name = tidy(input.name);
    const problem = checkText(name, 'name', 150, input.name) ?? (NAME_PATTERN.test(name) ? undefined : "Use letters, spaces and . ' - only.");
    if (problem) fields.name = problem;
    clean.name = name;
  }
  for (const [key, max] of [
    ['designation', 50],
    ['branch', 50],
    ['organisation', 150],
  ] as const) {
    const raw = input[key];
    if (raw === undefined) continue;
    const value = tidy(raw);
    const problem = checkText(value, FIELD_LABELS[key], max, raw);
    if (problem) fields[key] = problem;
    clean[key] = value;
  }
  return clean;
}

function checkRole(role: unknown, fields: Record<string, string>): void {
  if (!ROLES.includes(role as Role)) fields.role = 'Choose a role: maker, checker or admin.';
}

function validationFailure(fields: Record<string, string>): AppFailure {
  const keys = Object.keys(fields);
  const first = keys[0] as keyof OperatorInput;
  return new AppFailure('VALIDATION_FAILED', keys.length === 1 ? `Check ${FIELD_LABELS[first] ?? first}.` : `${keys.length} fields need attention.`, fields);
}

/** HH:MM on this PC's clock, rounded up so "try again after" is never too early. */
function formatClockTime(at: Date): string {
  const rounded = new Date(Math.ceil(at.getTime() / 60_000) * 60_000);
  return `${String(rounded.getHours()).padStart(2, '0')}:${String(rounded.getMinutes()).padStart(2, '0')}`;
}

/**
 * Said alike for every code, real or made-up, so it names nobody; it names every way back, since
 * whoever reads it may be the branch's only admin.
 */
function lockedFailure(lockedUntil: Date): AppFailure {
  return new AppFailure(
    'CONFLICT',
    `This account is locked after too many wrong passwords. Try again after ${formatClockTime(lockedUntil)} or ask your branch admin to unlock it (if you are the only admin, IT can unlock it on this PC).`,
  );
}

const signInFirst = (): AppFailure => new AppFailure('SIGNED_OUT', 'Sign in first.');
const notFound = (): AppFailure => new AppFailure('NOT_FOUND', 'That operator no longer exists.');

/** A hash nothing matches: the marker is not an scrypt encoding, so verification always refuses. */
function unusablePasswordHash(): string {
  return `unusable$${randomBytes(16).toString('hex')}`;
}

type Attempt = { outcome: 'ok'; operator: StoredOperator } | { outcome: 'wrong' } | { outcome: 'locked'; until: Date };

/**
 * Local operator accounts: who may sign in, with which role, and the rules around them — the first
 * admin, admin-only management, never losing the last admin, lock-out after wrong passwords, and
 * maker–checker separation. Every refusal is an AppFailure with a message for the operator.
 */
export class OperatorService {
  private readonly cost: ScryptCost;
  private readonly audit: AuditLog | undefined;

  constructor(
    private readonly store: Store,
    private readonly repo: OperatorRepository,
    private readonly clock: () => Date,
    options: OperatorServiceOptions = {},
  ) {
    this.cost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
    this.audit = options.audit;
  }

  /** True while no active admin exists: the first run outside Training mode must create one. */
  needsFirstAdmin(): boolean {
    return this.repo.countActiveAdmins() === 0;
  }

  async createFirstAdmin(input: FirstAdminInput): Promise<OperatorProfile> {
    const alreadyHasAdmin = (): AppFailure => new AppFailure('CONFLICT', 'KYC Desk already has a branch admin. Ask them to add you as an operator.');
    if (!this.needsFirstAdmin()) throw alreadyHasAdmin();
    return this.insertOperator({ ...input, role: 'admin' }, () => {
      if (!this.needsFirstAdmin()) throw alreadyHasAdmin();
    });
  }

  async create(actor: OperatorProfile, input: OperatorInput): Promise<OperatorProfile> {
    this.requireAdmin(actor);
    return this.insertOperator(input, () => this.requireAdmin(actor));
  }

  get(id: string): OperatorProfile | undefined {
    return this.repo.find(id)?.profile;
  }

  /** Admins see every operator; anyone else sees only themselves. Never any password material. */
  list(actor: OperatorProfile): OperatorProfile[] {
    const fresh = this.repo.find(actor.id);
    if (!fresh || !fresh.profile.active) return [];
    return can(fresh.profile.role, 'operators.manage') ? this.repo.list() : [fresh.profile];
  }

  update(actor: OperatorProfile, id: string, changes: OperatorChanges): OperatorProfile {
    this.requireAdmin(actor);
    const fields: Record<string, string> = {};
    const clean: ProfileChanges = checkProfileFields(changes, fields);
    if (changes.role !== undefined) {
      checkRole(changes.role, fields);
      clean.role = changes.role;
    }
    if (changes.active !== undefined) {
      if (typeof changes.active !== 'boolean') fields.active = 'Choose whether the operator may sign in.';
      clean.active = changes.active;
    }
    if (Object.keys(fields).length > 0) throw validationFailure(fields);
    return this.store.write(() => {
      this.requireAdmin(actor);
      const target = this.repo.find(id);
      if (!target) throw notFound();
      const { profile } = target;
      const losesAdmin = profile.role === 'admin' && profile.active && ((clean.role !== undefined && clean.role !== 'admin') || clean.active === false);
      if (losesAdmin && this.repo.countActiveAdmins() <= 1) {
        throw new AppFailure(
          'CONFLICT',
          'This is the last active branch admin, so it must stay an active admin. Make another operator an admin first.',
        );
      }
      this.repo.updateProfile(id, clean, this.now());
      return this.repo.find(id)!.profile;
    });
  }

  async resetPassword(actor: OperatorProfile, id: string, newPassword: string): Promise<void> {
    this.requireAdmin(actor);
    const target = this.repo.find(id);
    if (!target) throw notFound();
    const problem = checkPasswordPolicy(newPassword, target.profile.employeeCode);
    if (problem) throw validationFailure({ password: problem });
    const hash = await hashPassword(newPassword, this.cost);
    this.store.write(() => {
      const admin = this.requireAdmin(actor);
      const current = this.repo.find(id);
      if (!current) throw notFound();
      this.repo.setPasswordHash(id, hash, this.now());
      if (this.activeLock(current.lockedUntil)) this.auditLockOutEnd(admin, current.profile, 'an admin set a new password');
    });
  }

  /** The operator's own change: the current password is checked like a sign-in and counts towards lock-out. */
  async changeOwnPassword(operatorId: string, currentPassword: string, newPassword: string): Promise<void> {
    const found = this.repo.find(operatorId);
    if (!found || !found.profile.active) throw signInFirst();
    const problem = checkPasswordPolicy(newPassword, found.profile.employeeCode);
    if (problem) throw new AppFailure('VALIDATION_FAILED', 'Check the new password.', { newPassword: problem });
    if (newPassword === currentPassword) {
      throw new AppFailure('VALIDATION_FAILED', 'Check the new password.', { newPassword: 'Choose a password different from the current one.' });
    }
    const attempt = await this.attempt(found, currentPassword);
    if (attempt.outcome === 'locked') throw lockedFailure(attempt.until);
    if (attempt.outcome === 'wrong') {
      throw new AppFailure('VALIDATION_FAILED', 'Your current password is wrong.', { currentPassword: 'This is not your current password.' });
    }
    const hash = await hashPassword(newPassword, this.cost);
    this.store.write(() => {
      if (!this.repo.find(operatorId)) throw notFound();
      this.repo.setPasswordHash(operatorId, hash, this.now());
    });
  }

  /**
   * Sign-in check. An unknown employee code and a wrong password get the same message and take
   * about the same time, so the screen never tells whether an account exists.
   */
  async authenticate(employeeCode: string, password: string): Promise<OperatorProfile> {
    // No employee code holds an invisible character (see employeeCodeProblem): say so rather than
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

  /** An admin lets a locked-out operator try again at once (audited as the end of the lock-out). */
  unlock(actor: OperatorProfile, id: string): OperatorProfile {
    this.requireAdmin(actor);
    return this.store.write(() => {
      const admin = this.requireAdmin(actor);
      const target = this.repo.find(id);
      if (!target) throw notFound();
      this.repo.clearFailures(id, this.now());
      if (target.failedAttempts !== 0 || target.lockedUntil !== null) this.auditLockOutEnd(admin, target.profile, 'unlocked by an admin');
      return target.profile;
    });
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
   * Training mode's ready-made maker, checker and admin, created once. Their password hash matches
   * nothing: they are reached only through Training mode's one-click switch.
   */
  ensureTrainingOperators(): OperatorProfile[] {
    const missing = TRAINING_OPERATORS.filter((seed) => !this.repo.employeeCodeExists(seed.employeeCode));
    if (missing.length > 0) {
      this.store.write(() => {
        const now = this.now();
        for (const seed of missing) {
          if (this.repo.employeeCodeExists(seed.employeeCode)) continue;
          this.repo.insert({ profile: { ...seed, id: newId('op'), active: true }, passwordHash: unusablePasswordHash(), now });
        }
      });
    }
    return TRAINING_OPERATORS.map((seed) => this.repo.findByEmployeeCode(seed.employeeCode)!.profile);
  }

  /** The registry's verifier block for records this operator captures or approves, upper-case as it wants. */
  verifierFor(operator: OperatorProfile): Verifier {
    const upper = (value: string): string => tidy(value).toUpperCase();
    return {
      name: upper(operator.name),
      designation: upper(operator.designation),
      branch: upper(operator.branch),
      employmentCode: upper(operator.employeeCode),
      organization: upper(operator.organisation),
    };
  }

  /** Maker–checker: only a checker approves, and never a record they captured themselves. */
  assertCanApprove(approver: OperatorProfile, record: { createdBy: string | null }): void {
    const fresh = this.repo.find(approver.id);
    if (!fresh || !fresh.profile.active) throw signInFirst();
    if (!can(fresh.profile.role, 'records.approve')) {
      throw new AppFailure('FORBIDDEN', 'Your role cannot approve records. A checker approves them.');
    }
    if (record.createdBy !== null && record.createdBy === fresh.profile.id) {
      throw new AppFailure('FORBIDDEN', 'You captured this record, so another operator must approve it.');
    }
  }

  // ---------------------------------------------------------------------------------------------

  private now(): string {
    return this.clock().toISOString();
  }

  /** The actor as stored now — not as the caller remembers them — must be an active admin. */
  private requireAdmin(actor: OperatorProfile): OperatorProfile {
    const fresh = this.repo.find(actor.id);
    if (!fresh || !fresh.profile.active) throw signInFirst();
    if (!can(fresh.profile.role, 'operators.manage')) throw new AppFailure('FORBIDDEN', 'Only a branch admin can manage operators.');
    return fresh.profile;
  }

  private async insertOperator(input: OperatorInput, recheck: () => void): Promise<OperatorProfile> {
    const fields: Record<string, string> = {};
    // Every profile field is required here; a missing one is checked as empty.
    const clean = checkProfileFields(
      { name: input.name ?? '', designation: input.designation ?? '', branch: input.branch ?? '', organisation: input.organisation ?? '' },
      fields,
    ) as ProfileFields;
    const employeeCode = normaliseEmployeeCode(input.employeeCode ?? '');
    const codeProblem = employeeCodeProblem(input.employeeCode ?? '', employeeCode);
    if (codeProblem !== undefined) fields.employeeCode = codeProblem;
    checkRole(input.role, fields);
    const passwordProblem = checkPasswordPolicy(input.password, employeeCode);
    if (passwordProblem) fields.password = passwordProblem;
    if (Object.keys(fields).length > 0) throw validationFailure(fields);
    const taken = (): AppFailure =>
      new AppFailure('CONFLICT', `Another operator already has employee code ${employeeCode}.`, {
        employeeCode: 'This employee code is already in use. Each operator needs their own.',
      });
    // Before the slow hash, so the operator hears about a duplicate at once…
    if (this.repo.employeeCodeExists(employeeCode)) throw taken();
    const passwordHash = await hashPassword(input.password, this.cost);
    const profile: OperatorProfile = { id: newId('op'), ...clean, employeeCode, role: input.role, active: true };
    return this.store.write(() => {
      // …and again inside the transaction, since the world may have moved during the hash.
      recheck();
      if (this.repo.employeeCodeExists(employeeCode)) throw taken();
      this.repo.insert({ profile, passwordHash, now: this.now() });
      this.repo.forgetUnknownCode(employeeCode);
      return profile;
    });
  }

  /**
   * One password guess against a known operator: a wrong guess is counted on disk (a restart does
   * not forget it) and the fifth in a row locks the account; a right one clears the count. While
   * locked every guess is refused alike, right or wrong, after the same scrypt work as any other
   * answer, so a locked account can neither be guessed nor told apart by its timing. State is
   * re-read after the slow hash so concurrent guesses all count.
   */
  private async attempt(found: StoredOperator, password: string): Promise<Attempt> {
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
  private auditLockOutEnd(actor: OperatorProfile | null, operator: OperatorProfile, how: string, lockedUntil: string | null = null): void {
    this.audit?.append({
      actor: actor ? { id: actor.id, name: actor.name } : null,
      action: 'lock-out-end',
      subject: operator.id,
      details: { employeeCode: operator.employeeCode, role: operator.role, how, ...(lockedUntil ? { lockedUntil } : {}) },
    });
  }

  private activeLock(lockedUntil: string | null): Date | undefined {
    if (lockedUntil === null) return undefined;
    const until = new Date(lockedUntil);
    // An unreadable lock time is treated as locked for the full period rather than as no lock.
    if (Number.isNaN(until.getTime())) return new Date(this.clock().getTime() + LOCK_OUT_MS);
    return until.getTime() > this.clock().getTime() ? until : undefined;
  }
}

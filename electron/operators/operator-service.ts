import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../shared/errors';
import { can, type OperatorProfile } from '../../shared/operators/roles';
import { newId } from '../records/reference';
import type { Store } from '../store/database';
import type { Verifier } from '../../shared/sync/verifier';
import type { AuditLog } from '../audit/audit-log';
import {
  checkProfileFields,
  checkRole,
  employeeCodeProblem,
  normaliseEmployeeCode,
  tidy,
  validationFailure,
  type OperatorInput,
  type ProfileFields,
} from './operator-input';
import type { OperatorRepository, ProfileChanges } from './operator-repository';
import { checkPasswordPolicy, DEFAULT_SCRYPT_COST, hashPassword, type ScryptCost } from './password';
import { lockedFailure, SignIn } from './sign-in';

export { LOCK_OUT_MS, MAX_FAILED_ATTEMPTS, WRONG_CREDENTIALS } from './sign-in';
export { normaliseEmployeeCode, type OperatorInput } from './operator-input';

export type FirstAdminInput = Omit<OperatorInput, 'role'>;

export type OperatorChanges = ProfileChanges;

export interface OperatorServiceOptions {
  /** scrypt cost for new hashes; the default (N = 2^15) is the one to ship. Tests lower it. */
  scryptCost?: ScryptCost;
  /** Where lock-outs and their end are recorded, in the same transaction as the lock itself. */
  audit?: AuditLog;
}

export const TRAINING_OPERATORS: ReadonlyArray<Omit<OperatorProfile, 'id' | 'active'>> = [
  { name: 'Training Maker', employeeCode: 'TRN-MAKER', designation: 'Branch Officer', branch: 'Training Branch', organisation: 'KYC Desk Training', role: 'maker' },
  { name: 'Training Checker', employeeCode: 'TRN-CHECKER', designation: 'Branch Manager', branch: 'Training Branch', organisation: 'KYC Desk Training', role: 'checker' },
  { name: 'Training Admin', employeeCode: 'TRN-ADMIN', designation: 'Branch Admin', branch: 'Training Branch', organisation: 'KYC Desk Training', role: 'admin' },
];

const signInFirst = (): AppFailure => new AppFailure('SIGNED_OUT', 'Sign in first.');
const notFound = (): AppFailure => new AppFailure('NOT_FOUND', 'That operator no longer exists.');

/** A hash nothing matches: the marker is not an scrypt encoding, so verification always refuses. */
function unusablePasswordHash(): string {
  return `unusable$${randomBytes(16).toString('hex')}`;
}

/**
 * Local operator accounts: who may sign in, with which role, and the rules around them — the first
 * admin, admin-only management, never losing the last admin, lock-out after wrong passwords, and
 * maker–checker separation. Every refusal is an AppFailure with a message for the operator.
 */
export class OperatorService {
  private readonly cost: ScryptCost;
  /** Sign-in and lock-out: the part of operator accounts that answers whoever is at the sign-in screen. */
  private readonly signIn: SignIn;

  constructor(
    private readonly store: Store,
    private readonly repo: OperatorRepository,
    private readonly clock: () => Date,
    options: OperatorServiceOptions = {},
  ) {
    this.cost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
    this.signIn = new SignIn(store, repo, clock, this.cost, options.audit);
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
      if (this.signIn.activeLock(current.lockedUntil)) this.signIn.auditLockOutEnd(admin, current.profile, 'an admin set a new password');
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
    const attempt = await this.signIn.attempt(found, currentPassword);
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

  /** Sign-in check (sign-in.ts): a wrong password and an unknown code are refused alike. */
  async authenticate(employeeCode: string, password: string): Promise<OperatorProfile> {
    return this.signIn.authenticate(employeeCode, password);
  }

  /** An admin lets a locked-out operator try again at once (audited as the end of the lock-out). */
  unlock(actor: OperatorProfile, id: string): OperatorProfile {
    this.requireAdmin(actor);
    return this.store.write(() => {
      const admin = this.requireAdmin(actor);
      const target = this.repo.find(id);
      if (!target) throw notFound();
      this.repo.clearFailures(id, this.now());
      if (target.failedAttempts !== 0 || target.lockedUntil !== null) this.signIn.auditLockOutEnd(admin, target.profile, 'unlocked by an admin');
      return target.profile;
    });
  }

  /** The way back in when no other admin can unlock the only one, run on this PC (sign-in.ts). */
  recoverFromLockOut(employeeCode: string): { operator: OperatorProfile; wasLocked: boolean } {
    return this.signIn.recoverFromLockOut(employeeCode);
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
}

import type { OperatorProfile, Role } from '../../shared/operators/roles';
import type { Row, Store } from '../store/database';
import { textOrNull } from '../store/row';

/** An operator as stored: the profile plus what never leaves the main process. */
export interface StoredOperator {
  profile: OperatorProfile;
  passwordHash: string;
  failedAttempts: number;
  /** ISO time until which sign-in is refused, or null */
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ProfileChanges = Partial<Pick<OperatorProfile, 'name' | 'designation' | 'branch' | 'organisation' | 'role' | 'active'>>;

const PROFILE_COLUMNS = 'id, name, employee_code, designation, branch, organisation, role, active';

function toProfile(row: Row): OperatorProfile {
  return {
    id: String(row.id),
    name: String(row.name),
    employeeCode: String(row.employee_code),
    designation: String(row.designation),
    branch: String(row.branch),
    organisation: String(row.organisation),
    role: String(row.role) as Role,
    active: Number(row.active) === 1,
  };
}

function toStored(row: Row): StoredOperator {
  return {
    profile: toProfile(row),
    passwordHash: String(row.password_hash),
    failedAttempts: Number(row.failed_attempts),
    lockedUntil: textOrNull(row.locked_until),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

/** Wrong passwords typed with an employee code that no operator has (see OperatorService.authenticate). */
export interface UnknownCodeFailures {
  failedAttempts: number;
  lockedUntil: string | null;
}

/**
 * At most this many unknown codes are remembered; the least recently tried go first. Each costs a
 * full scrypt check to add, so filling it takes hours of scripted guessing, never typing at a counter.
 */
export const MAX_UNKNOWN_CODES = 10_000;

/** SQL for operators. Callers wrap writes in `store.write` so they are durable together. */
export class OperatorRepository {
  constructor(
    private readonly store: Store,
    private readonly maxUnknownCodes = MAX_UNKNOWN_CODES,
  ) {}

  insert(operator: { profile: OperatorProfile; passwordHash: string; now: string }): void {
    const { profile } = operator;
    this.store.run(
      `INSERT INTO operators (id, name, employee_code, designation, branch, organisation, role, password_hash,
                              failed_attempts, locked_until, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?)`,
      [
        profile.id,
        profile.name,
        profile.employeeCode,
        profile.designation,
        profile.branch,
        profile.organisation,
        profile.role,
        operator.passwordHash,
        profile.active ? 1 : 0,
        operator.now,
        operator.now,
      ],
    );
  }

  find(id: string): StoredOperator | undefined {
    const row = this.store.get('SELECT * FROM operators WHERE id = ?', [id]);
    return row ? toStored(row) : undefined;
  }

  /** Employee codes are stored upper-case, so this match is exact. */
  findByEmployeeCode(employeeCode: string): StoredOperator | undefined {
    const row = this.store.get('SELECT * FROM operators WHERE employee_code = ?', [employeeCode]);
    return row ? toStored(row) : undefined;
  }

  employeeCodeExists(employeeCode: string): boolean {
    return this.store.get('SELECT 1 AS found FROM operators WHERE employee_code = ?', [employeeCode]) !== undefined;
  }

  list(): OperatorProfile[] {
    return this.store.all(`SELECT ${PROFILE_COLUMNS} FROM operators ORDER BY name COLLATE NOCASE, employee_code`).map(toProfile);
  }

  countActiveAdmins(): number {
    return Number(this.store.get("SELECT COUNT(*) AS n FROM operators WHERE role = 'admin' AND active = 1")?.n ?? 0);
  }

  updateProfile(id: string, changes: ProfileChanges, now: string): void {
    const sets: string[] = [];
    const params: Array<string | number> = [];
    const column = { name: 'name', designation: 'designation', branch: 'branch', organisation: 'organisation', role: 'role' } as const;
    for (const key of Object.keys(column) as Array<keyof typeof column>) {
      const value = changes[key];
      if (value === undefined) continue;
      sets.push(`${column[key]} = ?`);
      params.push(value);
    }
    if (changes.active !== undefined) {
      sets.push('active = ?');
      params.push(changes.active ? 1 : 0);
    }
    if (sets.length === 0) return;
    this.store.run(`UPDATE operators SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`, [...params, now, id]);
  }

  /** A new password also ends any lock-out: the admin who set it has vouched for the operator. */
  setPasswordHash(id: string, passwordHash: string, now: string): void {
    this.store.run('UPDATE operators SET password_hash = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?', [
      passwordHash,
      now,
      id,
    ]);
  }

  setFailures(id: string, failedAttempts: number, lockedUntil: string | null, now: string): void {
    this.store.run('UPDATE operators SET failed_attempts = ?, locked_until = ?, updated_at = ? WHERE id = ?', [failedAttempts, lockedUntil, now, id]);
  }

  unknownCodeFailures(employeeCode: string): UnknownCodeFailures | undefined {
    const row = this.store.get('SELECT failed_attempts, locked_until FROM unknown_code_failures WHERE employee_code = ?', [employeeCode]);
    if (!row) return undefined;
    return { failedAttempts: Number(row.failed_attempts), lockedUntil: textOrNull(row.locked_until) };
  }

  setUnknownCodeFailures(employeeCode: string, failedAttempts: number, lockedUntil: string | null, now: string): void {
    this.store.run(
      `INSERT INTO unknown_code_failures (employee_code, failed_attempts, locked_until, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(employee_code) DO UPDATE SET failed_attempts = excluded.failed_attempts, locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
      [employeeCode, failedAttempts, lockedUntil, now],
    );
    this.store.run(
      `DELETE FROM unknown_code_failures WHERE employee_code IN
         (SELECT employee_code FROM unknown_code_failures ORDER BY updated_at DESC, employee_code LIMIT -1 OFFSET ?)`,
      [this.maxUnknownCodes],
    );
  }

  /** The code now belongs to an operator: what was typed with it before is no longer theirs to carry. */
  forgetUnknownCode(employeeCode: string): void {
    this.store.run('DELETE FROM unknown_code_failures WHERE employee_code = ?', [employeeCode]);
  }

  clearFailures(id: string, now: string): void {
    this.store.run('UPDATE operators SET failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ? AND (failed_attempts <> 0 OR locked_until IS NOT NULL)', [
      now,
      id,
    ]);
  }
}

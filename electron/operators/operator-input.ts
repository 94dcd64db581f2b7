/**
 * What an admin types about an operator, tidied and checked field by field: each problem is kept
 * under its field's name so the form can show it there.
 */
import { AppFailure } from '../../shared/errors';
import { ROLES, type OperatorProfile, type Role } from '../../shared/operators/roles';
import { codePointName, firstInvisibleCharacter, FREE_TEXT_MESSAGES, freeTextProblem } from '../../shared/validation/free-text';

export type OperatorInput = Omit<OperatorProfile, 'id' | 'active'> & { password: string };

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

export function tidy(value: string): string {
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
export function employeeCodeProblem(typed: string, code: string): string | undefined {
  const invisible = firstInvisibleCharacter(String(typed));
  if (invisible !== undefined) return FREE_TEXT_MESSAGES.invisible(codePointName(invisible));
  if (code === '') return 'Enter the employee code.';
  if (code.length > 50) return 'Use at most 50 characters.';
  if (!EMPLOYEE_CODE_PATTERN.test(code)) return 'Use letters, digits, - and / only.';
  return freeTextProblem(code);
}

export type ProfileFields = Pick<OperatorInput, 'name' | 'designation' | 'branch' | 'organisation'>;

/** Tidy and check whichever profile fields are present; collect messages per field. */
export function checkProfileFields(input: Partial<ProfileFields>, fields: Record<string, string>): Partial<ProfileFields> {
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

export function checkRole(role: unknown, fields: Record<string, string>): void {
  if (!ROLES.includes(role as Role)) fields.role = 'Choose a role: maker, checker or admin.';
}

export function validationFailure(fields: Record<string, string>): AppFailure {
  const keys = Object.keys(fields);
  const first = keys[0] as keyof OperatorInput;
  return new AppFailure('VALIDATION_FAILED', keys.length === 1 ? `Check ${FIELD_LABELS[first] ?? first}.` : `${keys.length} fields need attention.`, fields);
}

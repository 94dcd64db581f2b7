/**
 * Errors cross process boundaries as plain values, never as thrown objects:
 * a stack trace or an exception message from a library can carry paths, SQL or PII.
 */
export const ERROR_CODES = [
  'BAD_REQUEST', // payload failed its schema
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_ORIGIN',
  'SIGNED_OUT', // no operator signed in, or the app is locked
  'FORBIDDEN', // the signed-in operator's role may not do this
  'VALIDATION_FAILED', // record rules failed; `fields` says which
  'NOT_FOUND',
  'CONFLICT',
  'STORAGE_FULL',
  'STORAGE_FAILED',
  'CONNECTION_NOT_ALLOWED',
  'REMOTE_UNREACHABLE',
  'REMOTE_TIMEOUT',
  'REMOTE_REJECTED',
  'REMOTE_INVALID_RESPONSE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** field name → message a branch operator understands */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, fields?: Record<string, string>): { ok: false; error: AppError } {
  return { ok: false, error: fields ? { code, message, fields } : { code, message } };
}

/** Thrown inside main-process services; the IPC router turns it into an AppError value. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppFailure';
  }

  toValue(): AppError {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

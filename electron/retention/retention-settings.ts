import { AppFailure, type ErrorCode } from '../../shared/errors';
import { can, type OperatorProfile } from '../../shared/operators/roles';
import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/database';
import { SettingsRepository } from '../store/settings-repository';

export const RETENTION_DAYS_KEY = 'retention.days';
/** The same period the registry flow keeps a finished record for. */
export const DEFAULT_RETENTION_DAYS = 180;
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

/** Signed in, but the role may not (FORBIDDEN_ORIGIN means something else: a request from outside KYC Desk). */
const NOT_ALLOWED: ErrorCode = 'FORBIDDEN';

function isValidDays(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_RETENTION_DAYS && value <= MAX_RETENTION_DAYS;
}

/**
 * How many days a finished record is kept. A missing or unreadable value (never written, or edited
 * by hand) reads as the default rather than as "purge everything now".
 */
export function readRetentionDays(store: Store): number {
  const text = new SettingsRepository(store).get(RETENTION_DAYS_KEY);
  if (text === undefined) return DEFAULT_RETENTION_DAYS;
  const days = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  return isValidDays(days) ? days : DEFAULT_RETENTION_DAYS;
}

/** Reading is for everyone; changing the period is a branch admin's action, and audited. */
export class RetentionSettings {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
  ) {}

  days(): number {
    return readRetentionDays(this.store);
  }

  /** Returns the period now in force. Setting the period it already has changes and records nothing. */
  setDays(actor: OperatorProfile, days: number): number {
    if (!actor.active || !can(actor.role, 'settings.manage')) {
      throw new AppFailure(NOT_ALLOWED, 'Only a branch admin can change how long finished records are kept.');
    }
    if (!isValidDays(days)) {
      const message = `Enter a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}.`;
      throw new AppFailure('VALIDATION_FAILED', message, { days: message });
    }
    return this.store.write(() => {
      const from = readRetentionDays(this.store);
      if (from === days) return days;
      new SettingsRepository(this.store).set(RETENTION_DAYS_KEY, String(days));
      this.audit.append({ actor: { id: actor.id, name: actor.name }, action: 'settings-change', subject: RETENTION_DAYS_KEY, details: { from, to: days } });
      return days;
    });
  }
}

import { AppFailure } from '../../shared/errors';
import { can, type OperatorProfile } from '../../shared/operators/roles';
import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/database';
import { SettingsRepository } from '../store/settings-repository';

/** Minutes without activity before KYC Desk locks itself; a branch admin's setting, audited. */
export const IDLE_MINUTES_KEY = 'session.idleMinutes';
export const DEFAULT_IDLE_MINUTES = 5;
const MIN = 1;
const MAX = 240;

export function readIdleMinutes(store: Store): number {
  const value = Number(new SettingsRepository(store).get(IDLE_MINUTES_KEY));
  return Number.isInteger(value) && value >= MIN && value <= MAX ? value : DEFAULT_IDLE_MINUTES;
}

export function writeIdleMinutes(store: Store, audit: AuditLog, actor: OperatorProfile, minutes: number): number {
  if (!can(actor.role, 'settings.manage')) throw new AppFailure('FORBIDDEN', 'Only a branch admin can change when KYC Desk locks itself.');
  if (!Number.isInteger(minutes) || minutes < MIN || minutes > MAX) {
    const message = `Enter a whole number of minutes from ${MIN} to ${MAX}.`;
    throw new AppFailure('VALIDATION_FAILED', message, { idleMinutes: message });
  }
  return store.write(() => {
    const from = readIdleMinutes(store);
    if (from === minutes) return minutes;
    new SettingsRepository(store).set(IDLE_MINUTES_KEY, String(minutes));
    audit.append({ actor: { id: actor.id, name: actor.name }, action: 'settings-change', subject: IDLE_MINUTES_KEY, details: { from, to: minutes } });
    return minutes;
  });
}

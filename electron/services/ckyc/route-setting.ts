import { AppFailure } from '../../../shared/errors';
import { can, type OperatorProfile } from '../../../shared/operators/roles';
import { DEFAULT_SUBMISSION_ROUTE, SUBMISSION_ROUTES, type SubmissionRoute } from '../../../shared/sync/routes';
import type { AuditLog } from '../../audit/audit-log';
import type { Store } from '../../store/database';
import { SettingsRepository } from '../../store/settings-repository';

export const SUBMISSION_ROUTE_KEY = 'sync.route';

/** The route new batches take. A missing or unknown value (never set, edited by hand) reads as the default. */
export function readSubmissionRoute(store: Store): SubmissionRoute {
  const value = new SettingsRepository(store).get(SUBMISSION_ROUTE_KEY);
  return SUBMISSION_ROUTES.find((route) => route === value) ?? DEFAULT_SUBMISSION_ROUTE;
}

/** An admin's choice, audited as a settings change. Batches under way keep the route they started on. */
export function setSubmissionRoute(store: Store, audit: AuditLog, actor: OperatorProfile, route: SubmissionRoute): SubmissionRoute {
  if (!actor.active || !can(actor.role, 'connections.manage')) throw new AppFailure('FORBIDDEN', 'Only a branch admin can choose how records are sent to the registry.');
  return store.write(() => {
    const from = readSubmissionRoute(store);
    if (from === route) return route;
    new SettingsRepository(store).set(SUBMISSION_ROUTE_KEY, route);
    audit.append({ actor: { id: actor.id, name: actor.name }, action: 'settings-change', subject: SUBMISSION_ROUTE_KEY, details: { from, to: route } });
    return route;
  });
}

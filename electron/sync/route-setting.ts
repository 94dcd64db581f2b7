import { AppFailure } from '../../shared/errors';
import { can, type OperatorProfile } from '../../shared/operators/roles';
import { DEFAULT_SUBMISSION_ROUTE, SUBMISSION_ROUTES, type SubmissionRoute } from '../../shared/sync/routes';
import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/database';

export const SUBMISSION_ROUTE_KEY = 'sync.route';

/** The route new batches take. A missing or unknown value (never set, edited by hand) reads as the default. */
export function readSubmissionRoute(store: Store): SubmissionRoute {
  const value = store.get('SELECT value FROM settings WHERE key = ?', [SUBMISSION_ROUTE_KEY])?.value;
  return SUBMISSION_ROUTES.find((route) => route === value) ?? DEFAULT_SUBMISSION_ROUTE;
}

/** An admin's choice, audited as a settings change. Batches under way keep the route they started on. */
export function setSubmissionRoute(store: Store, audit: AuditLog, actor: OperatorProfile, route: SubmissionRoute): SubmissionRoute {
  if (!actor.active || !can(actor.role, 'connections.manage')) throw new AppFailure('FORBIDDEN', 'Only a branch admin can choose how records are sent to the registry.');
  return store.write(() => {
    const from = readSubmissionRoute(store);
    if (from === route) return route;
    store.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [SUBMISSION_ROUTE_KEY, route]);
    audit.append({ actor: { id: actor.id, name: actor.name }, action: 'settings-change', subject: SUBMISSION_ROUTE_KEY, details: { from, to: route } });
    return route;
  });
}

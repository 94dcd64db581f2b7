import type { AuditLog } from '../audit/audit-log';
import type { EventHub } from '../events/event-hub';
import type { OperatorSession } from './session';

/**
 * Tell the rest of the app when the session changes: a lock the operator did not ask for (idle,
 * system sleep) goes in the audit trail under their name, and every change reaches the screens.
 * Returns the unsubscribe.
 */
export function announceSessionChanges(session: OperatorSession, audit: AuditLog, events: EventHub): () => void {
  return session.onChange((snapshot) => {
    if (snapshot.state === 'locked' && snapshot.lockReason !== 'manual' && snapshot.operator) {
      audit.record({ actor: { id: snapshot.operator.id, name: snapshot.operator.name }, action: 'lock', details: { reason: snapshot.lockReason } });
    }
    events.emit('session-changed', { state: snapshot.state });
  });
}

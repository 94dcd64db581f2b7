import type { AuditLog } from '../audit/audit-log';
import type { EventHub } from '../events/event-hub';

/**
 * The registry's terminal answer for a batch goes in the audit trail, attributed to KYC Desk itself
 * (no operator acted). Returns the unsubscribe.
 */
export function auditFinishedSyncs(events: EventHub, audit: AuditLog): () => void {
  return events.subscribe((event, payload) => {
    if (event !== 'sync-finished') return;
    const finished = payload as { batchId: string; state: string; succeeded: number; failed: number };
    audit.record({ actor: null, action: 'sync-finish', subject: finished.batchId, details: { state: finished.state, succeeded: finished.succeeded, failed: finished.failed } });
  });
}

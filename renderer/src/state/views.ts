import type { SessionStateView } from '../../../shared/contract';
import { can, type Permission } from '../../../shared/operators/roles';
import { UAE_CUSTOMER_KIND_ID } from '../../../shared/record-kinds/uae-customer';
import type { View } from './shape';

/** What each screen needs the signed-in operator's role to allow. */
export const VIEW_PERMISSION: Record<View, Permission> = {
  capture: 'records.capture',
  'capture-uae': 'records.capture',
  queue: 'records.view',
  // A batch holds many makers' records: a maker follows their own in the queue instead.
  batches: 'records.viewAll',
  // The registry's view of every batch and download: checkers and admins, as the batches.
  registry: 'records.viewAll',
  // Makers ask for people, checkers and admins approve and send: each sees the requests they may.
  fetch: 'records.view',
  // Whoever serves the customer sends a link; a maker sees the links they sent, checkers and admins all.
  'video-kyc': 'records.view',
  // The counter looks UAE customers up; a checker or admin sends them (the screen asks sync.run for that).
  'uae-cdp': 'records.view',
  // Makers prepare updates, checkers approve and send them; each sees the updates they may.
  'bulk-update': 'records.view',
  operators: 'operators.manage',
  audit: 'audit.view',
  settings: 'settings.manage',
  connections: 'connections.manage',
};

/** The capture screen of a record's kind (none named: the individual's), so its tab is the one lit while it is changed. */
export function captureViewOf(kind: string | undefined): View {
  return kind === UAE_CUSTOMER_KIND_ID ? 'capture-uae' : 'capture';
}

/** Whether the operator reads every maker's records and the batches (checkers, admins), or only their own. */
export function mayViewAll(session: SessionStateView | null): boolean {
  return session?.operator ? can(session.operator.role, 'records.viewAll') : false;
}

/** Where an operator lands after signing in: a maker captures, everyone else starts at the queue. */
export function homeView(session: SessionStateView): View {
  return session.operator && can(session.operator.role, 'records.capture') ? 'capture' : 'queue';
}

/** One page of the queue and of the batch list: main pages, the renderer holds one page. */
export const PAGE = { page: 1, pageSize: 100 };

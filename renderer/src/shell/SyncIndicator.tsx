import type { SyncStatus } from '../../../shared/contract';
import { can } from '../../../shared/operators/roles';
import { SUBMISSION_ROUTE_LABELS } from '../../../shared/sync/routes';
import { useAppStore } from '../state/app-store';
import { formatClock } from './formatting';

const SFTP_LABELS: Record<Exclude<SyncStatus['sftp'], 'not_used'>, string> = {
  up: 'SFTP server reachable',
  down: 'SFTP server not reachable',
  host_key_changed: 'SFTP server identity changed — transfers stopped',
  not_configured: 'SFTP not set up',
  unknown: 'SFTP not checked yet',
};

/** Connectivity in words: the colour beside it only repeats what the words say. */
export function connectivityText(status: Pick<SyncStatus, 'connectivity' | 'nextCheckAt'>): string {
  switch (status.connectivity) {
    case 'online':
      return 'Online';
    case 'offline':
      return status.nextCheckAt ? `Offline — paused, retrying at ${formatClock(status.nextCheckAt)}` : 'Offline — paused, retrying by itself';
    case 'unknown':
      return 'Connection not checked yet';
  }
}

function activeText(count: number): string {
  return count === 0 ? 'No active batches' : `${count} active batch${count === 1 ? '' : 'es'}`;
}

/** Tone of a piece of the indicator, for its dot: ok, waiting or stopped. */
function tone(status: SyncStatus): { connectivity: string; sftp: string } {
  const connectivity = status.connectivity === 'online' ? 'ok' : status.connectivity === 'offline' ? 'bad' : 'wait';
  const sftp = status.sftp === 'up' ? 'ok' : status.sftp === 'unknown' ? 'wait' : 'bad';
  return { connectivity, sftp };
}

/**
 * The way out to the registry, in the header of every signed-in screen: the route in force,
 * whether the registry answers, the SFTP server's health on the SFTP route, and the batches under way.
 */
export function SyncIndicator() {
  const signedIn = useAppStore((s) => s.session?.state === 'signed_in' && Boolean(s.session.operator));
  const status = useAppStore((s) => s.syncStatus);
  const problem = useAppStore((s) => s.syncStatusProblem);
  if (!signedIn) return null;
  return (
    <div className="sync-indicator" role="status" aria-label="Sync status" data-testid="sync-indicator">
      {status ? (
        <>
          <span className="sync-indicator__item" data-testid="sync-route">
            Route: {SUBMISSION_ROUTE_LABELS[status.route] ?? status.route}
          </span>
          <span className="sync-indicator__item" data-testid="sync-connectivity" data-connectivity={status.connectivity}>
            <span className={`sync-dot sync-dot--${tone(status).connectivity}`} aria-hidden="true" />
            {connectivityText(status)}
          </span>
          {status.route === 'bulk-sftp' && status.sftp !== 'not_used' && (
            <span className="sync-indicator__item" data-testid="sync-sftp" data-sftp={status.sftp}>
              <span className={`sync-dot sync-dot--${tone(status).sftp}`} aria-hidden="true" />
              {SFTP_LABELS[status.sftp]}
            </span>
          )}
          <span className="sync-indicator__item" data-testid="sync-active">
            {activeText(status.activeBatches)}
          </span>
          {status.message && (
            <span className="sync-indicator__message" data-testid="sync-message">
              {status.message}
            </span>
          )}
        </>
      ) : (
        <span className="sync-indicator__item">{problem ? `Sync status not available: ${problem}` : 'Checking the connection to the registry…'}</span>
      )}
    </div>
  );
}

export const HOST_KEY_CHANGED_TEXT =
  'The SFTP server’s identity changed. All transfers are stopped until an admin checks and confirms the new host key on the Connections screen.';

/** Every screen, while the SFTP server shows an identity other than the trusted one: nothing moves until an admin looks. */
export function HostKeyBanner() {
  const operator = useAppStore((s) => (s.session?.state === 'signed_in' ? s.session.operator : null));
  const changed = useAppStore((s) => s.syncStatus?.sftp === 'host_key_changed');
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  if (!operator || !changed) return null;
  const admin = can(operator.role, 'connections.manage');
  return (
    <div className="alert alert--hostkey" role="alert" data-testid="host-key-banner">
      <strong>{HOST_KEY_CHANGED_TEXT}</strong>
      {admin && view !== 'connections' && (
        <>
          {' '}
          <button type="button" className="link" onClick={() => setView('connections')}>
            Check the host key on Connections
          </button>
        </>
      )}
    </div>
  );
}

import { lazy, Suspense } from 'react';
import { can } from '../../../shared/operators/roles';
import { UAE_CUSTOMER_KIND_ID } from '../../../shared/record-kinds/uae-customer';
import { QueueView } from '../queue/QueueView';
import { LockScreen } from '../session/LockScreen';
import { OperatorBar } from '../session/OperatorBar';
import { SignInScreen } from '../session/SignInScreen';
import { useAppStore, VIEW_PERMISSION, type View } from '../state/app-store';
import { HostKeyBanner, SyncIndicator } from './SyncIndicator';

// Each screen but the queue is its own chunk, loaded the first time it is opened: the first page
// an operator sees stays small (Vite warns above 500 kB), and a screen someone never opens costs nothing.
const CaptureFlow = lazy(() => import('../capture/CaptureFlow').then((m) => ({ default: m.CaptureFlow })));
const BatchesView = lazy(() => import('../batches/BatchesView').then((m) => ({ default: m.BatchesView })));
const RegistryView = lazy(() => import('../registry/RegistryView').then((m) => ({ default: m.RegistryView })));
const FetchView = lazy(() => import('../fetch/FetchView').then((m) => ({ default: m.FetchView })));
const VideoKycView = lazy(() => import('../video-kyc/VideoKycView').then((m) => ({ default: m.VideoKycView })));
const UaeCdpView = lazy(() => import('../uae-cdp/UaeCdpView').then((m) => ({ default: m.UaeCdpView })));
const BulkUpdateView = lazy(() => import('../bulk-update/BulkUpdateView').then((m) => ({ default: m.BulkUpdateView })));
const OperatorsView = lazy(() => import('../admin/OperatorsView').then((m) => ({ default: m.OperatorsView })));
const AuditView = lazy(() => import('../admin/AuditView').then((m) => ({ default: m.AuditView })));
const SettingsView = lazy(() => import('../admin/SettingsView').then((m) => ({ default: m.SettingsView })));
const ConnectionsView = lazy(() => import('../admin/ConnectionsView').then((m) => ({ default: m.ConnectionsView })));

const VIEWS: ReadonlyArray<[View, string]> = [
  ['capture', 'New individual'],
  ['capture-uae', 'New UAE customer'],
  ['queue', 'Queue'],
  ['batches', 'Batches'],
  ['registry', 'Registry'],
  ['fetch', 'Fetch from CKYC'],
  ['video-kyc', 'Video KYC'],
  ['uae-cdp', 'UAE CDP'],
  ['bulk-update', 'Updates'],
  ['operators', 'Operators'],
  ['audit', 'Audit trail'],
  ['settings', 'Settings'],
  ['connections', 'Connections'],
];

function ModeBanner() {
  const mode = useAppStore((s) => s.info?.mode);
  if (mode !== 'training') return null;
  return (
    <div className="training-banner" role="note" data-testid="training-banner">
      <strong>TRAINING MODE</strong> — practice data, kept apart from real records. Nothing here is ever sent to the real registry.
    </div>
  );
}

function Screen({ view }: { view: View }) {
  switch (view) {
    case 'capture':
      return <CaptureFlow />;
    case 'capture-uae':
      return <CaptureFlow newKind={UAE_CUSTOMER_KIND_ID} />;
    case 'queue':
      return <QueueView />;
    case 'batches':
      return <BatchesView />;
    case 'registry':
      return <RegistryView />;
    case 'fetch':
      return <FetchView />;
    case 'video-kyc':
      return <VideoKycView />;
    case 'uae-cdp':
      return <UaeCdpView />;
    case 'bulk-update':
      return <BulkUpdateView />;
    case 'operators':
      return <OperatorsView />;
    case 'audit':
      return <AuditView />;
    case 'settings':
      return <SettingsView />;
    case 'connections':
      return <ConnectionsView />;
  }
}

export function App() {
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const info = useAppStore((s) => s.info);
  const session = useAppStore((s) => s.session);
  const problem = useAppStore((s) => s.problem);
  const actionError = useAppStore((s) => s.actionError);
  const clearActionError = useAppStore((s) => s.clearActionError);
  const readyCount = useAppStore((s) => s.records.counts.ready ?? 0);
  const operator = session?.state === 'signed_in' ? session.operator : null;
  const locked = session?.state === 'locked';
  // The capture form stays mounted under the lock screen so nothing typed is lost; it is only hidden.
  const showWork = Boolean(operator) || (locked && session?.operator);
  const role = operator?.role ?? session?.operator?.role;

  return (
    <div className="app">
      <ModeBanner />
      <header className="topbar">
        <h1 className="brand">KYC Desk</h1>
        {operator && (
          <nav aria-label="Main">
            {VIEWS.filter(([id]) => can(operator.role, VIEW_PERMISSION[id])).map(([id, label]) => (
              <button key={id} type="button" className={view === id ? 'tab tab--active' : 'tab'} aria-current={view === id ? 'page' : undefined} onClick={() => setView(id)}>
                {label}
                {id === 'queue' && readyCount > 0 && <span className="badge" aria-label={`${readyCount} ready`}>{readyCount}</span>}
              </button>
            ))}
          </nav>
        )}
        <OperatorBar />
        <SyncIndicator />
      </header>
      <HostKeyBanner />
      {problem && (
        <div className="alert alert--fatal" role="alert">
          {problem}
        </div>
      )}
      {info?.notices.map((notice) => (
        <div key={notice} className="alert" role="alert">
          {notice}
        </div>
      ))}
      {actionError && (
        <div className="alert" role="alert">
          {actionError.message}{' '}
          <button type="button" className="link" onClick={clearActionError}>
            Dismiss
          </button>
        </div>
      )}
      <main className="screen">
        {(!info || !session) && !problem && <p className="muted">Starting…</p>}
        {session?.state === 'signed_out' && <SignInScreen />}
        {locked && <LockScreen />}
        {showWork && role && (
          <div hidden={locked}>
            {can(role, VIEW_PERMISSION[view]) && (
              <Suspense fallback={<p className="muted">Opening…</p>}>
                <Screen view={view} />
              </Suspense>
            )}
          </div>
        )}
      </main>
      <footer className="statusbar">
        {info ? `${info.mode === 'training' ? 'Training' : 'Live'} · version ${info.version} · registry checked every ${info.pollSeconds} s while a batch is processing` : ''}
      </footer>
    </div>
  );
}

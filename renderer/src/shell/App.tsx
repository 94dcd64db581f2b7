import { BatchesView } from '../batches/BatchesView';
import { CaptureForm } from '../capture/CaptureForm';
import { QueueView } from '../queue/QueueView';
import { useAppStore, type View } from '../state/app-store';

const VIEWS: ReadonlyArray<[View, string]> = [
  ['capture', 'New individual'],
  ['queue', 'Queue'],
  ['batches', 'Batches'],
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

export function App() {
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const info = useAppStore((s) => s.info);
  const problem = useAppStore((s) => s.problem);
  const actionError = useAppStore((s) => s.actionError);
  const clearActionError = useAppStore((s) => s.clearActionError);
  const readyCount = useAppStore((s) => s.records.counts.ready ?? 0);

  return (
    <div className="app">
      <ModeBanner />
      <header className="topbar">
        <h1 className="brand">KYC Desk</h1>
        <nav aria-label="Main">
          {VIEWS.map(([id, label]) => (
            <button key={id} type="button" className={view === id ? 'tab tab--active' : 'tab'} aria-current={view === id ? 'page' : undefined} onClick={() => setView(id)}>
              {label}
              {id === 'queue' && readyCount > 0 && <span className="badge" aria-label={`${readyCount} ready`}>{readyCount}</span>}
            </button>
          ))}
        </nav>
      </header>
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
        {!info && !problem && <p className="muted">Starting…</p>}
        {info && view === 'capture' && <CaptureForm />}
        {info && view === 'queue' && <QueueView />}
        {info && view === 'batches' && <BatchesView />}
      </main>
      <footer className="statusbar">
        {info ? `${info.mode === 'training' ? 'Training' : 'Live'} · version ${info.version} · registry checked every ${info.pollSeconds} s while a batch is processing` : ''}
      </footer>
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../../shared/errors';
import { ErrorBox } from './AdminField';
import { useAdminCall } from './admin-api';
import { AgentApiSection } from './connections/AgentApiSection';
import { CdpSection } from './connections/CdpSection';
import { BulkUpdateSection } from '../bulk-update/BulkUpdateSection';
import { ApiSection } from './connections/ApiSection';
import type { Connections } from './connections/form-parts';
import { RouteSection } from './connections/RouteSection';
import { SftpSection } from './connections/SftpSection';
import { SandboxSftpSwitch } from './connections/SandboxSftpSwitch';
import { useAppStore } from '../state/app-store';
import './admin.css';

/** The admin's connection screen: the CKYC vendor API and SFTP, their secrets, the SFTP server's identity, the agent API and the UAE CDP. */
export function ConnectionsView() {
  const call = useAdminCall();
  const training = useAppStore((s) => s.info?.mode === 'training');
  const [view, setView] = useState<Connections | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);

  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    void call('connections.get', {}).then((result) => {
      if (!current) return;
      if (result.ok) {
        setView(result.value);
        setLoadError(null);
      } else {
        setLoadError(result.error);
      }
    });
    return () => {
      current = false;
    };
  }, [call, reloads]);

  return (
    <section className="admin" aria-labelledby="connections-title">
      <div className="screen-head">
        <h2 id="connections-title">Connections</h2>
      </div>
      <p className="notice admin-notice" role="note" data-testid="connections-mode-note">
        KYC Desk runs in Training mode. Saving these settings does not switch it to live: training records only ever go to the built-in training sandbox,
        never to the addresses below.
      </p>
      <p className="screen-intro">Passwords, tokens and passphrases are kept only in this computer’s keychain. Everything else on this screen is not secret.</p>
      <RouteSection />
      {training && <SandboxSftpSwitch />}
      <ErrorBox error={loadError} testId="connections-load-error" />
      {view === null ? (
        !loadError && <p className="muted">Loading the connections…</p>
      ) : (
        <>
          <ApiSection view={view} onSaved={setView} onSecretsChanged={reload} />
          <SftpSection view={view} onSaved={setView} onSecretsChanged={reload} />
          <AgentApiSection />
          <CdpSection />
          <BulkUpdateSection />
        </>
      )}
    </section>
  );
}

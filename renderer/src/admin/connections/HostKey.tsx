import { useState } from 'react';
import type { ResponseOf } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/errors';
import { ErrorBox } from '../AdminField';
import { useAdminCall } from '../admin-api';
import { Saved, type Connections } from './form-parts';

type HostKeyCheck = ResponseOf<'connections.probeSftpHostKey'>;

/** Host key on first use: read the fingerprint, have the admin compare it with IT's, then pin it. */
export function HostKey({ view, onPinned }: { view: Connections; onPinned(view: Connections): void }) {
  const call = useAdminCall();
  const [check, setCheck] = useState<HostKeyCheck | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const pinned = view.sftp.hostKeyFingerprint;

  async function probe() {
    if (busy) return;
    setBusy(true);
    setError(null);
    setOutcome(null);
    setCheck(null);
    try {
      const result = await call('connections.probeSftpHostKey', {});
      if (result.ok) setCheck(result.value);
      else setError(result.error);
    } finally {
      setBusy(false);
    }
  }

  async function trust() {
    if (busy || !check) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call('connections.pinSftpHostKey', { fingerprint: check.fingerprint });
      if (result.ok) {
        setCheck(null);
        setOutcome('This server is now trusted. KYC Desk will refuse any server that shows another identity.');
        onPinned(result.value);
      } else {
        setError(result.error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="admin-fieldset" data-testid="host-key">
      <legend>Server identity (host key)</legend>
      <p>
        {pinned ? (
          <>
            Trusted server identity: <code data-testid="pinned-fingerprint">{pinned}</code>
          </>
        ) : view.configured.sftp ? (
          'No server identity is trusted yet: no file is sent over SFTP until you check it and trust it. The check uses the saved host and port.'
        ) : (
          'Save the SFTP settings first, then check the server’s identity.'
        )}
      </p>
      <div className="actions admin-form-actions">
        <button type="button" className="admin-button" disabled={busy || !view.configured.sftp} onClick={() => void probe()}>
          {busy && !check ? 'Checking…' : 'Check the server’s identity'}
        </button>
      </div>
      {check?.status === 'changed' && (
        <div className="alert alert--inline admin-alert" role="alert" data-testid="host-key-changed">
          <p>
            <strong>The server’s identity has changed.</strong> It no longer matches the one you trusted, so all SFTP transfers are stopped. This can mean
            someone is pretending to be the server. Do not trust the new identity unless your IT team confirms the server’s key was replaced.
          </p>
        </div>
      )}
      {check?.status === 'same' && (
        <p className="outcome outcome--saved" role="status" data-testid="host-key-same">
          The server shows the identity you trust: <code>{check.fingerprint}</code>
        </p>
      )}
      {check && check.status !== 'same' && (
        <div data-testid="host-key-check">
          <p>
            The server shows this identity (fingerprint): <code data-testid="probed-fingerprint">{check.fingerprint}</code>
          </p>
          <p>Compare it, character by character, with the fingerprint your IT team gave you. Trust it only if they are the same.</p>
          <div className="actions admin-form-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void trust()}>
              Trust this server
            </button>
            <button type="button" className="admin-button" disabled={busy} onClick={() => setCheck(null)}>
              Do not trust
            </button>
          </div>
        </div>
      )}
      <ErrorBox error={error} testId="host-key-error" />
      <Saved text={outcome} />
    </fieldset>
  );
}

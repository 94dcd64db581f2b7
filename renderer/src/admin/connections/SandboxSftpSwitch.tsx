import { useEffect, useId, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import { ErrorBox } from '../AdminField';
import { useAdminCall } from '../admin-api';

/**
 * Training mode only: "Pretend the SFTP server is down". While on, the training sandbox's SFTP
 * health says down and its SFTP server refuses new connections, so staff can practise what the
 * Registry screen and a transfer show then. Not kept across a restart of KYC Desk.
 */
export function SandboxSftpSwitch() {
  const call = useAdminCall();
  const id = useId();
  const [down, setDown] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    let live = true;
    void call('training.sftpDown', {}).then((result) => {
      if (!live) return;
      if (result.ok) setDown(result.value.down);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [call]);

  async function flip(next: boolean) {
    setBusy(true);
    setError(null);
    try {
      const result = await call('training.sftpDown', { down: next });
      if (result.ok) setDown(result.value.down);
      else setError(result.error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="admin-card" data-testid="sandbox-sftp-switch">
      <h3>Training sandbox</h3>
      <div className="route-choice">
        <input type="checkbox" id={`${id}-down`} checked={down === true} disabled={down === null || busy} aria-describedby={`${id}-hint`} onChange={(event) => void flip(event.target.checked)} />
        <div>
          <label htmlFor={`${id}-down`}>Pretend the SFTP server is down</label>
          <p className="field__hint" id={`${id}-hint`}>
            While this is on, the training registry reports its SFTP server as down and refuses SFTP connections, so you can see what KYC Desk
            shows when the registry’s SFTP server cannot be reached. It is off again when KYC Desk restarts.
          </p>
        </div>
      </div>
      <ErrorBox error={error} testId="sandbox-sftp-switch-error" />
    </section>
  );
}

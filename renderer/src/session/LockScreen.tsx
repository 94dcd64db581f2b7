import { useAppStore } from '../state/app-store';
import { PasswordForm } from './SignInScreen';
import { useSessionAction } from './use-session-action';

const REASONS = { idle: 'after a few minutes without use', system: 'because the computer went to sleep or its screen was locked', manual: 'on request' } as const;

/**
 * Covers everything while locked. The screens underneath stay mounted (nothing typed is lost) but
 * hidden, so a customer's details are not on show at an unattended counter.
 */
export function LockScreen() {
  const session = useAppStore((s) => s.session);
  const { run, error, busy } = useSessionAction();
  const operator = session?.operator;
  if (!session || !operator) return null;
  const training = session.trainingOperators.some((o) => o.id === operator.id);
  return (
    <section className="signin lock" aria-labelledby="lock-title">
      <h2 id="lock-title">KYC Desk is locked</h2>
      <p>
        Locked {session.lockReason ? REASONS[session.lockReason] : ''}. {operator.name} ({operator.employeeCode}) was signed in; their unsaved typing is kept.
      </p>
      {training ? (
        <button type="button" className="primary" disabled={busy} onClick={() => void run('session.switchTraining', { operatorId: operator.id })}>
          Continue as {operator.name}
        </button>
      ) : (
        <PasswordForm submitLabel="Unlock" withEmployeeCode={false} busy={busy} error={error?.message ?? null} onSubmit={(_code, password) => run('session.unlock', { password })} />
      )}
      <p>
        <button type="button" className="link" onClick={() => void run('session.signOut', {})}>
          Someone else? Sign out {operator.name}
        </button>
      </p>
    </section>
  );
}

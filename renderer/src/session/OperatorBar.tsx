import { useId } from 'react';
import { ROLE_LABELS } from '../../../shared/operators/roles';
import { useAppStore } from '../state/app-store';
import { useSessionAction } from './use-session-action';

/** Who is working, and — in Training mode — the one-click switch between training operators. */
export function OperatorBar() {
  const session = useAppStore((s) => s.session);
  const { run, busy, error } = useSessionAction();
  const id = useId();
  const operator = session?.operator;
  if (!session || session.state !== 'signed_in' || !operator) return null;
  return (
    <div className="operator-bar">
      <span className="operator-bar__who" data-testid="signed-in-operator">
        {operator.name} · {ROLE_LABELS[operator.role].split(' (')[0]}
      </span>
      {session.trainingOperators.length > 0 && (
        <>
          <label htmlFor={id} className="visually-hidden">
            Switch operator
          </label>
          <select id={id} value={operator.id} disabled={busy} onChange={(e) => void run('session.switchTraining', { operatorId: e.target.value })}>
            {session.trainingOperators.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="button" className="bar-button" onClick={() => void run('session.lock', {})}>
        Lock
      </button>
      <button type="button" className="bar-button" onClick={() => void run('session.signOut', {})}>
        Sign out
      </button>
      {error && (
        <span className="operator-bar__error" role="alert">
          {error.message}
        </span>
      )}
    </div>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { ROLE_LABELS } from '../../../shared/operators/roles';
import { useAppStore } from '../state/app-store';
import { useSessionAction } from './use-session-action';

/** Employee code and password; shared by the sign-in and lock screens. */
export function PasswordForm(props: { submitLabel: string; withEmployeeCode: boolean; onSubmit(employeeCode: string, password: string): Promise<boolean>; error: string | null; busy: boolean }) {
  const id = useId();
  const [employeeCode, setEmployeeCode] = useState('');
  const [password, setPassword] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    await props.onSubmit(employeeCode, password);
    setPassword(''); // never kept longer than one attempt
  }
  return (
    <form className="signin-form" onSubmit={submit} noValidate>
      {props.withEmployeeCode && (
        <div className="field">
          <label htmlFor={`${id}-code`}>Employee code</label>
          <input id={`${id}-code`} autoComplete="username" value={employeeCode} onChange={(e) => setEmployeeCode(e.target.value)} required />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input id={`${id}-password`} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </div>
      {props.error && (
        <p className="alert alert--inline" role="alert">
          {props.error}
        </p>
      )}
      <button type="submit" className="primary" disabled={props.busy}>
        {props.busy ? 'Checking…' : props.submitLabel}
      </button>
    </form>
  );
}

/** Before anyone works: Training mode's ready-made operators, or an operator's own sign-in. */
export function SignInScreen() {
  const session = useAppStore((s) => s.session);
  const { run, error, busy } = useSessionAction();
  if (!session) return null;
  if (session.needsFirstAdmin) return <FirstAdminForm />;
  return (
    <section className="signin" aria-labelledby="signin-title">
      <h2 id="signin-title">Sign in to KYC Desk</h2>
      {session.trainingOperators.length > 0 && (
        <div className="signin-training">
          <p>Practise the whole flow — capture, approve, sync — as any of these training operators. No password is needed in Training mode.</p>
          <ul className="signin-choices">
            {session.trainingOperators.map((operator) => (
              <li key={operator.id}>
                <button type="button" className="choice" disabled={busy} onClick={() => void run('session.switchTraining', { operatorId: operator.id })}>
                  Continue as {operator.name}
                </button>
                <span className="muted">{ROLE_LABELS[operator.role]}</span>
              </li>
            ))}
          </ul>
          <h3>Or sign in with an employee code</h3>
        </div>
      )}
      <PasswordForm
        submitLabel="Sign in"
        withEmployeeCode
        busy={busy}
        error={error?.message ?? null}
        onSubmit={(employeeCode, password) => run('session.signIn', { employeeCode, password })}
      />
    </section>
  );
}

/**
 * A live installation's first run: the first branch admin is made only with the one-time setup
 * code IT made on this PC, never by whoever happens to open the new Live folder first.
 */
function FirstAdminForm() {
  const { run, error, busy } = useSessionAction();
  const [fields, setFields] = useState({ setupCode: '', name: '', employeeCode: '', designation: '', branch: '', organisation: '', password: '' });
  const id = useId();
  const labels: Record<keyof typeof fields, string> = {
    setupCode: 'Setup code from IT',
    name: 'Name',
    employeeCode: 'Employee code',
    designation: 'Designation',
    branch: 'Branch',
    organisation: 'Organisation',
    password: 'Password (at least 10 characters)',
  };
  return (
    <form className="signin" onSubmit={(e) => (e.preventDefault(), void run('session.createFirstAdmin', fields))} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Set up the first branch admin</h2>
      <p className="muted">KYC Desk has no operators yet. The branch admin adds the others and manages connections and settings.</p>
      <p className="muted" id={`${id}-setup-code-hint`}>
        Only the person IT chose can become the first admin: your IT team runs KYC Desk once on this PC with <code>--live-setup-code</code>, which shows a
        one-time setup code (it works for 24 hours). Type it below; it is used up when the admin is created.
      </p>
      <div className="grid">
        {(Object.keys(fields) as Array<keyof typeof fields>).map((key) => (
          <div className={`field${error?.fields?.[key] ? ' field--invalid' : ''}`} key={key}>
            <label htmlFor={`${id}-${key}`}>{labels[key]}</label>
            <input
              id={`${id}-${key}`}
              type={key === 'password' ? 'password' : 'text'}
              autoComplete={key === 'password' ? 'new-password' : 'off'}
              spellCheck={key === 'setupCode' ? false : undefined}
              aria-describedby={key === 'setupCode' ? `${id}-setup-code-hint` : undefined}
              value={fields[key]}
              aria-invalid={Boolean(error?.fields?.[key])}
              onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
            />
            {error?.fields?.[key] && <p className="field__error">{error.fields[key]}</p>}
          </div>
        ))}
      </div>
      {error && (
        <p className="alert alert--inline" role="alert">
          {error.message}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        Create admin and sign in
      </button>
    </form>
  );
}

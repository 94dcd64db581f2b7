import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { ResponseOf } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/operators/roles';
import { DataTable, type Header } from '../shell/DataTable';
import { useAppStore } from '../state/app-store';
import { AdminField, ErrorBox } from './AdminField';
import { inPlainWords, useAdminCall } from './admin-api';
import './admin.css';

type Operator = ResponseOf<'operators.list'>['items'][number];

const PASSWORD_HINT = 'At least 10 characters. A short phrase, such as three words, works well.';

/** What the contract check's refusals mean for these forms, in plain words. */
const PLAIN: Record<string, string> = {
  name: 'Use at most 150 characters.',
  employeeCode: 'Use at most 50 characters.',
  designation: 'Use at most 50 characters.',
  branch: 'Use at most 50 characters.',
  organisation: 'Use at most 150 characters.',
  role: 'Choose a role.',
  password: 'Enter a password of 10 to 200 characters.',
};

const roleName = (role: Role) => ROLE_LABELS[role].split(' (')[0];

type NewOperator = { name: string; employeeCode: string; designation: string; branch: string; organisation: string; role: Role; password: string };
const EMPTY: NewOperator = { name: '', employeeCode: '', designation: '', branch: '', organisation: '', role: 'maker', password: '' };
const CREATE_FIELDS = ['name', 'employeeCode', 'designation', 'branch', 'organisation', 'role', 'password'] as const;

/** Who may sign in on this PC and with which role: the branch admin's list, and the form to add one. */
export function OperatorsView() {
  const call = useAdminCall();
  const me = useAppStore((s) => s.session?.operator?.id ?? null);
  const [operators, setOperators] = useState<Operator[] | null>(null);
  const [listError, setListError] = useState<AppError | null>(null);
  const [rowNotice, setRowNotice] = useState<string | null>(null);
  const [rowError, setRowError] = useState<AppError | null>(null);

  const [reloads, setReloads] = useState(0);
  const refresh = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    let current = true; // an answer for an older request must not overwrite a newer one
    void call('operators.list', {}).then((result) => {
      if (!current) return;
      if (result.ok) {
        setOperators(result.value.items);
        setListError(null);
      } else {
        setListError(result.error);
      }
    });
    return () => {
      current = false;
    };
  }, [call, reloads]);

  const rowDone = (message: string) => {
    setRowError(null);
    setRowNotice(message);
    refresh();
  };
  const rowFailed = (error: AppError) => {
    setRowNotice(null);
    setRowError(error);
  };

  return (
    <section className="admin" aria-labelledby="operators-title">
      <div className="screen-head">
        <h2 id="operators-title">Operators</h2>
      </div>
      <p className="screen-intro">Everyone who may sign in on this PC, and what their role lets them do. An operator who has left is switched off, never deleted, so the audit trail still names them.</p>

      <ErrorBox error={listError} testId="operators-list-error" />
      {rowNotice && (
        <p className="notice admin-notice" role="status" data-testid="operators-notice">
          {rowNotice}
        </p>
      )}
      <ErrorBox error={rowError} testId="operators-error" />

      {operators === null ? (
        !listError && <p className="muted">Loading operators…</p>
      ) : (
        <DataTable
          label="Operators"
          columns={OPERATOR_HEADERS}
          rows={operators}
          rowKey={(operator) => operator.id}
          renderRow={(operator) => <OperatorRow operator={operator} isMe={operator.id === me} onDone={rowDone} onFailed={rowFailed} />}
          empty="No operators yet."
          className="admin-table"
          wrapClassName="admin-table-wrap"
        />
      )}

      <AddOperatorForm onAdded={refresh} />
    </section>
  );
}

/** Each operator's row keeps its own form state (role, password reset), so the rows draw themselves. */
const OPERATOR_HEADERS: Header[] = [
  { key: 'name', header: 'Name' },
  { key: 'code', header: 'Employee code' },
  { key: 'designation', header: 'Designation' },
  { key: 'branch', header: 'Branch' },
  { key: 'role', header: 'Role' },
  { key: 'status', header: 'Status' },
  { key: 'actions', header: 'Actions' },
];

function OperatorRow({ operator, isMe, onDone, onFailed }: { operator: Operator; isMe: boolean; onDone(message: string): void; onFailed(error: AppError): void }) {
  const call = useAdminCall();
  const id = useId();
  const [role, setRole] = useState<Role>(operator.role);
  const [busy, setBusy] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const [resetError, setResetError] = useState<AppError | null>(null);
  const who = operator.name;

  // When the list is reloaded with a new role (saved here or elsewhere), show that one.
  const [shownRole, setShownRole] = useState(operator.role);
  if (shownRole !== operator.role) {
    setShownRole(operator.role);
    setRole(operator.role);
  }

  async function run(action: () => Promise<{ ok: true } | { ok: false; error: AppError }>, message: string) {
    if (busy) return;
    setBusy(true);
    try {
      const result = await action();
      if (result.ok) onDone(message);
      else onFailed(result.error);
    } finally {
      setBusy(false);
    }
  }

  const saveRole = () => run(() => call('operators.update', { id: operator.id, role }), `${who} is now ${roleName(role)}.`);
  const setActive = (active: boolean) =>
    run(
      () => call('operators.update', { id: operator.id, active }),
      active ? `${who} is switched on and may sign in again.` : `${who} is switched off and can no longer sign in.`,
    );
  const unlock = () => run(() => call('operators.unlock', { id: operator.id }), `${who} is unlocked and may try signing in again.`);

  async function resetPassword(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const result = await call('operators.resetPassword', { id: operator.id, password });
      if (result.ok) {
        setPassword('');
        setResetting(false);
        setResetError(null);
        onDone(`${who}’s password was reset. Tell them the new one in person; it also ends any lock-out.`);
      } else {
        setResetError(inPlainWords(result.error, PLAIN));
      }
    } finally {
      setBusy(false);
    }
  }

  const cancelReset = () => {
    setPassword('');
    setResetError(null);
    setResetting(false);
  };

  return (
    <>
      <tr data-employee-code={operator.employeeCode} data-role={operator.role} data-active={operator.active} className={operator.active ? undefined : 'admin-row--off'}>
        <td>
          {operator.name}
          {isMe && <span className="muted"> (you)</span>}
        </td>
        <td className="mono">{operator.employeeCode}</td>
        <td>{operator.designation}</td>
        <td>{operator.branch}</td>
        <td>
          <div className="admin-inline">
            <label htmlFor={`${id}-role`} className="admin-sr-only">
              Role of {who}
            </label>
            <select id={`${id}-role`} value={role} disabled={busy} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r} title={ROLE_LABELS[r]}>
                  {roleName(r)}
                </option>
              ))}
            </select>
            <button type="button" className="admin-button" disabled={busy || role === operator.role} onClick={() => void saveRole()}>
              Save<span className="admin-sr-only"> role of {who}</span>
            </button>
          </div>
        </td>
        <td>
          <span className={`state ${operator.active ? 'admin-state--on' : 'admin-state--off'}`} data-testid="operator-status">
            {operator.active ? 'Active' : 'Switched off'}
          </span>
        </td>
        <td>
          <div className="admin-actions">
            <button type="button" className="admin-button" disabled={busy} onClick={() => void setActive(!operator.active)}>
              {operator.active ? 'Switch off' : 'Switch on'}
              <span className="admin-sr-only"> {who}</span>
            </button>
            <button type="button" className="admin-button" disabled={busy} aria-expanded={resetting} aria-controls={`${id}-reset`} onClick={() => (resetting ? cancelReset() : setResetting(true))}>
              Reset password<span className="admin-sr-only"> of {who}</span>
            </button>
            <button type="button" className="admin-button" disabled={busy} onClick={() => void unlock()}>
              Unlock<span className="admin-sr-only"> {who}</span>
            </button>
          </div>
        </td>
      </tr>
      {resetting && (
        <tr className="admin-subrow" id={`${id}-reset`}>
          <td colSpan={OPERATOR_HEADERS.length}>
            <form className="admin-reset" onSubmit={resetPassword} noValidate aria-label={`Reset the password of ${who}`}>
              <AdminField label={`New password for ${who}`} error={resetError?.fields?.password} hint={PASSWORD_HINT} className="admin-reset__field" announce>
                {({ id: inputId, describedBy, invalid }) => (
                  <input
                    id={inputId}
                    type="password"
                    autoComplete="new-password"
                    value={password}
                    maxLength={200}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    autoFocus
                    onChange={(e) => {
                      setPassword(e.target.value);
                      setResetError(null);
                    }}
                  />
                )}
              </AdminField>
              <div className="admin-inline">
                <button type="submit" className="primary" disabled={busy}>
                  {busy ? 'Setting…' : 'Set new password'}
                </button>
                <button type="button" className="link" onClick={cancelReset}>
                  Cancel
                </button>
              </div>
              <ErrorBox error={resetError} shownFields={['password']} onlyUnplaced />
            </form>
          </td>
        </tr>
      )}
    </>
  );
}

function AddOperatorForm({ onAdded }: { onAdded(): void }) {
  const call = useAdminCall();
  const [input, setInput] = useState<NewOperator>(EMPTY);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const fieldError = (field: keyof NewOperator) => error?.fields?.[field];

  const change = (field: keyof NewOperator, value: string) => {
    setInput((current) => ({ ...current, [field]: value }));
    setSaved(null);
    setError((current) => {
      if (!current?.fields?.[field]) return current;
      const { [field]: _dropped, ...rest } = current.fields;
      return { ...current, fields: rest };
    });
  };

  async function add(event: FormEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement; // React clears currentTarget once the handler yields
    if (saving) return;
    setSaving(true);
    setSaved(null);
    try {
      const result = await call('operators.create', input);
      if (result.ok) {
        const created = result.value;
        setInput({ ...EMPTY, role: input.role });
        setError(null);
        setSaved(`Added ${created.name} (${created.employeeCode}) as ${roleName(created.role)}. They can sign in with the password you set.`);
        onAdded();
      } else {
        setError(inPlainWords(result.error, PLAIN));
        const first = CREATE_FIELDS.find((field) => result.error.fields?.[field]);
        if (first) form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      }
    } finally {
      setSaving(false);
    }
  }

  const text = (field: Exclude<keyof NewOperator, 'role' | 'password'>, label: string, maxLength: number, extra: { autoCapitalize?: string } = {}) => (
    <AdminField label={label} error={fieldError(field)}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={field}
          value={input[field]}
          maxLength={maxLength}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => change(field, e.target.value)}
          {...extra}
        />
      )}
    </AdminField>
  );

  return (
    <form className="admin-card" onSubmit={add} noValidate aria-labelledby="add-operator-title">
      <h3 id="add-operator-title">Add operator</h3>
      <div className="grid">
        {text('name', 'Name', 150)}
        {text('employeeCode', 'Employee code', 50, { autoCapitalize: 'characters' })}
        {text('designation', 'Designation', 50)}
        {text('branch', 'Branch', 50)}
        {text('organisation', 'Organisation', 150)}
        <AdminField label="Role" error={fieldError('role')}>
          {({ id, describedBy, invalid }) => (
            <select id={id} name="role" value={input.role} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => change('role', e.target.value)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </AdminField>
        <AdminField label="Password" error={fieldError('password')} hint={PASSWORD_HINT}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="password"
              type="password"
              autoComplete="new-password"
              value={input.password}
              maxLength={200}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => change('password', e.target.value)}
            />
          )}
        </AdminField>
      </div>
      <ErrorBox error={error} shownFields={CREATE_FIELDS} testId="add-operator-error" />
      <div className="actions admin-form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Adding…' : 'Add operator'}
        </button>
        {saved && (
          <p className="outcome outcome--saved" role="status" data-testid="add-operator-outcome">
            {saved}
          </p>
        )}
      </div>
    </form>
  );
}

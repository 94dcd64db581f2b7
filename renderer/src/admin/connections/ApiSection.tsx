import { useState, type FormEvent } from 'react';
import { CONNECTION_MESSAGES, type ApiSettings } from '../../../../shared/connections/settings';
import { AdminField, ErrorBox } from '../AdminField';
import { inPlainWords, useAdminCall } from '../admin-api';
import { Saved, SecretList, TextField, useFieldErrors, type Connections } from './form-parts';

type ApiForm = ApiSettings;

const API_PLAIN: Record<string, string> = {
  'api.baseUrl': CONNECTION_MESSAGES.baseUrl,
  'api.username': CONNECTION_MESSAGES.username,
  'api.fiCode': CONNECTION_MESSAGES.code('FI code'),
  'api.regionCode': CONNECTION_MESSAGES.code('region code'),
  'api.branchCode': CONNECTION_MESSAGES.code('branch code'),
  'api.cersaiUsername': CONNECTION_MESSAGES.cersaiUsername,
  'api.version': CONNECTION_MESSAGES.version,
  'api.organisationName': CONNECTION_MESSAGES.organisationName,
};

/** The CKYC vendor API: its settings, its password or token, and a test of the connection. */
export function ApiSection({ view, onSaved, onSecretsChanged }: { view: Connections; onSaved(view: Connections): void; onSecretsChanged(): void }) {
  const call = useAdminCall();
  const [form, setForm] = useState<ApiForm>(view.api);
  const { error, setError, fieldError, clearField } = useFieldErrors();
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [testing, setTesting] = useState(false);

  const set = (field: keyof ApiForm) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    clearField(`api.${field}`);
    setOutcome(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setOutcome(null);
    try {
      const result = await call('connections.save', { api: form });
      if (result.ok) {
        setError(null);
        setForm(result.value.api);
        onSaved(result.value);
        setOutcome('CKYC API settings saved. KYC Desk stays in Training mode.');
      } else {
        setError(inPlainWords(result.error, API_PLAIN));
      }
    } finally {
      setSaving(false);
    }
  }

  async function runTest() {
    if (testing) return;
    setTesting(true);
    setTest(null);
    try {
      const result = await call('connections.testApi', {});
      setTest(result.ok ? result.value : { ok: false, message: result.error.message });
    } finally {
      setTesting(false);
    }
  }

  const field = (key: keyof ApiForm, label: string, hint?: string) => (
    <TextField label={label} name={`api.${key}`} value={form[key]} error={fieldError(`api.${key}`)} onChange={set(key)} {...(hint ? { hint } : {})} />
  );

  return (
    <section className="admin-card">
      <fieldset className="admin-fieldset">
        <legend>CKYC API</legend>
        <form onSubmit={save} noValidate aria-label="CKYC API settings">
          <div className="admin-settings-grid">
            {field('baseUrl', 'Base URL', 'The address your vendor gave you, starting with https://.')}
            <AdminField label="Authentication" hint="A username and password exchanged for a token, or a token your vendor issued.">
              {({ id, describedBy }) => (
                <select id={id} name="api.authMode" value={form.authMode} aria-describedby={describedBy} onChange={(e) => set('authMode')(e.target.value)}>
                  <option value="password">Username and password</option>
                  <option value="token">Pasted token</option>
                </select>
              )}
            </AdminField>
            {field('username', 'Username')}
            {field('fiCode', 'FI code')}
            {field('regionCode', 'Region code')}
            {field('branchCode', 'Branch code')}
            {field('cersaiUsername', 'CERSAI username')}
            {field('version', 'Version')}
            {field('organisationName', 'Organisation name')}
          </div>
          <div className="actions admin-form-actions">
            <button type="submit" className="primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save API settings'}
            </button>
            <ErrorBox error={error} shownFields={Object.keys(API_PLAIN)} testId="api-error" onlyUnplaced />
            <Saved text={outcome} />
          </div>
        </form>
        <SecretList slots={form.authMode === 'token' ? ['ckyc-api-token'] : ['ckyc-api-password']} view={view} onChanged={onSecretsChanged} />
        <div className="actions admin-form-actions">
          <button type="button" className="admin-button" disabled={testing} onClick={() => void runTest()}>
            {testing ? 'Testing…' : 'Test connection'}
          </button>
          {test && (
            <p className={test.ok ? 'outcome outcome--saved' : 'field__error'} role={test.ok ? 'status' : 'alert'} data-testid="api-test-result">
              {test.message}
            </p>
          )}
        </div>
      </fieldset>
    </section>
  );
}

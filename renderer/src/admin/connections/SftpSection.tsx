import { useState, type FormEvent } from 'react';
import { CONNECTION_MESSAGES, type SftpSettingsInput } from '../../../../shared/connections/settings';
import { AdminField, ErrorBox } from '../AdminField';
import { inPlainWords, useAdminCall } from '../admin-api';
import { Saved, SecretList, TextField, useFieldErrors, type Connections } from './form-parts';
import { HostKey } from './HostKey';

/** The port is typed as text and checked here, so "22a" gets a clear message rather than becoming NaN. */
type SftpForm = Omit<SftpSettingsInput, 'port'> & { port: string };

const SFTP_PLAIN: Record<string, string> = {
  'sftp.host': CONNECTION_MESSAGES.host,
  'sftp.port': CONNECTION_MESSAGES.port,
  'sftp.username': CONNECTION_MESSAGES.sftpUsername,
  'sftp.privateKeyPath': CONNECTION_MESSAGES.privateKeyPath,
  'sftp.inputFolder': CONNECTION_MESSAGES.folder('input'),
  'sftp.responseFolder': CONNECTION_MESSAGES.folder('response'),
};

function toSftpForm(view: Connections): SftpForm {
  const { hostKeyFingerprint: _pin, ...rest } = view.sftp;
  return { ...rest, port: String(rest.port) };
}

/** The SFTP connection: its settings, its password or key passphrase, and the server identity it trusts. */
export function SftpSection({ view, onSaved, onSecretsChanged }: { view: Connections; onSaved(view: Connections): void; onSecretsChanged(): void }) {
  const call = useAdminCall();
  const [form, setForm] = useState<SftpForm>(() => toSftpForm(view));
  const { error, setError, fieldError, clearField } = useFieldErrors();
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);

  const set = (field: keyof SftpForm) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    clearField(`sftp.${field}`);
    setOutcome(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    setOutcome(null);
    const port = /^\d{1,5}$/.test(form.port.trim()) ? Number(form.port.trim()) : Number.NaN;
    if (!Number.isInteger(port)) {
      setError({ code: 'VALIDATION_FAILED', message: 'Check the marked field.', fields: { 'sftp.port': CONNECTION_MESSAGES.port } });
      return;
    }
    setSaving(true);
    try {
      const result = await call('connections.save', { sftp: { ...form, port } });
      if (result.ok) {
        setError(null);
        setForm(toSftpForm(result.value));
        onSaved(result.value);
        setOutcome(
          result.value.sftp.hostKeyFingerprint
            ? 'SFTP settings saved. KYC Desk stays in Training mode.'
            : 'SFTP settings saved. KYC Desk stays in Training mode. Check the server’s identity before any transfer.',
        );
      } else {
        setError(inPlainWords(result.error, SFTP_PLAIN));
      }
    } finally {
      setSaving(false);
    }
  }

  const field = (key: Exclude<keyof SftpForm, 'authMode'>, label: string, hint?: string, inputMode?: 'numeric') => (
    <TextField label={label} name={`sftp.${key}`} value={form[key]} error={fieldError(`sftp.${key}`)} onChange={set(key)} {...(hint ? { hint } : {})} {...(inputMode ? { inputMode } : {})} />
  );

  return (
    <section className="admin-card">
      <fieldset className="admin-fieldset">
        <legend>SFTP</legend>
        <form onSubmit={save} noValidate aria-label="SFTP settings">
          <div className="admin-settings-grid">
            {field('host', 'Host', 'The server’s name or IP address.')}
            {field('port', 'Port', undefined, 'numeric')}
            {field('username', 'Username')}
            <AdminField label="Sign in with">
              {({ id, describedBy }) => (
                <select id={id} name="sftp.authMode" value={form.authMode} aria-describedby={describedBy} onChange={(e) => set('authMode')(e.target.value)}>
                  <option value="key">Private key file</option>
                  <option value="password">Password</option>
                </select>
              )}
            </AdminField>
            {form.authMode === 'key' && field('privateKeyPath', 'Private key file', 'The full path of the key file on this computer.')}
            {field('inputFolder', 'Remote input folder', 'Where batch files go, for example /ckyc/in.')}
            {field('responseFolder', 'Remote response folder', 'Where the registry leaves its result files, for example /ckyc/out.')}
          </div>
          <div className="actions admin-form-actions">
            <button type="submit" className="primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save SFTP settings'}
            </button>
            <ErrorBox error={error} shownFields={Object.keys(SFTP_PLAIN)} testId="sftp-error" onlyUnplaced />
            <Saved text={outcome} />
          </div>
        </form>
        <SecretList slots={form.authMode === 'key' ? ['sftp-key-passphrase'] : ['sftp-password']} view={view} onChanged={onSecretsChanged} />
        <HostKey view={view} onPinned={onSaved} />
      </fieldset>
    </section>
  );
}

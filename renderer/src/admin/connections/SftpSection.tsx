import { CONNECTION_MESSAGES, type SftpSettingsInput } from '../../../../shared/connections/settings';
import type { Result } from '../../../../shared/errors';
import { AdminField } from '../AdminField';
import { useAdminCall } from '../admin-api';
import { ConnectionCard, SettingsForm } from './card-parts';
import { SecretList, TextField, type Connections } from './form-parts';
import { HostKey } from './HostKey';
import { useSettingsForm } from './use-connection-card';

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
  const editor = useSettingsForm<SftpForm, Connections>({
    initial: () => toSftpForm(view),
    plain: SFTP_PLAIN,
    fieldPath: (field) => `sftp.${field}`,
    send: async (form): Promise<Result<Connections>> => {
      const port = /^\d{1,5}$/.test(form.port.trim()) ? Number(form.port.trim()) : Number.NaN;
      if (!Number.isInteger(port)) return { ok: false, error: { code: 'VALIDATION_FAILED', message: 'Check the marked field.', fields: { 'sftp.port': CONNECTION_MESSAGES.port } } };
      return call('connections.save', { sftp: { ...form, port } });
    },
    saved: (value) => {
      onSaved(value);
      const outcome = value.sftp.hostKeyFingerprint
        ? 'SFTP settings saved. KYC Desk stays in Training mode.'
        : 'SFTP settings saved. KYC Desk stays in Training mode. Check the server’s identity before any transfer.';
      return { form: toSftpForm(value), outcome };
    },
  });
  const form = editor.form ?? toSftpForm(view);

  const field = (key: Exclude<keyof SftpForm, 'authMode'>, label: string, hint?: string, inputMode?: 'numeric') => (
    <TextField label={label} name={`sftp.${key}`} {...editor.bind(key)} {...(hint ? { hint } : {})} {...(inputMode ? { inputMode } : {})} />
  );

  return (
    <ConnectionCard legend="SFTP">
      <SettingsForm label="SFTP settings" saveLabel="Save SFTP settings" errorTestId="sftp-error" editor={editor}>
        {field('host', 'Host', 'The server’s name or IP address.')}
        {field('port', 'Port', undefined, 'numeric')}
        {field('username', 'Username')}
        <AdminField label="Sign in with">
          {({ id, describedBy }) => (
            <select id={id} name="sftp.authMode" value={form.authMode} aria-describedby={describedBy} onChange={(e) => editor.set('authMode')(e.target.value)}>
              <option value="key">Private key file</option>
              <option value="password">Password</option>
            </select>
          )}
        </AdminField>
        {form.authMode === 'key' && field('privateKeyPath', 'Private key file', 'The full path of the key file on this computer.')}
        {field('inputFolder', 'Remote input folder', 'Where batch files go, for example /ckyc/in.')}
        {field('responseFolder', 'Remote response folder', 'Where the registry leaves its result files, for example /ckyc/out.')}
      </SettingsForm>
      <SecretList slots={form.authMode === 'key' ? ['sftp-key-passphrase'] : ['sftp-password']} view={view} onChanged={onSecretsChanged} />
      <HostKey view={view} onPinned={onSaved} />
    </ConnectionCard>
  );
}

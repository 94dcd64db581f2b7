import { CONNECTION_MESSAGES, type ApiSettings } from '../../../../shared/connections/settings';
import { AdminField } from '../AdminField';
import { useAdminCall } from '../admin-api';
import { ConnectionCard, SettingsForm, TestConnection } from './card-parts';
import { SecretList, TextField, type Connections } from './form-parts';
import { useConnectionTest, useSettingsForm } from './use-connection-card';

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
  const editor = useSettingsForm<ApiForm, Connections>({
    initial: view.api,
    plain: API_PLAIN,
    fieldPath: (field) => `api.${field}`,
    send: (api) => call('connections.save', { api }),
    saved: (value) => {
      onSaved(value);
      return { form: value.api, outcome: 'CKYC API settings saved. KYC Desk stays in Training mode.' };
    },
  });
  const tester = useConnectionTest(() => call('connections.testApi', {}));
  const form = editor.form ?? view.api;

  const field = (key: Exclude<keyof ApiForm, 'authMode'>, label: string, hint?: string) => (
    <TextField label={label} name={`api.${key}`} {...editor.bind(key)} {...(hint ? { hint } : {})} />
  );

  return (
    <ConnectionCard legend="CKYC API">
      <SettingsForm label="CKYC API settings" saveLabel="Save API settings" errorTestId="api-error" editor={editor}>
        {field('baseUrl', 'Base URL', 'The address your vendor gave you, starting with https://.')}
        <AdminField label="Authentication" hint="A username and password exchanged for a token, or a token your vendor issued.">
          {({ id, describedBy }) => (
            <select id={id} name="api.authMode" value={form.authMode} aria-describedby={describedBy} onChange={(e) => editor.set('authMode')(e.target.value)}>
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
      </SettingsForm>
      <SecretList slots={form.authMode === 'token' ? ['ckyc-api-token'] : ['ckyc-api-password']} view={view} onChanged={onSecretsChanged} />
      <TestConnection test={tester.test} testing={tester.testing} onTest={tester.runTest} testId="api-test-result" />
    </ConnectionCard>
  );
}

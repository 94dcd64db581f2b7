import { CDP_MESSAGES, type CdpSettings } from '../../../../shared/connections/cdp-settings';
import type { CdpView } from '../../../../shared/contract';
import { ErrorBox } from '../AdminField';
import { CardSecrets, ConnectionCard, SettingsForm, TestConnection } from './card-parts';
import { TextField } from './form-parts';
import { useConnectionCard, type ConnectionCardSpec } from './use-connection-card';

const CDP_CARD: ConnectionCardSpec<CdpView, CdpSettings> = {
  read: (call) => call('uaeCdp.settings.get', {}),
  save: (call, settings) => call('uaeCdp.settings.save', { settings }),
  test: (call) => call('uaeCdp.settings.test', {}),
  formOf: (view) => view.settings,
  plain: { ...CDP_MESSAGES },
  savedText: 'UAE CDP settings saved.',
};

/**
 * The UAE Customer Data Platform (UAE partner onboarding): address, the OAuth client id and scope
 * the vendor gave, the partner username; the client secret and password in the keychain; and a
 * test that signs in and gets a token.
 */
export function CdpSection() {
  const card = useConnectionCard(CDP_CARD);
  const { view, form } = card;

  if (!form || !view) return <ErrorBox error={card.error} testId="cdp-load-error" />;
  return (
    <ConnectionCard legend="UAE partner onboarding (Customer Data Platform)">
      {view.mode === 'training' && <p className="muted">In Training mode the built-in sandbox answers; these settings apply in Live mode.</p>}
      <SettingsForm label="UAE CDP settings" saveLabel="Save UAE CDP settings" errorTestId="cdp-error" editor={card}>
        <TextField label="Base URL" name="cdp.baseUrl" {...card.bind('baseUrl')} hint="The CDP address the vendor gave, starting with https://." inputMode="url" />
        <TextField label="Client id" name="cdp.clientId" {...card.bind('clientId')} hint="As the vendor gave it." />
        <TextField label="Scope" name="cdp.scope" {...card.bind('scope')} hint="Exactly as the vendor gave it, like api://…/customer." />
        <TextField label="Username" name="cdp.username" {...card.bind('username')} hint="The partner's username at the CDP." />
      </SettingsForm>
      <CardSecrets
        label="Secrets of the UAE CDP"
        slots={[
          ['uae-oauth-client-secret', view.clientSecretSet],
          ['uae-password', view.passwordSet],
        ]}
        {...card.secrets}
      />
      <TestConnection test={card.test} testing={card.testing} onTest={card.runTest} testId="cdp-test-result" />
    </ConnectionCard>
  );
}

import type { BulkUpdateSettings } from '../../../shared/bulk-update/connection-settings';
import type { BulkUpdateConnectionView } from '../../../shared/contract';
import { ErrorBox } from '../admin/AdminField';
import { CardSecrets, ConnectionCard, SettingsForm, TestConnection } from '../admin/connections/card-parts';
import { TextField } from '../admin/connections/form-parts';
import { useConnectionCard, type ConnectionCardSpec } from '../admin/connections/use-connection-card';

const BULK_UPDATE_CARD: ConnectionCardSpec<BulkUpdateConnectionView, BulkUpdateSettings> = {
  read: (call) => call('bulkUpdate.settings.get', {}),
  save: (call, settings) => call('bulkUpdate.settings.save', { settings }),
  test: (call) => call('bulkUpdate.settings.test', {}),
  formOf: (view) => view.settings,
  plain: {
    baseUrl: 'Enter the platform’s address the vendor gave you, starting with https://.',
    parentCompanyId: 'The parent company id is CEK followed by 7 capital letters or digits, like CEKA1B2C3D, or empty.',
  },
  savedText: 'Bulk customer update settings saved.',
};

/**
 * The partner platform's bulk customer update: its address and the parent company id (checked by
 * the platform's pattern; empty: the token's own company), the bearer token in the keychain, and a
 * test that reaches the endpoint with the token and applies nothing.
 */
export function BulkUpdateSection() {
  const card = useConnectionCard(BULK_UPDATE_CARD);
  const { view, form } = card;

  if (!form || !view) return <ErrorBox error={card.error} testId="bulk-update-load-error" />;
  return (
    <ConnectionCard legend="Bulk customer update (partner platform)">
      {view.mode === 'training' && <p className="muted">In Training mode the built-in Training platform answers; these settings apply in Live mode.</p>}
      <SettingsForm label="Bulk customer update settings" saveLabel="Save bulk customer update settings" errorTestId="bulk-update-error" editor={card}>
        <TextField label="Base URL" name="bulkUpdate.baseUrl" {...card.bind('baseUrl')} hint="The platform's address the vendor gave, starting with https://." inputMode="url" />
        <TextField label="Parent company id" name="bulkUpdate.parentCompanyId" {...card.bind('parentCompanyId')} hint="CEK and 7 capital letters or digits; leave empty to use the token's own company." />
      </SettingsForm>
      <CardSecrets label="Secrets of the bulk customer update" slots={[['bulk-update-token', view.tokenSet]]} {...card.secrets} />
      <TestConnection test={card.test} testing={card.testing} onTest={card.runTest} testId="bulk-update-test-result" />
    </ConnectionCard>
  );
}

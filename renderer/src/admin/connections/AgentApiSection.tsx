import { AGENT_API_MESSAGES, type AgentApiSettings } from '../../../../shared/connections/agent-api-settings';
import type { AgentApiView } from '../../../../shared/contract';
import { AdminField, ErrorBox } from '../AdminField';
import { CardSecrets, ConnectionCard, SettingsForm, TestConnection } from './card-parts';
import { TextField } from './form-parts';
import { useConnectionCard, type ConnectionCardSpec } from './use-connection-card';

/** The form's text for each field; the link types one a line, as the admin keeps them. */
interface AgentForm {
  baseUrl: string;
  username: string;
  requestsPerMinute: string;
  pollSeconds: string;
  linkTypes: string;
  dkycAmc: string;
  dkycInstitutionCode: string;
}

const PLAIN: Record<string, string> = {
  baseUrl: AGENT_API_MESSAGES.baseUrl,
  username: AGENT_API_MESSAGES.username,
  requestsPerMinute: AGENT_API_MESSAGES.requestsPerMinute,
  pollSeconds: AGENT_API_MESSAGES.pollSeconds,
  linkTypes: AGENT_API_MESSAGES.linkTypesEmpty,
  dkycAmc: AGENT_API_MESSAGES.dkycAmc,
  dkycInstitutionCode: AGENT_API_MESSAGES.dkycInstitutionCode,
};

const formOf = (settings: AgentApiSettings): AgentForm => ({
  baseUrl: settings.baseUrl,
  username: settings.username,
  requestsPerMinute: String(settings.requestsPerMinute),
  pollSeconds: String(settings.pollSeconds),
  linkTypes: settings.linkTypes.join('\n'),
  dkycAmc: settings.dkycAmc ?? '',
  dkycInstitutionCode: settings.dkycInstitutionCode ?? '',
});

/** A whole number typed, or -1 for anything else (main then says what it should be). */
const whole = (text: string): number => (/^\s*\d{1,6}\s*$/.test(text) ? Number(text) : -1);

/** The settings main is sent for what the admin typed; a number that is not one goes as -1, for main to refuse in words. */
const settingsOf = (form: AgentForm) => ({
  baseUrl: form.baseUrl,
  username: form.username,
  requestsPerMinute: whole(form.requestsPerMinute),
  pollSeconds: whole(form.pollSeconds),
  linkTypes: form.linkTypes.split(/[\n,]/),
  dkycAmc: form.dkycAmc,
  dkycInstitutionCode: form.dkycInstitutionCode,
});

const AGENT_API_CARD: ConnectionCardSpec<AgentApiView, AgentForm> = {
  read: (call) => call('videoKyc.settings.get', {}),
  save: (call, form) => call('videoKyc.settings.save', { settings: settingsOf(form) }),
  test: (call) => call('videoKyc.settings.test', {}),
  formOf: (view) => formOf(view.settings),
  plain: PLAIN,
  savedText: 'Agent API settings saved.',
};

/**
 * The agent API (video-KYC links, digital-KYC push): address, username, the send rate, how often a
 * session is asked about, the link types the branch may send (case-sensitive), the password in the
 * keychain, and a test that gets a token.
 */
export function AgentApiSection() {
  const card = useConnectionCard(AGENT_API_CARD);
  const { view, form } = card;

  if (!form || !view) return <ErrorBox error={card.error} testId="agent-api-load-error" />;
  const linkTypes = card.bind('linkTypes');
  return (
    <ConnectionCard legend="Video KYC and digital KYC (agent API)">
      {view.mode === 'training' && <p className="muted">In Training mode the built-in sandbox answers; these settings apply in Live mode (the rate, interval and link types apply in both).</p>}
      <SettingsForm label="Agent API settings" saveLabel="Save agent API settings" errorTestId="agent-api-error" editor={card}>
        <TextField label="Base URL" name="agent.baseUrl" {...card.bind('baseUrl')} hint="It may be the CKYC vendor’s address." inputMode="url" />
        <TextField label="Username" name="agent.username" {...card.bind('username')} hint="3 to 20 letters and digits." />
        <TextField label="Requests a minute, at most" name="agent.requestsPerMinute" {...card.bind('requestsPerMinute')} inputMode="numeric" />
        <TextField label="Ask about a session every (seconds)" name="agent.pollSeconds" {...card.bind('pollSeconds')} inputMode="numeric" />
        <AdminField label="Link types" hint="One a line, exactly as the vendor writes them (case-sensitive). The first is the default." error={linkTypes.error} announce>
          {({ id, describedBy, invalid }) => (
            <textarea id={id} name="agent.linkTypes" rows={3} value={linkTypes.value} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => linkTypes.onChange(e.target.value)} />
          )}
        </AdminField>
        <TextField label="AMC code for digital KYC" name="agent.dkycAmc" {...card.bind('dkycAmc')} hint="The institution’s code at the vendor, as they gave it; a push needs it." />
        <TextField label="Institution code for digital KYC" name="agent.dkycInstitutionCode" {...card.bind('dkycInstitutionCode')} hint="CERSAI’s FI code, such as IN0308; a push needs it." />
      </SettingsForm>
      <CardSecrets label="Secrets of the agent API" slots={[['agent-api-password', view.passwordSet]]} {...card.secrets} />
      <TestConnection test={card.test} testing={card.testing} onTest={card.runTest} testId="agent-api-test-result" />
    </ConnectionCard>
  );
}

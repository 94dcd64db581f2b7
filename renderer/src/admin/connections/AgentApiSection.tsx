import { useEffect, useState, type FormEvent } from 'react';
import { AGENT_API_MESSAGES, type AgentApiSettings } from '../../../../shared/connections/agent-api-settings';
import type { AgentApiView } from '../../../../shared/contract';
import { AdminField, ErrorBox } from '../AdminField';
import { inPlainWords, useAdminCall } from '../admin-api';
import { SecretRow } from '../SecretRow';
import { Saved, TextField, useFieldErrors } from './form-parts';

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

/**
 * The agent API (video-KYC links, digital-KYC push): address, username, the send rate, how often a
 * session is asked about, the link types the branch may send (case-sensitive), the password in the
 * keychain, and a test that gets a token.
 */
export function AgentApiSection() {
  const call = useAdminCall();
  const [view, setView] = useState<AgentApiView | null>(null);
  const [form, setForm] = useState<AgentForm | null>(null);
  const { error, setError, fieldError, clearField } = useFieldErrors();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    const result = await call('videoKyc.settings.get', {});
    if (result.ok) {
      setView(result.value);
      setForm((current) => current ?? formOf(result.value.settings));
    } else setError(result.error);
  };
  useEffect(() => {
    const first = setTimeout(() => void load(), 0);
    return () => clearTimeout(first);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once when the card opens
  }, []);

  const set = (field: keyof AgentForm) => (value: string) => {
    setForm((current) => (current ? { ...current, [field]: value } : current));
    clearField(field);
    setOutcome(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!form || busy) return;
    setBusy(true);
    try {
      const settings = { baseUrl: form.baseUrl, username: form.username, requestsPerMinute: whole(form.requestsPerMinute), pollSeconds: whole(form.pollSeconds), linkTypes: form.linkTypes.split(/[\n,]/), dkycAmc: form.dkycAmc, dkycInstitutionCode: form.dkycInstitutionCode };
      const result = await call('videoKyc.settings.save', { settings });
      if (result.ok) {
        setError(null);
        setView(result.value);
        setForm(formOf(result.value.settings));
        setOutcome('Agent API settings saved.');
      } else setError(inPlainWords(result.error, PLAIN));
    } finally {
      setBusy(false);
    }
  }

  async function runTest() {
    setTest(null);
    const result = await call('videoKyc.settings.test', {});
    setTest(result.ok ? result.value : { ok: false, message: result.error.message });
  }

  if (!form || !view) return <ErrorBox error={error} testId="agent-api-load-error" />;
  return (
    <section className="admin-card">
      <fieldset className="admin-fieldset">
        <legend>Video KYC and digital KYC (agent API)</legend>
        {view.mode === 'training' && <p className="muted">In Training mode the built-in sandbox answers; these settings apply in Live mode (the rate, interval and link types apply in both).</p>}
        <form onSubmit={save} noValidate aria-label="Agent API settings">
          <div className="admin-settings-grid">
            <TextField label="Base URL" name="agent.baseUrl" value={form.baseUrl} error={fieldError('baseUrl')} onChange={set('baseUrl')} hint="It may be the CKYC vendor’s address." inputMode="url" />
            <TextField label="Username" name="agent.username" value={form.username} error={fieldError('username')} onChange={set('username')} hint="3 to 20 letters and digits." />
            <TextField label="Requests a minute, at most" name="agent.requestsPerMinute" value={form.requestsPerMinute} error={fieldError('requestsPerMinute')} onChange={set('requestsPerMinute')} inputMode="numeric" />
            <TextField label="Ask about a session every (seconds)" name="agent.pollSeconds" value={form.pollSeconds} error={fieldError('pollSeconds')} onChange={set('pollSeconds')} inputMode="numeric" />
            <AdminField label="Link types" hint="One a line, exactly as the vendor writes them (case-sensitive). The first is the default." error={fieldError('linkTypes')} announce>
              {({ id, describedBy, invalid }) => (
                <textarea id={id} name="agent.linkTypes" rows={3} value={form.linkTypes} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => set('linkTypes')(e.target.value)} />
              )}
            </AdminField>
            <TextField label="AMC code for digital KYC" name="agent.dkycAmc" value={form.dkycAmc} error={fieldError('dkycAmc')} onChange={set('dkycAmc')} hint="The institution’s code at the vendor, as they gave it; a push needs it." />
            <TextField label="Institution code for digital KYC" name="agent.dkycInstitutionCode" value={form.dkycInstitutionCode} error={fieldError('dkycInstitutionCode')} onChange={set('dkycInstitutionCode')} hint="CERSAI’s FI code, such as IN0308; a push needs it." />
          </div>
          <div className="actions admin-form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save agent API settings'}
            </button>
            <ErrorBox error={error} shownFields={Object.keys(PLAIN)} testId="agent-api-error" onlyUnplaced />
            <Saved text={outcome} />
          </div>
        </form>
        <ul className="admin-secrets" aria-label="Secrets of the agent API">
          <SecretRow slot="agent-api-password" isSet={view.passwordSet} onStarted={() => setOutcome(null)} onDone={(message) => { setOutcome(message); void load(); }} />
        </ul>
        <div className="actions admin-form-actions">
          <button type="button" className="admin-button" onClick={() => void runTest()}>
            Test connection
          </button>
          {test && (
            <p className={test.ok ? 'outcome outcome--saved' : 'field__error'} role={test.ok ? 'status' : 'alert'} data-testid="agent-api-test-result">
              {test.message}
            </p>
          )}
        </div>
      </fieldset>
    </section>
  );
}

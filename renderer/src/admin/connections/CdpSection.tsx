import { useEffect, useState, type FormEvent } from 'react';
import { CDP_MESSAGES, type CdpSettings } from '../../../../shared/connections/cdp-settings';
import type { CdpView } from '../../../../shared/contract';
import { ErrorBox } from '../AdminField';
import { inPlainWords, useAdminCall } from '../admin-api';
import { SecretRow } from '../SecretRow';
import { Saved, TextField, useFieldErrors } from './form-parts';

const PLAIN: Record<string, string> = { ...CDP_MESSAGES };

/**
 * The UAE Customer Data Platform (UAE partner onboarding): address, the OAuth client id and scope
 * the vendor gave, the partner username; the client secret and password in the keychain; and a
 * test that signs in and gets a token.
 */
export function CdpSection() {
  const call = useAdminCall();
  const [view, setView] = useState<CdpView | null>(null);
  const [form, setForm] = useState<CdpSettings | null>(null);
  const { error, setError, fieldError, clearField } = useFieldErrors();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [testing, setTesting] = useState(false);

  const load = async () => {
    const result = await call('uaeCdp.settings.get', {});
    if (result.ok) {
      setView(result.value);
      setForm((current) => current ?? result.value.settings);
    } else setError(result.error);
  };
  useEffect(() => {
    const first = setTimeout(() => void load(), 0);
    return () => clearTimeout(first);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once when the card opens
  }, []);

  const set = (field: keyof CdpSettings) => (value: string) => {
    setForm((current) => (current ? { ...current, [field]: value } : current));
    clearField(field);
    setOutcome(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!form || busy) return;
    setBusy(true);
    try {
      const result = await call('uaeCdp.settings.save', { settings: form });
      if (result.ok) {
        setError(null);
        setView(result.value);
        setForm(result.value.settings);
        setOutcome('UAE CDP settings saved.');
      } else setError(inPlainWords(result.error, PLAIN));
    } finally {
      setBusy(false);
    }
  }

  async function runTest() {
    setTest(null);
    setTesting(true);
    try {
      const result = await call('uaeCdp.settings.test', {});
      setTest(result.ok ? result.value : { ok: false, message: result.error.message });
    } finally {
      setTesting(false);
    }
  }

  const secretDone = (message: string) => {
    setOutcome(message);
    void load();
  };

  if (!form || !view) return <ErrorBox error={error} testId="cdp-load-error" />;
  return (
    <section className="admin-card">
      <fieldset className="admin-fieldset">
        <legend>UAE partner onboarding (Customer Data Platform)</legend>
        {view.mode === 'training' && <p className="muted">In Training mode the built-in sandbox answers; these settings apply in Live mode.</p>}
        <form onSubmit={save} noValidate aria-label="UAE CDP settings">
          <div className="admin-settings-grid">
            <TextField label="Base URL" name="cdp.baseUrl" value={form.baseUrl} error={fieldError('baseUrl')} onChange={set('baseUrl')} hint="The CDP address the vendor gave, starting with https://." inputMode="url" />
            <TextField label="Client id" name="cdp.clientId" value={form.clientId} error={fieldError('clientId')} onChange={set('clientId')} hint="As the vendor gave it." />
            <TextField label="Scope" name="cdp.scope" value={form.scope} error={fieldError('scope')} onChange={set('scope')} hint="Exactly as the vendor gave it, like api://…/customer." />
            <TextField label="Username" name="cdp.username" value={form.username} error={fieldError('username')} onChange={set('username')} hint="The partner's username at the CDP." />
          </div>
          <div className="actions admin-form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save UAE CDP settings'}
            </button>
            <ErrorBox error={error} shownFields={Object.keys(PLAIN)} testId="cdp-error" onlyUnplaced />
            <Saved text={outcome} />
          </div>
        </form>
        <ul className="admin-secrets" aria-label="Secrets of the UAE CDP">
          <SecretRow slot="uae-oauth-client-secret" isSet={view.clientSecretSet} onStarted={() => setOutcome(null)} onDone={secretDone} />
          <SecretRow slot="uae-password" isSet={view.passwordSet} onStarted={() => setOutcome(null)} onDone={secretDone} />
        </ul>
        <div className="actions admin-form-actions">
          <button type="button" className="admin-button" onClick={() => void runTest()} disabled={testing}>
            {testing ? 'Testing…' : 'Test connection'}
          </button>
          {test && (
            <p className={test.ok ? 'outcome outcome--saved' : 'field__error'} role={test.ok ? 'status' : 'alert'} data-testid="cdp-test-result">
              {test.message}
            </p>
          )}
        </div>
      </fieldset>
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import type { BulkUpdateSettings } from '../../../shared/bulk-update/connection-settings';
import type { BulkUpdateConnectionView } from '../../../shared/contract';
import { ErrorBox } from '../admin/AdminField';
import { inPlainWords, useAdminCall } from '../admin/admin-api';
import { SecretRow } from '../admin/SecretRow';
import { Saved, TextField, useFieldErrors } from '../admin/connections/form-parts';

const PLAIN: Record<string, string> = {
  baseUrl: 'Enter the platform’s address the vendor gave you, starting with https://.',
  parentCompanyId: 'The parent company id is CEK followed by 7 capital letters or digits, like CEKA1B2C3D, or empty.',
};

/**
 * The partner platform's bulk customer update: its address and the parent company id (checked by
 * the platform's pattern; empty: the token's own company), the bearer token in the keychain, and a
 * test that reaches the endpoint with the token and applies nothing.
 */
export function BulkUpdateSection() {
  const call = useAdminCall();
  const [view, setView] = useState<BulkUpdateConnectionView | null>(null);
  const [form, setForm] = useState<BulkUpdateSettings | null>(null);
  const { error, setError, fieldError, clearField } = useFieldErrors();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [testing, setTesting] = useState(false);

  const load = async () => {
    const result = await call('bulkUpdate.settings.get', {});
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

  const set = (field: keyof BulkUpdateSettings) => (value: string) => {
    setForm((current) => (current ? { ...current, [field]: value } : current));
    clearField(field);
    setOutcome(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!form || busy) return;
    setBusy(true);
    try {
      const result = await call('bulkUpdate.settings.save', { settings: form });
      if (result.ok) {
        setError(null);
        setView(result.value);
        setForm(result.value.settings);
        setOutcome('Bulk customer update settings saved.');
      } else setError(inPlainWords(result.error, PLAIN));
    } finally {
      setBusy(false);
    }
  }

  async function runTest() {
    setTest(null);
    setTesting(true);
    try {
      const result = await call('bulkUpdate.settings.test', {});
      setTest(result.ok ? result.value : { ok: false, message: result.error.message });
    } finally {
      setTesting(false);
    }
  }

  const secretDone = (message: string) => {
    setOutcome(message);
    void load();
  };

  if (!form || !view) return <ErrorBox error={error} testId="bulk-update-load-error" />;
  return (
    <section className="admin-card">
      <fieldset className="admin-fieldset">
        <legend>Bulk customer update (partner platform)</legend>
        {view.mode === 'training' && <p className="muted">In Training mode the built-in Training platform answers; these settings apply in Live mode.</p>}
        <form onSubmit={save} noValidate aria-label="Bulk customer update settings">
          <div className="admin-settings-grid">
            <TextField label="Base URL" name="bulkUpdate.baseUrl" value={form.baseUrl} error={fieldError('baseUrl')} onChange={set('baseUrl')} hint="The platform's address the vendor gave, starting with https://." inputMode="url" />
            <TextField label="Parent company id" name="bulkUpdate.parentCompanyId" value={form.parentCompanyId} error={fieldError('parentCompanyId')} onChange={set('parentCompanyId')} hint="CEK and 7 capital letters or digits; leave empty to use the token's own company." />
          </div>
          <div className="actions admin-form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save bulk customer update settings'}
            </button>
            <ErrorBox error={error} shownFields={Object.keys(PLAIN)} testId="bulk-update-error" onlyUnplaced />
            <Saved text={outcome} />
          </div>
        </form>
        <ul className="admin-secrets" aria-label="Secrets of the bulk customer update">
          <SecretRow slot="bulk-update-token" isSet={view.tokenSet} onStarted={() => setOutcome(null)} onDone={secretDone} />
        </ul>
        <div className="actions admin-form-actions">
          <button type="button" className="admin-button" onClick={() => void runTest()} disabled={testing}>
            {testing ? 'Testing…' : 'Test connection'}
          </button>
          {test && (
            <p className={test.ok ? 'outcome outcome--saved' : 'field__error'} role={test.ok ? 'status' : 'alert'} data-testid="bulk-update-test-result">
              {test.message}
            </p>
          )}
        </div>
      </fieldset>
    </section>
  );
}

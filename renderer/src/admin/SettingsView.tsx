import { useEffect, useState, type FormEvent } from 'react';
import type { RequestOf, ResponseOf } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import { SECRET_SLOTS } from '../../../shared/secrets/slots';
import { AdminField, ErrorBox } from './AdminField';
import { inPlainWords, useAdminCall } from './admin-api';
import { SecretRow } from './SecretRow';
import { UaeCodeLists } from './UaeCodeLists';
import { useAppStore } from '../state/app-store';
import type { AppMode } from '../../../shared/mode';
import './admin.css';

type Settings = ResponseOf<'settings.get'>;
type SecretStatus = ResponseOf<'secrets.status'>;

const RETENTION = { min: 1, max: 3650, message: 'Enter a whole number of days from 1 to 3650.' };
const IDLE = { min: 1, max: 240, message: 'Enter a whole number of minutes from 1 to 240.' };

/** The settings form's two fields; the service names the retention field `days`, the contract `retentionDays`. */
type SettingsField = 'retentionDays' | 'idleMinutes';
const FIELD_KEYS: Record<SettingsField, readonly string[]> = { retentionDays: ['retentionDays', 'days'], idleMinutes: ['idleMinutes'] };

function wholeNumberIn(text: string, range: { min: number; max: number }): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= range.min && value <= range.max ? value : undefined;
}

/** The branch admin's settings and the connection secrets kept in this computer's keychain. */
export function SettingsView() {
  return (
    <section className="admin" aria-labelledby="settings-title">
      <div className="screen-head">
        <h2 id="settings-title">Settings</h2>
      </div>
      <ModeChoice />
      <SettingsForm />
      <ConnectionSecrets />
      <UaeCodeLists />
    </section>
  );
}

function SettingsForm() {
  const call = useAdminCall();
  const [saved, setSaved] = useState<Settings | null>(null);
  const [retention, setRetention] = useState('');
  const [idle, setIdle] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let current = true;
    void call('settings.get', {}).then((result) => {
      if (!current) return;
      if (result.ok) {
        setSaved(result.value);
        setRetention(String(result.value.retentionDays));
        setIdle(String(result.value.idleMinutes));
      } else {
        setError(result.error);
      }
    });
    return () => {
      current = false;
    };
  }, [call]);

  const fieldError = (field: SettingsField) => FIELD_KEYS[field].map((key) => error?.fields?.[key]).find(Boolean);
  const clearField = (field: SettingsField) => {
    setOutcome(null);
    setError((current) => {
      if (!current?.fields) return current;
      const fields = Object.fromEntries(Object.entries(current.fields).filter(([key]) => !FIELD_KEYS[field].includes(key)));
      return Object.keys(fields).length > 0 ? { ...current, fields } : null;
    });
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!saved || saving) return;
    setOutcome(null);
    const retentionDays = wholeNumberIn(retention, RETENTION);
    const idleMinutes = wholeNumberIn(idle, IDLE);
    const fields: Record<string, string> = {};
    if (retentionDays === undefined) fields.retentionDays = RETENTION.message;
    if (idleMinutes === undefined) fields.idleMinutes = IDLE.message;
    if (retentionDays === undefined || idleMinutes === undefined) {
      setError({ code: 'VALIDATION_FAILED', message: Object.keys(fields).length === 1 ? 'Check the marked setting.' : 'Check the marked settings.', fields });
      return;
    }
    const changes: { retentionDays?: number; idleMinutes?: number } = {};
    if (retentionDays !== saved.retentionDays) changes.retentionDays = retentionDays;
    if (idleMinutes !== saved.idleMinutes) changes.idleMinutes = idleMinutes;
    if (Object.keys(changes).length === 0) {
      setError(null);
      setOutcome('Nothing to save: these are the settings in force.');
      return;
    }
    setSaving(true);
    try {
      const result = await call('settings.update', changes);
      if (result.ok) {
        setSaved(result.value);
        setRetention(String(result.value.retentionDays));
        setIdle(String(result.value.idleMinutes));
        setError(null);
        setOutcome(
          `Saved. Finished records are kept for ${result.value.retentionDays} day${result.value.retentionDays === 1 ? '' : 's'}; ` +
            `KYC Desk locks after ${result.value.idleMinutes} minute${result.value.idleMinutes === 1 ? '' : 's'} without use.`,
        );
      } else {
        setError(inPlainWords(result.error, { retentionDays: RETENTION.message, idleMinutes: IDLE.message }));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="admin-card" onSubmit={save} noValidate aria-labelledby="settings-general-title">
      <h3 id="settings-general-title">Records and locking</h3>
      {saved === null && !error && <p className="muted">Loading settings…</p>}
      <div className="admin-settings-grid">
        <AdminField label="Keep finished records for (days)" error={fieldError('retentionDays')} announce hint="Records that reached the registry are removed from this PC after this many days. Failed records are always kept.">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="retentionDays"
              type="number"
              inputMode="numeric"
              min={RETENTION.min}
              max={RETENTION.max}
              step={1}
              value={retention}
              disabled={saved === null}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => {
                setRetention(e.target.value);
                clearField('retentionDays');
              }}
            />
          )}
        </AdminField>
        <AdminField label="Lock after inactivity (minutes)" error={fieldError('idleMinutes')} announce hint="KYC Desk locks itself after this long without typing or clicking.">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="idleMinutes"
              type="number"
              inputMode="numeric"
              min={IDLE.min}
              max={IDLE.max}
              step={1}
              value={idle}
              disabled={saved === null}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => {
                setIdle(e.target.value);
                clearField('idleMinutes');
              }}
            />
          )}
        </AdminField>
      </div>
      <div className="actions admin-form-actions">
        <button type="submit" className="primary" disabled={saving || saved === null}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <ErrorBox error={error} shownFields={[...FIELD_KEYS.retentionDays, ...FIELD_KEYS.idleMinutes]} testId="settings-error" onlyUnplaced />
        {outcome && (
          <p className="outcome outcome--saved" role="status" data-testid="settings-outcome">
            {outcome}
          </p>
        )}
      </div>
    </form>
  );
}

function ConnectionSecrets() {
  const call = useAdminCall();
  const [status, setStatus] = useState<SecretStatus | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    void call('secrets.status', {}).then((result) => {
      if (!current) return;
      if (result.ok) {
        setStatus(result.value);
        setError(null);
      } else {
        setError(result.error);
      }
    });
    return () => {
      current = false;
    };
  }, [call, reloads]);

  const done = (message: string) => {
    setNotice(message);
    setReloads((n) => n + 1);
  };

  return (
    <section className="admin-card" aria-labelledby="secrets-title">
      <h3 id="secrets-title">Connection secrets</h3>
      <p className="screen-intro">
        Secrets are kept only in this computer’s keychain: you can replace or remove one here, but no one — not even an admin — can see it again.
      </p>
      <ErrorBox error={error} testId="secrets-status-error" />
      {notice && (
        <p className="notice admin-notice" role="status" data-testid="secrets-notice">
          {notice}
        </p>
      )}
      {status === null ? (
        !error && <p className="muted">Checking the keychain…</p>
      ) : (
        <ul className="admin-secrets" aria-label="Connection secrets">
          {SECRET_SLOTS.map((slot) => (
            <SecretRow key={slot} slot={slot} isSet={status[slot] === true} onDone={done} onStarted={() => setNotice(null)} />
          ))}
        </ul>
      )}
    </section>
  );
}

const MODE_NAMES: Record<AppMode, string> = { training: 'Training mode', live: 'Live mode' };
const NO_CREDENTIAL = { setupCode: '', employeeCode: '', password: '' };

/**
 * Which mode KYC Desk opens in. Switching takes effect at the next start: each mode has its own
 * records, operators and connection, and nothing moves between them. Choosing Live mode from
 * Training mode asks for a real credential (main checks it): Training's admin is open to anyone.
 */
function ModeChoice() {
  const call = useAdminCall();
  const info = useAppStore((s) => s.info);
  const [nextMode, setNextMode] = useState<AppMode | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const [credential, setCredential] = useState(NO_CREDENTIAL);
  if (!info) return null;
  const next = nextMode ?? info.nextMode;
  const other: AppMode = next === 'live' ? 'training' : 'live';
  const needsCredential = info.mode === 'training' && other === 'live';

  async function choose(event: FormEvent) {
    event.preventDefault();
    const request: RequestOf<'app.setMode'> = { mode: other };
    if (needsCredential) {
      if (credential.setupCode.trim() !== '') request.setupCode = credential.setupCode;
      else if (credential.employeeCode.trim() !== '' || credential.password !== '') request.liveAdmin = { employeeCode: credential.employeeCode, password: credential.password };
    }
    setSaving(true);
    setError(null);
    const result = await call('app.setMode', request);
    setSaving(false);
    // A password is never kept longer than one attempt; a code that worked is not needed again here.
    setCredential(result.ok ? NO_CREDENTIAL : { ...credential, password: '' });
    if (result.ok) {
      setNextMode(result.value.nextMode);
      setOutcome(result.value.message);
    } else {
      setError(result.error);
    }
  }

  const field = (key: keyof typeof NO_CREDENTIAL) => ({
    value: credential[key],
    onChange: (e: { target: { value: string } }) => setCredential({ ...credential, [key]: e.target.value }),
  });

  return (
    <section className="admin-card" aria-labelledby="mode-title" data-testid="mode-choice">
      <h3 id="mode-title">Mode</h3>
      <p>
        KYC Desk is in <strong>{MODE_NAMES[info.mode]}</strong>
        {next !== info.mode ? `, and opens in ${MODE_NAMES[next]} the next time it starts` : ''}.
      </p>
      <p className="screen-intro">
        {other === 'live'
          ? 'Live mode keeps the branch’s real records, apart from training ones, and sends them only to the registry connection set up on its own Connections screen. Its first start asks for its first admin.'
          : 'Training mode keeps practice records and sends them only to the built-in sandbox, never to the registry.'}
      </p>
      <form onSubmit={(e) => void choose(e)} noValidate>
        {needsCredential && (
          <fieldset className="admin-fieldset" data-testid="live-credential">
            <legend>Who allows Live mode</legend>
            <p className="field__hint">
              Anyone at the counter can open Training mode’s admin, so Live mode needs one of these. The one-time setup code your IT team made on this PC: they
              run KYC Desk once with <code>--live-setup-code</code>, which shows them the code once; it works for 24 hours. Or, once Live mode has its admin,
              that admin’s employee code and password.
            </p>
            <AdminField label="Setup code from IT" error={error?.fields?.setupCode}>
              {(control) => (
                <input id={control.id} aria-describedby={control.describedBy} aria-invalid={control.invalid} autoComplete="off" spellCheck={false} {...field('setupCode')} />
              )}
            </AdminField>
            <p>Or a Live admin’s sign-in:</p>
            <AdminField label="Live admin’s employee code">
              {(control) => <input id={control.id} aria-describedby={control.describedBy} autoComplete="off" {...field('employeeCode')} />}
            </AdminField>
            <AdminField label="Live admin’s password">
              {(control) => <input id={control.id} aria-describedby={control.describedBy} type="password" autoComplete="off" {...field('password')} />}
            </AdminField>
          </fieldset>
        )}
        <div className="actions admin-form-actions">
          <button type="submit" disabled={saving}>
            {other === info.mode ? `Stay in ${MODE_NAMES[other]}` : `Open in ${MODE_NAMES[other]} next time`}
          </button>
          <p role="status" className="notice" data-testid="mode-outcome">
            {outcome ?? ''}
          </p>
        </div>
      </form>
      <ErrorBox error={error} shownFields={needsCredential ? ['setupCode'] : []} testId="mode-error" />
    </section>
  );
}

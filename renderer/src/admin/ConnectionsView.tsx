import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ResponseOf } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import { CONNECTION_MESSAGES, type ApiSettings, type SftpSettingsInput } from '../../../shared/connections/settings';
import type { SecretSlot } from '../../../shared/secrets/slots';
import { SUBMISSION_ROUTE_LABELS, SUBMISSION_ROUTES, type SubmissionRoute } from '../../../shared/sync/routes';
import { useAppStore } from '../state/app-store';
import { AdminField, ErrorBox } from './AdminField';
import { inPlainWords, useAdminCall } from './admin-api';
import { SecretRow } from './SecretRow';
import './admin.css';

type Connections = ResponseOf<'connections.get'>;
type HostKeyCheck = ResponseOf<'connections.probeSftpHostKey'>;
type ApiForm = ApiSettings;
type SftpForm = Omit<SftpSettingsInput, 'port'> & { port: string };

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
const SFTP_PLAIN: Record<string, string> = {
  'sftp.host': CONNECTION_MESSAGES.host,
  'sftp.port': CONNECTION_MESSAGES.port,
  'sftp.username': CONNECTION_MESSAGES.sftpUsername,
  'sftp.privateKeyPath': CONNECTION_MESSAGES.privateKeyPath,
  'sftp.inputFolder': CONNECTION_MESSAGES.folder('input'),
  'sftp.responseFolder': CONNECTION_MESSAGES.folder('response'),
};

/** The admin's connection screen: the CKYC vendor API and SFTP, their secrets, and the SFTP server's identity. */
export function ConnectionsView() {
  const call = useAdminCall();
  const [view, setView] = useState<Connections | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);

  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    void call('connections.get', {}).then((result) => {
      if (!current) return;
      if (result.ok) {
        setView(result.value);
        setLoadError(null);
      } else {
        setLoadError(result.error);
      }
    });
    return () => {
      current = false;
    };
  }, [call, reloads]);

  return (
    <section className="admin" aria-labelledby="connections-title">
      <div className="screen-head">
        <h2 id="connections-title">Connections</h2>
      </div>
      <p className="notice admin-notice" role="note" data-testid="connections-mode-note">
        KYC Desk runs in Training mode. Saving these settings does not switch it to live: training records only ever go to the built-in training sandbox,
        never to the addresses below.
      </p>
      <p className="screen-intro">Passwords, tokens and passphrases are kept only in this computer’s keychain. Everything else on this screen is not secret.</p>
      <RouteSection />
      <ErrorBox error={loadError} testId="connections-load-error" />
      {view === null ? (
        !loadError && <p className="muted">Loading the connections…</p>
      ) : (
        <>
          <ApiSection view={view} onSaved={setView} onSecretsChanged={reload} />
          <SftpSection view={view} onSaved={setView} onSecretsChanged={reload} />
        </>
      )}
    </section>
  );
}

/** One line each: what the route does, and what it needs set up on this screen. */
const ROUTE_HINTS: Record<SubmissionRoute, string> = {
  'bulk-api': 'The batch file goes to the registry through the CKYC API, then its processing is followed there. Needs the CKYC API settings.',
  'bulk-sftp': 'The batch file is put in the SFTP input folder and the results read from the response folder. Needs the API and SFTP settings and a trusted server identity.',
  'records-api': 'The records go as one request to the CKYC records API and are answered at once, with no batch file. Needs the CKYC API settings.',
};

/** Which way batches take to the registry from now on; batches already under way keep theirs. */
function RouteSection() {
  const call = useAdminCall();
  const setSyncStatus = useAppStore((s) => s.setSyncStatus);
  const id = useId();
  const [current, setCurrent] = useState<SubmissionRoute | null>(null);
  const [choice, setChoice] = useState<SubmissionRoute | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void call('sync.status', {}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setCurrent(result.value.route);
        setChoice(result.value.route);
        setLoadError(null);
        setSyncStatus(result.value);
      } else {
        setLoadError(result.error);
      }
    });
    return () => {
      live = false;
    };
  }, [call, setSyncStatus]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving || choice === null || choice === current) return;
    setSaving(true);
    setError(null);
    setOutcome(null);
    try {
      const result = await call('sync.setRoute', { route: choice });
      if (result.ok) {
        setCurrent(result.value.route);
        setChoice(result.value.route);
        setSyncStatus(result.value);
        setOutcome(`New batches now go by ${SUBMISSION_ROUTE_LABELS[result.value.route]}. Batches already under way keep the route they started on.`);
      } else {
        setError(result.error);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="admin-card" data-testid="route-picker">
      <form onSubmit={save} noValidate aria-label="Route to the registry">
        <fieldset className="admin-fieldset route-picker" disabled={current === null}>
          <legend>Route to the registry</legend>
          <p className="screen-intro">How new batches reach the CKYC registry. Batches already under way keep the route they started on.</p>
          {current === null && !loadError && <p className="muted">Loading the route in use…</p>}
          {SUBMISSION_ROUTES.map((route) => (
            <div key={route} className="route-choice">
              <input
                type="radio"
                id={`${id}-${route}`}
                name={`${id}-route`}
                value={route}
                checked={choice === route}
                aria-describedby={[`${id}-${route}-hint`, current === route ? `${id}-${route}-current` : null].filter(Boolean).join(' ')}
                onChange={() => {
                  setChoice(route);
                  setOutcome(null);
                  setError(null);
                }}
              />
              <div>
                <label htmlFor={`${id}-${route}`}>{SUBMISSION_ROUTE_LABELS[route]}</label>
                {current === route && (
                  <span className="state admin-state--on route-choice__current" id={`${id}-${route}-current`}>
                    In use
                  </span>
                )}
                <p className="field__hint" id={`${id}-${route}-hint`}>
                  {ROUTE_HINTS[route]}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        <div className="actions admin-form-actions">
          <button type="submit" className="primary" disabled={saving || choice === null || choice === current}>
            {saving ? 'Saving…' : 'Save route'}
          </button>
          <Saved text={outcome} />
        </div>
        <ErrorBox error={loadError} testId="route-load-error" />
        <ErrorBox error={error} testId="route-error" />
      </form>
    </section>
  );
}

function useFieldErrors() {
  const [error, setError] = useState<AppError | null>(null);
  const fieldError = (key: string) => error?.fields?.[key];
  const clearField = (key: string) =>
    setError((current) => {
      if (!current?.fields?.[key]) return current;
      const fields = Object.fromEntries(Object.entries(current.fields).filter(([name]) => name !== key));
      return Object.keys(fields).length > 0 ? { ...current, fields } : null;
    });
  return { error, setError, fieldError, clearField };
}

function TextField(props: { label: string; name: string; value: string; error: string | undefined; hint?: string; onChange(value: string): void; inputMode?: 'numeric' | 'url' | 'text' }) {
  return (
    <AdminField label={props.label} error={props.error} announce {...(props.hint ? { hint: props.hint } : {})}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={props.name}
          type="text"
          inputMode={props.inputMode ?? 'text'}
          spellCheck={false}
          autoComplete="off"
          value={props.value}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </AdminField>
  );
}

function SecretList({ slots, view, onChanged }: { slots: SecretSlot[]; view: Connections; onChanged(): void }) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <ul className="admin-secrets" aria-label="Secrets of this connection">
        {slots.map((slot) => (
          <SecretRow
            key={slot}
            slot={slot}
            isSet={view.secrets[slot] === true}
            onStarted={() => setNotice(null)}
            onDone={(message) => {
              setNotice(message);
              onChanged();
            }}
          />
        ))}
      </ul>
      {notice && (
        <p className="notice admin-notice" role="status">
          {notice}
        </p>
      )}
    </>
  );
}

function Saved({ text }: { text: string | null }): ReactNode {
  return text ? (
    <p className="outcome outcome--saved" role="status">
      {text}
    </p>
  ) : null;
}

function ApiSection({ view, onSaved, onSecretsChanged }: { view: Connections; onSaved(view: Connections): void; onSecretsChanged(): void }) {
  const call = useAdminCall();
  const [form, setForm] = useState<ApiForm>(view.api);
  const { error, setError, fieldError, clearField } = useFieldErrors();
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [testing, setTesting] = useState(false);

  const set = (field: keyof ApiForm) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    clearField(`api.${field}`);
    setOutcome(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setOutcome(null);
    try {
      const result = await call('connections.save', { api: form });
      if (result.ok) {
        setError(null);
        setForm(result.value.api);
        onSaved(result.value);
        setOutcome('CKYC API settings saved. KYC Desk stays in Training mode.');
      } else {
        setError(inPlainWords(result.error, API_PLAIN));
      }
    } finally {
      setSaving(false);
    }
  }

  async function runTest() {
    if (testing) return;
    setTesting(true);
    setTest(null);
    try {
      const result = await call('connections.testApi', {});
      setTest(result.ok ? result.value : { ok: false, message: result.error.message });
    } finally {
      setTesting(false);
    }
  }

  const field = (key: keyof ApiForm, label: string, hint?: string) => (
    <TextField label={label} name={`api.${key}`} value={form[key]} error={fieldError(`api.${key}`)} onChange={set(key)} {...(hint ? { hint } : {})} />
  );

  return (
    <section className="admin-card">
      <fieldset className="admin-fieldset">
        <legend>CKYC API</legend>
        <form onSubmit={save} noValidate aria-label="CKYC API settings">
          <div className="admin-settings-grid">
            {field('baseUrl', 'Base URL', 'The address your vendor gave you, starting with https://.')}
            <AdminField label="Authentication" hint="A username and password exchanged for a token, or a token your vendor issued.">
              {({ id, describedBy }) => (
                <select id={id} name="api.authMode" value={form.authMode} aria-describedby={describedBy} onChange={(e) => set('authMode')(e.target.value)}>
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
          </div>
          <div className="actions admin-form-actions">
            <button type="submit" className="primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save API settings'}
            </button>
            <ErrorBox error={error} shownFields={Object.keys(API_PLAIN)} testId="api-error" onlyUnplaced />
            <Saved text={outcome} />
          </div>
        </form>
        <SecretList slots={form.authMode === 'token' ? ['ckyc-api-token'] : ['ckyc-api-password']} view={view} onChanged={onSecretsChanged} />
        <div className="actions admin-form-actions">
          <button type="button" className="admin-button" disabled={testing} onClick={() => void runTest()}>
            {testing ? 'Testing…' : 'Test connection'}
          </button>
          {test && (
            <p className={test.ok ? 'outcome outcome--saved' : 'field__error'} role={test.ok ? 'status' : 'alert'} data-testid="api-test-result">
              {test.message}
            </p>
          )}
        </div>
      </fieldset>
    </section>
  );
}

function toSftpForm(view: Connections): SftpForm {
  const { hostKeyFingerprint: _pin, ...rest } = view.sftp;
  return { ...rest, port: String(rest.port) };
}

function SftpSection({ view, onSaved, onSecretsChanged }: { view: Connections; onSaved(view: Connections): void; onSecretsChanged(): void }) {
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

/** Host key on first use: read the fingerprint, have the admin compare it with IT's, then pin it. */
function HostKey({ view, onPinned }: { view: Connections; onPinned(view: Connections): void }) {
  const call = useAdminCall();
  const [check, setCheck] = useState<HostKeyCheck | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const pinned = view.sftp.hostKeyFingerprint;

  async function probe() {
    if (busy) return;
    setBusy(true);
    setError(null);
    setOutcome(null);
    setCheck(null);
    try {
      const result = await call('connections.probeSftpHostKey', {});
      if (result.ok) setCheck(result.value);
      else setError(result.error);
    } finally {
      setBusy(false);
    }
  }

  async function trust() {
    if (busy || !check) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call('connections.pinSftpHostKey', { fingerprint: check.fingerprint });
      if (result.ok) {
        setCheck(null);
        setOutcome('This server is now trusted. KYC Desk will refuse any server that shows another identity.');
        onPinned(result.value);
      } else {
        setError(result.error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="admin-fieldset" data-testid="host-key">
      <legend>Server identity (host key)</legend>
      <p>
        {pinned ? (
          <>
            Trusted server identity: <code data-testid="pinned-fingerprint">{pinned}</code>
          </>
        ) : view.configured.sftp ? (
          'No server identity is trusted yet: no file is sent over SFTP until you check it and trust it. The check uses the saved host and port.'
        ) : (
          'Save the SFTP settings first, then check the server’s identity.'
        )}
      </p>
      <div className="actions admin-form-actions">
        <button type="button" className="admin-button" disabled={busy || !view.configured.sftp} onClick={() => void probe()}>
          {busy && !check ? 'Checking…' : 'Check the server’s identity'}
        </button>
      </div>
      {check?.status === 'changed' && (
        <div className="alert alert--inline admin-alert" role="alert" data-testid="host-key-changed">
          <p>
            <strong>The server’s identity has changed.</strong> It no longer matches the one you trusted, so all SFTP transfers are stopped. This can mean
            someone is pretending to be the server. Do not trust the new identity unless your IT team confirms the server’s key was replaced.
          </p>
        </div>
      )}
      {check?.status === 'same' && (
        <p className="outcome outcome--saved" role="status" data-testid="host-key-same">
          The server shows the identity you trust: <code>{check.fingerprint}</code>
        </p>
      )}
      {check && check.status !== 'same' && (
        <div data-testid="host-key-check">
          <p>
            The server shows this identity (fingerprint): <code data-testid="probed-fingerprint">{check.fingerprint}</code>
          </p>
          <p>Compare it, character by character, with the fingerprint your IT team gave you. Trust it only if they are the same.</p>
          <div className="actions admin-form-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void trust()}>
              Trust this server
            </button>
            <button type="button" className="admin-button" disabled={busy} onClick={() => setCheck(null)}>
              Do not trust
            </button>
          </div>
        </div>
      )}
      <ErrorBox error={error} testId="host-key-error" />
      <Saved text={outcome} />
    </fieldset>
  );
}

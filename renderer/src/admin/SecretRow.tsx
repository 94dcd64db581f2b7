import { useId, useRef, useState, type FormEvent } from 'react';
import type { AppError } from '../../../shared/errors';
import { SECRET_SLOT_LABELS, type SecretSlot } from '../../../shared/secrets/slots';
import { inPlainWords, useAdminCall } from './admin-api';

/**
 * One keychain slot. The value is read from the input only when saving and the input is emptied
 * straight after: it never sits in React state, in a log or anywhere on the page.
 */
export function SecretRow({ slot, isSet, onDone, onStarted }: { slot: SecretSlot; isSet: boolean; onDone(message: string): void; onStarted(): void }) {
  const call = useAdminCall();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const label = SECRET_SLOT_LABELS[slot];

  async function save(event: FormEvent) {
    event.preventDefault();
    const field = input.current;
    if (!field || busy) return;
    if (field.value === '') {
      setError({ code: 'VALIDATION_FAILED', message: 'Type the secret first.', fields: { value: 'Type the secret first.' } });
      return;
    }
    onStarted();
    setBusy(true);
    setError(null);
    try {
      const result = await call('secrets.set', { slot, value: field.value });
      if (result.ok) {
        field.value = '';
        setTyped(false);
        onDone(`${label} saved in the keychain.`);
      } else {
        setError(inPlainWords(result.error, { value: 'Use at most 65,536 characters.' }));
      }
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (busy) return;
    onStarted();
    setBusy(true);
    setError(null);
    try {
      const result = await call('secrets.clear', { slot });
      if (result.ok) onDone(`${label} removed from the keychain.`);
      else setError(result.error);
    } finally {
      setBusy(false);
    }
  }

  const errorId = `${id}-error`;
  return (
    <li className="admin-secret" data-slot={slot}>
      <form className="admin-secret__form" onSubmit={save} noValidate>
        <div className="admin-secret__name">
          <label htmlFor={`${id}-value`}>{label}</label>
          <span className={`state ${isSet ? 'admin-state--on' : 'admin-state--unset'}`} data-testid={`secret-status-${slot}`}>
            {isSet ? 'Set' : 'Not set'}
          </span>
        </div>
        <input
          ref={input}
          id={`${id}-value`}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          placeholder={isSet ? 'Type a new value to replace it' : 'Type the secret'}
          maxLength={65_536}
          disabled={busy}
          aria-invalid={Boolean(error?.fields?.value)}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            setTyped(e.target.value !== '');
            if (error) setError(null);
          }}
        />
        <div className="admin-inline">
          <button type="submit" className="admin-button" disabled={busy || !typed}>
            Save
            <span className="admin-sr-only"> {label}</span>
          </button>
          {isSet && (
            <button type="button" className="admin-button admin-button--danger" disabled={busy} onClick={() => void remove()}>
              Remove<span className="admin-sr-only"> {label}</span>
            </button>
          )}
        </div>
      </form>
      {error && (
        <p className="field__error" id={errorId} role="alert">
          {error.fields?.value ?? error.message}
        </p>
      )}
    </li>
  );
}

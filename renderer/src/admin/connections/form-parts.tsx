import { useState, type ReactNode } from 'react';
import type { ResponseOf } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/errors';
import type { SecretSlot } from '../../../../shared/secrets/slots';
import { AdminField } from '../AdminField';
import { SecretRow } from '../SecretRow';

/** What connections.get answers: the settings of both connections, which secrets are set, what is configured. */
export type Connections = ResponseOf<'connections.get'>;

/** A form's refusal, with each field's complaint cleared as soon as that field is changed. */
export function useFieldErrors() {
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


export function TextField(props: { label: string; name: string; value: string; error: string | undefined; hint?: string; onChange(value: string): void; inputMode?: 'numeric' | 'url' | 'text' }) {
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

export function SecretList({ slots, view, onChanged }: { slots: SecretSlot[]; view: Connections; onChanged(): void }) {
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

export function Saved({ text }: { text: string | null }): ReactNode {
  return text ? (
    <p className="outcome outcome--saved" role="status">
      {text}
    </p>
  ) : null;
}

import { useId, type ReactNode } from 'react';
import type { AppError } from '../../../shared/errors';
import { unplacedFieldMessages } from './admin-api';

export interface ControlProps {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

/** A labelled control with its hint and its error, wired up the way CaptureForm's fields are. */
export function AdminField(props: { label: string; error?: string | undefined; hint?: string; className?: string; announce?: boolean; children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [props.error ? errorId : null, props.hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${props.error ? ' field--invalid' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, describedBy, invalid: Boolean(props.error) })}
      {props.hint && (
        <p className="field__hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field__error" id={errorId} role={props.announce ? 'alert' : undefined}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/**
 * The alert box for a refused action: the message as KYC Desk wrote it, plus any field message
 * that no field on the screen can show. With `onlyUnplaced`, nothing when the fields say it all.
 */
export function ErrorBox({ error, shownFields = [], testId, onlyUnplaced = false }: { error: AppError | null; shownFields?: readonly string[]; testId?: string; onlyUnplaced?: boolean }) {
  if (!error) return null;
  const extra = unplacedFieldMessages(error, shownFields);
  // Where every message already sits beside its field (announced there), a box would only repeat it.
  if (onlyUnplaced && error.fields && Object.keys(error.fields).length > 0 && extra.length === 0) return null;
  return (
    <div className="alert alert--inline admin-alert" role="alert" data-testid={testId}>
      <p>{error.message}</p>
      {extra.length > 0 && (
        <ul>
          {extra.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { createContext, useContext, useId, useState, type ReactNode } from 'react';
import { fieldLabel, type KycRecord } from '../../../shared/record/kyc-record';
import { DATE_PLACEHOLDER } from '../../../shared/dates/typed-date';
import { DateInput } from '../shell/DateInput';
import { getAt } from './record-paths';

export { getAt, setAt as update } from './record-paths';

/** What every field of the flow needs: the record (of the flow's kind), its shown problems, and how to change it. */
export interface CaptureFields<R = KycRecord> {
  record: R;
  errorOf(path: string): string | undefined;
  change(path: string, value: unknown): void;
  leave(path: string): void;
  update(change: (record: R) => R): void;
  /** The kind's label for a field path (the individual's when the flow names none). */
  labelOf?(path: string): string;
}

const FieldsContext = createContext<CaptureFields<unknown> | null>(null);
export const FieldsProvider = FieldsContext.Provider;

/**
 * The flow's fields, typed as the record of the kind whose steps ask (the individual's unless
 * named): the flow shows a kind's steps only over a record of that kind.
 */
export function useFields<R = KycRecord>(): CaptureFields<R> {
  const fields = useContext(FieldsContext);
  if (!fields) throw new Error('useFields outside the capture flow');
  return fields as CaptureFields<R>;
}

export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  onBlur(): void;
}

interface FieldProps {
  /** The record path: the input's name, and the key of its problem. */
  path: string;
  /** Defaults to the label of KYC_FIELD_LABELS. */
  label?: string;
  hint?: string;
  className?: string;
  /** Keep the field's complaint back for now (a date still being typed). */
  holdError?: boolean;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled control with its hint and its problem, linked by aria-describedby. */
export function Field({ path, label, hint, className, holdError = false, children }: FieldProps) {
  const { errorOf, leave, labelOf } = useFields();
  const id = useId();
  const error = holdError ? undefined : errorOf(path);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label ?? (labelOf ?? fieldLabel)(path)}</label>
      {children({ id, name: path, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy, onBlur: () => leave(path) })}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && <FieldError id={errorId} message={error} />}
    </div>
  );
}

export function FieldError({ id, message }: { id?: string; message: string }) {
  return (
    <p className="field__error" id={id} role="alert">
      {message}
    </p>
  );
}

/** A problem of a whole part of the record (a list, the photograph), where no single input shows it. */
export function GroupError({ path }: { path: string }) {
  const error = useFields().errorOf(path);
  return error ? <FieldError message={error} /> : null;
}

function textAt(record: unknown, path: string): string {
  const value = getAt(record, path);
  return typeof value === 'string' ? value : '';
}

interface TextFieldProps {
  path: string;
  label?: string;
  hint?: string;
  type?: 'text' | 'email' | 'tel';
  inputMode?: 'numeric' | 'tel' | 'text' | 'email';
  maxLength?: number;
  autoCapitalize?: 'characters' | 'words' | 'off';
  /** What an emptied field stores (undefined for optional fields such as aadhaarLast4). */
  emptyValue?: '' | undefined;
}

export function TextField({ path, label, hint, type = 'text', inputMode, maxLength, autoCapitalize, emptyValue = '' }: TextFieldProps) {
  const { record, change } = useFields();
  return (
    <Field path={path} label={label} hint={hint}>
      {(control) => (
        <input
          {...control}
          type={type}
          value={textAt(record, path)}
          inputMode={inputMode}
          maxLength={maxLength}
          autoCapitalize={autoCapitalize}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => change(path, event.target.value === '' ? emptyValue : event.target.value)}
        />
      )}
    </Field>
  );
}

/**
 * A date of the record, typed DD/MM/YYYY (see DateInput) and kept as its ISO date. Its complaint
 * waits while a date is still being typed, then names what is wrong ("This is not a real date:
 * February 1990 has 28 days.").
 */
export function DateField({ path, label, hint }: { path: string; label?: string; hint?: string }) {
  const { record, change } = useFields();
  const [typing, setTyping] = useState(false);
  return (
    <Field path={path} label={label} hint={hint ? `${DATE_PLACEHOLDER}. ${hint}` : DATE_PLACEHOLDER} holdError={typing}>
      {(control) => <DateInput {...control} value={textAt(record, path)} onChange={(value) => change(path, value)} onTypingChange={setTyping} />}
    </Field>
  );
}

export function TextAreaField({ path, label, hint, maxLength }: { path: string; label?: string; hint?: string; maxLength?: number }) {
  const { record, change } = useFields();
  return (
    <Field path={path} label={label} hint={hint} className="field--wide">
      {(control) => <textarea {...control} rows={3} value={textAt(record, path)} maxLength={maxLength} onChange={(event) => change(path, event.target.value)} />}
    </Field>
  );
}

export type CodeOptions = ReadonlyArray<readonly [string, string, ...unknown[]]>;

/** A drop-down over a code list of [code, label] pairs, with "Choose…" for no choice yet. */
export function CodeSelect({ control, value, options, onChange, placeholder = 'Choose…' }: { control: ControlProps; value: string; options: CodeOptions; onChange(value: string): void; placeholder?: string }) {
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{placeholder}</option>
      {options.map(([code, label]) => (
        <option key={code} value={code}>
          {label}
        </option>
      ))}
    </select>
  );
}

export function SelectField({ path, label, hint, options, onChange }: { path: string; label?: string; hint?: string; options: CodeOptions; onChange?(value: string): void }) {
  const { record, change } = useFields();
  return (
    <Field path={path} label={label} hint={hint}>
      {(control) => <CodeSelect control={control} value={textAt(record, path)} options={options} onChange={onChange ?? ((value) => change(path, value))} />}
    </Field>
  );
}

/** A checkbox on a boolean of the record. */
export function CheckField({ path, label, onChange }: { path: string; label?: string; onChange?(checked: boolean): void }) {
  const { record, change, leave, errorOf, labelOf } = useFields();
  const id = useId();
  const error = errorOf(path);
  return (
    <div className="field field--check">
      <label className="check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          name={path}
          checked={getAt(record, path) === true}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => (onChange ? onChange(event.target.checked) : change(path, event.target.checked))}
          onBlur={() => leave(path)}
        />
        {label ?? (labelOf ?? fieldLabel)(path)}
      </label>
      {error && <FieldError id={`${id}-error`} message={error} />}
    </div>
  );
}

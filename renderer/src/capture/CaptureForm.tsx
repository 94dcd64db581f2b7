import { useId, useMemo, useState, type FormEvent } from 'react';
import { INDIAN_STATES, stateName } from '../../../shared/codes/states';
import { EMPTY_INDIVIDUAL_INPUT, FIELD_LABELS, GENDERS, type IndividualField, type IndividualInput } from '../../../shared/record/individual';
import { formatIsoDate, localToday, validateIndividualField } from '../../../shared/validation';
import { announce } from '../app-events';
import { useAppStore } from '../state/app-store';
import { useDraft } from './use-draft';
import { usePinLookup, type PinInfo } from './use-pin-lookup';

type FieldErrors = Partial<Record<IndividualField, string>>;

interface FieldProps {
  field: IndividualField;
  value: string;
  error: string | undefined;
  onChange(field: IndividualField, value: string): void;
  onBlur(field: IndividualField): void;
  children?: (props: { id: string; describedBy: string | undefined; invalid: boolean }) => React.ReactNode;
  hint?: string;
  inputMode?: 'numeric' | 'tel' | 'text';
  maxLength?: number;
  autoCapitalize?: 'characters' | 'words';
}

function Field({ field, value, error, onChange, onBlur, children, hint, inputMode, maxLength, autoCapitalize }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{FIELD_LABELS[field]}</label>
      {children ? (
        children({ id, describedBy, invalid: Boolean(error) })
      ) : (
        <input
          id={id}
          name={field}
          value={value}
          inputMode={inputMode}
          maxLength={maxLength}
          autoCapitalize={autoCapitalize}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy}
          onChange={(event) => onChange(field, event.target.value)}
          onBlur={() => onBlur(field)}
        />
      )}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * One individual's details. Each field is checked with the shared rules as it is typed; a field's
 * complaint about being empty waits until the operator has left it, so the form does not nag.
 */
export function CaptureForm() {
  const api = useAppStore((s) => s.api);
  const [input, setInput] = useState<IndividualInput>(EMPTY_INDIVIDUAL_INPUT);
  const [visited, setVisited] = useState<Partial<Record<IndividualField, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);
  const today = formatIsoDate(localToday());
  const draft = useDraft(input);
  // A PIN from the master fills the state the operator has not chosen yet; a different choice is
  // kept (the master may be older than the address) but questioned below.
  const pinInfo = usePinLookup(input.pinCode, (info) => {
    if (info.found && info.state) setInput((current) => (current.state === '' ? { ...current, state: info.state! } : current));
  });

  const errors = useMemo(() => {
    const found: FieldErrors = {};
    for (const field of Object.keys(input) as IndividualField[]) {
      const value = input[field];
      // An empty field is only a problem once the operator has left it or tried to save.
      if (!submitted && !visited[field] && value === '') continue;
      const check = validateIndividualField(field, value);
      if (!check.ok) found[field] = check.reason;
    }
    return { ...found, ...serverErrors };
  }, [input, visited, submitted, serverErrors]);

  const change = (field: IndividualField, value: string) => {
    draft.markTyped();
    setInput((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => {
      const { [field]: _dropped, ...rest } = current;
      return rest;
    });
    setOutcome(null);
  };
  const leave = (field: IndividualField) => setVisited((current) => ({ ...current, [field]: true }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    const problems = (Object.keys(input) as IndividualField[]).filter((field) => !validateIndividualField(field, input[field]).ok);
    if (problems.length > 0) {
      setOutcome({ kind: 'error', text: `${problems.length} field${problems.length === 1 ? '' : 's'} need${problems.length === 1 ? 's' : ''} attention before saving.` });
      document.getElementsByName(problems[0]!)[0]?.focus();
      return;
    }
    if (!api) return;
    setSaving(true);
    try {
      const result = await api.invoke('records.save', input);
      if (result.ok) {
        setOutcome({ kind: 'saved', text: `Saved as ${result.value.reference}. It now waits for a checker’s approval.` });
        setInput(EMPTY_INDIVIDUAL_INPUT);
        draft.reset();
        setVisited({});
        setSubmitted(false);
        setServerErrors({});
        announce('record-saved');
      } else {
        setServerErrors((result.error.fields ?? {}) as FieldErrors);
        setOutcome({ kind: 'error', text: result.error.message });
      }
    } finally {
      setSaving(false);
    }
  }

  const common = { onChange: change, onBlur: leave };
  /** A drop-down over a code list of [code, label] pairs. */
  const codeSelect =
    (field: IndividualField, options: ReadonlyArray<readonly [string, string]>) =>
    ({ id, describedBy, invalid }: { id: string; describedBy: string | undefined; invalid: boolean }) => (
      <select id={id} name={field} value={input[field]} aria-invalid={invalid} aria-describedby={describedBy}
        onChange={(e) => change(field, e.target.value)} onBlur={() => leave(field)}>
        <option value="">Choose…</option>
        {options.map(([code, label]) => (
          <option key={code} value={code}>{label}</option>
        ))}
      </select>
    );
  return (
    <form className="capture" onSubmit={save} noValidate aria-labelledby="capture-title">
      <h2 id="capture-title">New individual</h2>
      <p className="screen-intro">Everything typed here stays on this PC until a supervisor’s sync sends it to the registry.</p>
      {draft.offer && (
        <div className="notice draft-offer" role="status">
          You started a record at {new Date(draft.offer.updatedAt).toLocaleTimeString('en-IN', { hour: '2-digit', minute: '2-digit' })} that was not saved.{' '}
          <button type="button" className="small" onClick={() => setInput(draft.takeOffer())}>
            Continue it
          </button>{' '}
          <button type="button" className="small secondary" onClick={() => void draft.discard()}>
            Start afresh
          </button>
        </div>
      )}
      {draft.problem && (
        <p className="alert alert--inline" role="alert">
          {draft.problem}
        </p>
      )}
      <fieldset>
        <legend>Personal details</legend>
        <div className="grid">
          <Field field="firstName" value={input.firstName} error={errors.firstName} maxLength={60} autoCapitalize="characters" {...common} />
          <Field field="lastName" value={input.lastName} error={errors.lastName} maxLength={60} autoCapitalize="characters" {...common} />
          <Field field="gender" value={input.gender} error={errors.gender} {...common}>
            {codeSelect('gender', GENDERS)}
          </Field>
          <Field field="dateOfBirth" value={input.dateOfBirth} error={errors.dateOfBirth} {...common}>
            {({ id, describedBy, invalid }) => (
              <input id={id} name="dateOfBirth" type="date" max={today} min="1900-01-01" value={input.dateOfBirth}
                aria-invalid={invalid} aria-describedby={describedBy}
                onChange={(e) => change('dateOfBirth', e.target.value)} onBlur={() => leave('dateOfBirth')} />
            )}
          </Field>
          <Field field="pan" value={input.pan} error={errors.pan} hint="10 characters, like ABCPE1234F" maxLength={14} autoCapitalize="characters" {...common} />
          <Field field="mobile" value={input.mobile} error={errors.mobile} hint="10 digits" inputMode="tel" maxLength={16} {...common} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Address</legend>
        <div className="grid">
          <Field field="addressLine1" value={input.addressLine1} error={errors.addressLine1} maxLength={70} {...common} />
          <Field field="city" value={input.city} error={errors.city} maxLength={60} {...common} />
          <Field field="state" value={input.state} error={errors.state} {...common}>
            {codeSelect('state', INDIAN_STATES)}
          </Field>
          <Field field="pinCode" value={input.pinCode} error={errors.pinCode} hint="6 digits" inputMode="numeric" maxLength={8} {...common} />
        </div>
      </fieldset>
      {pinInfo && <PinNote info={pinInfo} chosenState={input.state} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save record'}
        </button>
        {draft.savedAt && !outcome && (
          <p className="muted draft-saved" data-testid="draft-saved">
            Draft kept on this PC at {new Date(draft.savedAt).toLocaleTimeString('en-IN')}
          </p>
        )}
        {outcome && (
          <p className={`outcome outcome--${outcome.kind}`} role="status" data-testid="save-outcome">
            {outcome.text}
          </p>
        )}
      </div>
    </form>
  );
}

function PinNote({ info, chosenState }: { info: PinInfo; chosenState: string }) {
  if (!info.found) {
    return (
      <p className="notice notice--warning" role="status" data-testid="pin-note">
        PIN {info.pin}: {info.message}
      </p>
    );
  }
  const mismatch = chosenState !== '' && info.state !== chosenState;
  return (
    <p className={`notice${mismatch ? ' notice--warning' : ''}`} role="status" data-testid="pin-note">
      PIN {info.pin} is in {stateName(info.state ?? '') ?? info.state}
      {info.districts.length > 0 ? `, district ${info.districts.join(' or ')}` : ''}.
      {mismatch ? ` You chose ${stateName(chosenState) ?? chosenState}: check the PIN or the state.` : ''}
      <span className="muted"> (PIN list: {info.source})</span>
    </p>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import type { Result } from '../../../../shared/errors';
import { inPlainWords, useAdminCall } from '../admin-api';
import { useFieldErrors } from './form-parts';

/** The admin screens' call to main (errors as values), handed to a card's reads and writes. */
export type AdminCall = ReturnType<typeof useAdminCall>;

/** What Test connection found, in words: it worked, or why it did not. */
export interface TestOutcome {
  ok: boolean;
  message: string;
}

/** The fields of a form that hold text, the only ones a text box can bind to. */
type TextKeys<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F] & string;

export interface SettingsFormOptions<F, V> {
  /** The form before the admin types (null while the card is still reading it). */
  initial: F | null | (() => F | null);
  /** Each field's message for a refusal the contract check wrote in the schema library's words. */
  plain: Record<string, string>;
  /** The name main gives a field in a refusal, where it is not the form's own (e.g. `api.baseUrl`). */
  fieldPath?: (field: string) => string;
  /** Sends the form; a refusal made here, before asking main, is shown like main's. */
  send(form: F): Promise<Result<V>>;
  /** Main took it: the form as main now keeps it, and what to tell the admin. */
  saved(value: V): { form: F; outcome: string };
}

/**
 * A connection card's settings as the admin edits them: each field's complaint goes as soon as
 * that field is changed, and so does the last "saved", so nothing on the card speaks of a value
 * no longer there. A save goes once however often the button is pressed, and a refusal is put
 * beside the fields it names, in plain words.
 */
export function useSettingsForm<F extends object, V>(options: SettingsFormOptions<F, V>) {
  const [form, setForm] = useState<F | null>(options.initial);
  const { error, setError, fieldError, clearField } = useFieldErrors();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const path = options.fieldPath ?? ((field: string) => field);

  const set = (field: keyof F & string) => (value: string) => {
    setForm((current) => (current ? { ...current, [field]: value } : current));
    clearField(path(field));
    setOutcome(null);
  };

  /** The props a TextField needs for one field of the form. */
  const bind = (field: TextKeys<F>) => ({ value: form ? (form[field] as string) : '', error: fieldError(path(field)), onChange: set(field) });

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!form || busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      const result = await options.send(form);
      if (result.ok) {
        setError(null);
        const next = options.saved(result.value);
        setForm(next.form);
        setOutcome(next.outcome);
      } else setError(inPlainWords(result.error, options.plain));
    } finally {
      setBusy(false);
    }
  }

  return { form, setForm, set, bind, error, setError, outcome, setOutcome, busy, save, shownFields: Object.keys(options.plain) };
}

/** The state a card's save row shows: what SettingsForm needs of useSettingsForm. */
export type SettingsEditor = Pick<ReturnType<typeof useSettingsForm>, 'busy' | 'error' | 'outcome' | 'save' | 'shownFields'>;

/** Test connection: one test at a time, and its answer (or why main could not be asked) in words. */
export function useConnectionTest(run: () => Promise<Result<TestOutcome>>) {
  const [test, setTest] = useState<TestOutcome | null>(null);
  const [testing, setTesting] = useState(false);

  async function runTest() {
    if (testing) return;
    setTesting(true);
    setTest(null);
    try {
      const result = await run();
      setTest(result.ok ? result.value : { ok: false, message: result.error.message });
    } finally {
      setTesting(false);
    }
  }

  return { test, testing, runTest };
}

/** A card that reads its own connection: its settings, which of its secrets are set, the mode. */
export interface ConnectionCardSpec<V, F> {
  read(call: AdminCall): Promise<Result<V>>;
  save(call: AdminCall, form: F): Promise<Result<V>>;
  test(call: AdminCall): Promise<Result<TestOutcome>>;
  /** The form for what main keeps (the identity where the form is the settings themselves). */
  formOf(view: V): F;
  plain: Record<string, string>;
  /** What the card says once its settings are saved. */
  savedText: string;
}

/**
 * One connection card that reads, saves and tests its own connection, with its secrets in the
 * keychain: read once when the card opens; a secret saved or removed is said on the card and the
 * card reads again which secrets are set, keeping what the admin has typed meanwhile.
 */
export function useConnectionCard<V, F extends object>(spec: ConnectionCardSpec<V, F>) {
  const call = useAdminCall();
  const [view, setView] = useState<V | null>(null);
  const editor = useSettingsForm<F, V>({
    initial: null,
    plain: spec.plain,
    send: (form) => spec.save(call, form),
    saved: (value) => {
      setView(value);
      return { form: spec.formOf(value), outcome: spec.savedText };
    },
  });
  const tester = useConnectionTest(() => spec.test(call));
  const { setForm, setError, setOutcome } = editor;

  const load = async () => {
    const result = await spec.read(call);
    if (result.ok) {
      setView(result.value);
      setForm((current) => current ?? spec.formOf(result.value));
    } else setError(result.error);
  };
  useEffect(() => {
    const first = setTimeout(() => void load(), 0);
    return () => clearTimeout(first);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once when the card opens
  }, []);

  const secrets = {
    onStarted: () => setOutcome(null),
    onDone: (message: string) => {
      setOutcome(message);
      void load();
    },
  };

  return { ...editor, ...tester, view, secrets };
}

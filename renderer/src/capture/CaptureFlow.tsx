import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { DEFAULT_RECORD_KIND, type AnyKindRecord } from '../../../shared/record-kinds';
import { formatIsoDate, localToday } from '../../../shared/validation';
import { announce } from '../app-events';
import { formatClock, formatDue } from '../shell/formatting';
import { useAppStore } from '../state/app-store';
import './capture.css';
import { captureKind, unknownFormMessage, type CaptureKind } from './capture-kinds';
import { FieldsProvider, type CaptureFields } from './fields';
import { blankFor } from './record-paths';
import { SameCustomerProvider } from './same-customer/SameCustomerNotice';
import { useSameCustomer } from './same-customer/use-same-customer';
import { ReviewStep } from './steps/ReviewStep';
import { useCaptureState } from './use-capture-state';
import { useDraft } from './use-draft';

/** A step of the record kind's, or the flow's own Review at the end. */
export type FlowStep = string;
const REVIEW = 'review';

/** Where Review's list of problems starts (its heading's data-path). */
const PROBLEMS_TARGET = 'review-problems';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The input of a record path, or failing that the nearest part of the page that stands for it. */
function findTarget(form: HTMLFormElement | null, path: string): HTMLElement | null {
  if (!form) return null;
  for (let current = path; current !== ''; current = current.includes('.') ? current.slice(0, current.lastIndexOf('.')) : '') {
    const found = form.querySelector<HTMLElement>(`[name="${current}"]`) ?? form.querySelector<HTMLElement>(`[data-path="${current}"]`);
    if (found) return found;
  }
  return null;
}

interface Outcome {
  kind: 'saved' | 'error';
  text: string;
}

/**
 * The capture flow of the record's kind (capture-kinds.tsx): `newKind`'s form (none named: the
 * CKYC individual's), or, on the individual's screen, the form of a stored record of another kind
 * being changed.
 */
export function CaptureFlow({ newKind }: { newKind?: string } = {}) {
  const editing = useAppStore((s) => s.editing);
  const wanted = newKind ?? editing?.kind;
  const form = captureKind(wanted);
  if (!form) {
    return (
      <p className="alert" role="alert">
        {unknownFormMessage(wanted)}
      </p>
    );
  }
  return <KindCaptureFlow key={form.kind.id} form={form} />;
}

/**
 * The capture flow over one kind's record, one step at a time, as the kind orders its steps (the
 * individual: Personal → Identity → Addresses → Contact → Documents & photograph → Declaration),
 * then Review. The whole record is validated on every change with the kind's rules; each step's
 * problems are counted in the step list, and Review lists every remaining one with a way to its field.
 */
// eslint-disable-next-line max-lines-per-function -- the capture flow holds the record, its validation and the step navigation that every step shares
function KindCaptureFlow({ form }: { form: CaptureKind }) {
  const api = useAppStore((s) => s.api);
  // A record being changed, or a fetched person being updated, belongs to its own kind's form only.
  const editing = useAppStore((s) => ((s.editing?.kind ?? DEFAULT_RECORD_KIND) === form.kind.id ? s.editing : null));
  const updateFrom = useAppStore((s) => (form.kind.id === DEFAULT_RECORD_KIND ? s.updateFrom : null));
  const today = formatIsoDate(localToday());
  const { kind } = form;
  const dataSteps = kind.steps.map((item) => item.id);
  const flowSteps: readonly FlowStep[] = [...dataSteps, REVIEW];
  const titleOf = (item: FlowStep) => (item === REVIEW ? 'Review' : (kind.steps.find((s) => s.id === item)?.title ?? item));
  // A record the registry refused opens with the registry's complaints beside their fields.
  const state = useCaptureState<AnyKindRecord>(
    () => (editing ? editing.record : (updateFrom?.record ?? blankFor(kind, today))),
    () => editing?.registryErrors ?? {},
    kind,
  );
  // Absent on the wire means the CKYC individual: its requests stay as they always were.
  const kindOnTheWire = kind.id === DEFAULT_RECORD_KIND ? {} : { kind: kind.id };
  const draft = useDraft(state.record, editing?.id ?? null, kindOnTheWire.kind);
  // Another record of the same customer in this store: said beside the field, and a reason to save.
  const sameCustomer = useSameCustomer(state.record, editing?.id ?? null, kind);
  const [step, setStep] = useState<FlowStep>(dataSteps[0]!);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [saving, setSaving] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ target: string | null; seq: number } | null>(null);
  const [loadedEditing, setLoadedEditing] = useState(editing);
  const [loadedUpdateFrom, setLoadedUpdateFrom] = useState(updateFrom);
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  // A record opened for changing (the queue's "Change") replaces whatever the flow held.
  if (editing !== loadedEditing) {
    setLoadedEditing(editing);
    if (editing) {
      state.replace(editing.record);
      state.setServerErrors(editing.registryErrors ?? {});
      setStep(dataSteps[0]!);
      setOutcome(null);
    }
  }
  // A person fetched from CKYC opened as an update ("Start an update") replaces it too.
  if (updateFrom !== loadedUpdateFrom) {
    setLoadedUpdateFrom(updateFrom);
    if (updateFrom) {
      state.replace(updateFrom.record);
      setStep(dataSteps[0]!);
      setOutcome(null);
    }
  }

  useEffect(() => {
    if (!focusRequest) return;
    const target = focusRequest.target ? findTarget(formRef.current, focusRequest.target) : null;
    (target ?? headingRef.current)?.focus();
  }, [focusRequest]);

  const { check } = state;
  const stepIndex = flowSteps.indexOf(step);

  function goTo(next: FlowStep, focusTarget: string | null = null) {
    if (step !== REVIEW && next !== step) state.submitStep(step);
    if (next === REVIEW) state.submitAll(dataSteps);
    setStep(next);
    setFocusRequest((current) => ({ target: focusTarget, seq: (current?.seq ?? 0) + 1 }));
  }

  function startAgain(record: AnyKindRecord) {
    state.replace(record);
    setStep(dataSteps[0]!);
  }

  async function save() {
    state.submitAll(dataSteps);
    const value = check.value;
    if (!value) {
      const count = Object.keys(check.all).length;
      setOutcome({ kind: 'error', text: `${plural(count, 'problem needs', 'problems need')} attention before saving.` });
      goTo(REVIEW, PROBLEMS_TARGET);
      return;
    }
    if (!api) return;
    setSaving(true);
    draft.suspend();
    let saved = false;
    try {
      // Main ignores a reason when the record duplicates nobody, and refuses the save without one when it does.
      const reason = sameCustomer.reason.trim() !== '' ? { duplicateReason: sameCustomer.reason } : {};
      const result = await api.invoke('records.save', { ...(editing ? { id: editing.id } : {}), ...kindOnTheWire, record: value, ...reason });
      saved = result.ok;
      if (result.ok) {
        setOutcome({ kind: 'saved', text: `Saved as ${result.value.reference}. It now waits for a checker’s approval.` });
        startAgain(blankFor(kind, today));
        draft.reset();
        sameCustomer.setReason('');
        useAppStore.getState().finishEditing();
        useAppStore.setState({ updateFrom: null });
        announce('record-saved');
      } else {
        // The reason is not a field of the record: it stands beside its own box on Review.
        const { duplicateReason, ...fields } = result.error.fields ?? {};
        sameCustomer.setReasonError(duplicateReason);
        if (duplicateReason !== undefined) setStep(REVIEW);
        state.setServerErrors(fields);
        setOutcome({ kind: 'error', text: result.error.message });
        if (Object.keys(fields).length > 0) goTo(REVIEW, PROBLEMS_TARGET);
      }
    } finally {
      if (!saved) draft.resume();
      setSaving(false);
    }
  }

  function cancelChanges() {
    useAppStore.getState().finishEditing();
    useAppStore.setState({ updateFrom: null });
    startAgain(blankFor(kind, today));
    setOutcome(null);
    void draft.discard();
  }

  async function continueDraft() {
    const taken = draft.takeOffer();
    if (!taken) return;
    setOutcome(null);
    if (taken.editing === null) {
      if (editing) useAppStore.getState().finishEditing();
      startAgain(taken.record);
      return;
    }
    if (taken.editing === editing?.id) {
      startAgain(taken.record);
      return;
    }
    // The draft was changing a stored record: open that edit again, with the draft's changes.
    startAgain(taken.record);
    const found = await api?.invoke('records.get', { id: taken.editing });
    if (found?.ok) useAppStore.setState({ editing: { id: taken.editing, reference: found.value.summary.reference, kind: found.value.kind, record: taken.record } });
    else setOutcome({ kind: 'error', text: `The record this draft was changing could not be opened${found ? `: ${found.error.message}` : '.'}` });
  }

  function submit(event: FormEvent) {
    // Enter in a field moves on, like Next; it never saves the record.
    event.preventDefault();
    const next = flowSteps[stepIndex + 1];
    if (next) goTo(next);
  }

  const touched = () => {
    draft.markTyped();
    setOutcome(null);
  };
  const fields: CaptureFields<AnyKindRecord> = {
    record: state.record,
    labelOf: kind.fieldLabel,
    errorOf: (path) => check.shown[path],
    change(path, value) {
      touched();
      state.change(path, value);
    },
    leave: state.leave,
    update(change) {
      touched();
      state.update(change);
    },
  };

  const previous = flowSteps[stepIndex - 1];
  const next = flowSteps[stepIndex + 1];
  const StepFields = step === REVIEW ? undefined : form.steps[step];

  return (
    <FieldsProvider value={fields}>
      <SameCustomerProvider value={sameCustomer}>
      <form ref={formRef} className="capture capture-flow" onSubmit={submit} noValidate aria-labelledby="capture-title">
        <div className="capture-flow__head">
          <h2 id="capture-title">{editing ? `Changing ${editing.reference}` : updateFrom ? `Update of CKYC ${updateFrom.ckycNumber}` : kind.id === DEFAULT_RECORD_KIND ? 'New individual' : `New ${kind.label}`}</h2>
          {(editing || updateFrom) && (
            <button type="button" className="secondary" onClick={cancelChanges}>
              Cancel changes
            </button>
          )}
        </div>
        <p className="screen-intro">Everything typed here stays on this PC until a supervisor’s sync sends it to {form.sentTo ?? 'the registry'}.</p>
        {draft.offer && (
          <div className="notice draft-offer" role="status">
            You started {draft.offer.editing ? 'changing a record' : 'a record'} at{' '}
            {formatDue(draft.offer.updatedAt)} that was not saved.{' '}
            <button type="button" className="small" onClick={() => void continueDraft()}>
              Continue it
            </button>{' '}
            <button type="button" className="small secondary" onClick={() => void draft.discard()}>
              Start afresh
            </button>
          </div>
        )}
        {draft.otherKind && !draft.offer && (
          <div className="notice" role="status" data-testid="other-kind-draft">
            You have an unsaved {draft.otherKind.label} started at {formatDue(draft.otherKind.updatedAt)}. Typing here replaces it: to keep it, finish it on its own screen first.
          </div>
        )}
        {draft.problem && (
          <p className="alert alert--inline" role="alert">
            {draft.problem}
          </p>
        )}

        <nav aria-label="Capture steps" className="steps">
          <ol>
            {flowSteps.map((item) => {
              const count = item === REVIEW ? 0 : (check.counts[item] ?? 0);
              const looked = item !== REVIEW && state.submitted.has(item);
              const status = count > 0 ? plural(count, 'problem', 'problems') : looked ? 'no problems' : null;
              return (
                <li key={item}>
                  <button
                    type="button"
                    className={`steps__button${item === step ? ' steps__button--current' : ''}${count > 0 ? ' steps__button--problems' : ''}`}
                    aria-current={item === step ? 'step' : undefined}
                    onClick={() => goTo(item)}
                  >
                    <span className="steps__name">
                      {titleOf(item)}
                      {/* For screen readers: the accessible name reads "Identity, 2 problems". */}
                      {status && <span className="visually-hidden">,</span>}
                    </span>
                    {status && ' '}
                    {status && <span className={count > 0 ? 'steps__count' : 'steps__ok'}>{status}</span>}
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>

        <section className="capture-step" aria-labelledby={headingId}>
          <h3 id={headingId} ref={headingRef} tabIndex={-1}>
            {titleOf(step)}
          </h3>
          {StepFields && <StepFields />}
          {step === REVIEW && <ReviewStep problems={check.all} form={form} editingReference={editing?.reference ?? null} compareWith={updateFrom && !editing ? { registry: updateFrom.record, now: state.record } : null} onProblem={(path) => goTo(kind.stepOf(path), path)} />}
        </section>

        <div className="actions capture-flow__actions">
          {previous && (
            <button type="button" className="secondary" onClick={() => goTo(previous)}>
              Back
            </button>
          )}
          {next && (
            <button type="submit" className="secondary">
              Next
            </button>
          )}
          <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
            {saving ? 'Saving…' : 'Save record'}
          </button>
          {draft.savedAt && !outcome && (
            <p className="muted draft-saved" data-testid="draft-saved">
              Draft kept on this PC at {formatClock(draft.savedAt, true)}
            </p>
          )}
          {outcome && (
            <p className={`outcome outcome--${outcome.kind}`} role="status" data-testid="save-outcome">
              {outcome.text}
            </p>
          )}
        </div>
      </form>
      </SameCustomerProvider>
    </FieldsProvider>
  );
}

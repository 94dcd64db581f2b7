import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { KycRecord } from '../../../shared/record/kyc-record';
import { formatIsoDate, KYC_STEPS, localToday, stepOf, type KycStep } from '../../../shared/validation';
import { announce } from '../app-events';
import { formatClock, formatDue } from '../shell/formatting';
import { useAppStore } from '../state/app-store';
import './capture.css';
import { FieldsProvider, type CaptureFields } from './fields';
import { blankRecord } from './record-paths';
import { AddressesStep } from './steps/AddressesStep';
import { ContactStep } from './steps/ContactStep';
import { DeclarationStep } from './steps/DeclarationStep';
import { DocumentsStep } from './steps/DocumentsStep';
import { IdentityStep } from './steps/IdentityStep';
import { PersonalStep } from './steps/PersonalStep';
import { ReviewStep } from './steps/ReviewStep';
import { useCaptureState } from './use-capture-state';
import { useDraft } from './use-draft';

export type FlowStep = KycStep | 'review';
export const FLOW_STEPS: readonly FlowStep[] = [...KYC_STEPS, 'review'];

export const STEP_TITLES: Record<FlowStep, string> = {
  personal: 'Personal',
  identity: 'Identity',
  addresses: 'Addresses',
  contact: 'Contact',
  documents: 'Documents & photograph',
  declaration: 'Declaration',
  review: 'Review',
};

const DATA_STEP_TITLES = Object.fromEntries(KYC_STEPS.map((step) => [step, STEP_TITLES[step]])) as Record<KycStep, string>;

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
 * The capture flow over the canonical record, one step at a time: Personal → Identity → Addresses →
 * Contact → Documents & photograph → Declaration → Review. The whole record is validated on every
 * change with the shared rules; each step's problems are counted in the step list, and Review lists
 * every remaining one with a way to its field.
 */
// eslint-disable-next-line max-lines-per-function -- the capture flow holds the record, its validation and the step navigation that every step shares
export function CaptureFlow() {
  const api = useAppStore((s) => s.api);
  const editing = useAppStore((s) => s.editing);
  const today = formatIsoDate(localToday());
  // A record the registry refused opens with the registry's complaints beside their fields.
  const state = useCaptureState(
    () => (editing ? editing.record : blankRecord(today)),
    () => editing?.registryErrors ?? {},
  );
  const draft = useDraft(state.record, editing?.id ?? null);
  const [step, setStep] = useState<FlowStep>('personal');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [saving, setSaving] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ target: string | null; seq: number } | null>(null);
  const [loadedEditing, setLoadedEditing] = useState(editing);
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  // A record opened for changing (the queue's "Change") replaces whatever the flow held.
  if (editing !== loadedEditing) {
    setLoadedEditing(editing);
    if (editing) {
      state.replace(editing.record);
      state.setServerErrors(editing.registryErrors ?? {});
      setStep('personal');
      setOutcome(null);
    }
  }

  useEffect(() => {
    if (!focusRequest) return;
    const target = focusRequest.target ? findTarget(formRef.current, focusRequest.target) : null;
    (target ?? headingRef.current)?.focus();
  }, [focusRequest]);

  const { check } = state;
  const stepIndex = FLOW_STEPS.indexOf(step);

  function goTo(next: FlowStep, focusTarget: string | null = null) {
    if (step !== 'review' && next !== step) state.submitStep(step);
    if (next === 'review') state.submitAll(KYC_STEPS);
    setStep(next);
    setFocusRequest((current) => ({ target: focusTarget, seq: (current?.seq ?? 0) + 1 }));
  }

  function startAgain(record: KycRecord) {
    state.replace(record);
    setStep('personal');
  }

  async function save() {
    state.submitAll(KYC_STEPS);
    const value = check.value;
    if (!value) {
      const count = Object.keys(check.all).length;
      setOutcome({ kind: 'error', text: `${plural(count, 'problem needs', 'problems need')} attention before saving.` });
      goTo('review', PROBLEMS_TARGET);
      return;
    }
    if (!api) return;
    setSaving(true);
    draft.suspend();
    let saved = false;
    try {
      const result = await api.invoke('records.save', editing ? { id: editing.id, record: value } : { record: value });
      saved = result.ok;
      if (result.ok) {
        setOutcome({ kind: 'saved', text: `Saved as ${result.value.reference}. It now waits for a checker’s approval.` });
        startAgain(blankRecord(today));
        draft.reset();
        useAppStore.getState().finishEditing();
        announce('record-saved');
      } else {
        const fields = result.error.fields ?? {};
        state.setServerErrors(fields);
        setOutcome({ kind: 'error', text: result.error.message });
        if (Object.keys(fields).length > 0) goTo('review', PROBLEMS_TARGET);
      }
    } finally {
      if (!saved) draft.resume();
      setSaving(false);
    }
  }

  function cancelChanges() {
    useAppStore.getState().finishEditing();
    startAgain(blankRecord(today));
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
    if (found?.ok) useAppStore.setState({ editing: { id: taken.editing, reference: found.value.summary.reference, record: taken.record } });
    else setOutcome({ kind: 'error', text: `The record this draft was changing could not be opened${found ? `: ${found.error.message}` : '.'}` });
  }

  function submit(event: FormEvent) {
    // Enter in a field moves on, like Next; it never saves the record.
    event.preventDefault();
    const next = FLOW_STEPS[stepIndex + 1];
    if (next) goTo(next);
  }

  const touched = () => {
    draft.markTyped();
    setOutcome(null);
  };
  const fields: CaptureFields = {
    record: state.record,
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

  const previous = FLOW_STEPS[stepIndex - 1];
  const next = FLOW_STEPS[stepIndex + 1];

  return (
    <FieldsProvider value={fields}>
      <form ref={formRef} className="capture capture-flow" onSubmit={submit} noValidate aria-labelledby="capture-title">
        <div className="capture-flow__head">
          <h2 id="capture-title">{editing ? `Changing ${editing.reference}` : 'New individual'}</h2>
          {editing && (
            <button type="button" className="secondary" onClick={cancelChanges}>
              Cancel changes
            </button>
          )}
        </div>
        <p className="screen-intro">Everything typed here stays on this PC until a supervisor’s sync sends it to the registry.</p>
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
        {draft.problem && (
          <p className="alert alert--inline" role="alert">
            {draft.problem}
          </p>
        )}

        <nav aria-label="Capture steps" className="steps">
          <ol>
            {FLOW_STEPS.map((item) => {
              const count = item === 'review' ? 0 : check.counts[item];
              const looked = item !== 'review' && state.submitted.has(item);
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
                      {STEP_TITLES[item]}
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
            {STEP_TITLES[step]}
          </h3>
          {step === 'personal' && <PersonalStep />}
          {step === 'identity' && <IdentityStep />}
          {step === 'addresses' && <AddressesStep />}
          {step === 'contact' && <ContactStep />}
          {step === 'documents' && <DocumentsStep />}
          {step === 'declaration' && <DeclarationStep />}
          {step === 'review' && (
            <ReviewStep problems={check.all} stepTitles={DATA_STEP_TITLES} editingReference={editing?.reference ?? null} onProblem={(path) => goTo(stepOf(path), path)} />
          )}
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
    </FieldsProvider>
  );
}

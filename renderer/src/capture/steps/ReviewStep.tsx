import type { KycErrors } from '../../../../shared/validation';
import type { CaptureKind } from '../capture-kinds';
import { RegistryDifferences } from '../RegistryDifferences';
import { SameCustomerReason } from '../same-customer/SameCustomerNotice';

interface ReviewStepProps {
  problems: KycErrors;
  /** The record's kind and its form: its steps, field labels and what Review shows of the record. */
  form: CaptureKind;
  editingReference: string | null;
  onProblem(path: string): void;
  /** An update started from a fetched record: the registry's copy and the record now, to show what differs. */
  compareWith?: { registry: unknown; now: unknown } | null;
}

/** The flow's last step for any kind: the record as it will be saved, then every problem by the kind's steps. */
export function ReviewStep({ problems, form, editingReference, onProblem, compareWith = null }: ReviewStepProps) {
  const { kind, Review } = form;
  // The message without the field's label in front (the validator starts each with it).
  const reasonOf = (path: string, message: string) => {
    const prefix = `${kind.fieldLabel(path)}: `;
    return message.startsWith(prefix) ? message.slice(prefix.length) : message;
  };
  const paths = Object.keys(problems);
  const byStep = new Map<string, string[]>();
  for (const path of paths) byStep.set(kind.stepOf(path), [...(byStep.get(kind.stepOf(path)) ?? []), path]);
  const ordered = kind.steps.filter((step) => byStep.has(step.id));

  return (
    <>
      <Review />
      {compareWith && <RegistryDifferences registry={compareWith.registry} now={compareWith.now} label={(path) => kind.fieldLabel(path)} />}
      <SameCustomerReason />
      {editingReference && (
        <p className="notice">
          Saving replaces {editingReference} and sends it back for a checker’s approval — also when it was approved and not yet sent.
        </p>
      )}
      <section className="problems" aria-labelledby="review-problems">
        <h4 id="review-problems" data-path="review-problems" tabIndex={-1}>
          {paths.length === 0 ? 'No problems: the record is ready to save.' : `${paths.length} ${paths.length === 1 ? 'problem' : 'problems'} to fix before saving`}
        </h4>
        {ordered.map((step) => (
          <div key={step.id}>
            <h5>{step.title}</h5>
            <ul className="problem-list" data-testid="problem-list">
              {byStep.get(step.id)!.map((path) => (
                <li key={path}>
                  <button type="button" className="link" onClick={() => onProblem(path)}>
                    <span className="problem__label">{kind.fieldLabel(path)}</span>: {reasonOf(path, problems[path]!)}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </>
  );
}

import { fieldLabel } from '../../../../shared/record/kyc-record';
import { RecordDetails } from '../../review/RecordDetails';
import { stepOf, type KycErrors, type KycStep } from '../../../../shared/validation';
import { useFields } from '../fields';
import { VerifiedBy } from './DeclarationStep';

/** The message without the field's label in front (the validator starts each with it). */
function reasonOf(path: string, message: string): string {
  const prefix = `${fieldLabel(path)}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

interface ReviewStepProps {
  problems: KycErrors;
  stepTitles: Record<KycStep, string>;
  editingReference: string | null;
  onProblem(path: string): void;
}

export function ReviewStep({ problems, stepTitles, editingReference, onProblem }: ReviewStepProps) {
  const { record } = useFields();
  const paths = Object.keys(problems);
  const byStep = new Map<KycStep, string[]>();
  for (const path of paths) byStep.set(stepOf(path), [...(byStep.get(stepOf(path)) ?? []), path]);
  const ordered = (Object.keys(stepTitles) as KycStep[]).filter((step) => byStep.has(step));

  return (
    <>
      <RecordDetails record={record} />
      <VerifiedBy />
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
          <div key={step}>
            <h5>{stepTitles[step]}</h5>
            <ul className="problem-list" data-testid="problem-list">
              {byStep.get(step)!.map((path) => (
                <li key={path}>
                  <button type="button" className="link" onClick={() => onProblem(path)}>
                    <span className="problem__label">{fieldLabel(path)}</span>: {reasonOf(path, problems[path]!)}
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

import type { FieldErrors, RecordKind } from './record-kind';

/** Errors per capture step of `kind`, every step present (0 when clean), for the step tabs' badges. */
export function countErrorsByStep(kind: Pick<RecordKind, 'steps' | 'stepOf'>, errors: Readonly<FieldErrors>): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(kind.steps.map((step) => [step.id, 0]));
  for (const path of Object.keys(errors)) {
    const step = kind.stepOf(path);
    counts[step] = (counts[step] ?? 0) + 1;
  }
  return counts;
}

/** One step's validation: the whole record is judged (rules look across steps), and the step's own problems returned. */
export function validateStep(kind: RecordKind, input: unknown, step: string): FieldErrors {
  const check = kind.validate(input);
  if (check.ok) return {};
  return Object.fromEntries(Object.entries(check.errors).filter(([path]) => kind.stepOf(path) === step));
}

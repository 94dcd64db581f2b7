import { useCallback, useMemo, useState } from 'react';
import type { RecordKind } from '../../../shared/record-kinds';
import { countErrorsByStep } from '../../../shared/record-kinds/kind-steps';
import { AADHAAR_LAST4, type KycRecord } from '../../../shared/record/kyc-record';
import { formatIsoDate, localToday, parseIsoDate, type KycErrors } from '../../../shared/validation';
import { forTransport, getAt, setAt } from './record-paths';

export interface RecordCheck<R = KycRecord> {
  /** Every problem the record has now, the server's included, by field path. */
  all: KycErrors;
  /** The problems to show: of fields the operator typed in or left, and of steps moved past. */
  shown: KycErrors;
  /** Shown problems per step of the record's kind, for the step list. */
  counts: Record<string, number>;
  /** The normalised record when it has no problem at all. */
  value: R | null;
}

/** The record's problems from its kind's rules, plus the one the contract's shape check would hide. */
function checkRecord<R>(kind: RecordKind<R>, record: R, today: string): { errors: KycErrors; value: R | null } {
  const errors: KycErrors = {};
  // A half-typed "last 4 digits" (the individual's) would fail the record's shape check and hide every other problem.
  const last4 = (record as Partial<KycRecord>).aadhaarLast4;
  if (last4 !== undefined && !AADHAAR_LAST4.test(last4)) {
    errors.aadhaarLast4 = `${kind.fieldLabel('aadhaarLast4')}: Enter exactly the last 4 digits of the Aadhaar number, like 1234.`;
  }
  const result = kind.validate(forTransport(record), parseIsoDate(today) ?? localToday());
  if (result.ok) return Object.keys(errors).length === 0 ? { errors, value: result.value } : { errors, value: null };
  return { errors: { ...result.errors, ...errors }, value: null };
}

function typedIn(record: unknown, path: string): boolean {
  const value = getAt(record, path);
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * The capture flow's record and what the operator has done with it. Every change validates the whole
 * record (≤ 2 ms); a problem shows once its field holds something, or was left, or its step was moved
 * past or the operator tried to save — so an empty field does not nag before the operator got to it.
 */
export function useCaptureState<R>(initial: () => R, initialServerErrors: () => KycErrors, kind: RecordKind<R>) {
  const [record, setRecord] = useState(initial);
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState<ReadonlySet<string>>(() => new Set());
  const [serverErrors, setServerErrors] = useState<KycErrors>(initialServerErrors);
  const today = formatIsoDate(localToday());

  const local = useMemo(() => checkRecord(kind, record, today), [kind, record, today]);

  const check = useMemo((): RecordCheck<R> => {
    const all: KycErrors = { ...local.errors, ...serverErrors };
    const shown: KycErrors = {};
    for (const [path, message] of Object.entries(all)) {
      const show =
        Object.hasOwn(serverErrors, path) ||
        submitted.has(kind.stepOf(path)) ||
        visited.has(path) ||
        path.startsWith('images.') || // the outcome of attaching a file, not of typing
        typedIn(record, path);
      if (show) shown[path] = message;
    }
    return { all, shown, counts: countErrorsByStep(kind, shown), value: Object.keys(serverErrors).length === 0 ? local.value : null };
  }, [kind, local, serverErrors, submitted, visited, record]);

  const change = useCallback((path: string, value: unknown) => {
    setRecord((current) => setAt(current, path, value));
    setServerErrors((current) => {
      if (!Object.keys(current).some((key) => key === path || key.startsWith(`${path}.`))) return current;
      return Object.fromEntries(Object.entries(current).filter(([key]) => key !== path && !key.startsWith(`${path}.`)));
    });
  }, []);

  const leave = useCallback((path: string) => {
    setVisited((current) => (current.has(path) ? current : new Set(current).add(path)));
  }, []);

  const submitStep = useCallback((step: string) => {
    setSubmitted((current) => (current.has(step) ? current : new Set(current).add(step)));
  }, []);

  const submitAll = useCallback((steps: readonly string[]) => setSubmitted(new Set(steps)), []);

  /** Start again from `next`: nothing visited, nothing submitted, no server complaint. */
  const replace = useCallback((next: R) => {
    setRecord(next);
    setVisited(new Set());
    setSubmitted(new Set());
    setServerErrors({});
  }, []);

  return {
    record,
    check,
    submitted,
    change,
    leave,
    /** A change computed from the current record (list edits, PIN look-ups). */
    update: setRecord,
    submitStep,
    submitAll,
    replace,
    setServerErrors,
  };
}

export type CaptureState = ReturnType<typeof useCaptureState>;

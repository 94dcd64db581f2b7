import { useEffect, useState } from 'react';
import type { RequestOf, SameCustomerMatch } from '../../../../shared/contract';
import { DEFAULT_RECORD_KIND, type RecordKind } from '../../../../shared/record-kinds';
import type { KycRecord } from '../../../../shared/record/kyc-record';
import { announce } from '../../app-events';
import { useAppStore } from '../../state/app-store';

/** Asked this long after the last change, like drafts: not on every key. */
const ASK_AFTER_MS = 300;

/** What the capture flow knows of the same customer elsewhere in the store, and the operator's reason. */
export interface SameCustomerState {
  matches: readonly SameCustomerMatch[];
  reason: string;
  setReason(reason: string): void;
  /** Main's refusal of the reason (or of its absence), shown beside the reason field. */
  reasonError: string | undefined;
  setReasonError(problem: string | undefined): void;
}

/** The numbers of the record that name its customer, as the look-up channel takes them. */
function lookUpOf(record: Partial<KycRecord>, exceptId: string | null): RequestOf<'records.findSameCustomer'> {
  return {
    pan: record.pan ?? '',
    identityDocuments: (record.identityDocuments ?? []).map((doc) => ({ code: doc.code, number: doc.number })),
    ckycNumber: record.ckycNumber ?? '',
    ...(exceptId ? { exceptId } : {}),
  };
}

/**
 * Another kind's look-up, from what its kind says names the customer, and the form's field of each
 * of its documents (main answers by the look-up's own `identityDocuments.<i>.number`).
 */
function kindLookUpOf(kind: RecordKind, record: unknown, exceptId: string | null): { question: RequestOf<'records.findSameCustomer'>; paths: string[] } {
  const fields = kind.sameCustomerFields?.(record) ?? {};
  const documents = fields.identityDocuments ?? [];
  return {
    question: {
      ...(fields.pan === undefined ? {} : { pan: fields.pan }),
      identityDocuments: documents.map((doc) => ({ code: doc.code.slice(0, 10), number: doc.number })),
      ...(fields.ckycNumber === undefined ? {} : { ckycNumber: fields.ckycNumber }),
      ...(exceptId ? { exceptId } : {}),
    },
    paths: documents.map((doc, i) => doc.path ?? `identityDocuments.${i}.number`),
  };
}

/**
 * Asks main, a moment after the operator typed, whether another record in this store holds the
 * PAN, an identity document number or the CKYC number being typed (main judges what is complete).
 */
export function useSameCustomer(record: unknown, exceptId: string | null, kind?: RecordKind): SameCustomerState {
  const api = useAppStore((s) => s.api);
  const [matches, setMatches] = useState<readonly SameCustomerMatch[]>([]);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  // Only the numbers: the question changes when one of them does, not when the address does.
  const other = kind !== undefined && kind.id !== DEFAULT_RECORD_KIND ? kindLookUpOf(kind, record, exceptId) : null;
  const question = JSON.stringify(other ? other.question : lookUpOf(record as Partial<KycRecord>, exceptId));
  const paths = JSON.stringify(other?.paths ?? []);

  useEffect(() => {
    if (!api) return;
    let current = true;
    const timer = setTimeout(() => {
      void api.invoke('records.findSameCustomer', JSON.parse(question) as RequestOf<'records.findSameCustomer'>).then((result) => {
        if (!current) return;
        // A look-up that failed says nothing: main checks again when the record is saved.
        const formPaths = JSON.parse(paths) as string[];
        const onTheForm = (path: string) => formPaths[Number(/^identityDocuments\.(\d+)\.number$/.exec(path)?.[1] ?? -1)] ?? path;
        setMatches(result.ok ? result.value.matches.map((match) => ({ ...match, path: onTheForm(match.path) })) : []);
        announce('same-customer-checked');
      });
    }, ASK_AFTER_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, question, paths]);

  return { matches, reason, setReason, reasonError, setReasonError };
}

import { useEffect, useState } from 'react';
import type { RequestOf, SameCustomerMatch } from '../../../../shared/contract';
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
 * Asks main, a moment after the operator typed, whether another record in this store holds the
 * PAN, an identity document number or the CKYC number being typed (main judges what is complete).
 */
export function useSameCustomer(record: Partial<KycRecord>, exceptId: string | null): SameCustomerState {
  const api = useAppStore((s) => s.api);
  const [matches, setMatches] = useState<readonly SameCustomerMatch[]>([]);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  // Only the numbers: the question changes when one of them does, not when the address does.
  const question = JSON.stringify(lookUpOf(record, exceptId));

  useEffect(() => {
    if (!api) return;
    let current = true;
    const timer = setTimeout(() => {
      void api.invoke('records.findSameCustomer', JSON.parse(question) as RequestOf<'records.findSameCustomer'>).then((result) => {
        if (!current) return;
        // A look-up that failed says nothing: main checks again when the record is saved.
        setMatches(result.ok ? result.value.matches : []);
        announce('same-customer-checked');
      });
    }, ASK_AFTER_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, question]);

  return { matches, reason, setReason, reasonError, setReasonError };
}

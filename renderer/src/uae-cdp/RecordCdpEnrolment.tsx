import { useEffect, useState } from 'react';
import type { CdpEnrolmentView } from '../../../shared/contract';
import { useAppStore } from '../state/app-store';
import { CdpEnrolmentFacts } from './CdpEnrolmentFacts';

/**
 * A UAE customer's Review page: what the UAE CDP said of them once it holds them (onboarded, or
 * found), read again whenever the queue's records change (a batch's end reaches them that way).
 * Nothing before the CDP holds the customer.
 */
export function RecordCdpEnrolment({ recordId }: { recordId: string }) {
  const api = useAppStore((s) => s.api);
  const records = useAppStore((s) => s.records);
  // Held with the record it belongs to: when Review moves to another customer, the previous
  // customer's CDP facts must not show under the new one while its look-up is on the way.
  const [held, setHeld] = useState<{ recordId: string; enrolment: CdpEnrolmentView | null } | null>(null);

  useEffect(() => {
    if (!api) return undefined;
    let current = true;
    void api.invoke('uaeCdp.forRecord', { recordId }).then((result) => {
      if (current && result.ok) setHeld({ recordId, enrolment: result.value.enrolment });
    });
    return () => {
      current = false;
    };
  }, [api, recordId, records]);

  const enrolment = held?.recordId === recordId ? held.enrolment : null;
  if (!enrolment) return null;
  return (
    <section className="record-review__cdp" aria-labelledby="record-cdp-title" data-testid="record-cdp">
      <h4 id="record-cdp-title">On the UAE CDP</h4>
      <CdpEnrolmentFacts enrolment={enrolment} />
    </section>
  );
}

import type { CdpEnrolmentView } from '../../../shared/contract';
import { formatTime } from '../shell/formatting';
import './uae-cdp.css';

/** How KYC Desk learnt that the CDP holds the customer, in words. */
export const HOW_WORDS: Readonly<Record<CdpEnrolmentView['how'], string>> = {
  onboarded: 'Onboarded from KYC Desk',
  found: 'Already on the UAE CDP when looked up; not onboarded again',
  'found-after-doubt': 'Onboarded from KYC Desk; its answer was lost, and a look-up found the customer',
};

const NOT_SAID = 'Not said by the CDP';

/** The PEP flag as the CDP gave it: yes, no, or not said (a look-up never says). */
export function pepWords(pep: boolean | null): string {
  return pep === null ? NOT_SAID : pep ? 'Yes' : 'No';
}

/**
 * What the UAE CDP said of a customer it holds, field by field (each value carries its field's
 * name in `data-field`, for the tests that read it): the ECRN, customer status, AML scan status,
 * PEP and AML category, the id's status and expiry when a look-up gave them, how and when.
 */
export function CdpEnrolmentFacts({ enrolment: e }: { enrolment: CdpEnrolmentView }) {
  const rows: Array<[string, string, string]> = [
    ['ecrn', 'ECRN', e.ecrn],
    ['customerStatus', 'Customer status', e.customerStatus ?? NOT_SAID],
    ['amlScanStatus', 'AML scan status', e.amlScanStatus ?? NOT_SAID],
    ['pep', 'Politically exposed person', pepWords(e.pep)],
    ['amlCategory', 'AML category', e.amlCategory ?? NOT_SAID],
    ...(e.idStatus === null ? [] : ([['idStatus', 'Id status', e.idStatus]] as Array<[string, string, string]>)),
    ...(e.idExpiry === null ? [] : ([['idExpiry', 'Id expires', e.idExpiry]] as Array<[string, string, string]>)),
    ['how', 'How', HOW_WORDS[e.how]],
    ['notedAt', 'Since', formatTime(e.notedAt)],
  ];
  return (
    <dl className="uae-cdp-facts" data-testid="cdp-enrolment">
      {rows.map(([field, term, value]) => (
        <div key={field} className="uae-cdp-facts__row">
          <dt>{term}</dt>
          <dd data-field={field}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

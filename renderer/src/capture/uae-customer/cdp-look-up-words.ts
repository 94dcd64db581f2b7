import type { CdpLookUpView } from '../../../../shared/contract';
import type { Result } from '../../../../shared/errors';

/** What the capture form says of a look-up on the UAE CDP. */
export interface LookUpWords {
  /** go: onboarding may proceed or is not needed; stop: onboarding will stop; problem: no answer to act on. */
  tone: 'go' | 'stop' | 'problem';
  text: string;
  /** True when it is about the id number as typed (shown as the field's problem). */
  onField: boolean;
  /** A found customer's facts as the CDP holds them, in order. */
  facts: Array<[string, string]> | null;
}

const NOT_SAID = '—';

/**
 * A look-up's answer (or why there was none) in the words the counter acts on while capturing: a
 * found customer needs no onboarding, one not found may be onboarded, one stopped by compliance
 * will be stopped again when sent; a CDP that cannot search, or cannot be reached, is asked again
 * later, and nothing of the capture waits for it.
 */
export function lookUpWords(result: Result<CdpLookUpView>): LookUpWords {
  if (!result.ok) {
    const { code, message, fields } = result.error;
    switch (code) {
      case 'VALIDATION_FAILED':
        return { tone: 'problem', text: fields?.idNumber ?? message, onField: true, facts: null };
      case 'REMOTE_UNREACHABLE':
        return { tone: 'problem', text: 'KYC Desk cannot reach the UAE CDP just now (this PC may be offline). Carry on capturing: the customer is looked up again before anything is sent.', onField: false, facts: null };
      case 'REMOTE_TIMEOUT':
      case 'REMOTE_INVALID_RESPONSE':
      case 'REMOTE_REJECTED':
        return { tone: 'problem', text: `${message} Try the look-up again in a minute.`, onField: false, facts: null };
      default:
        return { tone: 'problem', text: message, onField: false, facts: null };
    }
  }
  const view = result.value;
  switch (view.outcome) {
    case 'found': {
      const c = view.customer;
      const facts: Array<[string, string]> | null = c
        ? [
            ['ECRN', c.ecrn],
            ['Customer status', c.customerStatus ?? NOT_SAID],
            ['AML scan status', c.amlScanStatus ?? NOT_SAID],
            ['Id status', c.idStatus ?? NOT_SAID],
            ['Id expires', c.idExpiry ?? NOT_SAID],
          ]
        : null;
      return { tone: 'go', text: 'The UAE CDP already holds this customer: onboarding is not needed. Sent, the record takes the CDP’s ECRN and nothing is onboarded again.', onField: false, facts };
    }
    case 'not-found':
      return { tone: 'go', text: 'The UAE CDP does not hold this customer: onboarding may proceed once the record is approved and sent.', onField: false, facts: null };
    case 'not-subscribed':
      return { tone: 'go', text: `${view.message} Onboarding may proceed once the record is approved and sent.`, onField: false, facts: null };
    case 'stopped':
      return { tone: 'stop', text: `${view.message} If this customer is sent, onboarding will stop with this reason.`, onField: false, facts: null };
    case 'invalid-input':
      return { tone: 'problem', text: view.message, onField: true, facts: null };
    case 'retry-later':
      return { tone: 'problem', text: view.message, onField: false, facts: null };
  }
}

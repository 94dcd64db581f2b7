import { AppFailure, type ErrorCode } from '../../shared/errors';
import { shownDate } from '../../shared/dates/typed-date';
import type { CdpLookUpView } from '../../shared/contract/uae-onboarding';
import { validateEmiratesId } from '../../shared/validation/identifiers';
import type { CdpLookUp } from '../connectors/cdp/client';
import type { HttpFailure } from '../transport/http-client';
import type { CdpWiring } from './cdp-in-force';

/**
 * The counter's look-up on the UAE CDP (issue 14): is this customer already there, and may they
 * be onboarded? The id is checked here first (an Emirates ID by its Luhn digit, a passport by its
 * form), so a typing mistake never reaches the CDP; the answer comes back in words a branch acts
 * on, dates DD/MM/YYYY. Nothing of it is stored or logged: the look-up changes nothing anywhere.
 */
const PASSPORT = /^[A-Z0-9]{5,20}$/;

/** The id as the CDP wants it, or why it cannot be sent. */
export function lookUpId(idType: '4' | '2', typed: string): { ok: true; idNumber: string } | { ok: false; message: string } {
  if (idType === '4') {
    const checked = validateEmiratesId(typed);
    return checked.ok ? { ok: true, idNumber: checked.value } : { ok: false, message: checked.reason };
  }
  const passport = typed.replace(/\s+/g, '').toUpperCase();
  return PASSPORT.test(passport) ? { ok: true, idNumber: passport } : { ok: false, message: 'A passport number has 5 to 20 letters and digits, as printed on the passport.' };
}

/** A look-up's answer in words, with what the branch may do next. */
export function lookUpView(answer: CdpLookUp): CdpLookUpView {
  switch (answer.outcome) {
    case 'found': {
      const c = answer.customer;
      const facts = [c.customerStatus && `customer ${c.customerStatus}`, c.amlScanStatus && `AML scan ${c.amlScanStatus}`, c.idStatus && `id ${c.idStatus}`, c.idExpiry && `id expires ${shownDate(c.idExpiry)}`].filter(Boolean).join(', ');
      return {
        outcome: 'found',
        canOnboard: false,
        message: `The UAE CDP already holds this customer: ECRN ${c.ecrn}${facts ? ` (${facts})` : ''}. Do not onboard them again.`,
        customer: { ecrn: c.ecrn, customerStatus: c.customerStatus, amlScanStatus: c.amlScanStatus, idStatus: c.idStatus, idExpiry: c.idExpiry ? shownDate(c.idExpiry) : null },
      };
    }
    case 'not-found':
      return { outcome: 'not-found', canOnboard: true, message: 'The UAE CDP does not hold this customer: capture them and send them for onboarding.', customer: null };
    case 'not-subscribed':
      return { outcome: 'not-subscribed', canOnboard: true, message: `The UAE CDP knows this customer but not as subscribed with us (${answer.code}): onboarding subscribes them.`, customer: null };
    case 'stopped':
      return {
        outcome: 'stopped',
        canOnboard: false,
        message:
          answer.reason === 'blocked'
            ? `The UAE CDP cannot accept this customer (${answer.code}, "${answer.message}"). Do not onboard them; refer them to compliance.`
            : `The UAE CDP has this customer under compliance investigation (${answer.code}, "${answer.message}"). Do not onboard them until compliance clears them.`,
        customer: null,
      };
    case 'invalid-input':
      return { outcome: 'invalid-input', canOnboard: false, message: `The UAE CDP could not read this id number (${answer.code}, "${answer.message}"). Check it against the card.`, customer: null };
    case 'retry-later':
      return { outcome: 'retry-later', canOnboard: false, message: `The UAE CDP could not search just now (${answer.code}). Try the look-up again in a minute.`, customer: null };
  }
}

const FAILURE_CODES: Record<HttpFailure['kind'], ErrorCode> = {
  unreachable: 'REMOTE_UNREACHABLE',
  timeout: 'REMOTE_TIMEOUT',
  rejected: 'REMOTE_REJECTED',
  rate_limited: 'REMOTE_UNREACHABLE',
  server_error: 'REMOTE_INVALID_RESPONSE',
  invalid_response: 'REMOTE_INVALID_RESPONSE',
};

/** Looks one customer up with the CDP in force; an id that cannot be sent or a CDP that cannot answer is an AppFailure in words. */
export async function lookUpCustomer(cdp: CdpWiring, idType: '4' | '2', typed: string): Promise<CdpLookUpView> {
  const id = lookUpId(idType, typed);
  if (!id.ok) throw new AppFailure('VALIDATION_FAILED', id.message, { idNumber: id.message });
  const inForce = await cdp.inForce();
  if (!inForce.ok) throw new AppFailure('CONNECTION_NOT_ALLOWED', inForce.problem);
  const answer = await inForce.client.lookUp({ idType, idNumber: id.idNumber });
  if (!answer.ok) throw new AppFailure(FAILURE_CODES[answer.failure.kind], `The look-up did not get an answer: ${answer.failure.message}`);
  return lookUpView(answer.body);
}

import { describe, expect, it } from 'vitest';
import { lookUpView } from '../../electron/uae-onboarding/cdp-look-up';
import { lookUpWords } from '../../renderer/src/capture/uae-customer/cdp-look-up-words';
import type { CdpLookUp } from '../../electron/connectors/cdp/client';

/**
 * The capture form's words for each look-up outcome, from main's own view of the CDP's answer (so
 * the wording is tested the way it travels) and from each failure main answers with.
 */
const words = (answer: CdpLookUp) => lookUpWords({ ok: true, value: lookUpView(answer) });

describe('the capture form’s words for a UAE CDP look-up', () => {
  it('found: the five fields and that onboarding is not needed', () => {
    const found = words({ outcome: 'found', customer: { ecrn: '7841003233051516', customerStatus: 'ACTIVE', amlScanStatus: 'Accepted', idStatus: 'Active', idExpiry: '2030-12-10' } });
    expect(found).toEqual({
      tone: 'go',
      onField: false,
      text: 'The UAE CDP already holds this customer: onboarding is not needed. Sent, the record takes the CDP’s ECRN and nothing is onboarded again.',
      facts: [
        ['ECRN', '7841003233051516'],
        ['Customer status', 'ACTIVE'],
        ['AML scan status', 'Accepted'],
        ['Id status', 'Active'],
        ['Id expires', '10/12/2030'],
      ],
    });
    expect(words({ outcome: 'found', customer: { ecrn: '7841003233051516', customerStatus: null, amlScanStatus: null, idStatus: null, idExpiry: null } }).facts?.slice(1).map(([, v]) => v)).toEqual(['—', '—', '—', '—']);
  });

  it('not found and not subscribed: onboarding may proceed', () => {
    expect(words({ outcome: 'not-found', message: 'Customer not found' })).toMatchObject({ tone: 'go', text: 'The UAE CDP does not hold this customer: onboarding may proceed once the record is approved and sent.' });
    const notSubscribed = words({ outcome: 'not-subscribed', code: 45003, message: 'Customer not subscribed' });
    expect(notSubscribed.tone).toBe('go');
    expect(notSubscribed.text).toMatch(/not as subscribed with us \(45003\).*Onboarding may proceed once the record is approved and sent\.$/);
  });

  it('under investigation or blocked: the CDP’s message the branch acts on, and that onboarding will stop', () => {
    const investigated = words({ outcome: 'stopped', reason: 'under-investigation', code: 45013, message: 'Customer under Compliance investigation!' });
    expect(investigated.tone).toBe('stop');
    expect(investigated.text).toBe('The UAE CDP has this customer under compliance investigation (45013, "Customer under Compliance investigation!"). Do not onboard them until compliance clears them. If this customer is sent, onboarding will stop with this reason.');
    const blocked = words({ outcome: 'stopped', reason: 'blocked', code: 45051, message: 'Customer is blocked' });
    expect(blocked).toMatchObject({ tone: 'stop', onField: false });
    expect(blocked.text).toContain('(45051, "Customer is blocked")');
    expect(blocked.text).toContain('refer them to compliance');
    expect(blocked.text).toMatch(/onboarding will stop with this reason\.$/);
  });

  it('invalid input goes on the id field; a server error says try later', () => {
    expect(words({ outcome: 'invalid-input', code: 40001, message: 'Invalid idNumber' })).toMatchObject({ tone: 'problem', onField: true, text: expect.stringContaining('could not read this id number (40001') });
    expect(words({ outcome: 'retry-later', code: 45006, message: 'Internal error' })).toMatchObject({ tone: 'problem', onField: false, text: 'The UAE CDP could not search just now (45006). Try the look-up again in a minute.' });
  });

  it('without an answer: the number’s own problem on the field, offline, no answer, no connection', () => {
    const typo = 'This Emirates ID number has a typing mistake: its last digit does not match the others. Check it against the card.';
    expect(lookUpWords({ ok: false, error: { code: 'VALIDATION_FAILED', message: typo, fields: { idNumber: typo } } })).toMatchObject({ tone: 'problem', onField: true, text: typo });
    expect(lookUpWords({ ok: false, error: { code: 'REMOTE_UNREACHABLE', message: 'The look-up did not get an answer: could not connect.' } })).toMatchObject({ onField: false, text: expect.stringMatching(/^KYC Desk cannot reach the UAE CDP just now \(this PC may be offline\)\. Carry on capturing/) });
    expect(lookUpWords({ ok: false, error: { code: 'REMOTE_TIMEOUT', message: 'The look-up did not get an answer: the UAE CDP did not answer within 30 s.' } }).text).toBe('The look-up did not get an answer: the UAE CDP did not answer within 30 s. Try the look-up again in a minute.');
    expect(lookUpWords({ ok: false, error: { code: 'CONNECTION_NOT_ALLOWED', message: 'An admin has not set up the UAE CDP connection yet.' } }).text).toBe('An admin has not set up the UAE CDP connection yet.');
  });
});

// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordCdpEnrolment } from '../../renderer/src/uae-cdp/RecordCdpEnrolment';
import { UaeCdpView } from '../../renderer/src/uae-cdp/UaeCdpView';
import { useAppStore } from '../../renderer/src/state/app-store';
import { fakeBridge, signedIn } from './fake-bridge';

const INITIAL = useAppStore.getState();
afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

const FOUND = {
  outcome: 'found',
  canOnboard: false,
  message: 'The UAE CDP already holds this customer: ECRN 7841003233051516 (customer ACTIVE, AML scan Accepted, id Active, id expires 10/12/2030). Do not onboard them again.',
  customer: { ecrn: '7841003233051516', customerStatus: 'ACTIVE', amlScanStatus: 'Accepted', idStatus: 'Active', idExpiry: '10/12/2030' },
};

describe('the UAE CDP screen', () => {
  it('a maker looks a customer up: a typing mistake shown beside the number, a found customer with ECRN and DD/MM/YYYY expiry, a passport by its type; no send button', async () => {
    const bridge = fakeBridge({
      'uaeCdp.lookUp': (request) => {
        const { idType, idNumber } = request as { idType: string; idNumber: string };
        if (idNumber.endsWith('4')) return { ok: false, error: { code: 'VALIDATION_FAILED', message: 'This Emirates ID number has a typing mistake.', fields: { idNumber: 'This Emirates ID number has a typing mistake.' } } };
        if (idType === '2') return { ok: true, value: { outcome: 'not-found', canOnboard: true, message: 'The UAE CDP does not hold this customer: capture them and send them for onboarding.', customer: null } };
        return { ok: true, value: FOUND };
      },
    });
    useAppStore.setState({ api: bridge.api, session: signedIn('maker') });
    render(<UaeCdpView />);
    const user = userEvent.setup();
    expect(screen.queryByRole('button', { name: 'Send approved UAE customers for onboarding' })).toBeNull();
    await user.type(screen.getByLabelText('Id number'), '784-1985-1234567-4');
    await user.click(screen.getByRole('button', { name: 'Look up' }));
    expect(await screen.findByText('This Emirates ID number has a typing mistake.')).toBeTruthy();
    expect(screen.getByLabelText('Id number').getAttribute('aria-invalid')).toBe('true');

    await user.clear(screen.getByLabelText('Id number'));
    await user.type(screen.getByLabelText('Id number'), '784-1985-1234567-3');
    await user.click(screen.getByRole('button', { name: 'Look up' }));
    const result = await screen.findByTestId('uae-lookup-result');
    expect(result.getAttribute('role')).toBe('alert');
    expect(result.textContent).toContain('ECRN 7841003233051516');
    expect(result.textContent).toContain('10/12/2030');

    await user.selectOptions(screen.getByLabelText('Id type'), 'Passport');
    await user.clear(screen.getByLabelText('Id number'));
    await user.type(screen.getByLabelText('Id number'), 'P4006315');
    await user.click(screen.getByRole('button', { name: 'Look up' }));
    await waitFor(() => expect(screen.getByTestId('uae-lookup-result').getAttribute('role')).toBe('status'));
    expect(bridge.calls.filter(([channel]) => channel === 'uaeCdp.lookUp').map(([, request]) => request)).toEqual([
      { idType: '4', idNumber: '784-1985-1234567-4' },
      { idType: '4', idNumber: '784-1985-1234567-3' },
      { idType: '2', idNumber: 'P4006315' },
    ]);
  });

  it('a checker sends the approved UAE customers and reads how many went, or that none waited', async () => {
    let waiting = 2;
    const bridge = fakeBridge({
      'uaeCdp.send': () => {
        const count = waiting;
        waiting = 0;
        return { ok: true, value: { batchId: count > 0 ? 'b1' : null, recordCount: count, message: count > 0 ? '' : 'No records are ready to send.' } };
      },
    });
    useAppStore.setState({ api: bridge.api, session: signedIn('checker') });
    render(<UaeCdpView />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Send approved UAE customers for onboarding' }));
    await waitFor(() => expect(screen.getByTestId('uae-send-result').textContent).toMatch(/^2 approved UAE customers sent for onboarding\./));
    await user.click(screen.getByRole('button', { name: 'Send approved UAE customers for onboarding' }));
    await waitFor(() => expect(screen.getByTestId('uae-send-result').textContent).toBe('No records are ready to send.'));
  });

  it('lists the customers the CDP holds with their fields (PEP yes, no or not said), counts in lakh grouping, and opens one in full', async () => {
    const onboarded = { recordId: 'rec_1', reference: 'KD0000000000001', name: 'IRFAN NANGARATH', ecrn: '7841003233051516', customerStatus: 'ACTIVE', amlScanStatus: 'Accepted', pep: false, amlCategory: '2', idStatus: null, idExpiry: null, how: 'onboarded', notedAt: '2026-12-05T08:30:00.000Z' };
    const found = { ...onboarded, recordId: 'rec_2', reference: 'KD0000000000002', name: 'SALIM KAREEM', ecrn: '7841003233051517', amlScanStatus: null, pep: null, amlCategory: null, idStatus: 'Active', idExpiry: '10/12/2030', how: 'found' };
    const bridge = fakeBridge({ 'uaeCdp.enrolments': () => ({ ok: true, value: { items: [found, onboarded], total: 150_000 } }) });
    useAppStore.setState({ api: bridge.api, session: signedIn('maker') });
    render(<UaeCdpView />);
    const user = userEvent.setup();
    expect((await screen.findByTestId('cdp-held-count')).textContent).toBe('The newest 2 of 1,50,000 customers on the UAE CDP.');
    const table = screen.getByRole('table', { name: 'Customers on the UAE CDP' });
    const row = (reference: string) => table.querySelector(`tr[data-reference="${reference}"]`)!;
    const cell = (reference: string, testId: string) => row(reference).querySelector(`[data-testid="${testId}"]`)?.textContent;
    expect([cell(onboarded.reference, 'cdp-ecrn'), cell(onboarded.reference, 'cdp-customer-status'), cell(onboarded.reference, 'cdp-aml-scan'), cell(onboarded.reference, 'cdp-pep'), cell(onboarded.reference, 'cdp-aml-category')]).toEqual(['7841003233051516', 'ACTIVE', 'Accepted', 'No', '2']);
    expect([cell(found.reference, 'cdp-aml-scan'), cell(found.reference, 'cdp-pep'), cell(found.reference, 'cdp-aml-category')]).toEqual(['—', 'Not said by the CDP', '—']);

    await user.click(screen.getByRole('button', { name: 'KD0000000000002 SALIM KAREEM' }));
    const detail = screen.getByRole('region', { name: 'KD0000000000002 on the UAE CDP' });
    const field = (name: string) => detail.querySelector(`[data-field="${name}"]`)?.textContent;
    expect([field('ecrn'), field('idStatus'), field('idExpiry'), field('how')]).toEqual(['7841003233051517', 'Active', '10/12/2030', 'Already on the UAE CDP when looked up; not onboarded again']);
  });

  it('a UAE record’s Review block shows the CDP’s fields once it holds the customer, and reads again when the records change', async () => {
    let held: unknown = null;
    const bridge = fakeBridge({ 'uaeCdp.forRecord': () => ({ ok: true, value: { enrolment: held } }) });
    useAppStore.setState({ api: bridge.api, session: signedIn('checker') });
    render(<RecordCdpEnrolment recordId="rec_1" />);
    await waitFor(() => expect(bridge.callsTo('uaeCdp.forRecord')).toEqual([{ recordId: 'rec_1' }]));
    expect(screen.queryByTestId('record-cdp')).toBeNull();
    held = { recordId: 'rec_1', reference: 'KD0000000000001', name: 'IRFAN NANGARATH', ecrn: '7841003233051516', customerStatus: 'ACTIVE', amlScanStatus: 'Accepted', pep: true, amlCategory: '3', idStatus: null, idExpiry: null, how: 'found-after-doubt', notedAt: '2026-12-05T08:30:00.000Z' };
    await act(async () => useAppStore.setState({ records: { items: [], total: 0, counts: {} } }));
    const block = await screen.findByTestId('record-cdp');
    const field = (name: string) => block.querySelector(`[data-field="${name}"]`)?.textContent;
    expect([field('ecrn'), field('customerStatus'), field('amlScanStatus'), field('pep'), field('amlCategory')]).toEqual(['7841003233051516', 'ACTIVE', 'Accepted', 'Yes', '3']);
    expect(block.querySelector('[data-field="idExpiry"]')).toBeNull();
  });

  it('moving Review to another customer never shows the previous customer’s CDP fields while the new look-up is on the way', async () => {
    const onboarded = { recordId: 'rec_1', reference: 'KD0000000000001', name: 'IRFAN NANGARATH', ecrn: '7841003233051516', customerStatus: 'ACTIVE', amlScanStatus: 'Accepted', pep: false, amlCategory: '2', idStatus: null, idExpiry: null, how: 'onboarded', notedAt: '2026-12-05T08:30:00.000Z' };
    let answerSecond: (value: unknown) => void = () => undefined;
    const bridge = fakeBridge({
      'uaeCdp.forRecord': (request) => {
        if ((request as { recordId: string }).recordId === 'rec_1') return { ok: true, value: { enrolment: onboarded } };
        return new Promise((resolve) => (answerSecond = (value) => resolve(value as never)));
      },
    });
    useAppStore.setState({ api: bridge.api, session: signedIn('checker') });
    const { rerender } = render(<RecordCdpEnrolment recordId="rec_1" />);
    expect((await screen.findByTestId('record-cdp')).textContent).toContain('7841003233051516');
    rerender(<RecordCdpEnrolment recordId="rec_2" />);
    await waitFor(() => expect(bridge.callsTo('uaeCdp.forRecord')).toEqual([{ recordId: 'rec_1' }, { recordId: 'rec_2' }]));
    expect(screen.queryByTestId('record-cdp')).toBeNull();
    await act(async () => answerSecond({ ok: true, value: { enrolment: null } }));
    expect(screen.queryByTestId('record-cdp')).toBeNull();
  });
});

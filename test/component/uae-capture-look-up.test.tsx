// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { CdpLookUp } from '../../renderer/src/capture/uae-customer/CdpLookUp';
import { useAppStore } from '../../renderer/src/state/app-store';
import { fakeBridge, signedIn } from './fake-bridge';

/**
 * The capture form's "Look up on the UAE CDP" beside an Emirates ID: offered only for a number that
 * passes its checks, asked with the number as the CDP wants it, the answer shown in words (a found
 * customer's five fields; a stop as an alert) and dropped when the number changes.
 */
const INITIAL = useAppStore.getState();
afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

const STOPPED = 'The UAE CDP has this customer under compliance investigation (45013, "Customer under Compliance investigation!"). Do not onboard them until compliance clears them.';

describe('the UAE capture form’s look-up on the CDP', () => {
  it('is offered only for a valid Emirates ID, shows a found customer’s fields and a stop as an alert, and forgets the answer when the number changes', async () => {
    const bridge = fakeBridge({
      'uaeCdp.lookUp': (request) => {
        const { idNumber } = request as { idNumber: string };
        if (idNumber === '784198512345673') {
          return { ok: true, value: { outcome: 'found', canOnboard: false, message: '…', customer: { ecrn: '7841003233051516', customerStatus: 'ACTIVE', amlScanStatus: 'Accepted', idStatus: 'Active', idExpiry: '10/12/2030' } } };
        }
        return { ok: true, value: { outcome: 'stopped', canOnboard: false, message: STOPPED, customer: null } };
      },
    });
    useAppStore.setState({ api: bridge.api, session: signedIn('maker') });
    const user = userEvent.setup();
    const { rerender } = render(<CdpLookUp number="784-1985-1234567-4" fieldLabel="Emirates ID number" />);
    const button = () => screen.getByRole('button', { name: 'Look up on the UAE CDP' }) as HTMLButtonElement;
    expect(button().disabled).toBe(true);
    expect(screen.getByText(/needs a complete, valid Emirates ID/)).toBeTruthy();

    rerender(<CdpLookUp number="784-1985-1234567-3" fieldLabel="Emirates ID number" />);
    expect(button().disabled).toBe(false);
    await user.click(button());
    const result = screen.getByTestId('uae-capture-lookup');
    await waitFor(() => expect(result.textContent).toContain('onboarding is not needed'));
    expect(result.getAttribute('role')).toBe('status');
    expect([...result.querySelectorAll('dd')].map((dd) => dd.textContent)).toEqual(['7841003233051516', 'ACTIVE', 'Accepted', 'Active', '10/12/2030']);
    expect(bridge.callsTo('uaeCdp.lookUp')).toEqual([{ idType: '4', idNumber: '784198512345673' }]);

    rerender(<CdpLookUp number="784-1990-1234567-6" fieldLabel="Emirates ID number" />);
    expect(screen.getByTestId('uae-capture-lookup').textContent).toBe('');
    await user.click(button());
    await waitFor(() => expect(screen.getByTestId('uae-capture-lookup').textContent).toContain('onboarding will stop with this reason'));
    expect(screen.getByTestId('uae-capture-lookup').getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('uae-capture-lookup').textContent).toContain('(45013, "Customer under Compliance investigation!")');
  });
});

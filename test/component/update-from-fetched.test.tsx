// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { CaptureFlow } from '../../renderer/src/capture/CaptureFlow';
import { blankRecord } from '../../renderer/src/capture/record-paths';
import { useAppStore } from '../../renderer/src/state/app-store';
import { APP_INFO, fakeBridge, signedIn } from './fake-bridge';

const INITIAL = useAppStore.getState();

afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

function registryCopy() {
  const record = blankRecord('2026-12-01');
  return { ...record, applicationType: '03', ckycNumber: '10000000000011', firstName: 'ASHA', lastName: 'RAO', dateOfBirth: '1990-04-15', contact: { ...record.contact, mobile: '9876543210' } };
}

const stepButton = (name: RegExp) => within(screen.getByRole('navigation', { name: 'Capture steps' })).getByRole('button', { name });

describe('an update started from a fetched record', () => {
  it('opens the capture flow with the registry’s copy, and Review names what changed against it', async () => {
    const bridge = fakeBridge({ 'drafts.get': () => ({ ok: true, value: { draft: null, updatedAt: null } }) });
    useAppStore.setState({ api: bridge.api, info: { ...APP_INFO.value, notices: [] }, session: signedIn('maker'), updateFrom: { ckycNumber: '10000000000011', record: registryCopy() } });
    const user = userEvent.setup();
    render(<CaptureFlow />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Update of CKYC 10000000000011');
    expect((screen.getByLabelText('First name') as HTMLInputElement).value).toBe('ASHA');

    await user.click(stepButton(/^Review/));
    expect(within(screen.getByTestId('registry-differences')).getByText('Nothing differs from the registry’s copy yet.')).toBeTruthy();

    await user.click(stepButton(/^Contact/));
    const mobile = screen.getByLabelText('Mobile number');
    await user.clear(mobile);
    await user.type(mobile, '9123456780');
    await user.click(stepButton(/^Review/));
    const rows = within(screen.getByTestId('registry-differences')).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([['Mobile number', '9876543210', '9123456780']]);

    // Cancelling leaves the update: the flow is a new individual again.
    await user.click(screen.getByRole('button', { name: 'Cancel changes' }));
    expect(useAppStore.getState().updateFrom).toBeNull();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('New individual');
  });
});

// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SignInScreen } from '../../renderer/src/session/SignInScreen';
import { useAppStore } from '../../renderer/src/state/app-store';
import { APP_INFO, fakeBridge, signedIn, type Handler } from './fake-bridge';

const INITIAL = useAppStore.getState();
const FIRST_RUN = { state: 'signed_out', operator: null, lockReason: null, needsFirstAdmin: true, trainingOperators: [] };

async function setUp(createFirstAdmin: Handler) {
  const bridge = fakeBridge({
    'app.info': () => ({ ok: true, value: { ...APP_INFO.value, mode: 'live', nextMode: 'live' } }),
    'session.state': () => ({ ok: true, value: FIRST_RUN }),
    'session.createFirstAdmin': createFirstAdmin,
  });
  await act(() => useAppStore.getState().connect(bridge.api));
  render(<SignInScreen />);
  return { bridge, user: userEvent.setup() };
}

afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

describe("Live mode's first admin screen", () => {
  it('asks for the setup code from IT, says where it comes from, and sends it with the admin', async () => {
    const { bridge, user } = await setUp(() => ({ ok: true, value: signedIn('admin') }));
    expect((await screen.findByRole('heading', { name: 'Set up the first branch admin' })).closest('form')!.textContent).toMatch(
      /your IT team runs KYC Desk once on this PC with --live-setup-code, which shows a one-time setup code \(it works for 24 hours\)/,
    );
    const answers = {
      'Setup code from IT': 'AB12-CD34-EF56-GH78-JK90',
      Name: 'Asha Admin',
      'Employee code': 'A001',
      Designation: 'Manager',
      Branch: 'Chennai Main',
      Organisation: 'Example Bank',
      'Password (at least 10 characters)': 'admin passphrase 1',
    };
    for (const [label, value] of Object.entries(answers)) await user.type(screen.getByLabelText(label), value);
    await user.click(screen.getByRole('button', { name: 'Create admin and sign in' }));
    expect(bridge.callsTo('session.createFirstAdmin')).toEqual([
      { setupCode: 'AB12-CD34-EF56-GH78-JK90', name: 'Asha Admin', employeeCode: 'A001', designation: 'Manager', branch: 'Chennai Main', organisation: 'Example Bank', password: 'admin passphrase 1' },
    ]);
  });

  it('shows a refused code beside its field', async () => {
    const { user } = await setUp(() => ({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'No setup code is in force on this PC (none was made, or it was used).', fields: { setupCode: 'No setup code is in force.' } },
    }));
    await user.type(await screen.findByLabelText('Setup code from IT'), 'OLD-CODE');
    await user.click(screen.getByRole('button', { name: 'Create admin and sign in' }));
    expect(await screen.findByText('No setup code is in force.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/^No setup code is in force on this PC/);
    expect(screen.getByLabelText('Setup code from IT').getAttribute('aria-invalid')).toBe('true');
  });
});

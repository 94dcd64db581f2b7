// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsView } from '../../renderer/src/admin/SettingsView';
import { useAppStore } from '../../renderer/src/state/app-store';
import { APP_INFO, fakeBridge, signedIn, type Handler } from './fake-bridge';

const INITIAL = useAppStore.getState();

function setUp(handlers: Record<string, Handler> = {}) {
  const bridge = fakeBridge({
    'app.info': () => APP_INFO,
    'session.state': () => ({ ok: true, value: signedIn('admin') }),
    'records.list': () => ({ ok: true, value: { items: [], total: 0, counts: {} } }),
    'batches.list': () => ({ ok: true, value: { items: [], total: 0 } }),
    'sync.status': () => ({ ok: true, value: { route: 'bulk-api', connectivity: 'online', sftp: 'not_used', message: null, checkedAt: null, nextCheckAt: null, activeBatches: 0 } }),
    'settings.get': () => ({ ok: true, value: { retentionDays: 180, idleMinutes: 10 } }),
    'secrets.status': () => ({ ok: true, value: {} }),
    ...handlers,
  });
  return {
    ...bridge,
    async start() {
      await act(() => useAppStore.getState().connect(bridge.api));
      render(<SettingsView />);
      return userEvent.setup();
    },
  };
}

afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

describe('the mode an admin chooses for the next start', () => {
  it('says which mode is in force, and switches to Live mode for the next start with the reason in words', async () => {
    const message = 'KYC Desk opens in Live mode the next time it starts. Close it and open it again to switch. Each mode keeps its own records; nothing moves between them.';
    const bridge = setUp({ 'app.setMode': () => ({ ok: true, value: { mode: 'training', nextMode: 'live', message } }) });
    const user = await bridge.start();
    const card = await screen.findByTestId('mode-choice');
    expect(card.textContent).toContain('KYC Desk is in Training mode.');
    // Training's admin alone cannot choose Live mode: the card asks for IT's setup code and says where it comes from.
    expect(screen.getByTestId('live-credential').textContent).toMatch(/one-time setup code your IT team made on this PC: they run KYC Desk once with --live-setup-code/);
    await user.type(screen.getByLabelText('Setup code from IT'), 'AB12-CD34-EF56-GH78-JK90');
    await user.click(screen.getByRole('button', { name: 'Open in Live mode next time' }));
    expect(bridge.callsTo('app.setMode')).toEqual([{ mode: 'live', setupCode: 'AB12-CD34-EF56-GH78-JK90' }]);
    expect(await screen.findByText(message)).toBeTruthy();
    expect(card.textContent).toContain('KYC Desk is in Training mode, and opens in Live mode the next time it starts.');
    // And back, before any restart: the button now offers to stay, and staying needs no credential.
    expect(screen.getByRole('button', { name: 'Stay in Training mode' })).toBeTruthy();
    expect(screen.queryByTestId('live-credential')).toBeNull();
  });

  it("sends a Live admin's sign-in instead of a code, shows main's refusal, and never keeps the password", async () => {
    const bridge = setUp({
      'app.setMode': () => ({ ok: false, error: { code: 'CONFLICT', message: 'Employee code or password is wrong.' } }),
    });
    const user = await bridge.start();
    await user.type(await screen.findByLabelText('Live admin’s employee code'), 'A001');
    await user.type(screen.getByLabelText('Live admin’s password'), 'not the password');
    await user.click(screen.getByRole('button', { name: 'Open in Live mode next time' }));
    expect(bridge.callsTo('app.setMode')).toEqual([{ mode: 'live', liveAdmin: { employeeCode: 'A001', password: 'not the password' } }]);
    expect(await screen.findByText('Employee code or password is wrong.')).toBeTruthy();
    expect((screen.getByLabelText('Live admin’s password') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Live admin’s employee code') as HTMLInputElement).value).toBe('A001');
  });

  it('shows a wrong setup code beside its field', async () => {
    const bridge = setUp({
      'app.setMode': () => ({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'That setup code is wrong. Check it against the one IT gave you: 4 tries are left before it stops working.', fields: { setupCode: 'This is not the setup code.' } },
      }),
    });
    const user = await bridge.start();
    await user.type(await screen.findByLabelText('Setup code from IT'), 'WRONG');
    await user.click(screen.getByRole('button', { name: 'Open in Live mode next time' }));
    expect(await screen.findByText(/4 tries are left/)).toBeTruthy();
    const field = screen.getByLabelText('Setup code from IT');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe('This is not the setup code.');
  });

  it('shows a refusal where the admin sees it', async () => {
    const bridge = setUp({ 'app.setMode': () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'Only a branch admin can change the mode.' } }) });
    const user = await bridge.start();
    await user.click(await screen.findByRole('button', { name: 'Open in Live mode next time' }));
    expect(await screen.findByText('Only a branch admin can change the mode.')).toBeTruthy();
    expect(screen.getByTestId('mode-choice').textContent).toContain('KYC Desk is in Training mode.');
  });
});

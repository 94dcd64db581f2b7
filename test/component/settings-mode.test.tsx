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
    await user.click(screen.getByRole('button', { name: 'Open in Live mode next time' }));
    expect(bridge.callsTo('app.setMode')).toEqual([{ mode: 'live' }]);
    expect(await screen.findByText(message)).toBeTruthy();
    expect(card.textContent).toContain('KYC Desk is in Training mode, and opens in Live mode the next time it starts.');
    // And back, before any restart: the button now offers to stay.
    expect(screen.getByRole('button', { name: 'Stay in Training mode' })).toBeTruthy();
  });

  it('shows a refusal where the admin sees it', async () => {
    const bridge = setUp({ 'app.setMode': () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'Only a branch admin can change the mode.' } }) });
    const user = await bridge.start();
    await user.click(await screen.findByRole('button', { name: 'Open in Live mode next time' }));
    expect(await screen.findByText('Only a branch admin can change the mode.')).toBeTruthy();
    expect(screen.getByTestId('mode-choice').textContent).toContain('KYC Desk is in Training mode.');
  });
});

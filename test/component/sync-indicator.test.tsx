// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionStateView, SyncStatus } from '../../shared/contract';
import type { ChannelName } from '../../shared/contract/names';
import type { Role } from '../../shared/operators/roles';
import { EMPTY_API_SETTINGS, EMPTY_SFTP_SETTINGS } from '../../shared/connections/settings';
import { SECRET_SLOTS } from '../../shared/secrets/slots';
import { App } from '../../renderer/src/shell/App';
import { useAppStore } from '../../renderer/src/state/app-store';
import { APP_INFO, fakeBridge, signedIn, type Handler } from './fake-bridge';

const INITIAL = useAppStore.getState();
const ONLINE: SyncStatus = { route: 'bulk-api', connectivity: 'online', sftp: 'not_used', message: null, checkedAt: new Date().toISOString(), nextCheckAt: null, activeBatches: 2 };
const BANNER_WORDS = 'identity changed. All transfers are stopped until an admin checks and confirms the new host key on the Connections screen.';

async function start(role: Role, handlers: Partial<Record<ChannelName, Handler>> = {}) {
  let session: SessionStateView = signedIn(role);
  const bridge = fakeBridge({
    'app.info': () => APP_INFO,
    'session.state': () => ({ ok: true, value: session }),
    'records.list': () => ({ ok: true, value: { items: [], total: 0, counts: {} } }),
    'records.makers': () => ({ ok: true, value: { items: [] } }),
    'batches.list': () => ({ ok: true, value: { items: [], total: 0 } }),
    'sync.status': () => ({ ok: true, value: ONLINE }),
    'connections.get': () => ({
      ok: true,
      value: {
        api: EMPTY_API_SETTINGS,
        sftp: { ...EMPTY_SFTP_SETTINGS, hostKeyFingerprint: null },
        configured: { api: false, sftp: false },
        secrets: Object.fromEntries(SECRET_SLOTS.map((slot) => [slot, false])),
        mode: 'training',
      },
    }),
    ...handlers,
  });
  render(<App />);
  await act(() => useAppStore.getState().connect(bridge.api));
  return {
    ...bridge,
    user: userEvent.setup(),
    signOut: async () => {
      session = { state: 'signed_out', operator: null, lockReason: null, needsFirstAdmin: false, trainingOperators: [] };
      await bridge.emit('session-changed', { state: 'signed_out' });
    },
  };
}

const indicator = () => screen.getByRole('status', { name: 'Sync status' });
/** A clock time on this PC's clock, as an ISO time. */
const clock = (hours: number, minutes: number) => {
  const date = new Date();
  date.setHours(hours, minutes, 0, 0);
  return date.toISOString();
};

afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

describe('global sync indicator', () => {
  it('loads the status on sign-in and shows route, connectivity and the batches under way in words', async () => {
    const bridge = await start('checker');
    expect(bridge.callsTo('sync.status')).toEqual([{}]);
    const region = indicator();
    // In the header, on the screen the operator lands on.
    expect(region.closest('header')).not.toBeNull();
    expect(within(region).getByTestId('sync-route').textContent).toBe('Route: Bulk upload over the API');
    expect(within(region).getByTestId('sync-connectivity').textContent).toBe('Online');
    expect(within(region).getByTestId('sync-active').textContent).toBe('2 active batches');
    // SFTP health only on the SFTP route.
    expect(within(region).queryByTestId('sync-sftp')).toBeNull();
    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });

  it('follows the sync-status event: offline with the retry time, SFTP health, the engine’s message', async () => {
    const bridge = await start('maker');
    await bridge.emit('sync-status', {
      ...ONLINE,
      route: 'bulk-sftp',
      connectivity: 'offline',
      sftp: 'down',
      nextCheckAt: clock(10, 42),
      activeBatches: 1,
      message: 'The registry cannot be reached. Sync resumes by itself.',
    });
    const region = indicator();
    expect(within(region).getByTestId('sync-route').textContent).toBe('Route: Bulk upload with the file over SFTP');
    expect(within(region).getByTestId('sync-connectivity').textContent).toBe('Offline — paused, retrying at 10:42');
    expect(within(region).getByTestId('sync-sftp').textContent).toBe('SFTP server not reachable');
    expect(within(region).getByTestId('sync-active').textContent).toBe('1 active batch');
    expect(within(region).getByTestId('sync-message').textContent).toBe('The registry cannot be reached. Sync resumes by itself.');

    await bridge.emit('sync-status', { ...ONLINE, route: 'bulk-sftp', sftp: 'up', activeBatches: 0 });
    expect(within(region).getByTestId('sync-connectivity').textContent).toBe('Online');
    expect(within(region).getByTestId('sync-sftp').textContent).toBe('SFTP server reachable');
    expect(within(region).getByTestId('sync-active').textContent).toBe('No active batches');
    expect(within(region).queryByTestId('sync-message')).toBeNull();
  });

  it('reads the status again when a batch changes, and goes away on sign-out', async () => {
    let active = 2;
    const bridge = await start('checker', { 'sync.status': () => ({ ok: true, value: { ...ONLINE, activeBatches: active } }) });
    active = 3;
    await bridge.emit('batch-updated', { id: 'b_1', state: 'polling' });
    await waitFor(() => expect(within(indicator()).getByTestId('sync-active').textContent).toBe('3 active batches'));
    await bridge.signOut();
    await waitFor(() => expect(screen.queryByTestId('sync-indicator')).toBeNull());
    // Signed out, a status from main shows nothing.
    await bridge.emit('sync-status', { ...ONLINE, sftp: 'host_key_changed' });
    expect(screen.queryByTestId('sync-indicator')).toBeNull();
    expect(screen.queryByTestId('host-key-banner')).toBeNull();
  });

  it('says when the status cannot be read, without an alert over the work', async () => {
    await start('checker', { 'sync.status': () => ({ ok: false, error: { code: 'INTERNAL', message: 'The sync engine is not running.' } }) });
    expect(indicator().textContent).toBe('Sync status not available: The sync engine is not running.');
    expect(screen.queryAllByRole('alert')).toEqual([]);
  });
});

describe('host key changed banner', () => {
  it('is not shown while the SFTP server keeps its identity', async () => {
    const bridge = await start('admin');
    await bridge.emit('sync-status', { ...ONLINE, route: 'bulk-sftp', sftp: 'down' });
    expect(screen.queryByTestId('host-key-banner')).toBeNull();
    expect(screen.queryAllByRole('alert').map((node) => node.textContent)).not.toEqual(expect.arrayContaining([expect.stringContaining(BANNER_WORDS)]));
  });

  it('stops everyone with an alert; a checker is told an admin must act', async () => {
    const bridge = await start('checker');
    await bridge.emit('sync-status', { ...ONLINE, route: 'bulk-sftp', sftp: 'host_key_changed' });
    const banner = screen.getByTestId('host-key-banner');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toMatch(/^The SFTP server[’']s identity changed\. All transfers are stopped/);
    expect(banner.textContent).toContain(BANNER_WORDS);
    expect(within(banner).queryByRole('button')).toBeNull();
    // Also in the indicator, in words.
    expect(within(indicator()).getByTestId('sync-sftp').textContent).toBe('SFTP server identity changed — transfers stopped');
    // On another screen still.
    await bridge.user.click(screen.getByRole('button', { name: /^Batches/ }));
    expect(screen.getByTestId('host-key-banner').textContent).toContain(BANNER_WORDS);
    // Gone once the key is confirmed.
    await bridge.emit('sync-status', { ...ONLINE, route: 'bulk-sftp', sftp: 'up' });
    expect(screen.queryByTestId('host-key-banner')).toBeNull();
  });

  it('takes an admin to the Connections screen', async () => {
    const bridge = await start('admin', { 'sync.status': () => ({ ok: true, value: { ...ONLINE, route: 'bulk-sftp', sftp: 'host_key_changed' } }) });
    const banner = screen.getByTestId('host-key-banner');
    await bridge.user.click(within(banner).getByRole('button', { name: 'Check the host key on Connections' }));
    expect(useAppStore.getState().view).toBe('connections');
    expect(await screen.findByRole('heading', { name: 'Connections', level: 2 })).toBeTruthy();
    // Still warned there, without a button to where the admin already is.
    expect(screen.getByTestId('host-key-banner').textContent).toContain(BANNER_WORDS);
    expect(within(screen.getByTestId('host-key-banner')).queryByRole('button')).toBeNull();
  });
});

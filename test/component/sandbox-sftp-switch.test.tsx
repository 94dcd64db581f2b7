// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KycDeskApi, SyncStatus } from '../../shared/contract';
import type { ChannelName } from '../../shared/contract/names';
import type { AppMode } from '../../shared/mode';
import type { Result } from '../../shared/errors';
import { DEFAULT_DOCUMENT_LIMITS } from '../../shared/documents/limits';
import { EMPTY_API_SETTINGS, EMPTY_SFTP_SETTINGS } from '../../shared/connections/settings';
import { SECRET_SLOTS } from '../../shared/secrets/slots';
import { ConnectionsView } from '../../renderer/src/admin/ConnectionsView';
import { useAppStore } from '../../renderer/src/state/app-store';

/** The Connections screen's "Pretend the SFTP server is down": Training mode only, through `training.sftpDown`. */
const STATUS: SyncStatus = { route: 'bulk-sftp', connectivity: 'online', sftp: 'unknown', message: null, checkedAt: null, nextCheckAt: null, activeBatches: 0 };

function setUp(mode: AppMode, sftpDown: (request: { down?: boolean }) => Result<{ down: boolean }>) {
  const calls: Array<[ChannelName, unknown]> = [];
  const handlers: Partial<Record<ChannelName, (request: { down?: boolean }) => Result<unknown>>> = {
    'connections.get': () => ({
      ok: true,
      value: { api: EMPTY_API_SETTINGS, sftp: EMPTY_SFTP_SETTINGS, configured: { api: false, sftp: false }, secrets: Object.fromEntries(SECRET_SLOTS.map((slot) => [slot, false])), mode },
    }),
    'sync.status': () => ({ ok: true, value: STATUS }),
    'training.sftpDown': sftpDown,
  };
  const api = {
    invoke: vi.fn(async (channel: ChannelName, request: unknown) => {
      calls.push([channel, request]);
      return handlers[channel]?.(request as { down?: boolean }) ?? { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    }),
    on: vi.fn(() => () => undefined),
  };
  const operator = { id: 'op_admin', name: 'Training Admin', employeeCode: 'T3', designation: 'Manager', branch: 'Main', organisation: 'Bank', role: 'admin' as const, active: true };
  useAppStore.setState({
    api: api as unknown as KycDeskApi,
    info: { mode, nextMode: mode, notices: [], version: 'test', pollSeconds: 2, documentLimits: DEFAULT_DOCUMENT_LIMITS },
    session: { state: 'signed_in', operator, lockReason: null, needsFirstAdmin: false, trainingOperators: [] },
    view: 'connections',
  });
  render(<ConnectionsView />);
  return { calls, user: userEvent.setup() };
}

const INITIAL = useAppStore.getState();
afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

describe('Pretend the SFTP server is down', () => {
  it('shows the switch in Training mode as the sandbox has it, and flips it through training.sftpDown', async () => {
    let down = false;
    const { calls, user } = setUp('training', (request) => {
      if (request.down !== undefined) down = request.down;
      return { ok: true, value: { down } };
    });
    const box = (await screen.findByRole('checkbox', { name: 'Pretend the SFTP server is down' })) as HTMLInputElement;
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.checked).toBe(false);
    await user.click(box);
    await waitFor(() => expect(box.checked).toBe(true));
    expect(down).toBe(true);
    await user.click(box);
    await waitFor(() => expect(box.checked).toBe(false));
    expect(calls.filter(([channel]) => channel === 'training.sftpDown').map(([, request]) => request)).toEqual([{}, { down: true }, { down: false }]);
  });

  it('says why when the switch cannot be changed, and keeps showing what the sandbox has', async () => {
    const { user } = setUp('training', (request) =>
      request.down === undefined ? { ok: true, value: { down: false } } : { ok: false, error: { code: 'FORBIDDEN', message: 'Only an admin may do this.' } },
    );
    const box = (await screen.findByRole('checkbox', { name: 'Pretend the SFTP server is down' })) as HTMLInputElement;
    await waitFor(() => expect(box.disabled).toBe(false));
    await user.click(box);
    const alert = await within(screen.getByTestId('sandbox-sftp-switch')).findByRole('alert');
    expect(alert.textContent).toContain('Only an admin may do this.');
    expect(box.checked).toBe(false);
  });

  it('is not there in Live mode, and the channel is never asked', async () => {
    const { calls } = setUp('live', () => ({ ok: true, value: { down: false } }));
    await screen.findByTestId('route-picker');
    await waitFor(() => expect(calls.some(([channel]) => channel === 'connections.get')).toBe(true));
    expect(screen.queryByTestId('sandbox-sftp-switch')).toBeNull();
    expect(calls.some(([channel]) => channel === 'training.sftpDown')).toBe(false);
  });
});

// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KycDeskApi, ResponseOf, SyncStatus } from '../../shared/contract';
import type { ChannelName } from '../../shared/contract/names';
import type { Result } from '../../shared/errors';
import { DEFAULT_DOCUMENT_LIMITS } from '../../shared/documents/limits';
import { CONNECTION_MESSAGES, EMPTY_API_SETTINGS, EMPTY_SFTP_SETTINGS } from '../../shared/connections/settings';
import { SECRET_SLOTS } from '../../shared/secrets/slots';
import { ConnectionsView } from '../../renderer/src/admin/ConnectionsView';
import { useAppStore } from '../../renderer/src/state/app-store';

type Handler = (request: { slot?: string; fingerprint?: string; route?: string }) => Result<unknown>;
type View = ResponseOf<'connections.get'>;

const FINGERPRINT = `SHA256:${'k'.repeat(43)}`;
const OTHER = `SHA256:${'z'.repeat(43)}`;
const STATUS: SyncStatus = { route: 'bulk-api', connectivity: 'online', sftp: 'not_used', message: null, checkedAt: null, nextCheckAt: null, activeBatches: 0 };

function setUp(handlers: Partial<Record<ChannelName, Handler>> = {}, start: Partial<View> = {}) {
  const calls: Array<[ChannelName, unknown]> = [];
  const state: View = {
    api: EMPTY_API_SETTINGS,
    sftp: { ...EMPTY_SFTP_SETTINGS, host: 'sftp.example.in', username: 'ckyc', privateKeyPath: '/keys/id', inputFolder: '/in', responseFolder: '/out' },
    configured: { api: false, sftp: true },
    secrets: Object.fromEntries(SECRET_SLOTS.map((slot) => [slot, false])) as View['secrets'],
    mode: 'training',
    ...start,
  };
  const all: Partial<Record<ChannelName, Handler>> = {
    'connections.get': () => ({ ok: true, value: structuredClone(state) }),
    'sync.status': () => ({ ok: true, value: STATUS }),
    'sync.setRoute': ({ route }) => ({ ok: true, value: { ...STATUS, route: route as SyncStatus['route'], sftp: route === 'bulk-sftp' ? 'unknown' : 'not_used' } }),
    'secrets.set': ({ slot }) => {
      state.secrets[slot as keyof View['secrets']] = true;
      return { ok: true, value: {} };
    },
    'secrets.clear': ({ slot }) => {
      state.secrets[slot as keyof View['secrets']] = false;
      return { ok: true, value: {} };
    },
    'connections.probeSftpHostKey': () => ({ ok: true, value: { fingerprint: FINGERPRINT, pinned: state.sftp.hostKeyFingerprint, status: state.sftp.hostKeyFingerprint === null ? 'new' : state.sftp.hostKeyFingerprint === FINGERPRINT ? 'same' : 'changed' } }),
    'connections.pinSftpHostKey': ({ fingerprint }) => {
      state.sftp = { ...state.sftp, hostKeyFingerprint: fingerprint ?? null };
      return { ok: true, value: structuredClone(state) };
    },
    ...handlers,
  };
  const api = {
    invoke: vi.fn(async (channel: ChannelName, request: unknown) => {
      calls.push([channel, request]);
      return all[channel]?.(request as { slot?: string }) ?? { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    }),
    on: vi.fn(() => () => undefined),
  };
  const operator = { id: 'op_admin', name: 'Training Admin', employeeCode: 'T3', designation: 'Manager', branch: 'Main', organisation: 'Bank', role: 'admin' as const, active: true };
  useAppStore.setState({
    api: api as unknown as KycDeskApi,
    info: { mode: 'training', nextMode: 'training', notices: [], version: 'test', pollSeconds: 2, documentLimits: DEFAULT_DOCUMENT_LIMITS },
    session: { state: 'signed_in', operator, lockReason: null, needsFirstAdmin: false, trainingOperators: [] },
    view: 'connections',
  });
  render(<ConnectionsView />);
  return { calls, state, user: userEvent.setup() };
}

const INITIAL = useAppStore.getState();
afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

describe('connections screen', () => {
  it('says saving does not leave Training mode, and shows each refused field beside it', async () => {
    const { calls, user } = setUp({
      'connections.save': () => ({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: '2 connection settings need attention.', fields: { 'api.baseUrl': CONNECTION_MESSAGES.baseUrl, 'api.fiCode': CONNECTION_MESSAGES.code('FI code') } },
      }),
    });
    expect(screen.getByTestId('connections-mode-note').textContent).toContain('does not switch it to live');
    const api = await screen.findByRole('group', { name: 'CKYC API' });
    await user.type(within(api).getByLabelText('Base URL'), 'http://api.example.in');
    await user.type(within(api).getByLabelText('FI code'), 'IN-1');
    await user.click(within(api).getByRole('button', { name: 'Save API settings' }));
    await waitFor(() => expect(calls.some(([channel]) => channel === 'connections.save')).toBe(true));
    const save = calls.find(([channel]) => channel === 'connections.save')![1] as { api: { baseUrl: string; fiCode: string } };
    expect(save.api).toMatchObject({ baseUrl: 'http://api.example.in', fiCode: 'IN-1' });
    const url = within(api).getByLabelText('Base URL');
    await waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'));
    const described = url.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain(CONNECTION_MESSAGES.baseUrl);
    expect(within(api).getAllByRole('alert').map((node) => node.textContent)).toEqual(expect.arrayContaining([CONNECTION_MESSAGES.baseUrl, CONNECTION_MESSAGES.code('FI code')]));
    // Typing in a field clears its message.
    await user.type(url, 's');
    expect(url.getAttribute('aria-invalid')).toBe('false');
  });

  it('sets and clears a secret without ever showing it', async () => {
    const { calls, user } = setUp();
    const api = await screen.findByRole('group', { name: 'CKYC API' });
    expect(within(api).getByTestId('secret-status-ckyc-api-password').textContent).toBe('Not set');
    const input = within(api).getByLabelText('CKYC API password') as HTMLInputElement;
    expect(input.type).toBe('password');
    await user.type(input, 'hunter2-secret');
    await user.click(within(api).getByRole('button', { name: /^Save\s*CKYC API password$/ }));
    await waitFor(() => expect(within(api).getByTestId('secret-status-ckyc-api-password').textContent).toBe('Set'));
    expect(calls).toContainEqual(['secrets.set', { slot: 'ckyc-api-password', value: 'hunter2-secret' }]);
    expect(input.value).toBe('');
    expect(document.body.textContent).not.toContain('hunter2-secret');
    await user.click(within(api).getByRole('button', { name: /^Remove\s*CKYC API password$/ }));
    await waitFor(() => expect(within(api).getByTestId('secret-status-ckyc-api-password').textContent).toBe('Not set'));
    expect(calls).toContainEqual(['secrets.clear', { slot: 'ckyc-api-password' }]);
    // The token slot appears when the API signs in with a pasted token.
    await user.selectOptions(within(api).getByLabelText('Authentication'), 'token');
    expect(within(api).getByLabelText('CKYC API token')).toBeTruthy();
  });

  it('checks the server’s identity, asks for a comparison, then trusts it', async () => {
    const { calls, user } = setUp();
    const hostKey = await screen.findByTestId('host-key');
    await user.click(within(hostKey).getByRole('button', { name: 'Check the server’s identity' }));
    expect((await within(hostKey).findByTestId('probed-fingerprint')).textContent).toBe(FINGERPRINT);
    expect(within(hostKey).getByTestId('host-key-check').textContent).toContain('your IT team gave you');
    await user.click(within(hostKey).getByRole('button', { name: 'Trust this server' }));
    await waitFor(() => expect(within(hostKey).getByTestId('pinned-fingerprint').textContent).toBe(FINGERPRINT));
    expect(calls).toContainEqual(['connections.pinSftpHostKey', { fingerprint: FINGERPRINT }]);
    await user.click(within(hostKey).getByRole('button', { name: 'Check the server’s identity' }));
    expect((await within(hostKey).findByTestId('host-key-same')).textContent).toContain(FINGERPRINT);
  });

  it('warns that transfers are stopped when the server’s key changed', async () => {
    const { user } = setUp({}, { sftp: { ...EMPTY_SFTP_SETTINGS, host: 'sftp.example.in', hostKeyFingerprint: OTHER } });
    const hostKey = await screen.findByTestId('host-key');
    await user.click(within(hostKey).getByRole('button', { name: 'Check the server’s identity' }));
    const warning = await within(hostKey).findByTestId('host-key-changed');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toContain('all SFTP transfers are stopped');
  });

  it('shows the API test result in plain words', async () => {
    const { user } = setUp({ 'connections.testApi': () => ({ ok: true, value: { ok: false, message: 'The training sandbox did not pass the test: it did not answer in time.' } }) });
    await user.click(await screen.findByRole('button', { name: 'Test connection' }));
    const result = await screen.findByTestId('api-test-result');
    expect(result.getAttribute('role')).toBe('alert');
    expect(result.textContent).toContain('did not answer in time');
  });

  it('shows the route in use among the three, each with what it does, and saves another one', async () => {
    const { calls, user } = setUp();
    const group = await screen.findByRole('group', { name: 'Route to the registry' });
    const radios = await within(group).findAllByRole('radio');
    expect(radios.map((radio) => radio.getAttribute('value'))).toEqual(['bulk-api', 'bulk-sftp', 'records-api']);
    const api = within(group).getByRole('radio', { name: 'Bulk upload over the API' }) as HTMLInputElement;
    const sftp = within(group).getByRole('radio', { name: 'Bulk upload with the file over SFTP' }) as HTMLInputElement;
    const records = within(group).getByRole('radio', { name: 'Records API' }) as HTMLInputElement;
    await waitFor(() => expect(api.checked).toBe(true));
    expect(calls).toContainEqual(['sync.status', {}]);
    // Each one's line of explanation is its description; the one in use says so.
    const described = (radio: HTMLElement) => radio.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent).join(' ');
    expect(described(api)).toContain('through the CKYC API');
    expect(described(api)).toContain('In use');
    expect(described(sftp)).toContain('SFTP input folder');
    expect(described(sftp)).not.toContain('In use');
    expect(described(records)).toContain('answered at once');
    const save = screen.getByRole('button', { name: 'Save route' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true); // nothing changed yet

    await user.click(sftp);
    expect(save.disabled).toBe(false);
    await user.click(save);
    await waitFor(() => expect(calls).toContainEqual(['sync.setRoute', { route: 'bulk-sftp' }]));
    const outcome = await within(screen.getByTestId('route-picker')).findByRole('status');
    expect(outcome.textContent).toBe('New batches now go by Bulk upload with the file over SFTP. Batches already under way keep the route they started on.');
    expect(sftp.checked).toBe(true);
    expect(described(sftp)).toContain('In use');
    expect(described(api)).not.toContain('In use');
    expect(save.disabled).toBe(true);
    // The header's indicator follows at once.
    expect(useAppStore.getState().syncStatus).toMatchObject({ route: 'bulk-sftp', sftp: 'unknown' });
  });

  it('shows a refused route change in the server’s words and keeps the route in use', async () => {
    const { calls, user } = setUp({
      'sync.setRoute': () => ({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'Set up SFTP and trust the server’s identity before choosing this route.' } }),
    });
    const group = await screen.findByRole('group', { name: 'Route to the registry' });
    const api = within(group).getByRole('radio', { name: 'Bulk upload over the API' }) as HTMLInputElement;
    await waitFor(() => expect(api.checked).toBe(true));
    await user.click(within(group).getByRole('radio', { name: 'Bulk upload with the file over SFTP' }));
    await user.click(screen.getByRole('button', { name: 'Save route' }));
    const error = await screen.findByTestId('route-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe('Set up SFTP and trust the server’s identity before choosing this route.');
    expect(calls).toContainEqual(['sync.setRoute', { route: 'bulk-sftp' }]);
    expect(within(screen.getByTestId('route-picker')).queryByRole('status')).toBeNull();
    // Still the API route in use, here and in the indicator.
    const inUse = api.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(inUse).toContain('In use');
    expect(useAppStore.getState().syncStatus?.route).toBe('bulk-api');
    // Picking again clears the message.
    await user.click(api);
    expect(screen.queryByTestId('route-error')).toBeNull();
  });

  it('says so when the route in use cannot be read, and offers no choice', async () => {
    setUp({ 'sync.status': () => ({ ok: false, error: { code: 'INTERNAL', message: 'The sync engine is not running.' } }) });
    const error = await screen.findByTestId('route-load-error');
    expect(error.textContent).toBe('The sync engine is not running.');
    const group = screen.getByRole('group', { name: 'Route to the registry' }) as HTMLFieldSetElement;
    expect(group.disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Save route' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

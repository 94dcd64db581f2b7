// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KycDeskApi, ResponseOf } from '../../shared/contract';
import type { ChannelName } from '../../shared/contract/names';
import type { Result } from '../../shared/errors';
import { DEFAULT_DOCUMENT_LIMITS } from '../../shared/documents/limits';
import { CONNECTION_MESSAGES, EMPTY_API_SETTINGS, EMPTY_SFTP_SETTINGS } from '../../shared/connections/settings';
import { SECRET_SLOTS } from '../../shared/secrets/slots';
import { ConnectionsView } from '../../renderer/src/admin/ConnectionsView';
import { useAppStore } from '../../renderer/src/state/app-store';

type Handler = (request: { slot?: string; fingerprint?: string }) => Result<unknown>;
type View = ResponseOf<'connections.get'>;

const FINGERPRINT = `SHA256:${'k'.repeat(43)}`;
const OTHER = `SHA256:${'z'.repeat(43)}`;

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
    info: { mode: 'training', notices: [], version: 'test', pollSeconds: 2, documentLimits: DEFAULT_DOCUMENT_LIMITS },
    session: { state: 'signed_in', operator, lockReason: null, needsFirstAdmin: false, trainingOperators: [] },
    view: 'connections',
  });
  render(<ConnectionsView />);
  return { calls, state, user: userEvent.setup() };
}

afterEach(() => cleanup());

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
});

// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_API_MESSAGES, checkAgentApiSettings, DEFAULT_AGENT_API_SETTINGS, type AgentApiSettings } from '../../shared/connections/agent-api-settings';
import { AgentApiSection } from '../../renderer/src/admin/connections/AgentApiSection';
import { useAppStore } from '../../renderer/src/state/app-store';
import { fakeBridge, signedIn } from './fake-bridge';

const INITIAL = useAppStore.getState();
afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

const view = (settings: AgentApiSettings) => ({ ok: true as const, value: { settings, configured: true, passwordSet: false, mode: 'live' as const } });

describe('the agent API card on the Connections screen', () => {
  it('sends what the admin typed (link types one a line, case kept), shows main’s refusal beside each field, and tests the connection', async () => {
    const saved: unknown[] = [];
    const bridge = fakeBridge({
      'videoKyc.settings.get': () => view(DEFAULT_AGENT_API_SETTINGS),
      'videoKyc.settings.save': (request) => {
        const settings = (request as { settings: AgentApiSettings }).settings;
        saved.push(settings);
        const fields = checkAgentApiSettings(settings);
        return Object.keys(fields).length > 0 ? { ok: false, error: { code: 'VALIDATION_FAILED', message: 'Check the fields.', fields } } : view(settings);
      },
      'videoKyc.settings.test': () => ({ ok: true, value: { ok: false, message: 'The agent API refused the username and password.' } }),
    });
    useAppStore.setState({ api: bridge.api, session: signedIn('admin') });
    render(<AgentApiSection />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Base URL'), 'https://vkyc.example.in');
    await user.type(screen.getByLabelText('Username'), 'ab');
    await user.clear(screen.getByLabelText('Link types'));
    await user.type(screen.getByLabelText('Link types'), 'free{Enter}Assisted');
    await user.click(screen.getByRole('button', { name: 'Save agent API settings' }));
    expect(await screen.findByText(AGENT_API_MESSAGES.username)).toBeTruthy();
    expect(saved[0]).toMatchObject({ baseUrl: 'https://vkyc.example.in', username: 'ab', linkTypes: ['free', 'Assisted'], requestsPerMinute: 30, pollSeconds: 30 });

    await user.type(screen.getByLabelText('Username'), 'c01');
    await user.click(screen.getByRole('button', { name: 'Save agent API settings' }));
    expect(await screen.findByText('Agent API settings saved.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(screen.getByTestId('agent-api-test-result').textContent).toBe('The agent API refused the username and password.'));
    expect(screen.getByTestId('secret-status-agent-api-password').textContent).toBe('Not set');
  });
});

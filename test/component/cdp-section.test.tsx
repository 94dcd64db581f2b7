// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { CDP_MESSAGES, checkCdpSettings, DEFAULT_CDP_SETTINGS, type CdpSettings } from '../../shared/connections/cdp-settings';
import { CdpSection } from '../../renderer/src/admin/connections/CdpSection';
import { useAppStore } from '../../renderer/src/state/app-store';
import { fakeBridge, signedIn } from './fake-bridge';

const INITIAL = useAppStore.getState();
afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

const view = (settings: CdpSettings, secrets = { clientSecretSet: false, passwordSet: true }) => ({ ok: true as const, value: { settings, configured: true, ...secrets, mode: 'live' as const } });

describe('the UAE CDP card on the Connections screen', () => {
  it('sends what the admin typed, shows main’s refusal beside each field, shows which secrets are set, and tests the connection in words', async () => {
    const saved: CdpSettings[] = [];
    const bridge = fakeBridge({
      'uaeCdp.settings.get': () => view(DEFAULT_CDP_SETTINGS),
      'uaeCdp.settings.save': (request) => {
        const settings = (request as { settings: CdpSettings }).settings;
        saved.push(settings);
        const fields = checkCdpSettings(settings);
        return Object.keys(fields).length > 0 ? { ok: false, error: { code: 'VALIDATION_FAILED', message: 'Check the fields.', fields } } : view(settings);
      },
      'uaeCdp.settings.test': () => ({ ok: true, value: { ok: false, message: "The CDP refused KYC Desk's client id or client secret (HTTP 401: invalid_client)." } }),
    });
    useAppStore.setState({ api: bridge.api, session: signedIn('admin') });
    render(<CdpSection />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Base URL'), 'https://cdp.example.ae');
    await user.type(screen.getByLabelText('Client id'), 'branch desk');
    await user.type(screen.getByLabelText('Scope'), 'api://cdp/customer');
    await user.type(screen.getByLabelText('Username'), 'branch01');
    await user.click(screen.getByRole('button', { name: 'Save UAE CDP settings' }));
    expect(await screen.findByText(CDP_MESSAGES.clientId)).toBeTruthy();
    expect(saved[0]).toEqual({ baseUrl: 'https://cdp.example.ae', clientId: 'branch desk', scope: 'api://cdp/customer', username: 'branch01' });

    await user.clear(screen.getByLabelText('Client id'));
    await user.type(screen.getByLabelText('Client id'), 'branch-desk');
    await user.click(screen.getByRole('button', { name: 'Save UAE CDP settings' }));
    expect(await screen.findByText('UAE CDP settings saved.')).toBeTruthy();
    expect(screen.queryByText(CDP_MESSAGES.clientId)).toBeNull();

    expect(screen.getByTestId('secret-status-uae-oauth-client-secret').textContent).toBe('Not set');
    expect(screen.getByTestId('secret-status-uae-password').textContent).toBe('Set');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(screen.getByTestId('cdp-test-result').textContent).toBe("The CDP refused KYC Desk's client id or client secret (HTTP 401: invalid_client)."));
    expect(screen.getByTestId('cdp-test-result').getAttribute('role')).toBe('alert');
  });
});

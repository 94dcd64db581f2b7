// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CDP_SETTINGS, type CdpSettings } from '../../shared/connections/cdp-settings';
import type { CdpView } from '../../shared/contract';
import { CardSecrets, ConnectionCard, SettingsForm, TestConnection } from '../../renderer/src/admin/connections/card-parts';
import { TextField } from '../../renderer/src/admin/connections/form-parts';
import { useConnectionCard, type ConnectionCardSpec } from '../../renderer/src/admin/connections/use-connection-card';
import { useAppStore } from '../../renderer/src/state/app-store';
import { fakeBridge, signedIn } from './fake-bridge';

const INITIAL = useAppStore.getState();
afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

/** An answer main has not given yet, given when the test says so. */
function later<T>() {
  let give!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (give = resolve));
  return { promise, give };
}

const view = (settings: CdpSettings, passwordSet = false) => ({ ok: true as const, value: { settings, configured: true, clientSecretSet: false, passwordSet, mode: 'live' as const } });

const SPEC: ConnectionCardSpec<CdpView, CdpSettings> = {
  read: (call) => call('uaeCdp.settings.get', {}),
  save: (call, settings) => call('uaeCdp.settings.save', { settings }),
  test: (call) => call('uaeCdp.settings.test', {}),
  formOf: (v) => v.settings,
  plain: { baseUrl: 'Start the address with https://.' },
  savedText: 'Saved it.',
};

/** A card made of nothing but the hook and the shared parts, as a real card is. */
function Card() {
  const card = useConnectionCard(SPEC);
  if (!card.form || !card.view) return <p data-testid="load-error">{card.error?.message ?? 'loading'}</p>;
  return (
    <ConnectionCard legend="A connection">
      <SettingsForm label="Its settings" saveLabel="Save it" errorTestId="card-error" editor={card}>
        <TextField label="Base URL" name="x.baseUrl" {...card.bind('baseUrl')} />
        <TextField label="Username" name="x.username" {...card.bind('username')} />
      </SettingsForm>
      <CardSecrets label="Its secrets" slots={[['uae-password', card.view.passwordSet]]} {...card.secrets} />
      <TestConnection test={card.test} testing={card.testing} onTest={card.runTest} testId="card-test" />
    </ConnectionCard>
  );
}

function setUp(handlers: Parameters<typeof fakeBridge>[0]) {
  const bridge = fakeBridge(handlers);
  useAppStore.setState({ api: bridge.api, session: signedIn('admin') });
  render(<Card />);
  return { bridge, user: userEvent.setup() };
}

describe('useConnectionCard, the hook every Connections card is made of', () => {
  it('sends a save once however often it is pressed, puts a schema refusal beside its field in plain words, and clears it as that field changes', async () => {
    const answers = [later<ReturnType<typeof view> | { ok: false; error: unknown }>()];
    const { bridge, user } = setUp({ 'uaeCdp.settings.get': () => view(DEFAULT_CDP_SETTINGS), 'uaeCdp.settings.save': () => answers[0]!.promise as never });
    await user.type(await screen.findByLabelText('Base URL'), 'http://x');
    await user.click(screen.getByRole('button', { name: 'Save it' }));
    expect(screen.getByRole('button', { name: 'Saving…' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Saving…' }));
    expect(bridge.callsTo('uaeCdp.settings.save')).toHaveLength(1);

    await act(async () => answers[0]!.give({ ok: false, error: { code: 'BAD_REQUEST', message: 'Invalid', fields: { baseUrl: 'Invalid string: must start with "https"' } } }));
    expect(await screen.findByText('Start the address with https://.')).toBeTruthy();
    expect(screen.queryByText(/Invalid string/)).toBeNull();
    // the field says it all, so no alert box repeats it
    expect(screen.queryByTestId('card-error')).toBeNull();
    await user.type(screen.getByLabelText('Base URL'), 's');
    expect(screen.queryByText('Start the address with https://.')).toBeNull();
  });

  it('says what was saved, forgets it once a field changes, and puts main’s copy of the settings back in the form', async () => {
    const { bridge, user } = setUp({
      'uaeCdp.settings.get': () => view(DEFAULT_CDP_SETTINGS),
      'uaeCdp.settings.save': (request) => view({ ...(request as { settings: CdpSettings }).settings, username: 'kept-by-main' }),
    });
    await user.type(await screen.findByLabelText('Username'), 'typed');
    await user.click(screen.getByRole('button', { name: 'Save it' }));
    expect(await screen.findByText('Saved it.')).toBeTruthy();
    expect(bridge.callsTo('uaeCdp.settings.save')[0]).toMatchObject({ settings: { username: 'typed' } });
    expect((screen.getByLabelText('Username') as HTMLInputElement).value).toBe('kept-by-main');
    await user.type(screen.getByLabelText('Base URL'), 'h');
    expect(screen.queryByText('Saved it.')).toBeNull();
  });

  it('runs one test at a time and says why when main could not be asked', async () => {
    const answer = later<{ ok: false; error: { code: string; message: string } }>();
    const { bridge, user } = setUp({ 'uaeCdp.settings.get': () => view(DEFAULT_CDP_SETTINGS), 'uaeCdp.settings.test': () => answer.promise as never });
    await user.click(await screen.findByRole('button', { name: 'Test connection' }));
    expect(screen.getByRole('button', { name: 'Testing…' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Testing…' }));
    expect(bridge.callsTo('uaeCdp.settings.test')).toHaveLength(1);
    await act(async () => answer.give({ ok: false, error: { code: 'INTERNAL', message: 'KYC Desk could not ask.' } }));
    await waitFor(() => expect(screen.getByTestId('card-test').textContent).toBe('KYC Desk could not ask.'));
    expect(screen.getByTestId('card-test').getAttribute('role')).toBe('alert');
    expect(screen.getByRole('button', { name: 'Test connection' })).toHaveProperty('disabled', false);
  });

  it('after a secret is saved says so and reads again which secrets are set, keeping what the admin typed', async () => {
    let passwordSet = false;
    const { bridge, user } = setUp({
      'uaeCdp.settings.get': () => view(DEFAULT_CDP_SETTINGS, passwordSet),
      'secrets.set': () => {
        passwordSet = true;
        return { ok: true, value: {} };
      },
    });
    await user.type(await screen.findByLabelText('Username'), 'half-typed');
    expect(screen.getByTestId('secret-status-uae-password').textContent).toBe('Not set');
    const secret = document.querySelector<HTMLInputElement>('[data-slot="uae-password"] input')!;
    await user.type(secret, 'hunter2hunter2');
    await user.click(secret.form!.querySelector('button[type="submit"]')!);
    expect(await screen.findByText(/saved in the keychain\./)).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('secret-status-uae-password').textContent).toBe('Set'));
    expect(bridge.callsTo('uaeCdp.settings.get')).toHaveLength(2);
    expect((screen.getByLabelText('Username') as HTMLInputElement).value).toBe('half-typed');
  });

  it('shows why the card could not be read instead of a form', async () => {
    setUp({ 'uaeCdp.settings.get': () => ({ ok: false, error: { code: 'INTERNAL', message: 'The keychain did not answer.' } }) });
    await waitFor(() => expect(screen.getByTestId('load-error').textContent).toBe('The keychain did not answer.'));
    expect(screen.queryByLabelText('Base URL')).toBeNull();
  });
});

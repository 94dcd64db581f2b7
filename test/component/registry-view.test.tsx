// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ActivitySeries, RegistryRequest, ResponseOf, SftpHealthSample } from '../../shared/contract';
import type { ChannelName } from '../../shared/contract/names';
import type { Role } from '../../shared/operators/roles';
import type { Result } from '../../shared/errors';
import { App } from '../../renderer/src/shell/App';
import { RegistryView } from '../../renderer/src/registry/RegistryView';
import { groupIndian } from '../../renderer/src/registry/registry-format';
import { useAppStore } from '../../renderer/src/state/app-store';
import { APP_INFO, fakeBridge, signedIn, type Handler } from './fake-bridge';

const INITIAL = useAppStore.getState();

beforeAll(() => {
  // recharts' ResponsiveContainer measures its box; jsdom has no layout, so it is given one.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  useAppStore.setState(INITIAL, true);
});

function entry(n: number, change: Partial<RegistryRequest> = {}): RegistryRequest {
  return {
    clientId: `c_${n}`,
    batchFileName: `KD_2026_${n}`,
    state: 'upload_succeeded',
    individuals: 3,
    succeeded: 3,
    failed: 0,
    error: null,
    createdAt: '2026-11-30T04:30:00Z',
    updatedAt: '2026-11-30T04:31:00Z',
    localBatch: null,
    ...change,
  };
}

const PAGE: ResponseOf<'registry.requests'> = {
  items: [
    entry(1, { localBatch: { id: 'bat_ours', state: 'succeeded' } }),
    entry(2, { state: 'on_hold_by_cersai', individuals: null, succeeded: null, failed: null, createdAt: null, batchFileName: null }),
    entry(3, { state: 'upload_failed', error: 'Batch rejected: individuals.csv has no header row.' }),
  ],
  page: 1,
  pageSize: 100,
  total: 1_23_456,
  totalPages: 1_235,
};

function setUp(role: Role, handlers: Partial<Record<ChannelName, Handler>> = {}) {
  const bridge = fakeBridge({
    'app.info': () => APP_INFO,
    'session.state': () => ({ ok: true, value: signedIn(role) }),
    'records.list': () => ({ ok: true, value: { items: [], total: 0, counts: {} } }),
    'batches.list': () => ({ ok: true, value: { items: [], total: 0 } }),
    'sync.status': () => ({ ok: true, value: { route: 'bulk-api', connectivity: 'online', sftp: 'not_used', message: null, checkedAt: null, nextCheckAt: null, activeBatches: 0 } }),
    'registry.requests': () => ({ ok: true, value: PAGE }),
    ...handlers,
  });
  return {
    ...bridge,
    async start(element = <RegistryView />) {
      await act(() => useAppStore.getState().connect(bridge.api));
      render(element);
      return userEvent.setup();
    },
  };
}

function cells(table: HTMLElement, row: HTMLElement): Record<string, string> {
  const headers = within(table).getAllByRole('columnheader').map((th) => th.textContent ?? '');
  const values = within(row).getAllByRole('cell').map((td) => td.textContent ?? '');
  return Object.fromEntries(headers.map((header, i) => [header, values[i] ?? '']));
}

describe('the Registry screen', () => {
  it('is in the navigation for checkers and admins, never for makers', async () => {
    for (const [role, shown] of [['checker', true], ['admin', true], ['maker', false]] as const) {
      const bridge = setUp(role);
      await bridge.start(<App />);
      expect(screen.queryByRole('button', { name: 'Registry' }) !== null).toBe(shown);
      cleanup();
      useAppStore.setState(INITIAL, true);
    }
  });

  it('shows the registry\'s page: its own word for a state it does not know, "—" for what it left out, lakh grouping, and our batch linked', async () => {
    const bridge = setUp('checker', { 'batches.get': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }) });
    const user = await bridge.start(<App />);
    await user.click(screen.getByRole('button', { name: 'Registry' }));
    const table = await screen.findByRole('table', { name: 'Requests at the registry' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(cells(table, rows[0]!)).toMatchObject({ 'Batch file name': 'KD_2026_1', State: 'Succeeded', Individuals: '3', 'Sent from here': 'Our batch (Upload succeeded)' });
    expect(cells(table, rows[1]!)).toMatchObject({ 'Batch file name': '—', State: "on_hold_by_cersai (registry's word)", Individuals: '—', Succeeded: '—', Made: '—' });
    expect(cells(table, rows[2]!)).toMatchObject({ State: 'Failed', 'Registry’s message': 'Batch rejected: individuals.csv has no header row.', 'Sent from here': '—' });
    expect(screen.getByRole('navigation', { name: 'Registry request pages' }).textContent).toContain('1–3 of 1,23,456');

    await user.click(within(rows[0]!).getByRole('button', { name: 'Open our batch KD_2026_1' }));
    expect(useAppStore.getState().view).toBe('batches');
    expect(bridge.callsTo('batches.get')).toEqual([{ id: 'bat_ours' }]);
  });

  it('passes the filters to the registry: upload or update, state, the days typed DD/MM/YYYY, search, and pages', async () => {
    const bridge = setUp('checker');
    const user = await bridge.start();
    await screen.findByRole('table', { name: 'Requests at the registry' });
    await user.selectOptions(screen.getByLabelText('Requests'), 'update');
    await user.selectOptions(screen.getByLabelText('State'), 'processing');
    await user.type(screen.getByLabelText('Made from'), '01/11/2026');
    await user.type(screen.getByLabelText('Made to'), '07/11/2026');
    await user.type(screen.getByLabelText('Search client id or batch file name'), 'KD_2026');
    await waitFor(() => expect(bridge.callsTo('registry.requests').at(-1)).toMatchObject({ search: 'KD_2026' }));
    const last = bridge.callsTo('registry.requests').at(-1) as Record<string, unknown>;
    expect(last).toMatchObject({ page: 1, pageSize: 100, statusType: 'update', state: 'processing' });
    expect(new Date(last.from as string).getDate()).toBe(1);
    expect(new Date(last.to as string).getDate()).toBe(8); // the first moment after 07/11: the whole day is in
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(bridge.callsTo('registry.requests').at(-1)).toMatchObject({ page: 2, statusType: 'update', search: 'KD_2026' }));
  });

  it('an answer to a filter since replaced is dropped: the page shown is the one for the filters shown', async () => {
    const pending: Array<(value: Result<unknown>) => void> = [];
    const bridge = setUp('checker', { 'registry.requests': () => new Promise((resolve) => pending.push(resolve)) });
    const user = await bridge.start();
    await waitFor(() => expect(pending).toHaveLength(1));
    await user.selectOptions(screen.getByLabelText('Requests'), 'update');
    await waitFor(() => expect(pending).toHaveLength(2));
    const updates = { ...PAGE, items: [entry(9, { batchFileName: 'KD_UPDATE_9' })] };
    await act(async () => pending[1]!({ ok: true, value: updates }));
    await act(async () => pending[0]!({ ok: true, value: PAGE }));
    const table = await screen.findByRole('table', { name: 'Requests at the registry' });
    expect(within(table).getAllByRole('row').slice(1).map((row) => row.getAttribute('data-client-id'))).toEqual(['c_9']);
  });

  it('a registry that cannot be read is a sentence on the screen with a way to try again, and nothing read before is lost', async () => {
    let fail = false;
    const bridge = setUp('checker', {
      'registry.requests': () => (fail ? { ok: false, error: { code: 'REMOTE_INVALID_RESPONSE', message: "The registry's answer could not be read: The server sent a web page instead of data." } } : { ok: true, value: PAGE }),
    });
    const user = await bridge.start();
    await screen.findByRole('table', { name: 'Requests at the registry' });
    fail = true;
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The server sent a web page instead of data.');
    expect(screen.getByRole('table', { name: 'Requests at the registry' })).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
});

describe('bulk downloads, activity and SFTP health', () => {
  it('lists the bulk download requests the registry gave', async () => {
    const bridge = setUp('admin', {
      'registry.downloads': () => ({ ok: true, value: { items: [{ clientId: 'd_1', batchFileName: 'KD_DL_1', state: 'processing', individuals: 12, succeeded: null, failed: null, createdAt: null, updatedAt: null, localBatch: null, fetchRequests: [] }], page: 1, pageSize: 50, total: 1, totalPages: 1 } }),
    });
    const user = await bridge.start();
    await user.click(screen.getByRole('button', { name: 'Bulk downloads' }));
    const table = await screen.findByRole('table', { name: 'Bulk download requests' });
    expect(cells(table, within(table).getAllByRole('row')[1]!)).toMatchObject({ 'Batch file name': 'KD_DL_1', State: 'Processing', 'People asked for': '12', Found: '—' });
  });

  it('links a download this PC sent to its batch and to the fetch request it carried, each opening its screen', async () => {
    const ours = { clientId: 'd_2', batchFileName: 'KD_DL_2', state: 'completed', individuals: 3, succeeded: 3, failed: 0, createdAt: null, updatedAt: null, localBatch: { id: 'bat_dl', state: 'succeeded' }, fetchRequests: [{ id: 'rec_dl', reference: 'KDDOWNLOAD0002' }] };
    const bridge = setUp('checker', {
      'registry.downloads': () => ({ ok: true, value: { items: [ours], page: 1, pageSize: 50, total: 1, totalPages: 1 } }),
      'batches.get': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }),
      'fetch.list': () => ({ ok: true, value: { items: [], total: 0 } }),
      'fetch.results': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }),
    });
    const user = await bridge.start(<App />);
    await user.click(screen.getByRole('button', { name: 'Registry' }));
    await user.click(await screen.findByRole('button', { name: 'Bulk downloads' }));
    const table = await screen.findByRole('table', { name: 'Bulk download requests' });
    expect(cells(table, within(table).getAllByRole('row')[1]!)).toMatchObject({ 'Sent from here': 'Our batch (Download succeeded)KDDOWNLOAD0002' });
    await user.click(within(table).getByRole('button', { name: 'Open fetch request KDDOWNLOAD0002' }));
    expect(useAppStore.getState().view).toBe('fetch');
    await waitFor(() => expect(bridge.callsTo('fetch.results')).toEqual([{ id: 'rec_dl' }]));
    await user.click(screen.getByRole('button', { name: 'Registry' }));
    await user.click(await screen.findByRole('button', { name: 'Bulk downloads' }));
    await user.click(await screen.findByRole('button', { name: 'Open our batch KD_DL_2' }));
    expect(useAppStore.getState().view).toBe('batches');
    expect(bridge.callsTo('batches.get')).toEqual([{ id: 'bat_dl' }]);
  });

  it('draws the activity as a chart and gives the same figures as a table, says which chart is missing, and bills per month in lakhs', async () => {
    const series: ActivitySeries[] = [
      { type: 'upload', points: [{ date: '2026-11-29', requests: 4, individuals: 1_50_000, succeeded: null, failed: null }], problem: null },
      { type: 'update', points: [{ date: '2026-11-29', requests: 1, individuals: null, succeeded: null, failed: null }], problem: null },
      { type: 'download', points: [], problem: 'The registry had a problem of its own answering the download chart (HTTP 502).' },
    ];
    const bridge = setUp('checker', {
      'registry.activity': (request) => ({
        ok: true,
        value: { days: (request as { days: number }).days, series, billing: [{ month: '2026-11', from: '2026-11-01', to: '2026-11-29', upload: 12_34_567, update: 8, download: null, total: null }] },
      }),
    });
    const user = await bridge.start();
    await user.click(screen.getByRole('button', { name: 'Activity and billing' }));
    const perDay = await screen.findByRole('table', { name: 'Requests per day, last 30 days' }, { timeout: 10_000 });
    expect(cells(perDay, within(perDay).getAllByRole('row')[1]!)).toEqual({ Day: '29/11/2026', 'New records: requests': '4', 'New records: individuals': '1,50,000', 'Updates: requests': '1', 'Updates: individuals': '—' });
    expect(screen.getByText(/Downloads: The registry had a problem/)).toBeTruthy();
    const billing = screen.getByRole('table', { name: 'Individuals billed per month' });
    expect(cells(billing, within(billing).getAllByRole('row')[1]!)).toMatchObject({ Month: 'November 2026', 'New records': '12,34,567', Updates: '8', Downloads: '—', 'Individuals billed': '—' });
    // The chart library is a lazy chunk: its first import can take seconds on a busy machine.
    expect(await screen.findByTestId('activity-chart', {}, { timeout: 15_000 })).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Last'), '7');
    await screen.findByRole('table', { name: 'Requests per day, last 7 days' }, { timeout: 10_000 });
    expect(bridge.callsTo('registry.activity')).toEqual([{ days: 30 }, { days: 7 }]);
  });

  it('asks for SFTP health on a timer only while its section is open, and shows the history with a word it does not know', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const history: SftpHealthSample[] = [];
    const words = ['up', 'degraded', 'down'];
    const bridge = setUp('checker', {
      'registry.sftpHealth': () => {
        history.unshift({ at: new Date(Date.UTC(2026, 10, 30, 4, history.length)).toISOString(), status: words[history.length] ?? 'up', problem: null, source: 'screen' });
        return { ok: true, value: { history: [...history] } };
      },
    });
    const user = await bridge.start();
    await user.click(screen.getByRole('button', { name: 'SFTP health' }));
    expect((await screen.findByTestId('sftp-now')).textContent).toContain('Up');
    await act(async () => {
      vi.advanceTimersByTime(30_000);
    });
    await waitFor(() => expect(screen.getByTestId('sftp-now').textContent).toContain("degraded (registry's word)"));
    expect(within(screen.getByRole('table', { name: 'SFTP health, this run' })).getAllByRole('row')).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'Requests' }));
    await act(async () => {
      vi.advanceTimersByTime(120_000);
    });
    expect(bridge.callsTo('registry.sftpHealth')).toHaveLength(2);
  });
});

describe('lakh grouping', () => {
  it('groups by thousands, then lakhs and crores', () => {
    expect([0, 999, 1000, 99_999, 1_00_000, 12_34_567, 1_23_45_67_890, -45_000].map(groupIndian)).toEqual(['0', '999', '1,000', '99,999', '1,00,000', '12,34,567', '1,23,45,67,890', '-45,000']);
  });
});

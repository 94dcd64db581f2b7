// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchRequestSummary, RecordSummary } from '../../shared/contract';
import type { ChannelName } from '../../shared/contract/names';
import { App } from '../../renderer/src/shell/App';
import { useAppStore } from '../../renderer/src/state/app-store';
import { APP_INFO, fakeBridge, signedIn, type Handler } from './fake-bridge';

/** The queue lists records of every kind: each row opens where its kind is shown, never read as another kind. */
const INITIAL = useAppStore.getState();

afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

const row = (id: string, kind: string | undefined, reference: string, name: string): RecordSummary => ({
  id,
  reference,
  ...(kind ? { kind } : {}),
  name,
  panMasked: '',
  mobileMasked: '',
  state: 'awaiting_approval',
  createdAt: '2026-12-01T04:30:00Z',
  updatedAt: '2026-12-01T04:30:00Z',
  batchId: null,
  message: null,
});

const DOWNLOAD = row('rec_dl', 'ckyc-download-request', 'KDDOWNLOAD0001', 'CKYC DOWNLOAD: 1 PERSON');
const UNKNOWN = row('rec_new', 'some-later-kind', 'KDLATERKIND001', 'A LATER KIND');

/** The request is older than the Fetch screen's first page: only fetch.results knows it. */
const REQUEST: FetchRequestSummary = { id: 'rec_dl', reference: 'KDDOWNLOAD0001', state: 'awaiting_approval', people: 1, fetched: 0, failed: 0, createdAt: '2026-12-01T04:30:00Z', updatedAt: '2026-12-01T04:30:00Z', requestedBy: 'Training maker', batchId: null, message: null };

async function start(handlers: Partial<Record<ChannelName, Handler>> = {}) {
  const bridge = fakeBridge({
    'app.info': () => APP_INFO,
    'session.state': () => ({ ok: true, value: signedIn('checker') }),
    'records.list': () => ({ ok: true, value: { items: [DOWNLOAD, UNKNOWN], total: 2, counts: { awaiting_approval: 2 } } }),
    'records.approve': () => ({ ok: true, value: { approved: [DOWNLOAD.reference], refused: [] } }),
    'batches.list': () => ({ ok: true, value: { items: [], total: 0 } }),
    'records.makers': () => ({ ok: true, value: { items: [] } }),
    'sync.status': () => ({ ok: true, value: { route: 'bulk-api', connectivity: 'online', sftp: 'not_used', message: null, checkedAt: null, nextCheckAt: null, activeBatches: 0 } }),
    'fetch.list': () => ({ ok: true, value: { items: [], total: 60 } }),
    'fetch.results': () => ({ ok: true, value: { request: REQUEST, people: [{ ckycNumber: '10000000000011', dob: '1990-04-15', mobileMasked: null, state: 'waiting', registryState: null, error: null, record: null, raw: null, photograph: null, fetchedAt: null }] } }),
    'records.get': () => ({ ok: false, error: { code: 'BAD_REQUEST', message: 'KDLATERKIND001 is a later kind, not a customer\'s record: open it on its own screen.' } }),
    ...handlers,
  });
  await act(() => useAppStore.getState().connect(bridge.api));
  render(<App />);
  return { ...bridge, user: userEvent.setup() };
}

describe('opening a queue row by its kind', () => {
  it('a download request opens on the Fetch from CKYC screen with its people, never in the individual\'s review', async () => {
    const bridge = await start();
    const table = await screen.findByRole('table', { name: 'Records' });
    await bridge.user.click(within(table).getByRole('button', { name: `Open ${DOWNLOAD.reference}` }));
    expect(await screen.findByRole('heading', { name: `People of ${DOWNLOAD.reference}` })).toBeTruthy();
    expect(useAppStore.getState().view).toBe('fetch');
    expect(screen.getByRole('article', { name: 'CKYC 10000000000011' }).textContent).toContain('Waiting for the registry');
    expect(bridge.callsTo('fetch.results')).toContainEqual({ id: DOWNLOAD.id });
    expect(bridge.callsTo('records.get')).toEqual([]);
    expect(useAppStore.getState().fetchFocus).toBeNull();
  });

  it('a checker approves a download request from its queue row, as any record', async () => {
    const bridge = await start();
    const table = await screen.findByRole('table', { name: 'Records' });
    const line = within(table).getByText(DOWNLOAD.reference).closest('tr')!;
    await bridge.user.click(within(line as HTMLElement).getByRole('button', { name: 'Approve' }));
    expect(bridge.callsTo('records.approve')).toEqual([{ ids: [DOWNLOAD.id] }]);
    expect(await screen.findByText(/Approved 1 record/)).toBeTruthy();
  });

  it('a row the review cannot show is said in words, and the queue stays', async () => {
    const bridge = await start();
    const table = await screen.findByRole('table', { name: 'Records' });
    await bridge.user.click(within(table).getByRole('button', { name: `Open ${UNKNOWN.reference}` }));
    expect((await screen.findByText(/is a later kind, not a customer's record/)).closest('[role="alert"]')).toBeTruthy();
    expect(useAppStore.getState().view).toBe('queue');
    expect(useAppStore.getState().openRecord).toBeNull();
    expect(screen.getByRole('table', { name: 'Records' })).toBeTruthy();
  });
});

// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KycDeskApi, RecordSummary } from '../../shared/contract';
import type { ChannelName } from '../../shared/contract/names';
import type { Result } from '../../shared/errors';
import { DEFAULT_DOCUMENT_LIMITS } from '../../shared/documents/limits';
import { validateKycRecord } from '../../shared/validation';
import { QueueView } from '../../renderer/src/queue/QueueView';
import { useAppStore } from '../../renderer/src/state/app-store';
import { FIXTURE_TODAY, completeKycRecord } from '../support/kyc-records';

vi.mock('../../renderer/src/capture/images', () => ({
  StoredImage: ({ alt }: { alt: string }) => <img alt={alt} />,
}));

type Handler = (request: unknown) => Result<unknown>;

const summary = (n: number, state: RecordSummary['state']): RecordSummary => ({
  id: `rec_${n}`,
  reference: `KD00000000000${n}`,
  name: `CUSTOMER ${n}`,
  panMasked: '••••••234K',
  mobileMasked: '•••••••210',
  state,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  batchId: null,
  message: state === 'failed' ? 'PAN: invalid' : null,
});

const ROWS = [summary(1, 'awaiting_approval'), summary(2, 'awaiting_approval'), summary(3, 'failed'), summary(4, 'succeeded')];
const RECORD = (() => {
  const check = validateKycRecord(completeKycRecord(), FIXTURE_TODAY);
  if (!check.ok) throw new Error('fixture must be valid');
  return check.value;
})();

function setUp(role: 'checker' | 'maker', handlers: Partial<Record<ChannelName, Handler>> = {}) {
  const calls: Array<[ChannelName, unknown]> = [];
  const all: Partial<Record<ChannelName, Handler>> = {
    'records.list': () => ({ ok: true, value: { items: ROWS, total: ROWS.length, counts: { awaiting_approval: 2, failed: 1, succeeded: 1 } } }),
    'records.approve': () => ({ ok: true, value: { approved: ['KD000000000001', 'KD000000000002'], refused: [] } }),
    'records.markReady': () => ({ ok: true, value: { marked: ['KD000000000003'], refused: [] } }),
    'batches.list': () => ({ ok: true, value: { items: [], total: 0 } }),
    'records.makers': () => ({ ok: true, value: { items: [{ id: 'op_maker', name: 'Training Maker' }, { id: 'op_two', name: 'Second Maker' }] } }),
    'records.get': (request) => ({
      ok: true,
      value: {
        summary: ROWS.find((row) => row.id === (request as { id: string }).id)!,
        record: RECORD,
        capturedBy: 'Training Maker',
        approvedBy: null,
        verifier: null,
        editable: role === 'maker',
      },
    }),
    ...handlers,
  };
  const api = {
    invoke: vi.fn(async (channel: ChannelName, request: unknown) => {
      calls.push([channel, request]);
      return all[channel]?.(request) ?? { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    }),
    on: vi.fn(() => () => undefined),
  };
  const operator = { id: `op_${role}`, name: `Training ${role}`, employeeCode: 'T1', designation: 'Officer', branch: 'Main', organisation: 'Bank', role, active: true };
  useAppStore.setState({
    api: api as unknown as KycDeskApi,
    info: { mode: 'training', nextMode: 'training', notices: [], version: 'test', pollSeconds: 2, documentLimits: DEFAULT_DOCUMENT_LIMITS },
    session: { state: 'signed_in', operator, lockReason: null, needsFirstAdmin: false, trainingOperators: [] },
    records: { items: ROWS, total: ROWS.length, counts: { awaiting_approval: 2, failed: 1, succeeded: 1 } },
    openRecord: null,
    editing: null,
    view: 'queue',
  });
  render(<QueueView />);
  return { calls, user: userEvent.setup() };
}

afterEach(() => cleanup());

describe('queue: review and bulk actions', () => {
  it('a checker ticks records and approves them, or sends failed ones again, in one go', async () => {
    const { calls, user } = setUp('checker');
    // Only records a checker can act on can be ticked.
    expect(screen.queryByLabelText('Tick KD000000000004')).toBeNull();
    await user.click(screen.getByLabelText('Tick KD000000000001'));
    await user.click(screen.getByLabelText('Tick KD000000000002'));
    await user.click(screen.getByLabelText('Tick KD000000000003'));
    const bar = screen.getByRole('group', { name: 'With the ticked records' });
    expect(bar.textContent).toContain('3 ticked');
    await user.click(within(bar).getByRole('button', { name: 'Approve 2 ticked' }));
    await waitFor(() => expect(calls).toContainEqual(['records.approve', { ids: ['rec_1', 'rec_2'] }]));
    // The ticks are cleared after the action.
    await waitFor(() => expect(screen.queryByRole('group', { name: 'With the ticked records' })).toBeNull());
    await user.click(screen.getByLabelText('Tick KD000000000003'));
    await user.click(screen.getByRole('button', { name: 'Send 1 failed again' }));
    await waitFor(() => expect(calls).toContainEqual(['records.markReady', { ids: ['rec_3'] }]));
    await waitFor(() => expect(useAppStore.getState().syncNotice).toBe('1 record will go in the next batch.'));
  });

  it('filters by who captured the records, in main', async () => {
    const { calls, user } = setUp('checker');
    const select = await screen.findByLabelText('Captured by');
    await waitFor(() => expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Anyone', 'Training Maker', 'Second Maker']));
    await user.selectOptions(select, 'op_two');
    await waitFor(() => expect(calls).toContainEqual(['records.list', { page: 1, pageSize: 100, createdBy: 'op_two' }]));
    // "Only records I captured" wins over the choice, and greys it out.
    await user.click(screen.getByLabelText('Only records I captured'));
    await waitFor(() => expect(calls).toContainEqual(['records.list', { page: 1, pageSize: 100, createdBy: 'op_checker' }]));
    expect((select as HTMLSelectElement).disabled).toBe(true);
  });

  it('opens a record with its fields beside its images, and the checker can approve it there', async () => {
    const { calls, user } = setUp('checker');
    await user.click(screen.getByRole('button', { name: 'Open KD000000000001' }));
    const review = await screen.findByTestId('record-review');
    expect(within(review).getByText('ASHA RANI VERMA', { exact: false })).toBeTruthy();
    const images = within(review).getByRole('list', { name: 'Photograph and documents' });
    expect(within(images).getAllByRole('img')).toHaveLength(RECORD.images.length);
    expect(images.textContent).toContain('(Aadhaar masked)');
    expect(within(review).queryByRole('button', { name: 'Change this record' })).toBeNull();
    await user.click(within(review).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(calls).toContainEqual(['records.approve', { ids: ['rec_1'] }]));
  });

  it('the maker who captured a record opens it in the capture flow to change it', async () => {
    const { calls, user } = setUp('maker');
    expect(screen.queryByLabelText('Tick KD000000000001')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Open KD000000000001' }));
    await user.click(await screen.findByRole('button', { name: 'Change this record' }));
    await waitFor(() => expect(useAppStore.getState().view).toBe('capture'));
    expect(useAppStore.getState().editing).toMatchObject({ id: 'rec_1', reference: 'KD000000000001', record: { firstName: 'ASHA' } });
    expect(calls.filter(([channel]) => channel === 'records.get')).toHaveLength(2);
  });

  it('a maker’s queue holds their own records: no filter by maker, no list of makers asked for', async () => {
    const { calls } = setUp('maker');
    await screen.findByTestId('own-records-note');
    expect(screen.queryByLabelText('Captured by')).toBeNull();
    expect(screen.queryByLabelText('Only records I captured')).toBeNull();
    expect(calls.filter(([channel]) => channel === 'records.makers')).toEqual([]);
    // Nothing on a maker's queue leads to the batches they may not open.
    useAppStore.setState({ syncNotice: 'A batch finished: 1 succeeded, 0 failed.' });
    await screen.findByText('A batch finished: 1 succeeded, 0 failed.');
    expect(screen.queryByRole('button', { name: 'See batches' })).toBeNull();
  });

  it('a checker is told the queue holds every maker’s records by the filter it offers, with a way to the batches', async () => {
    setUp('checker');
    expect(await screen.findByLabelText('Captured by')).toBeTruthy();
    expect(screen.queryByTestId('own-records-note')).toBeNull();
    useAppStore.setState({ syncNotice: 'A batch finished: 1 succeeded, 0 failed.' });
    expect(await screen.findByRole('button', { name: 'See batches' })).toBeTruthy();
  });
});

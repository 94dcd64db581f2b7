// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchDetail, BatchSummary } from '../../shared/contract';
import type { ChannelName } from '../../shared/contract/names';
import type { Role } from '../../shared/operators/roles';
import { BatchesView } from '../../renderer/src/batches/BatchesView';
import { App } from '../../renderer/src/shell/App';
import { useAppStore } from '../../renderer/src/state/app-store';
import { APP_INFO, fakeBridge, signedIn, type Handler } from './fake-bridge';

const INITIAL = useAppStore.getState();
/** 10:30 on this PC's clock, so "10:42" below is 12 minutes ahead whatever the time zone. */
const NOW = new Date(2026, 11, 1, 10, 30, 0);
const at = (hours: number, minutes: number) => new Date(2026, 11, 1, hours, minutes, 0).toISOString();

function batch(id: string, change: Partial<BatchSummary>): BatchSummary {
  return {
    id,
    batchFileName: `${id.toUpperCase()}.zip`,
    route: 'bulk-api',
    kind: 'upload',
    state: 'polling',
    clientId: null,
    recordCount: 1,
    recordCounts: {},
    createdAt: at(9, 0),
    updatedAt: at(10, 0),
    nextPollAt: null,
    lastError: null,
    remoteState: null,
    attempts: 0,
    fileBytes: null,
    sentBytes: null,
    ...change,
  };
}

const UPLOADING = batch('b_up', { state: 'uploading', kind: 'upload', fileBytes: 12_400_000, sentBytes: 3_100_000, nextPollAt: at(10, 42), recordCount: 2, recordCounts: { submitted: 2 } });
const POLLING = batch('b_poll', { route: 'bulk-sftp', kind: 'update', fileBytes: 830_000, sentBytes: 830_000, nextPollAt: at(10, 42), attempts: 3, lastError: 'The registry did not answer in time.' });
const FAILED = batch('b_done', { route: 'records-api', state: 'failed', recordCount: 3, recordCounts: { succeeded: 1, failed: 2 }, lastError: 'The registry refused 2 records.' });

const MESSAGE = 'PAN  ABCPV1234K does not match the name — code 12 (see annexure II)';
const DETAIL: BatchDetail = {
  ...FAILED,
  clientId: 'CL-778',
  remoteState: 'PROCESSED',
  responseFiles: null,
  lastAnswer: null,
  records: [
    { id: 'rec_1', reference: 'KD000000000001', name: 'ASHA VERMA', state: 'succeeded', message: 'Record uploaded', ckycNumber: '30012345678901' },
    { id: 'rec_2', reference: 'KD000000000002', name: 'RAVI KUMAR', state: 'failed', message: MESSAGE, ckycNumber: null },
    { id: 'rec_3', reference: 'KD000000000003', name: 'MEERA IYER', state: 'failed', message: 'Photograph unreadable', ckycNumber: null },
  ],
};

function setUp(role: Role, handlers: Partial<Record<ChannelName, Handler>> = {}) {
  let batches = [UPLOADING, POLLING, FAILED];
  const bridge = fakeBridge({
    'app.info': () => APP_INFO,
    'session.state': () => ({ ok: true, value: signedIn(role) }),
    'records.list': () => ({ ok: true, value: { items: [], total: 0, counts: {} } }),
    'batches.list': () => ({ ok: true, value: { items: batches, total: batches.length } }),
    'batches.get': () => ({ ok: true, value: DETAIL }),
    'sync.status': () => ({ ok: true, value: { route: 'bulk-api', connectivity: 'online', sftp: 'not_used', message: null, checkedAt: null, nextCheckAt: null, activeBatches: 2 } }),
    ...handlers,
  });
  return {
    ...bridge,
    setBatches(next: BatchSummary[]) {
      batches = next;
    },
    async start() {
      await act(() => useAppStore.getState().connect(bridge.api));
      render(<BatchesView />);
      return userEvent.setup();
    },
  };
}

const row = (id: string) => document.querySelector<HTMLTableRowElement>(`tr[data-batch-id="${id}"]`)!;
/** A row's cells by the list's column names. */
function cells(id: string): Record<string, string> {
  const headers = within(screen.getByRole('table', { name: 'Batches' })).getAllByRole('columnheader').map((th) => th.textContent ?? '');
  const values = within(row(id)).getAllByRole('cell').map((td) => td.textContent ?? '');
  return Object.fromEntries(headers.map((header, i) => [header, values[i] ?? '']));
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  useAppStore.setState(INITIAL, true);
});

describe('batch list', () => {
  it('shows route, kind, state, records, bytes, times and the next check of each batch', async () => {
    const bridge = setUp('checker');
    await bridge.start();
    const headers = within(screen.getByRole('table', { name: 'Batches' })).getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Batch', 'Route', 'Kind', 'State', 'Records', 'Bytes', 'Created', 'Last update', 'Next check', 'Last problem']);

    const uploading = cells('b_up');
    expect(uploading).toMatchObject({ Batch: 'B_UP.zip', Route: 'Bulk upload over the API', Kind: 'New records', State: 'Sending file', 'Next check': '10:42', 'Last problem': '' });
    expect(uploading.Records).toBe('2 · Submitted 2');
    expect(uploading.Bytes).toBe('3.1 of 12.4 MB');
    const bar = screen.getByRole('progressbar', { name: 'File of batch B_UP.zip sent' }) as HTMLProgressElement;
    expect(bar.max).toBe(12_400_000);
    expect(bar.value).toBe(3_100_000);

    const polling = cells('b_poll');
    expect(polling).toMatchObject({ Route: 'Bulk upload with the file over SFTP', Kind: 'Updates', State: 'Processing at registry', Bytes: '830 KB', 'Last problem': 'The registry did not answer in time.' });
    expect(polling['Next check']).toBe('10:42 (after 3 failed tries)');

    const failed = cells('b_done');
    expect(failed).toMatchObject({ Route: 'Records API', State: 'Upload failed', Bytes: 'No file (records API)', 'Next check': '—' });
    expect(failed.Records).toBe('3 · Upload succeeded 1 · Upload failed 2');
    expect(within(row('b_done')).getByText('Upload failed').getAttribute('data-batch-state')).toBe('failed');
  });

  it('moves the progress bar with each batch-progress event, and refreshes on batch-updated', async () => {
    const bridge = setUp('checker');
    await bridge.start();
    await bridge.emit('batch-progress', { id: 'b_up', sentBytes: 6_250_000, totalBytes: 12_400_000 });
    expect(cells('b_up').Bytes).toBe('6.2 of 12.4 MB');
    const bar = screen.getByRole('progressbar', { name: 'File of batch B_UP.zip sent' }) as HTMLProgressElement;
    expect(bar.value).toBe(6_250_000);
    expect(bar.getAttribute('aria-valuetext')).toBe('6.2 of 12.4 MB');
    // Another batch's progress leaves this one alone.
    await bridge.emit('batch-progress', { id: 'b_other', sentBytes: 1, totalBytes: 2 });
    expect(cells('b_up').Bytes).toBe('6.2 of 12.4 MB');
    await bridge.emit('batch-progress', { id: 'b_up', sentBytes: 12_400_000, totalBytes: 12_400_000 });
    expect(cells('b_up').Bytes).toBe('12.4 of 12.4 MB');

    // The file is in: main says so with batch-updated, and the list is read again.
    const before = bridge.callsTo('batches.list').length;
    bridge.setBatches([{ ...UPLOADING, state: 'polling', sentBytes: 12_400_000 }, POLLING, FAILED]);
    await bridge.emit('batch-updated', { id: 'b_up', state: 'polling' });
    await waitFor(() => expect(cells('b_up').State).toBe('Processing at registry'));
    expect(bridge.callsTo('batches.list').length).toBe(before + 1);
    expect(cells('b_up').Bytes).toBe('12.4 MB');
    expect(screen.queryByRole('progressbar')).toBeNull();

    // sync-finished also reads the list again.
    bridge.setBatches([{ ...UPLOADING, state: 'succeeded', sentBytes: 12_400_000, nextPollAt: null }, POLLING, FAILED]);
    await bridge.emit('sync-finished', { batchId: 'b_up', state: 'succeeded', succeeded: 2, failed: 0 });
    await waitFor(() => expect(cells('b_up').State).toBe('Upload succeeded'));
    expect(cells('b_up')['Next check']).toBe('—');
  });
});

describe('batch detail', () => {
  it('lists every record with its result, CKYC number and the registry’s message as given', async () => {
    const bridge = setUp('checker', { 'records.markReady': () => ({ ok: true, value: { marked: ['KD000000000002', 'KD000000000003'], refused: [] } }) });
    const user = await bridge.start();
    await user.click(screen.getByRole('button', { name: 'B_DONE.zip' }));
    const records = await screen.findByRole('table', { name: 'Records in this batch' });
    expect(bridge.callsTo('batches.get')).toEqual([{ id: 'b_done' }]);
    expect(within(records).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Reference', 'Name', 'Result', 'CKYC number', 'Registry message']);
    const first = records.querySelector('tr[data-reference="KD000000000001"]')!;
    expect(within(first as HTMLElement).getAllByRole('cell').map((td) => td.textContent)).toEqual(['KD000000000001', 'ASHA VERMA', 'Upload succeeded', '30012345678901', 'Record uploaded']);
    const second = records.querySelector('tr[data-reference="KD000000000002"]')!;
    expect(second.querySelector('[data-state]')!.getAttribute('data-state')).toBe('failed');
    expect(second.querySelector('[data-testid="ckyc-number"]')!.textContent).toBe('');
    // Verbatim: double space, dash and brackets as the registry wrote them.
    expect(second.querySelector('.message')!.textContent).toBe(MESSAGE);
    expect(screen.getByTestId('batch-detail-state').textContent).toBe('Upload failed');
    expect(screen.getByText(/Registry reference: CL-778/).textContent).toContain('Route: Records API');

    // Send the two failed records again.
    await user.click(screen.getByRole('button', { name: 'Send failed records again' }));
    await waitFor(() => expect(bridge.callsTo('records.markReady')).toEqual([{ ids: ['rec_2', 'rec_3'] }]));
    const outcome = screen.getByTestId('batch-send-again-outcome');
    expect(outcome.getAttribute('role')).toBe('status');
    await waitFor(() => expect(outcome.textContent).toBe('2 records will go in the next batch.'));
    // The queue shows the same notice, and the batch is read again.
    expect(useAppStore.getState().syncNotice).toBe('2 records will go in the next batch.');
    expect(bridge.callsTo('batches.get').length).toBeGreaterThan(1);

    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });

  it('a batch that needs attention says why, shows an admin the answer as it came, and is followed again or closed with a reason', async () => {
    const ATTENTION: BatchDetail = {
      ...DETAIL,
      id: 'b_done',
      state: 'needs_attention',
      lastError: 'The registry says this batch is "on_hold_by_cersai", a state KYC Desk does not know.',
      lastAnswer: '{"success":true,"data":{"state":"on_hold_by_cersai"}}',
      records: DETAIL.records.map((record) => ({ ...record, state: 'submitted' as const, ckycNumber: null })),
    };
    const bridge = setUp('admin', {
      'batches.get': () => ({ ok: true, value: ATTENTION }),
      'batches.followAgain': () => ({ ok: true, value: {} }),
      'batches.close': (request) =>
        (request as { reason: string }).reason.trim().length < 3
          ? { ok: false, error: { code: 'VALIDATION_FAILED', message: 'Say why the batch is closed.', fields: { reason: 'Say why.' } } }
          : { ok: true, value: {} },
    });
    const user = await bridge.start();
    await user.click(screen.getByRole('button', { name: 'B_DONE.zip' }));
    const panel = await screen.findByTestId('batch-attention');
    expect(screen.getByTestId('batch-detail-state').textContent).toBe('Needs attention');
    expect(within(panel).getByRole('alert').textContent).toContain('"on_hold_by_cersai", a state KYC Desk does not know');
    expect(screen.getByTestId('batch-last-answer').textContent).toBe(ATTENTION.lastAnswer);

    await user.click(within(panel).getByRole('button', { name: 'Ask the registry again' }));
    await waitFor(() => expect(bridge.callsTo('batches.followAgain')).toEqual([{ id: 'b_done' }]));
    await waitFor(() => expect(screen.getByTestId('batch-attention-outcome').textContent).toBe('The registry will be asked about this batch again now.'));

    await user.click(within(screen.getByTestId('batch-attention')).getByRole('button', { name: 'Close as failed…' }));
    await user.click(screen.getByRole('button', { name: 'Close the batch as failed' }));
    await waitFor(() => expect(screen.getByTestId('batch-attention-outcome').textContent).toBe('Say why.'));
    await user.type(screen.getByLabelText(/Why is this batch closed/), 'Vendor deleted it');
    await user.click(screen.getByRole('button', { name: 'Close the batch as failed' }));
    await waitFor(() => expect(bridge.callsTo('batches.close').at(-1)).toEqual({ id: 'b_done', reason: 'Vendor deleted it' }));
    await waitFor(() => expect(screen.getByTestId('batch-attention-outcome').textContent).toBe('The batch is closed as failed; each of its records says why.'));

    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });

  it('a checker deciding on a batch that needs attention is not shown the answer as it came', async () => {
    const bridge = setUp('checker', { 'batches.get': () => ({ ok: true, value: { ...DETAIL, state: 'needs_attention', lastError: 'The registry no longer has this batch (HTTP 404).', lastAnswer: null } }) });
    const user = await bridge.start();
    await user.click(screen.getByRole('button', { name: 'B_DONE.zip' }));
    const panel = await screen.findByTestId('batch-attention');
    expect(within(panel).getByRole('alert').textContent).toBe('The registry no longer has this batch (HTTP 404).');
    expect(screen.queryByTestId('batch-last-answer')).toBeNull();
    expect(within(panel).getByRole('button', { name: 'Ask the registry again' })).toBeTruthy();
  });

  it('says which records were refused, with the reason, beside those that were marked', async () => {
    const bridge = setUp('checker', {
      'records.markReady': () => ({ ok: true, value: { marked: ['KD000000000002'], refused: [{ reference: 'KD000000000003', message: 'The maker changed this record; it goes for approval again.' }] } }),
    });
    const user = await bridge.start();
    await user.click(screen.getByRole('button', { name: 'B_DONE.zip' }));
    await user.click(await screen.findByRole('button', { name: 'Send failed records again' }));
    await waitFor(() =>
      expect(screen.getByTestId('batch-send-again-outcome').textContent).toBe('1 record will go in the next batch. KD000000000003: The maker changed this record; it goes for approval again.'),
    );
  });

  it('says so when every record was refused, and when the request itself failed', async () => {
    let answer: 'refuse' | 'fail' = 'refuse';
    const bridge = setUp('checker', {
      'records.markReady': () =>
        answer === 'refuse'
          ? { ok: true, value: { marked: [], refused: [{ reference: 'KD000000000002', message: 'Already in a new batch.' }, { reference: 'KD000000000003', message: 'Already in a new batch.' }] } }
          : { ok: false, error: { code: 'INTERNAL', message: 'KYC Desk could not save that. Try again.' } },
    });
    const user = await bridge.start();
    await user.click(screen.getByRole('button', { name: 'B_DONE.zip' }));
    await user.click(await screen.findByRole('button', { name: 'Send failed records again' }));
    const outcome = screen.getByTestId('batch-send-again-outcome');
    await waitFor(() => expect(outcome.textContent).toBe('KD000000000002: Already in a new batch. KD000000000003: Already in a new batch.'));
    answer = 'fail';
    await user.click(screen.getByRole('button', { name: 'Send failed records again' }));
    await waitFor(() => expect(outcome.textContent).toBe('KYC Desk could not save that. Try again.'));
  });

  it('offers sending again only to an operator who may approve, and only with failed records', async () => {
    // An admin sees batches but does not approve records.
    const admin = setUp('admin');
    const user = await admin.start();
    await user.click(screen.getByRole('button', { name: 'B_DONE.zip' }));
    await screen.findByRole('table', { name: 'Records in this batch' });
    expect(screen.queryByRole('button', { name: 'Send failed records again' })).toBeNull();
    cleanup();
    useAppStore.setState(INITIAL, true);

    const checker = setUp('checker', { 'batches.get': () => ({ ok: true, value: { ...DETAIL, records: DETAIL.records.slice(0, 1) } }) });
    const user2 = await checker.start();
    await user2.click(screen.getByRole('button', { name: 'B_DONE.zip' }));
    await screen.findByRole('table', { name: 'Records in this batch' });
    expect(screen.queryByRole('button', { name: 'Send failed records again' })).toBeNull();
  });

  it('shows what the SFTP response folder held for the batch, problems in words, and where each file was archived', async () => {
    const responseFiles = [
      { name: 'B_DONE.zip.result.csv', kind: 'result' as const, bytes: 120, rows: 3, disagreements: ['KD000000000002'], problem: 'The file has column KYC Desk does not know (extra); the known ones were read.', archivedAs: '/response/archive/B_DONE.zip.result.csv' },
      { name: 'B_DONE.zip.errors.csv', kind: 'errors' as const, bytes: 60, rows: 1, errors: ['individuals.csv row 2: bad PIN'], archivedAs: '/response/archive/B_DONE.zip.errors.csv' },
    ];
    const bridge = setUp('checker', { 'batches.get': () => ({ ok: true, value: { ...DETAIL, route: 'bulk-sftp', responseFiles } }) });
    const user = await bridge.start();
    await user.click(screen.getByRole('button', { name: 'B_DONE.zip' }));
    const table = await screen.findByRole('table', { name: 'Response files from the SFTP server' });
    const rows = within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['B_DONE.zip.result.csv', '3', "The file has column KYC Desk does not know (extra); the known ones were read. Differs from the registry's status for KD000000000002", '/response/archive/B_DONE.zip.result.csv'],
      ['B_DONE.zip.errors.csv', '1', 'Errors: individuals.csv row 2: bad PIN', '/response/archive/B_DONE.zip.errors.csv'],
    ]);
  });

  it('says when the registry left no response file', async () => {
    const empty = setUp('checker', { 'batches.get': () => ({ ok: true, value: { ...DETAIL, route: 'bulk-sftp', responseFiles: [] } }) });
    const user = await empty.start();
    await user.click(screen.getByRole('button', { name: 'B_DONE.zip' }));
    expect(await screen.findByText('The registry left no response file for this batch.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Response files from the SFTP server' })).toBeNull();
  });

  it('a maker is offered no Batches tab and never asks main for batches, even as batches move', async () => {
    const maker = setUp('maker', { 'batches.list': () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'Your role may not do this.' } }) });
    await act(() => useAppStore.getState().connect(maker.api));
    render(<App />);
    await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.queryByRole('button', { name: /^Batches/ })).toBeNull();
    expect(screen.getByRole('button', { name: /^Queue/ })).toBeTruthy();
    await maker.emit('batch-updated', { id: 'b_up', state: 'polling' });
    await maker.emit('sync-finished', { batchId: 'b_up', state: 'succeeded', succeeded: 2, failed: 0 });
    expect(maker.callsTo('batches.list')).toEqual([]);
    expect(maker.callsTo('records.list').length).toBeGreaterThan(1);
    expect(useAppStore.getState().actionError).toBeNull();
    expect(useAppStore.getState().syncNotice).toBeNull();
  });
});

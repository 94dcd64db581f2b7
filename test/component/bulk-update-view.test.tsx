// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkUpdateRowViewSchema, BulkUpdateSummaryView } from '../../shared/contract';
import { BulkUpdateView } from '../../renderer/src/bulk-update/BulkUpdateView';
import { BulkUpdateSection } from '../../renderer/src/bulk-update/BulkUpdateSection';
import { RecordUpdates } from '../../renderer/src/bulk-update/RecordUpdates';
import { countsText } from '../../renderer/src/bulk-update/update-format';
import { useAppStore } from '../../renderer/src/state/app-store';
import type { Role } from '../../shared/operators/roles';
import { fakeBridge, signedIn, type Handler } from './fake-bridge';

const INITIAL = useAppStore.getState();
afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

const SENT: BulkUpdateSummaryView = {
  id: 'rec_u1',
  reference: 'KDUPDATE00001',
  state: 'succeeded',
  source: 'records',
  fileName: null,
  customers: 125000,
  preparedBy: 'Training maker',
  preparedAt: '2026-12-01T04:30:00Z',
  approvedBy: 'Training checker',
  sentBy: 'Training checker',
  sentAt: '2026-12-01T05:00:00Z',
  batchId: 'bat_1',
  batchState: 'succeeded',
  counts: { total: 125000, success: 124998, failure: 2, warn: 0 },
  sends: 2,
  message: '1,24,998 of 1,25,000 customers updated, 2 failed.',
  fileSha256: 'a'.repeat(64),
};

const ROWS: BulkUpdateRowViewSchema[] = [
  { customerReference: 'KDAAA', customerName: 'ASHA RAO', recordId: 'rec_1', status: 'SUCCESS', reason: '' },
  { customerReference: 'KDBBB', customerName: 'RAVI KUMAR', recordId: 'rec_2', status: 'FAILED', reason: 'No customer with this mobile number.' },
];

function open(role: Role, handlers: Partial<Record<string, Handler>> = {}) {
  const bridge = fakeBridge({
    'bulkUpdate.list': () => ({ ok: true, value: { items: [SENT] } }),
    'bulkUpdate.detail': () => ({ ok: true, value: { update: SENT, rows: ROWS } }),
    ...handlers,
  });
  useAppStore.setState({ api: bridge.api, session: signedIn(role) });
  render(<BulkUpdateView />);
  return bridge;
}

describe('the Updates screen', () => {
  it('lists each update with who prepared and sent it, its counts in lakh grouping and how often it was sent; its customers with reasons, failures first', async () => {
    open('checker');
    const table = await screen.findByTestId('bulk-updates');
    expect(within(table).getByText('1,24,998 of 1,25,000 updated, 2 failed')).toBeTruthy();
    expect(within(table).getByText(/Training maker, 01\/12\/2026/)).toBeTruthy();
    expect(within(table).getByText(/Training checker, 01\/12\/2026/)).toBeTruthy();
    expect(within(table).getByText(/Sent 2 times \(the same file/)).toBeTruthy();
    // A checker neither prepares nor ticks records for a new update.
    expect(screen.queryByRole('button', { name: /From records that succeeded/ })).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Customers of KDUPDATE00001' }));
    const rows = await screen.findByTestId('bulk-update-rows');
    const bodyRows = within(rows).getAllByRole('row').slice(1);
    expect(bodyRows[0]!.textContent).toContain('No customer with this mobile number.');
    expect(bodyRows[0]!.getAttribute('data-status')).toBe('FAILED');
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('a maker prepares from succeeded records, ticks a failed record for a new update, and sees main’s refusal of a file in words', async () => {
    const prepared: unknown[] = [];
    const bridge = open('maker', {
      'bulkUpdate.candidates': () => ({ ok: true, value: { recordIds: ['rec_1', 'rec_2'], since: null } }),
      'bulkUpdate.prepareFromRecords': (request) => {
        prepared.push(request);
        return { ok: true, value: { ...SENT, id: 'rec_u2', reference: 'KDUPDATE00002', state: 'awaiting_approval', customers: (request as { recordIds: string[] }).recordIds.length, counts: null, sentAt: null, sends: 0 } };
      },
      'bulkUpdate.prepareFromFile': () => ({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'One problem to fix before this update can be kept: Row 2, PAN: The PAN is 10 characters. Nothing was saved.' } }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'From records that succeeded at CKYC since the last update' }));
    expect(prepared[0]).toEqual({ recordIds: ['rec_1', 'rec_2'] });
    expect((await screen.findByTestId('bulk-update-notice')).textContent).toMatch(/KDUPDATE00002 prepared with 2 customers/);

    await user.click(screen.getByRole('button', { name: 'Customers of KDUPDATE00001' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Tick KDBBB for a new update' }));
    await user.click(screen.getByRole('button', { name: 'Put the ticked records in a new update' }));
    expect(prepared[1]).toEqual({ recordIds: ['rec_2'] });

    await user.upload(screen.getByLabelText('From a file (CSV UTF-8)'), new File(['customer_reference\r\n'], 'update.csv', { type: 'text/csv' }));
    await waitFor(() => expect(screen.getByTestId('bulk-update-notice').textContent).toMatch(/Row 2, PAN: .* Nothing was saved\./));
    expect(bridge.calls.some(([channel]) => channel === 'bulkUpdate.prepareFromFile')).toBe(true);
  });

  it('refuses a file over the limit before sending it anywhere', async () => {
    const bridge = open('maker');
    const big = new File([new Uint8Array(21 * 1024 * 1024)], 'big.csv', { type: 'text/csv' });
    await userEvent.setup().upload(await screen.findByLabelText('From a file (CSV UTF-8)'), big);
    await waitFor(() => expect(screen.getByTestId('bulk-update-notice').textContent).toMatch(/21\.0 MB; an update file may be at most 20 MB\. Split it in two\. Nothing was saved\./));
    expect(bridge.calls.some(([channel]) => channel === 'bulkUpdate.prepareFromFile')).toBe(false);
  });

  it('says counts plainly before the platform has answered', () => {
    expect(countsText({ customers: 100000, counts: null })).toBe('1,00,000 customers, not answered yet');
  });
});

describe('the bulk customer update card on the Connections screen', () => {
  it('shows main’s refusal of the company id beside its field and the token’s state, and tests the connection in words', async () => {
    const view = (parentCompanyId: string) => ({ ok: true as const, value: { settings: { baseUrl: 'https://api.example.in', parentCompanyId }, configured: true, tokenSet: false, mode: 'live' as const } });
    const bridge = fakeBridge({
      'bulkUpdate.settings.get': () => view(''),
      'bulkUpdate.settings.save': (request) => {
        const { parentCompanyId } = (request as { settings: { parentCompanyId: string } }).settings;
        return /^CEK[A-Z0-9]{7}$/.test(parentCompanyId) ? view(parentCompanyId) : { ok: false, error: { code: 'VALIDATION_FAILED', message: 'Check the field.', fields: { parentCompanyId: 'The parent company id is CEK followed by 7 capital letters or digits, like CEKA1B2C3D.' } } };
      },
      'bulkUpdate.settings.test': () => ({ ok: true, value: { ok: false, message: 'The platform refused the token (HTTP 401).' } }),
    });
    useAppStore.setState({ api: bridge.api, session: signedIn('admin') });
    render(<BulkUpdateSection />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Parent company id'), 'ACME1');
    await user.click(screen.getByRole('button', { name: 'Save bulk customer update settings' }));
    expect(await screen.findByText(/CEK followed by 7 capital letters or digits/)).toBeTruthy();
    await user.clear(screen.getByLabelText('Parent company id'));
    await user.type(screen.getByLabelText('Parent company id'), 'CEKA1B2C3D');
    await user.click(screen.getByRole('button', { name: 'Save bulk customer update settings' }));
    expect(await screen.findByText('Bulk customer update settings saved.')).toBeTruthy();
    expect(screen.getByTestId('secret-status-bulk-update-token').textContent).toBe('Not set');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(screen.getByTestId('bulk-update-test-result').textContent).toBe('The platform refused the token (HTTP 401).'));
  });
});

describe('a record’s bulk updates on its Review page', () => {
  it('names each update it was part of, when it was sent, and this customer’s end with the platform’s reason', async () => {
    const bridge = fakeBridge({ 'bulkUpdate.forRecord': () => ({ ok: true, value: { items: [{ update: SENT, status: 'FAILED', reason: 'No customer with this mobile number.' }] } }) });
    useAppStore.setState({ api: bridge.api, session: signedIn('maker') });
    render(<RecordUpdates recordId="rec_2" />);
    const section = await screen.findByTestId('record-updates');
    expect(section.textContent).toMatch(/KDUPDATE00001, sent 01\/12\/2026.*: failed — No customer with this mobile number\./);
    expect(bridge.callsTo('bulkUpdate.forRecord')).toEqual([{ recordId: 'rec_2' }]);
  });

  it('shows nothing for a record in no update', async () => {
    const bridge = fakeBridge({ 'bulkUpdate.forRecord': () => ({ ok: true, value: { items: [] } }) });
    useAppStore.setState({ api: bridge.api, session: signedIn('maker') });
    const { container } = render(<RecordUpdates recordId="rec_9" />);
    await waitFor(() => expect(bridge.callsTo('bulkUpdate.forRecord')).toHaveLength(1));
    expect(container.textContent).toBe('');
  });
});

// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchedPerson, FetchRequestSummary } from '../../shared/contract';
import type { Role } from '../../shared/operators/roles';
import { blankRecord } from '../../renderer/src/capture/record-paths';
import { registryDifferences } from '../../renderer/src/capture/registry-diff';
import { RegistryDifferences } from '../../renderer/src/capture/RegistryDifferences';
import { parsePastedColumn, rowProblems } from '../../renderer/src/fetch/fetch-input';
import { FetchView } from '../../renderer/src/fetch/FetchView';
import { useAppStore } from '../../renderer/src/state/app-store';
import { fakeBridge, signedIn, type Handler } from './fake-bridge';

const INITIAL = useAppStore.getState();

afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

const SUMMARY: FetchRequestSummary = {
  id: 'rec_1',
  reference: 'KD-DL-0001',
  state: 'succeeded',
  people: 2,
  fetched: 1,
  failed: 1,
  createdAt: '2026-12-01T04:30:00Z',
  updatedAt: '2026-12-01T04:35:00Z',
  requestedBy: 'Training maker',
  batchId: 'bat_1',
  message: null,
};

function fetchedRecord() {
  const record = blankRecord('2026-12-01');
  return { ...record, applicationType: '03', ckycNumber: '10000000000011', firstName: 'ASHA', lastName: 'RAO', dateOfBirth: '1990-04-15', contact: { ...record.contact, mobile: '9876543210' } };
}

const PEOPLE: FetchedPerson[] = [
  { ckycNumber: '10000000000011', dob: '1990-04-15', mobileMasked: null, state: 'fetched', registryState: 'success', error: null, record: fetchedRecord(), raw: {}, photograph: null, fetchedAt: '2026-12-01T04:35:00Z' },
  { ckycNumber: '10000000000099', dob: '1985-01-01', mobileMasked: null, state: 'failed', registryState: 'failed', error: 'Date of birth does not match', record: null, raw: null, photograph: null, fetchedAt: null },
];

function open(role: Role, handlers: Partial<Record<Parameters<typeof fakeBridge>[0] extends infer H ? keyof H : never, Handler>> = {}) {
  const bridge = fakeBridge({
    'fetch.list': () => ({ ok: true, value: { items: [SUMMARY], total: 1 } }),
    'fetch.results': () => ({ ok: true, value: { request: SUMMARY, people: PEOPLE } }),
    'fetch.request': () => ({ ok: true, value: { ...SUMMARY, id: 'rec_2', reference: 'KD-DL-0002', state: 'awaiting_approval' } }),
    'records.list': () => ({ ok: true, value: { items: [], total: 0, counts: {} } }),
    ...handlers,
  });
  useAppStore.setState({ api: bridge.api, session: signedIn(role) });
  render(<FetchView />);
  return bridge;
}

describe('what a pasted column gives', () => {
  it('takes a number alone, with a date DD/MM/YYYY or with a mobile, and says each bad line by its number', () => {
    const parsed = parsePastedColumn('10000000000011,15/04/1990\n\n10000000000012, 9876543210\n10000000000013\n1000-0000,15/04/1990\n10000000000014,31/02/1990');
    expect(parsed.rows).toEqual([
      { ckycNumber: '10000000000011', dob: '1990-04-15', mobile: '' },
      { ckycNumber: '10000000000012', dob: '', mobile: '9876543210' },
    ]);
    expect(parsed.problems.map((problem) => [problem.line, problem.message])).toEqual([
      [4, 'Give the date of birth or the registered mobile number: the registry needs one of the two.'],
      [5, 'A CKYC number is 14 digits (or the registry’s reference id: letters and digits).'],
      [6, 'Type the date of birth as DD/MM/YYYY.'],
    ]);
    // The bad lines stay to be put right: nothing pasted is lost.
    expect(parsed.rest).toBe('10000000000013\n1000-0000,15/04/1990\n10000000000014,31/02/1990');
  });

  it('a row needs the dob or the mobile, and a mobile of 10 digits', () => {
    expect(rowProblems({ ckycNumber: '10000000000011', dob: '', mobile: '' }).dob).toMatch(/one of the two/);
    expect(rowProblems({ ckycNumber: '10000000000011', dob: '', mobile: '98765' }).mobile).toBe('The registered mobile number is 10 digits.');
    expect(rowProblems({ ckycNumber: '10000000000011', dob: '1990-04-15', mobile: '' })).toEqual({});
  });
});

describe('the Fetch from CKYC screen', () => {
  it('says beside the row that the dob or the mobile is needed, and sends nothing until it is given', async () => {
    const user = userEvent.setup();
    const bridge = open('maker');
    await user.type(screen.getByLabelText('CKYC number, row 1'), '10000000000011');
    await user.click(screen.getByRole('button', { name: /Request .*from CKYC/ }));
    // Said beside the date of birth, which describes it.
    const dob = screen.getByLabelText('Date of birth, row 1');
    await waitFor(() => expect(document.getElementById(dob.getAttribute('aria-describedby')!)?.textContent).toMatch(/registry needs one of the two/));
    expect(dob.getAttribute('aria-invalid')).toBe('true');
    expect(bridge.callsTo('fetch.request')).toEqual([]);
    await user.type(screen.getByLabelText('Registered mobile, row 1'), '9876543210');
    await user.click(screen.getByRole('button', { name: /Request .*from CKYC/ }));
    await waitFor(() => expect(bridge.callsTo('fetch.request')).toEqual([{ people: [{ ckycNumber: '10000000000011', mobile: '9876543210' }], recordIds: [] }]));
    expect(await screen.findByText(/Saved as KD-DL-0002/)).toBeTruthy();
  });

  it('a pasted column becomes rows; a bad line stays in the box, said by its line number', async () => {
    const user = userEvent.setup();
    const bridge = open('maker');
    const box = screen.getByLabelText(/Paste a column/);
    await user.click(box);
    await user.paste('10000000000011,15/04/1990\nnot a number!\n10000000000012,9876543210');
    await user.click(screen.getByRole('button', { name: 'Add the pasted lines' }));
    expect(screen.getByRole('alert', { name: 'Pasted lines not taken' }).textContent).toContain('Line 2 (“not a number!”)');
    expect((box as HTMLTextAreaElement).value).toBe('not a number!');
    await user.click(screen.getByRole('button', { name: /Request 2 from CKYC/ }));
    await waitFor(() =>
      expect(bridge.callsTo('fetch.request')).toEqual([
        { people: [{ ckycNumber: '10000000000011', dob: '1990-04-15' }, { ckycNumber: '10000000000012', mobile: '9876543210' }], recordIds: [] },
      ]),
    );
  });

  it('shows per person what the registry returned or why it refused, and starts an update from a fetched person', async () => {
    const user = userEvent.setup();
    open('maker');
    await user.click(await screen.findByRole('button', { name: 'People of KD-DL-0001' }));
    const fetched = await screen.findByRole('article', { name: 'CKYC 10000000000011' });
    expect(fetched.textContent).toContain('ASHA RAO');
    expect(fetched.textContent).toContain('15/04/1990');
    // The mobile is shown masked; the full number is not on screen.
    expect(fetched.textContent).not.toContain('9876543210');
    const refused = screen.getByRole('article', { name: 'CKYC 10000000000099' });
    expect(refused.textContent).toContain('Date of birth does not match');
    expect(within(refused).queryByRole('button', { name: /Start an update/ })).toBeNull();
    await user.click(within(fetched).getByRole('button', { name: 'Start an update from this record' }));
    const state = useAppStore.getState();
    expect(state.view).toBe('capture');
    expect(state.updateFrom?.ckycNumber).toBe('10000000000011');
    expect(state.updateFrom?.record.applicationType).toBe('03');
  });

  it('starts the update anyway when the registry’s photograph cannot be carried, and says so', async () => {
    const user = userEvent.setup();
    const photographed = { ...PEOPLE[0]!, photograph: { documentHash: 'a'.repeat(64), mime: 'image/jpeg', bytes: 2048 } };
    const bridge = open('maker', {
      'fetch.results': () => ({ ok: true, value: { request: SUMMARY, people: [photographed] } }),
      'documents.get': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'That document is not on this PC.' } }),
    });
    useAppStore.setState({ info: { ...(useAppStore.getState().info ?? {}), documentLimits: { photoBytes: 50_000 } } as never });
    await user.click(await screen.findByRole('button', { name: 'People of KD-DL-0001' }));
    const fetched = await screen.findByRole('article', { name: 'CKYC 10000000000011' });
    expect(fetched.textContent).toContain('an update starts with a copy of it');
    await user.click(within(fetched).getByRole('button', { name: 'Start an update from this record' }));
    await waitFor(() => expect(useAppStore.getState().view).toBe('capture'));
    const state = useAppStore.getState();
    expect(bridge.callsTo('documents.get')).toEqual([{ hash: 'a'.repeat(64) }]);
    expect(state.updateFrom?.record.images).toEqual([]);
    expect(state.actionError?.message).toMatch(/^The registry’s photograph was not carried into the update \(That document is not on this PC\.\)\. Take or choose the photograph on its step\.$/);
  });

  it('a checker approves a request awaiting approval and sends the approved ones, and may not ask', async () => {
    const user = userEvent.setup();
    const bridge = open('checker', {
      'fetch.list': () => ({ ok: true, value: { items: [{ ...SUMMARY, state: 'awaiting_approval' }], total: 1 } }),
      'records.approve': () => ({ ok: true, value: { approved: ['rec_1'], refused: [] } }),
      'fetch.send': () => ({ ok: true, value: { batchId: 'bat_2', recordCount: 1, message: 'Sending 1 request.' } }),
    });
    expect(screen.queryByLabelText('CKYC number, row 1')).toBeNull();
    await user.click(await screen.findByRole('button', { name: 'Approve KD-DL-0001' }));
    await waitFor(() => expect(bridge.callsTo('records.approve')).toEqual([{ ids: ['rec_1'] }]));
    await user.click(screen.getByRole('button', { name: 'Send approved requests' }));
    expect(await screen.findByText('Sending 1 request.')).toBeTruthy();
  });
});

describe('the differences from the registry’s copy', () => {
  it('names each changed field with the registry’s value and the new one, and nothing else', () => {
    const registry = fetchedRecord();
    const now = { ...registry, contact: { ...registry.contact, mobile: '9123456780' } };
    expect(registryDifferences(registry, now)).toEqual([{ path: 'contact.mobile', registry: '9876543210', now: '9123456780' }]);
    expect(registryDifferences(registry, registry)).toEqual([]);
  });

  it('shows them as a table on Review', async () => {
    const registry = fetchedRecord();
    const now = { ...registry, contact: { ...registry.contact, mobile: '9123456780' }, remarks: 'moved' };
    await act(async () => {
      render(<RegistryDifferences registry={registry} now={now} label={(path) => (path === 'contact.mobile' ? 'Mobile number' : path)} />);
    });
    const rows = within(screen.getByTestId('registry-differences')).getAllByRole('row').slice(1).map((row) => row.textContent);
    expect(rows).toEqual(['Mobile number98765432109123456780', 'remarks—moved']);
  });
});

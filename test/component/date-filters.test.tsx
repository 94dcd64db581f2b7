// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fromOfDay, toAfterDay } from '../../shared/dates/local-day';
import { formatLocalDateTime } from '../../shared/dates/local-time';
import { AuditView } from '../../renderer/src/admin/AuditView';
import { RecordDetails } from '../../renderer/src/review/RecordDetails';
import { QueueFilters } from '../../renderer/src/queue/QueueFilters';
import { useAppStore } from '../../renderer/src/state/app-store';
import { APP_INFO, fakeBridge, signedIn } from './fake-bridge';
import { FIXTURE_TODAY, completeKycRecord } from '../support/kyc-records';
import { validateKycRecord } from '../../shared/validation';

const INITIAL = useAppStore.getState();

afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

/** The error paragraph an input's aria-describedby points at. */
function describedError(input: HTMLElement): string | null {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('field__error'))?.textContent ?? null;
}

const AT = '2026-12-01T04:35:09.000Z';

function bridgeFor(role: 'checker' | 'admin') {
  return fakeBridge({
    'app.info': () => APP_INFO,
    'session.state': () => ({ ok: true, value: signedIn(role) }),
    'records.list': () => ({ ok: true, value: { items: [], total: 0, counts: {} } }),
    'records.makers': () => ({ ok: true, value: { items: [] } }),
    'batches.list': () => ({ ok: true, value: { items: [], total: 0 } }),
    'sync.status': () => ({ ok: true, value: { route: 'bulk-api', connectivity: 'online', sftp: 'not_used', message: null, checkedAt: null, nextCheckAt: null, activeBatches: 0 } }),
    'audit.list': () => ({ ok: true, value: { items: [{ seq: 7, at: AT, operatorName: 'Training Admin', action: 'sign-in', subject: null, details: null }], total: 1 } }),
  });
}

describe('the queue’s capture-date filter, typed DD/MM/YYYY', () => {
  it('sends the typed local days to main, and refuses an impossible one beside the field without sending it', async () => {
    const bridge = bridgeFor('checker');
    await act(() => useAppStore.getState().connect(bridge.api));
    render(<QueueFilters />);
    const user = userEvent.setup();
    const from = screen.getByLabelText('Captured from') as HTMLInputElement;
    const to = screen.getByLabelText('Captured to') as HTMLInputElement;
    expect([from.type, from.placeholder, to.type]).toEqual(['text', 'DD/MM/YYYY', 'text']);

    const before = bridge.callsTo('records.list').length;
    await user.type(from, '01/12/2026');
    await user.type(to, '31-12-2026');
    await user.tab();
    expect(to.value).toBe('31/12/2026');
    await waitFor(() => expect(bridge.callsTo('records.list').at(-1)).toMatchObject({ from: fromOfDay('2026-12-01'), to: toAfterDay('2026-12-31') }));
    // Nothing was asked for a date half typed: one list for each whole date.
    expect(bridge.callsTo('records.list').length - before).toBe(2);

    await user.clear(from);
    await waitFor(() => expect(bridge.callsTo('records.list').at(-1)).not.toHaveProperty('from'));
    const asked = bridge.callsTo('records.list').length;
    await user.type(from, '31/11/2026');
    await user.tab();
    expect(describedError(from)).toBe('This is not a real date: November 2026 has 30 days.');
    expect(from.getAttribute('aria-invalid')).toBe('true');
    expect(bridge.callsTo('records.list')).toHaveLength(asked);
  });
});

describe('the audit trail’s date filter and times', () => {
  it('shows entry times as DD/MM/YYYY, HH:MM:SS, filters by typed days, and says why a date cannot be used', async () => {
    const bridge = bridgeFor('admin');
    await act(() => useAppStore.getState().connect(bridge.api));
    render(<AuditView />);
    const user = userEvent.setup();
    const time = await screen.findByText(formatLocalDateTime(new Date(AT), true));
    expect(time.textContent).toMatch(/^\d{2}\/\d{2}\/2026, \d{2}:\d{2}:09$/);

    await user.type(screen.getByLabelText('From date'), '01122026');
    await user.type(screen.getByLabelText('To date'), '02.12.2026');
    await waitFor(() => expect(bridge.callsTo('audit.list').at(-1)).toMatchObject({ from: fromOfDay('2026-12-01'), to: toAfterDay('2026-12-02') }));

    const to = screen.getByLabelText('To date');
    await user.clear(to);
    await user.type(to, '02/12/26');
    expect(describedError(to)).toBeNull(); // still being typed
    const asked = bridge.callsTo('audit.list').length;
    await user.tab();
    expect(describedError(to)).toBe('“To” date: Write the year in full (four digits, such as 1990, not 90). Write it as DD/MM/YYYY, for example 15/04/1990.');
    expect((screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement).disabled).toBe(true);
    expect(bridge.callsTo('audit.list')).toHaveLength(asked);
  });
});

describe('a record’s dates on its review', () => {
  it('shows the date of birth, the document expiry and the declaration dates day first', () => {
    const check = validateKycRecord(completeKycRecord(), FIXTURE_TODAY);
    if (!check.ok) throw new Error('fixture must be valid');
    render(<RecordDetails record={check.value} />);
    const row = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(row('Date of birth')).toBe('15/04/1990');
    expect(row('Identity documents')).toMatch(/^Passport J8369854, valid to 30\/06\/2031; /);
    expect(row('Declaration')).toMatch(/^20\/11\/2026 at /);
    expect(row('Verification')).toMatch(/^21\/11\/2026, /);
  });
});

// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KycDeskApi, ResponseOf } from '../../shared/contract';
import type { ChannelName } from '../../shared/contract/names';
import { DEFAULT_DOCUMENT_LIMITS } from '../../shared/documents/limits';
import type { KycImage } from '../../shared/record/kyc-record';
import { UAE_CUSTOMER, type UaeCustomer } from '../../shared/record-kinds/uae-customer';
import { CaptureFlow } from '../../renderer/src/capture/CaptureFlow';
import { RecordReview } from '../../renderer/src/review/RecordReview';
import { useAppStore } from '../../renderer/src/state/app-store';
import { completeKycRecord } from '../support/kyc-records';
import { completeUaeCustomer } from '../support/uae-customers';

// The image components belong to another module; here they only hand back a stored image.
vi.mock('../../renderer/src/capture/images', () => ({
  DocumentAttach: ({ imageCode, label, onAttached }: { imageCode: string; label: string; onAttached(image: KycImage): void }) => (
    <button type="button" onClick={() => onAttached({ code: imageCode, documentHash: 'c3'.repeat(32), mime: 'image/jpeg', bytes: 50 * 1024, masked: false })}>
      {label}
    </button>
  ),
  StoredImage: ({ alt }: { alt: string }) => <img alt={alt} />,
}));

const OPERATOR = { id: 'op-1', name: 'Training Maker', employeeCode: 'TM001', designation: 'Officer', branch: 'Dubai', organisation: 'Bank', role: 'maker' as const, active: true };

/** Far from any test day: the sample stays valid whenever the test runs. */
function sample(): UaeCustomer {
  const r = structuredClone(completeUaeCustomer());
  r.ids[0]!.expiry = '2099-08-07';
  r.ids[1]!.expiry = '2099-04-27';
  r.ids[1]!.visaExpiry = '2099-06-30';
  return r;
}

function setUp(props: { newKind?: string } = {}, editing: NonNullable<ReturnType<typeof useAppStore.getState>['editing']> | null = null, draft: unknown = null) {
  const calls: Array<{ channel: ChannelName; request: unknown }> = [];
  const api = {
    invoke: vi.fn(async (channel: ChannelName, request: unknown) => {
      calls.push({ channel, request });
      if (channel === 'drafts.get') return { ok: true, value: draft === null ? { draft: null, updatedAt: null } : { draft, updatedAt: '2026-12-05T05:00:00.000Z' } };
      if (channel === 'drafts.save') return { ok: true, value: { updatedAt: new Date().toISOString() } };
      if (channel === 'records.save') return { ok: true, value: { id: 'rec-1', reference: 'KD20261205AB12', state: 'awaiting_approval' } };
      if (channel === 'records.findSameCustomer') {
        // The Emirates ID of a record already in the store, as main would answer for it.
        const asked = (request as { identityDocuments?: Array<{ code: string; number: string }> }).identityDocuments ?? [];
        const at = asked.findIndex((doc) => doc.code === 'UAE-4' && doc.number.replace(/-/g, '') === '784198512345673');
        const record = { id: 'rec-5', reference: 'KD20261205CC55', name: 'IRFAN NANGARATH' };
        return { ok: true, value: { matches: at < 0 ? [] : [{ field: 'identity', path: `identityDocuments.${at}.number`, state: 'ready', capturedByYou: true, record }] } };
      }
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `no fake for ${channel}` } };
    }),
    on: vi.fn(() => () => undefined),
  };
  useAppStore.setState({
    api: api as unknown as KycDeskApi,
    info: { mode: 'training', nextMode: 'training', notices: [], version: 'test', pollSeconds: 2, documentLimits: DEFAULT_DOCUMENT_LIMITS },
    session: { state: 'signed_in', operator: OPERATOR, lockReason: null, needsFirstAdmin: false, trainingOperators: [] },
    editing,
  });
  render(<CaptureFlow {...props} />);
  return { calls, user: userEvent.setup() };
}

const steps = () => within(screen.getByRole('navigation', { name: 'Capture steps' }));

afterEach(() => {
  cleanup();
  useAppStore.setState({ api: null, info: null, session: null, editing: null, openRecord: null });
});

describe('capturing a UAE customer', () => {
  it('opens the UAE customer’s own steps under its own title', () => {
    setUp({ newKind: 'uae-customer' });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('New UAE customer');
    expect(steps().getAllByRole('button').map((b) => b.textContent)).toEqual([...UAE_CUSTOMER.steps.map((s) => s.title), 'Review']);
    expect((screen.getByLabelText('Country of residence') as HTMLSelectElement).value).toBe('AE');
    expect(screen.getByText(/until a supervisor’s sync sends it to the UAE customer data platform \(CDP\)\./)).toBeTruthy();
  });

  it('says what is wrong with an Emirates ID and a mobile as they are typed', async () => {
    const { user } = setUp({ newKind: 'uae-customer' });
    await user.click(steps().getByRole('button', { name: /^Contact/ }));
    await user.type(screen.getByLabelText('Primary mobile'), '0502106707');
    expect(await screen.findByText(/Start with \+ and the country code/)).toBeTruthy();
    await user.click(steps().getByRole('button', { name: /^Ids/ }));
    const emiratesId = within(screen.getByRole('group', { name: 'Emirates ID' }));
    await user.type(emiratesId.getByLabelText('Number'), '784-1985-1234567-4');
    expect(await emiratesId.findByText(/typing mistake: its last digit does not match/)).toBeTruthy();
    await user.clear(emiratesId.getByLabelText('Number'));
    await user.type(emiratesId.getByLabelText('Number'), '784-1985-1234567-3');
    await waitFor(() => expect(emiratesId.queryByText(/typing mistake/)).toBeNull());
  });

  it('says beside the Emirates ID when another record holds it', async () => {
    const { user, calls } = setUp({ newKind: 'uae-customer' });
    await user.click(steps().getByRole('button', { name: /^Ids/ }));
    const emiratesId = within(screen.getByRole('group', { name: 'Emirates ID' }));
    await user.type(emiratesId.getByLabelText('Number'), '784-1985-1234567-3');
    await waitFor(() => expect(screen.getByTestId('same-customer-ids.0.number').textContent).toContain('This document number is already on your record KD20261205CC55 — IRFAN NANGARATH, ready'));
    const asked = calls.filter((call) => call.channel === 'records.findSameCustomer').at(-1)!.request as { identityDocuments: Array<{ code: string }> };
    expect(asked.identityDocuments.map((doc) => doc.code)).toEqual(['UAE-4', 'UAE-2-']);
  });

  it('refuses an expired Emirates ID at capture, showing the date it expired', async () => {
    const { user } = setUp({ newKind: 'uae-customer' });
    await user.click(steps().getByRole('button', { name: /^Ids/ }));
    const emiratesId = within(screen.getByRole('group', { name: 'Emirates ID' }));
    const expiry = emiratesId.getByLabelText('Expiry');
    await user.type(expiry, '08082023');
    await user.tab();
    expect(await emiratesId.findByText('Id 1: Expiry: This Emirates ID expired on 08/08/2023. An expired Emirates ID cannot be accepted: ask for the renewed one.')).toBeTruthy();
    expect((expiry as HTMLInputElement).value).toBe('08/08/2023');
  });

  it('an expired passport blocks the save, named on Review; renewed, the record is saved as a UAE customer', async () => {
    const record = sample();
    record.ids[1]!.expiry = '2024-04-27';
    const { user, calls } = setUp({}, { id: 'rec-9', reference: 'KD20261205ZZ99', kind: 'uae-customer', record });
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    const problems = within(await screen.findByTestId('problem-list'));
    expect(problems.getByRole('button').textContent).toBe('Id 2: Expiry: This passport expired on 27/04/2024. An expired passport cannot be accepted: ask for the renewed one.');
    expect(calls.some((call) => call.channel === 'records.save')).toBe(false);

    await user.click(problems.getByRole('button'));
    const expiry = within(screen.getByRole('group', { name: /^Passport/ })).getByLabelText('Expiry');
    await user.clear(expiry);
    await user.type(expiry, '27042099');
    await user.click(screen.getByRole('button', { name: 'Save record' }));
    await waitFor(() => expect(calls.some((call) => call.channel === 'records.save')).toBe(true));
    const saved = calls.find((call) => call.channel === 'records.save')!.request as { id: string; kind: string; record: UaeCustomer };
    expect(saved.kind).toBe('uae-customer');
    expect(saved.id).toBe('rec-9');
    expect(saved.record.ids[0]!.number).toBe('784198512345673');
    expect(saved.record.ids[1]!.expiry).toBe('2099-04-27');
    expect(saved.record.primaryMobile).toBe('+971502106707');
  });
});

describe('one draft per operator, of either kind', () => {
  it('a draft of an individual is named on the UAE form, never opened in it; a UAE draft is offered back', async () => {
    setUp({ newKind: 'uae-customer' }, null, { record: completeKycRecord(), editing: null });
    expect((await screen.findByTestId('other-kind-draft')).textContent).toContain('You have an unsaved CKYC individual started at');
    expect(screen.queryByRole('button', { name: 'Continue it' })).toBeNull();
    cleanup();

    const { user } = setUp({ newKind: 'uae-customer' }, null, { record: sample(), editing: null, kind: 'uae-customer' });
    await user.click(await screen.findByRole('button', { name: 'Continue it' }));
    expect((screen.getByLabelText('First name') as HTMLInputElement).value).toBe('Irfan');
    expect(screen.queryByTestId('other-kind-draft')).toBeNull();
  });
});

describe('reviewing a UAE customer', () => {
  it('shows the record in words beside its id images and photograph', () => {
    const record = sample();
    const open: ResponseOf<'records.get'> = {
      summary: { id: 'rec_1', reference: 'KD000000000001', kind: 'uae-customer', name: 'IRFAN ISMAIL NANGARATH', panMasked: '', mobileMasked: '', state: 'awaiting_approval', createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', batchId: null, message: null },
      kind: 'uae-customer',
      record,
      registryErrors: null,
      registryCkycNumber: null,
      capturedBy: 'Training Maker',
      approvedBy: null,
      verifier: null,
      editable: false,
    };
    useAppStore.setState({ openRecord: open, session: { state: 'signed_in', operator: { ...OPERATOR, role: 'checker' }, lockReason: null, needsFirstAdmin: false, trainingOperators: [] } });
    render(<RecordReview />);
    const details = screen.getByTestId('uae-details').textContent ?? '';
    expect(details).toContain('MR IRFAN ISMAIL NANGARATH');
    expect(details).toContain('NationalityIndia');
    expect(details).toContain('Each month—');
    expect(details).toContain('Emirates ID 784-1985-1234567-3');
    expect(details).toContain('valid to 07/08/2099');
    expect(details).toContain('High');
    const images = within(screen.getByRole('list', { name: 'Photograph and documents' })).getAllByRole('img').map((img) => img.getAttribute('alt'));
    expect(images).toEqual(['Id front of KD000000000001', 'Id back of KD000000000001', 'Id front of KD000000000001', 'Profile photograph of KD000000000001']);
  });

  it('its maker’s “Change this record” opens it in the UAE form, under the New UAE customer tab', async () => {
    const record = sample();
    const open: ResponseOf<'records.get'> = {
      summary: { id: 'rec_2', reference: 'KD000000000002', kind: 'uae-customer', name: 'IRFAN ISMAIL NANGARATH', panMasked: '', mobileMasked: '', state: 'awaiting_approval', createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', batchId: null, message: null },
      kind: 'uae-customer',
      record,
      registryErrors: null,
      registryCkycNumber: null,
      capturedBy: 'Training Maker',
      approvedBy: null,
      verifier: null,
      editable: true,
    };
    const invoke = vi.fn(async (channel: ChannelName) => (channel === 'records.get' ? { ok: true, value: open } : { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } }));
    useAppStore.setState({ api: { invoke, on: vi.fn(() => () => undefined) } as unknown as KycDeskApi, openRecord: open, session: { state: 'signed_in', operator: OPERATOR, lockReason: null, needsFirstAdmin: false, trainingOperators: [] } });
    render(<RecordReview />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Change this record' }));
    await waitFor(() => expect(useAppStore.getState().view).toBe('capture-uae'));
    expect(useAppStore.getState().editing).toMatchObject({ id: 'rec_2', kind: 'uae-customer' });
  });
});

// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_STATUS_MEANINGS, SESSION_STATUSES } from '../../shared/agent-sessions/session-status';
import type { VideoKycSession } from '../../shared/contract';
import { useAppStore } from '../../renderer/src/state/app-store';
import { useVideoKycFocus } from '../../renderer/src/video-kyc/video-kyc-focus';
import { VideoKycView } from '../../renderer/src/video-kyc/VideoKycView';
import { boxesInOriginal } from '../../renderer/src/video-kyc/AadhaarKeep';
import { fakeBridge, signedIn, type Handler } from './fake-bridge';

const INITIAL = useAppStore.getState();

afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
  useVideoKycFocus.getState().clear();
});

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

function link(overrides: Partial<VideoKycSession> = {}): VideoKycSession {
  return {
    id: 'rec_1',
    reference: 'KDLINK0000001',
    state: 'submitted',
    phase: 'following',
    userId: 'KD0000000042',
    phoneMasked: '•••••••210',
    sendNotification: true,
    linkType: 'free',
    sourceRecordId: null,
    sourceReference: null,
    sessionId: 'VS1',
    status: 'waiting',
    statusWords: SESSION_STATUS_MEANINGS.waiting.words,
    final: false,
    verdict: null,
    linkUrl: 'https://vkyc.example.in/l/LK1',
    linkExpiresAt: inMinutes(15),
    validitySeconds: 900,
    nextCheckAt: inMinutes(1),
    batchId: 'bat_1',
    message: null,
    createdAt: new Date().toISOString(),
    requestedBy: 'Training Maker',
    ...overrides,
  };
}

function open(handlers: Partial<Record<string, Handler>> = {}) {
  const bridge = fakeBridge({
    'videoKyc.list': () => ({ ok: true, value: { items: [], total: 0 } }),
    'videoKyc.linkTypes': () => ({ ok: true, value: { linkTypes: ['free', 'assisted'], problem: null } }),
    'videoKyc.send': () => ({ ok: true, value: link() }),
    ...handlers,
  });
  useAppStore.setState({ api: bridge.api, session: signedIn('maker') });
  render(<VideoKycView />);
  return bridge;
}

describe('the Video KYC screen', () => {
  it('refuses a 9-digit mobile before sending, then sends and shows the link as text, as a QR code and with a countdown', async () => {
    const bridge = open();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('User id'), 'KD0000000042');
    await user.type(screen.getByLabelText('Customer’s mobile number'), '987654321');
    await user.click(screen.getByRole('button', { name: 'Send link' }));
    expect(await screen.findByTestId('vkyc-send-error')).toHaveProperty('textContent', 'A mobile number has 10 digits; this has 9.');
    expect(bridge.callsTo('videoKyc.send')).toEqual([]);

    await user.type(screen.getByLabelText('Customer’s mobile number'), '0');
    await user.selectOptions(screen.getByLabelText('Link type'), 'assisted');
    await user.click(screen.getByRole('button', { name: 'Send link' }));
    await waitFor(() => expect(bridge.callsTo('videoKyc.send')).toEqual([{ userId: 'KD0000000042', phoneNumber: '9876543210', sendNotification: true, linkType: 'assisted' }]));
    const card = await screen.findByTestId('vkyc-link');
    expect(within(card).getByTestId('vkyc-link-url').textContent).toBe('https://vkyc.example.in/l/LK1');
    const qr = await within(card).findByTestId('vkyc-qr');
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(within(card).getByTestId('vkyc-countdown').textContent).toMatch(/^Valid for 1[45] min \d\d s more/);
  });

  it('offers every one of the ten statuses in plain words as a filter, and filters by status', async () => {
    const bridge = open();
    const select = await screen.findByLabelText('Status');
    const labels = within(select).getAllByRole('option').map((option) => option.textContent);
    for (const status of SESSION_STATUSES) expect(labels).toContain(`${SESSION_STATUS_MEANINGS[status].words}${SESSION_STATUS_MEANINGS[status].final ? ' (final)' : ''}`);
    await userEvent.setup().selectOptions(select, 'kyc_result_approved');
    await waitFor(() => expect(bridge.callsTo('videoKyc.list').at(-1)).toMatchObject({ status: 'kyc_result_approved' }));
  });

  it('lists each session with its status, whether it is final and its next check', async () => {
    open({ 'videoKyc.list': () => ({ ok: true, value: { items: [link(), link({ id: 'rec_2', status: 'kyc_result_approved', statusWords: SESSION_STATUS_MEANINGS.kyc_result_approved.words, final: true, verdict: 'approved', phase: 'ended', nextCheckAt: null })], total: 2 } }) });
    const rows = await screen.findAllByTestId('vkyc-row');
    expect(rows.map((row) => row.getAttribute('data-status'))).toEqual(['waiting', 'kyc_result_approved']);
    expect(within(rows[1]!).getByText('Yes, approved')).toBeTruthy();
    expect(within(rows[0]!).getByText('No')).toBeTruthy();
  });

  it('a link that may have been sent says so and closes only with a reason, or sends a new link', async () => {
    const doubtful = link({ phase: 'may_have_been_sent', status: null, sessionId: null, linkUrl: null, linkExpiresAt: null, statusWords: 'May have been sent: a person decides', message: 'The link may have been sent…' });
    const bridge = open({
      'videoKyc.send': () => ({ ok: true, value: doubtful }),
      'videoKyc.close': () => ({ ok: true, value: { ...doubtful, phase: 'ended', state: 'failed' } }),
      'videoKyc.sendAgain': () => ({ ok: true, value: link({ id: 'rec_3' }) }),
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('User id'), 'KD0000000042');
    await user.type(screen.getByLabelText('Customer’s mobile number'), '9876543210');
    await user.click(screen.getByRole('button', { name: 'Send link' }));
    const decide = await screen.findByRole('group', { name: 'The link may have been sent' });
    const close = within(decide).getByRole('button', { name: 'Close as not sent' });
    expect(close).toHaveProperty('disabled', true);
    await user.type(within(decide).getByLabelText('Why it is closed'), 'No SMS came');
    await user.click(close);
    await waitFor(() => expect(bridge.callsTo('videoKyc.close')).toEqual([{ id: 'rec_1', reason: 'No SMS came' }]));
    await user.click(await screen.findByTestId('vkyc-send-again'));
    await waitFor(() => expect(bridge.callsTo('videoKyc.sendAgain')).toEqual([{ id: 'rec_1' }]));
  });

  it('sends for the record its Review page named: its own mobile and reference, nothing typed', async () => {
    act(() => useVideoKycFocus.getState().open('rec_9', 'KD0000000099'));
    const bridge = open();
    expect((await screen.findByTestId('vkyc-for-record')).textContent).toMatch(/For record KD0000000099/);
    expect(screen.queryByLabelText('Customer’s mobile number')).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Send link' }));
    await waitFor(() => expect(bridge.callsTo('videoKyc.send')).toEqual([{ recordId: 'rec_9', sendNotification: true, linkType: 'free' }]));
  });
});

describe('masking boxes drawn on a smaller copy of an Aadhaar image', () => {
  it('are put in the original’s pixels, rounded outwards so nothing they covered shows', () => {
    expect(boxesInOriginal([{ x: 10.2, y: 5, width: 40.5, height: 12 }], 1.5)).toEqual([{ x: 15, y: 7, width: 62, height: 19 }]);
    expect(boxesInOriginal([{ x: 3, y: 4, width: 30, height: 20 }], 1)).toEqual([{ x: 3, y: 4, width: 30, height: 20 }]);
  });
});

// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { DkycPushView, ResponseOf } from '../../shared/contract';
import { RecordDigitalKyc } from '../../renderer/src/digital-kyc/RecordDigitalKyc';
import { VideoKycView } from '../../renderer/src/video-kyc/VideoKycView';
import { RecordVideoKyc } from '../../renderer/src/video-kyc/RecordVideoKyc';
import { useAppStore } from '../../renderer/src/state/app-store';
import { TEST_UID } from '../support/agent-api';
import { fakeBridge, signedIn, type Handler } from './fake-bridge';

/**
 * The Review page's "Push for digital KYC": what is missing is named by field first; the Aadhaar
 * box is masked, counts the digits and checks Verhoeff and the record's last four as it is typed;
 * Push sends the number once and clears the box; a push that lost its number, or may have been
 * made, offers the person's choices.
 */
const INITIAL = useAppStore.getState();
afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

function push(overrides: Partial<DkycPushView> = {}): DkycPushView {
  return {
    id: 'rec_push1', reference: 'KDPUSH000001', state: 'submitted', phase: 'following', userId: 'KD0000000042', phoneMasked: '•••••••210', sendNotification: false, linkType: '',
    sourceRecordId: 'rec_1', sourceReference: 'KD0000000042', sessionId: 'DK1', status: 'waiting', statusWords: 'Waiting for the customer', final: false, verdict: null,
    linkUrl: null, linkExpiresAt: null, validitySeconds: null, nextCheckAt: null, batchId: 'bat_1', message: null, createdAt: new Date().toISOString(), requestedBy: 'Training Checker',
    service: 'digital-kyc', problems: [], waitingForAadhaar: false, ...overrides,
  };
}

function open(read: ResponseOf<'digitalKyc.forRecord'>, handlers: Partial<Record<string, Handler>> = {}, role: 'checker' | 'maker' = 'checker', editable = false) {
  const bridge = fakeBridge({ 'digitalKyc.forRecord': () => ({ ok: true, value: read }), ...handlers });
  useAppStore.setState({ api: bridge.api, session: signedIn(role) });
  render(<RecordDigitalKyc recordId="rec_1" state="ready" editable={editable} />);
  return bridge;
}

const READY: ResponseOf<'digitalKyc.forRecord'> = { problems: [], blocked: null, aadhaarLast4: TEST_UID.slice(-4), pushes: [] };

describe('Push for digital KYC', () => {
  it('names what is missing by field and step, and will not push until it is corrected', async () => {
    open({ ...READY, problems: [{ path: 'images', label: 'Document images', step: 'documents', message: 'Add the customer’s signature (drawn or scanned) in the Documents step (DOCUMENT_COLLECTION.docSign).' }] });
    await userEvent.click(await screen.findByRole('button', { name: 'Push for digital KYC' }));
    const problems = screen.getByTestId('dkyc-problems');
    expect(problems.textContent).toMatch(/^Document images \(Documents[^)]* step\): Add the customer’s signature/);
    expect(problems.textContent).toContain('Its maker changes it');
    await userEvent.type(screen.getByTestId('dkyc-aadhaar'), TEST_UID);
    expect((screen.getByTestId('dkyc-push') as HTMLButtonElement).disabled).toBe(true);
  });

  it('checks the number as it is typed (a masked box, Verhoeff, the last four), pushes it once and clears the box', async () => {
    const bridge = open(READY, { 'digitalKyc.push': () => ({ ok: true, value: push() }) });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Push for digital KYC' }));
    const box = screen.getByTestId('dkyc-aadhaar');
    expect(box.getAttribute('type')).toBe('password');
    expect(box.getAttribute('autocomplete')).toBe('off');
    await user.type(box, TEST_UID.slice(0, 6));
    expect(screen.getByTestId('dkyc-aadhaar-hint').textContent).toContain('6 of 12 digits.');
    await user.type(box, `${TEST_UID.slice(6, 11)}${(Number(TEST_UID[11]) + 1) % 10}`);
    expect(screen.getByTestId('dkyc-aadhaar-hint').textContent).toContain('a digit is wrong or two are swapped');
    expect((screen.getByTestId('dkyc-push') as HTMLButtonElement).disabled).toBe(true);
    await user.clear(box);
    await user.type(box, '987654321019');
    expect(screen.getByTestId('dkyc-aadhaar-hint').textContent).toMatch(/does not end in 0124|typing mistake/);
    await user.clear(box);
    await user.type(box, TEST_UID);
    expect(screen.getByTestId('dkyc-aadhaar-hint').textContent).toContain('passes its check digit');
    await user.click(screen.getByTestId('dkyc-push'));
    await waitFor(() => expect(bridge.callsTo('digitalKyc.push')).toEqual([{ recordId: 'rec_1', aadhaar: TEST_UID }]));
    await waitFor(() => expect(screen.queryByTestId('dkyc-dialog')).toBeNull());
  });

  it('shows main’s refusal in words and keeps nothing typed', async () => {
    open(READY, { 'digitalKyc.push': () => ({ ok: false, error: { code: 'CONNECTION_NOT_ALLOWED', message: 'Not pushed: An admin has not set up the agent API yet.' } }) });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Push for digital KYC' }));
    await user.type(screen.getByTestId('dkyc-aadhaar'), TEST_UID);
    await user.click(screen.getByTestId('dkyc-push'));
    expect((await screen.findByTestId('dkyc-error')).textContent).toBe('Not pushed: An admin has not set up the agent API yet.');
    expect((screen.getByTestId('dkyc-aadhaar') as HTMLInputElement).value).toBe('');
  });

  it('offers the number again for a push that lost it, and the choice for one that may have been made', async () => {
    const waiting = push({ id: 'rec_push2', state: 'ready', phase: 'sending', waitingForAadhaar: true, statusWords: 'Being sent to the agent API' });
    const unsure = push({ id: 'rec_push3', phase: 'may_have_been_sent', message: 'The customer may have been pushed: the answer from the agent API was lost.' });
    const bridge = open({ ...READY, blocked: 'Push KDPUSH000001 may have been made: close it, or push again on purpose.', pushes: [waiting, unsure] }, {
      'digitalKyc.typeAadhaar': () => ({ ok: true, value: push({ id: 'rec_push2' }) }),
      'digitalKyc.close': () => ({ ok: true, value: push({ id: 'rec_push3', phase: 'ended', state: 'failed' }) }),
    });
    const user = userEvent.setup();
    expect((await screen.findByTestId('dkyc-waiting-aadhaar')).textContent).toContain('never after a restart');
    await user.type(screen.getByLabelText('Customer’s full Aadhaar number'), TEST_UID);
    await user.click(screen.getByRole('button', { name: 'Send the push' }));
    await waitFor(() => expect(bridge.callsTo('digitalKyc.typeAadhaar')).toEqual([{ id: 'rec_push2', aadhaar: TEST_UID }]));
    expect(screen.queryByRole('button', { name: 'Push for digital KYC' })).toBeNull();
    await user.type(screen.getByLabelText('Why close it (for the audit trail)'), 'Vendor confirmed nothing arrived');
    await user.click(screen.getByRole('button', { name: 'Close as not pushed' }));
    await waitFor(() => expect(bridge.callsTo('digitalKyc.close')).toEqual([{ id: 'rec_push3', reason: 'Vendor confirmed nothing arrived' }]));
    await user.click(screen.getByRole('button', { name: 'Push again on purpose' }));
    expect(screen.getByRole('dialog', { name: 'Push again on purpose' })).toBeTruthy();
  });

  it('opens the record for its maker at the fields the vendor refused, marked', async () => {
    const refused = push({ phase: 'ended', state: 'failed', message: 'Not pushed: the agent API refused the push.', problems: [{ path: 'pan', label: 'PAN', step: 'identity', message: 'PAN not found (the vendor’s BASIC_INFORMATION.pan)' }] });
    open({ ...READY, pushes: [refused] }, { 'records.get': () => ({ ok: true, value: { summary: { reference: 'KD0000000042' }, kind: 'ckyc-individual', record: {}, registryErrors: null } }) }, 'maker', true);
    await userEvent.click(await screen.findByTestId('dkyc-problem-link'));
    await waitFor(() => expect(useAppStore.getState().editing?.registryErrors).toEqual({ pan: 'PAN not found (the vendor’s BASIC_INFORMATION.pan)' }));
    expect(useAppStore.getState().view).toBe('capture');
  });

  it('gives a maker no push button, only what happened', async () => {
    open({ ...READY, pushes: [push({ phase: 'ended', state: 'succeeded', status: 'kyc_result_approved', statusWords: 'Approved', final: true, verdict: 'approved' })] }, {}, 'maker');
    expect((await screen.findByTestId('dkyc-push-row')).textContent).toContain('Approved by digital KYC.');
    expect(screen.queryByRole('button', { name: 'Push for digital KYC' })).toBeNull();
  });

  it('is tagged "digital KYC" on the Video KYC screen, where its session is decided on the customer’s record', async () => {
    const bridge = fakeBridge({
      'videoKyc.list': () => ({ ok: true, value: { items: [push({ phase: 'may_have_been_sent', message: 'The customer may have been pushed.' })], total: 1 } }),
      'videoKyc.linkTypes': () => ({ ok: true, value: { linkTypes: ['free'], problem: null } }),
      'videoKyc.get': () => ({ ok: true, value: { session: push({ phase: 'may_have_been_sent', message: 'The customer may have been pushed.' }), agentId: null, agentRegion: null, timeline: [], media: [], kept: [], checkedAt: null } }),
    });
    useAppStore.setState({ api: bridge.api, session: signedIn('checker') });
    render(<VideoKycView />);
    expect((await screen.findByTestId('vkyc-dkyc-tag')).textContent).toBe('digital KYC');
    await userEvent.click(screen.getByRole('button', { name: 'Open' }));
    const card = await screen.findByTestId('vkyc-link');
    expect(card.textContent).toContain('Close it or push again from the customer’s record');
    expect(screen.queryByTestId('vkyc-send-again')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Close as not sent' })).toBeNull();
  });

  it('leaves a push’s session and verdict out of the record’s Video KYC section, which names only video KYC', async () => {
    const bridge = fakeBridge({
      'videoKyc.forRecord': () => ({
        ok: true,
        value: {
          sessions: [push({ phase: 'ended', state: 'succeeded' })],
          verdicts: [
            { sessionId: 'DK1', verdict: 'approved', status: 'kyc_result_approved', decidedAt: new Date().toISOString(), service: 'digital-kyc' },
            { sessionId: 'VS1', verdict: 'not_approved', status: 'kyc_result_rejected', decidedAt: new Date().toISOString(), service: 'video-kyc' },
          ],
        },
      }),
    });
    useAppStore.setState({ api: bridge.api, session: signedIn('checker') });
    render(<RecordVideoKyc recordId="rec_1" reference="KD0000000042" />);
    const verdicts = await screen.findAllByTestId('vkyc-verdict');
    expect(verdicts.map((verdict) => verdict.textContent)).toEqual([expect.stringMatching(/^Not approved by video KYC \(kyc_result_rejected\), session VS1/)]);
    expect(screen.getByTestId('record-video-kyc').textContent).not.toContain('Link sent');
  });
});

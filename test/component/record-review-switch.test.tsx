// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordSummary } from '../../shared/contract';
import { validateKycRecord } from '../../shared/validation';
import { RecordReview } from '../../renderer/src/review/RecordReview';
import { useAppStore } from '../../renderer/src/state/app-store';
import { APP_INFO, fakeBridge, signedIn } from './fake-bridge';
import { completeKycRecord, FIXTURE_TODAY } from '../support/kyc-records';

vi.mock('../../renderer/src/capture/images', () => ({
  StoredImage: ({ alt }: { alt: string }) => <img alt={alt} />,
}));

const INITIAL = useAppStore.getState();
afterEach(() => {
  cleanup();
  useAppStore.setState(INITIAL, true);
});

function opened(id: string, reference: string, name: string) {
  const check = validateKycRecord(completeKycRecord(), FIXTURE_TODAY);
  if (!check.ok) throw new Error('fixture must be valid');
  const summary: RecordSummary = {
    id, reference, name, panMasked: '••••••234K', mobileMasked: '•••••••210', state: 'awaiting_approval',
    createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', batchId: null, message: null,
  };
  return { summary, kind: 'ckyc-individual', record: check.value, registryErrors: null, capturedBy: 'Training Maker', approvedBy: null, verifier: null, editable: false } as never;
}

describe('the Review page moving from one customer to another', () => {
  it('starts afresh: a refusal reason half typed for the first customer is not offered for the second', async () => {
    const bridge = fakeBridge({ 'app.info': () => APP_INFO });
    useAppStore.setState({ api: bridge.api, session: signedIn('checker'), info: { ...APP_INFO.value, notices: [] }, openRecord: opened('rec_1', 'KD000000000001', 'ASHA VERMA') });
    render(<RecordReview />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Reject…' }));
    const reasonBox = screen.getByRole('textbox');
    await user.type(reasonBox, 'Photograph does not match');
    expect((reasonBox as HTMLTextAreaElement).value).toBe('Photograph does not match');

    await act(async () => useAppStore.setState({ openRecord: opened('rec_2', 'KD000000000002', 'RAVI KUMAR') }));
    expect(screen.getByRole('heading', { level: 3 }).textContent).toContain('KD000000000002');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByRole('button', { name: 'Reject…' })).toBeTruthy();
  });
});

// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordSummary } from '../../shared/contract';
import { verhoeffCheckDigit } from '../../shared/validation';
import { FREE_TEXT_MESSAGES } from '../../shared/validation/free-text';
import { ApprovalActions } from '../../renderer/src/queue/ApprovalActions';
import { useAppStore } from '../../renderer/src/state/app-store';

/** The checker's reject box says at once why a reason cannot be sent, keeps the typing, and sends a good one. */
const RECORD: RecordSummary = {
  id: 'rec_1',
  reference: 'KD000000000001',
  name: 'CUSTOMER 1',
  panMasked: '••••••234K',
  mobileMasked: '•••••••210',
  state: 'awaiting_approval',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  batchId: null,
  message: null,
};
const AADHAAR = `23456789012${verhoeffCheckDigit('23456789012')}`;

afterEach(() => cleanup());

describe('reject reason in the renderer', () => {
  it('refuses a reason holding a full Aadhaar number or starting a formula before anything is sent', async () => {
    const reject = vi.fn(async () => true);
    useAppStore.setState({ reject });
    render(<ApprovalActions record={RECORD} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Reject…' }));
    const box = screen.getByLabelText('Reason for rejecting KD000000000001');

    await user.type(box, `Aadhaar is ${AADHAAR}`);
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    expect(screen.getByTestId('reject-reason-problem').textContent).toBe(FREE_TEXT_MESSAGES.fullAadhaar);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect((box as HTMLInputElement).value).toBe(`Aadhaar is ${AADHAAR}`);

    await user.clear(box);
    await user.type(box, '=1+1');
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    expect(screen.getByTestId('reject-reason-problem').textContent).toBe(FREE_TEXT_MESSAGES.formulaPrefix);
    expect(reject).not.toHaveBeenCalled();

    await user.clear(box);
    await user.type(box, 'Photograph is blurred');
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(reject).toHaveBeenCalledWith('rec_1', 'Photograph is blurred'));
    expect(screen.queryByTestId('reject-reason-problem')).toBeNull();
  });
});

// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SameCustomerMatch } from '../../shared/contract';
import { CaptureFlow } from '../../renderer/src/capture/CaptureFlow';
import { SameCustomerProvider, SameCustomerReason } from '../../renderer/src/capture/same-customer/SameCustomerNotice';
import { useAppStore } from '../../renderer/src/state/app-store';
import { APP_INFO, fakeBridge, signedIn } from './fake-bridge';

vi.mock('../../renderer/src/capture/images', () => ({ PhotoCapture: () => null, DocumentAttach: () => null, StoredImage: () => null }));

/** The capture form's notice of the same customer elsewhere in the store, against a stand-in main. */
const MINE: SameCustomerMatch = { field: 'pan', path: 'pan', state: 'awaiting_approval', capturedByYou: true, record: { id: 'rec_7', reference: 'KD000000000007', name: 'KAVYA M.' } };
const THEIRS: SameCustomerMatch = { field: 'identity', path: 'identityDocuments.0.number', state: 'succeeded', capturedByYou: false, record: null };

function setUp() {
  const bridge = fakeBridge({
    'drafts.get': () => ({ ok: true, value: { draft: null, updatedAt: null } }),
    'drafts.save': () => ({ ok: true, value: { updatedAt: new Date().toISOString() } }),
    'records.findSameCustomer': (request) => {
      const { pan = '', identityDocuments = [] } = request as { pan?: string; identityDocuments?: Array<{ number: string }> };
      const matches = [...(pan.toUpperCase() === 'AFZPM4821Q' ? [MINE] : []), ...(identityDocuments[0]?.number === 'K4471208' ? [THEIRS] : [])];
      return { ok: true, value: { matches } };
    },
    'records.get': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'not in this test' } }),
  });
  useAppStore.setState({ api: bridge.api, info: { ...APP_INFO.value, notices: [] }, session: signedIn('maker'), editing: null, view: 'capture' });
  render(<CaptureFlow />);
  return { ...bridge, user: userEvent.setup() };
}

afterEach(() => cleanup());

describe('the same customer twice, in the capture form', () => {
  it('says beside the PAN that it is on another record, names it and its state, and opens it', async () => {
    const { user, callsTo } = setUp();
    await user.click(within(screen.getByRole('navigation', { name: 'Capture steps' })).getByRole('button', { name: /^Identity/ }));
    // The region is there before anything is found: a notice arriving does not move the form.
    const region = screen.getByTestId('same-customer-pan');
    expect(region).toHaveProperty('textContent', '');
    expect(region.getAttribute('role')).toBe('status');

    await user.type(screen.getByLabelText('PAN', { exact: true }), 'afzpm4821q');
    await waitFor(() => expect(region.textContent).toContain('This PAN is already on your record KD000000000007 — KAVYA M., awaiting approval.'), { timeout: 3000 });
    // Asked a moment after typing, not on every key.
    expect(callsTo('records.findSameCustomer').length).toBeLessThan(5);

    await user.click(within(region).getByRole('button', { name: 'Open KD000000000007' }));
    expect(useAppStore.getState().view).toBe('queue');
    await waitFor(() => expect(callsTo('records.get')).toEqual([{ id: 'rec_7' }]));
  });

  it('names another maker’s record by its state only, with nothing to open', async () => {
    const { user } = setUp();
    await user.click(within(screen.getByRole('navigation', { name: 'Capture steps' })).getByRole('button', { name: /^Identity/ }));
    await user.click(screen.getByRole('button', { name: 'Add an identity document' }));
    await user.type(document.querySelector<HTMLInputElement>('[name="identityDocuments.0.number"]')!, 'K4471208');
    const region = screen.getByTestId('same-customer-identityDocuments.0.number');
    await waitFor(() => expect(region.textContent).toBe('This document number is already on a record by another maker (upload succeeded). '), { timeout: 3000 });
    expect(within(region).queryByRole('button')).toBeNull();
  });

  it('asks on Review why a second record is needed, only while the customer is already in the store', async () => {
    const state = { matches: [MINE], reason: '', setReason: vi.fn(), reasonError: 'Say why a second record of this customer is needed.', setReasonError: vi.fn() };
    const { rerender } = render(
      <SameCustomerProvider value={state}>
        <SameCustomerReason />
      </SameCustomerProvider>,
    );
    const box = screen.getByLabelText('Why does this customer need a second record?');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Say why a second record of this customer is needed.')).toBeTruthy();
    await userEvent.setup().type(box, 'J');
    expect(state.setReason).toHaveBeenCalledWith('J');
    rerender(
      <SameCustomerProvider value={{ ...state, matches: [], reasonError: undefined }}>
        <SameCustomerReason />
      </SameCustomerProvider>,
    );
    expect(screen.queryByLabelText('Why does this customer need a second record?')).toBeNull();
    // Main refused the save for want of a reason before the form's own look-up answered: the box is there.
    rerender(
      <SameCustomerProvider value={{ ...state, matches: [] }}>
        <SameCustomerReason />
      </SameCustomerProvider>,
    );
    expect(screen.getByLabelText('Why does this customer need a second record?')).toBeTruthy();
  });
});

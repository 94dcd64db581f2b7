// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KycDeskApi, ResponseOf } from '../../shared/contract';
import { DEFAULT_DOCUMENT_LIMITS } from '../../shared/documents/limits';
import { CKYC_INDIVIDUAL } from '../../shared/record-kinds';
import { CaptureFlow } from '../../renderer/src/capture/CaptureFlow';
import { captureKind } from '../../renderer/src/capture/capture-kinds';
import { RecordReview } from '../../renderer/src/review/RecordReview';
import { useAppStore } from '../../renderer/src/state/app-store';
import { completeKycRecord } from '../support/kyc-records';

vi.mock('../../renderer/src/capture/images', () => ({
  PhotoCapture: () => null,
  DocumentAttach: () => null,
  StoredImage: ({ alt }: { alt: string }) => <img alt={alt} />,
}));

const OPERATOR = { id: 'op-1', name: 'Training Maker', employeeCode: 'TM001', designation: 'Officer', branch: 'Main', organisation: 'Bank', role: 'maker' as const, active: true };

function signedIn(state: Partial<ReturnType<typeof useAppStore.getState>>) {
  const api = { invoke: vi.fn(() => Promise.resolve({ ok: true, value: { draft: null, updatedAt: null } })), on: vi.fn(() => () => undefined) };
  useAppStore.setState({
    api: api as unknown as KycDeskApi,
    info: { mode: 'training', nextMode: 'training', notices: [], version: 'test', pollSeconds: 2, documentLimits: DEFAULT_DOCUMENT_LIMITS },
    session: { state: 'signed_in', operator: OPERATOR, lockReason: null, needsFirstAdmin: false, trainingOperators: [] },
    ...state,
  });
}

function opened(kind: string | undefined): ResponseOf<'records.get'> {
  const record = completeKycRecord();
  return {
    summary: { id: 'rec_1', reference: 'KD000000000001', kind, name: 'ASHA VERMA', panMasked: '', mobileMasked: '', state: 'awaiting_approval', createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', batchId: null, message: null },
    kind,
    record,
    registryErrors: { pan: 'The registry refused this PAN.' },
    registryCkycNumber: null,
    capturedBy: 'Training Maker',
    approvedBy: null,
    verifier: null,
    editable: false,
  };
}

afterEach(() => {
  cleanup();
  useAppStore.setState({ api: null, info: null, session: null, editing: null, openRecord: null });
});

describe('capture and review take their form from the record kind', () => {
  it('the flow’s steps are the kind’s steps, in its order, then Review', () => {
    signedIn({ editing: null });
    render(<CaptureFlow />);
    const steps = within(screen.getByRole('navigation', { name: 'Capture steps' })).getAllByRole('button');
    expect(steps.map((step) => step.textContent)).toEqual([...CKYC_INDIVIDUAL.steps.map((step) => step.title), 'Review']);
    expect(Object.keys(captureKind(undefined)!.steps)).toEqual(CKYC_INDIVIDUAL.steps.map((step) => step.id));
  });

  it('a record of a kind the screens cannot show is said so, never shown in another kind’s form', () => {
    signedIn({ editing: { id: 'rec_9', reference: 'KD000000000009', kind: 'uae-partner', record: completeKycRecord() } });
    render(<CaptureFlow />);
    expect(screen.getByRole('alert').textContent).toBe('This version of KYC Desk cannot show records of the kind "uae-partner".');
    expect(screen.queryByRole('navigation', { name: 'Capture steps' })).toBeNull();
  });

  it('the review shows an individual’s fields and images by its kind, and an unknown kind’s not at all', () => {
    signedIn({ openRecord: opened(undefined) });
    const { unmount } = render(<RecordReview />);
    expect(screen.getByTestId('registry-errors').textContent).toContain('PAN: The registry refused this PAN.');
    expect(within(screen.getByRole('list', { name: 'Photograph and documents' })).getAllByRole('img')).toHaveLength(completeKycRecord().images.length);
    unmount();

    signedIn({ openRecord: opened('uae-partner') });
    render(<RecordReview />);
    expect(screen.getByText('This version of KYC Desk cannot show records of the kind "uae-partner".')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Photograph and documents' })).queryAllByRole('img')).toHaveLength(0);
    expect(screen.getByTestId('registry-errors').textContent).toContain('pan: The registry refused this PAN.');
  });
});

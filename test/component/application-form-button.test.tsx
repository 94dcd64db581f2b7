// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordSummary } from '../../shared/contract';
import { validateKycRecord } from '../../shared/validation';
import { ApplicationFormButton } from '../../renderer/src/review/ApplicationFormButton';
import { RecordReview } from '../../renderer/src/review/RecordReview';
import { useAppStore } from '../../renderer/src/state/app-store';
import { APP_INFO, fakeBridge, signedIn } from './fake-bridge';
import { completeKycRecord, FIXTURE_TODAY } from '../support/kyc-records';

vi.mock('../../renderer/src/capture/images', () => ({
  StoredImage: ({ alt }: { alt: string }) => <img alt={alt} />,
}));

/**
 * The Review page's "Print KYC application form": it asks main for the record's form, hands the
 * PDF to the browser's download under the name main gave (the bytes as main sent them, typed as a
 * PDF, the blob URL let go), says what to do with it, and says in words when main could not make it.
 */
const PDF_BYTES = '%PDF-1.7 the form';
const FORM = { ok: true, value: { base64: btoa(PDF_BYTES), fileName: 'KYC application form KD000000000001.pdf' } } as const;

let downloads: Array<{ name: string; href: string; blob: Blob | undefined }>;
let blobs: Map<string, Blob>;
let revoked: string[];

beforeEach(() => {
  downloads = [];
  blobs = new Map();
  revoked = [];
  // jsdom has no blob URLs and no downloads: record what the button hands over.
  URL.createObjectURL = vi.fn((blob: Blob) => {
    const url = `blob:test/${blobs.size + 1}`;
    blobs.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = vi.fn((url: string) => void revoked.push(url));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, href: this.href, blob: blobs.get(this.href) });
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function setUp(form: () => unknown) {
  const bridge = fakeBridge({ 'app.info': () => APP_INFO, 'digitalKyc.form': form as never });
  useAppStore.setState({ api: bridge.api, session: signedIn('checker'), info: { ...APP_INFO.value, notices: [] } });
  return bridge;
}

describe('Print KYC application form', () => {
  it('asks main for the record’s form and hands the PDF to the download under main’s file name', async () => {
    const bridge = setUp(() => FORM);
    render(<ApplicationFormButton recordId="rec_1" />);
    await userEvent.click(screen.getByRole('button', { name: 'Print KYC application form' }));
    await screen.findByRole('status');
    expect(bridge.callsTo('digitalKyc.form')).toEqual([{ recordId: 'rec_1' }]);
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toBe('KYC application form KD000000000001.pdf');
    expect(downloads[0]!.blob?.type).toBe('application/pdf');
    expect(new TextDecoder().decode(await downloads[0]!.blob!.arrayBuffer())).toBe(PDF_BYTES);
    expect(revoked).toEqual([downloads[0]!.href]);
    expect(document.querySelector('a[download]')).toBeNull(); // the link is gone again
    expect(screen.getByRole('status').textContent).toMatch(/“KYC application form KD000000000001\.pdf”.*print it for the customer to sign/);
  });

  it('says why when main could not make the form, hands nothing over, and may be pressed again', async () => {
    let answer: unknown = { ok: false, error: { code: 'NOT_FOUND', message: 'This record is not on this PC, or is not yours to open.' } };
    setUp(() => answer);
    render(<ApplicationFormButton recordId="rec_1" />);
    await userEvent.click(screen.getByRole('button', { name: 'Print KYC application form' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The application form could not be made: This record is not on this PC, or is not yours to open.');
    expect(downloads).toHaveLength(0);
    answer = FORM;
    await userEvent.click(screen.getByRole('button', { name: 'Print KYC application form' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('is on a customer record’s Review page', async () => {
    setUp(() => FORM);
    const check = validateKycRecord(completeKycRecord(), FIXTURE_TODAY);
    if (!check.ok) throw new Error('fixture must be valid');
    const summary: RecordSummary = {
      id: 'rec_1', reference: 'KD000000000001', name: 'ASHA VERMA', panMasked: '••••••234K', mobileMasked: '•••••••210', state: 'ready',
      createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', batchId: null, message: null,
    };
    useAppStore.setState({ openRecord: { summary, kind: 'ckyc-individual', record: check.value, registryErrors: null, capturedBy: 'Training Maker', approvedBy: 'Training Checker', verifier: null, editable: false } as never });
    render(<RecordReview />);
    await userEvent.click(screen.getByRole('button', { name: 'Print KYC application form' }));
    await waitFor(() => expect(downloads.map((download) => download.name)).toEqual(['KYC application form KD000000000001.pdf']));
  });
});

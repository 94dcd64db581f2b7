import { AppFailure } from '../../shared/errors';
import type { Store } from '../store/database';
import type { DocumentStore } from './document-store';
import { describeForeignFile, MIME_OF, sniffDocumentKind } from './file-kind';

/**
 * Byte limits per document. The registry publishes none (kyc-reference §4), so they are
 * configuration with the reference's suggested defaults; images over the limit are compressed in
 * the renderer before they get here, a PDF over the limit must be rescanned.
 */
export interface DocumentLimits {
  photoBytes: number;
  documentBytes: number;
  /** Nothing larger is even read: a guard against a 2 GB file dropped by mistake. */
  hardMaxBytes: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { photoBytes: 100 * 1024, documentBytes: 300 * 1024, hardMaxBytes: 10 * 1024 * 1024 };

export interface IntakeRequest {
  bytes: Uint8Array;
  /** CKYC image code: 02 photograph, 04 Aadhaar, 05 passport … */
  imageCode: string;
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** Check a captured or picked file and keep it encrypted; returns its reference for the record. */
export class DocumentIntake {
  constructor(
    private readonly store: Store,
    private readonly documents: DocumentStore,
    private readonly limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  accept(request: IntakeRequest): { hash: string; mime: string; bytes: number } {
    const { bytes, imageCode } = request;
    if (bytes.length > this.limits.hardMaxBytes) {
      throw new AppFailure('VALIDATION_FAILED', `This file is ${kb(bytes.length)}, far larger than any KYC document should be. Scan or photograph it again at a lower resolution.`);
    }
    const kind = sniffDocumentKind(bytes);
    if (!kind) {
      throw new AppFailure('VALIDATION_FAILED', `This file is ${describeForeignFile(bytes)}, whatever its name says. Only JPEG, PNG, TIFF and PDF documents can be attached.`);
    }
    const photo = imageCode === '02';
    if (photo && kind === 'pdf') throw new AppFailure('VALIDATION_FAILED', 'A photograph must be an image (JPEG or PNG), not a PDF.');
    const limit = photo ? this.limits.photoBytes : this.limits.documentBytes;
    if (bytes.length > limit) {
      throw new AppFailure(
        'VALIDATION_FAILED',
        kind === 'pdf'
          ? `This PDF is ${kb(bytes.length)}; the limit is ${kb(limit)}. Scan it again in black and white or at a lower resolution.`
          : `This image is ${kb(bytes.length)}; the limit is ${kb(limit)}. It should have been made smaller before saving — try attaching it again.`,
      );
    }
    // The file first, then the row: a crash in between leaves an orphan file, which the start-up
    // clean-up removes; never a row pointing at nothing.
    const { hash } = this.documents.put(bytes);
    const mime = MIME_OF[kind];
    this.store.write(() =>
      this.store.run(
        'INSERT INTO documents (hash, record_id, kind, image_code, mime, bytes, created_at) VALUES (?, NULL, ?, ?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING',
        [hash, kind, imageCode, mime, bytes.length, this.clock().toISOString()],
      ),
    );
    return { hash, mime, bytes: bytes.length };
  }
}

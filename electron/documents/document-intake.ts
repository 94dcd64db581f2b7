import { IMAGE_CODE_AADHAAR, IMAGE_CODE_PHOTOGRAPH } from '../../shared/codes/ckyc-codes';
import { DEFAULT_DOCUMENT_LIMITS, kilobytes as kb, limitFor, type DocumentLimits } from '../../shared/documents/limits';
import { foreignVideoMessage, IN_PERSON_VIDEO_CODE, IN_PERSON_VIDEO_MAX_BYTES, sniffVideoKind, VIDEO_MIME_OF, videoTooLarge } from '../../shared/documents/in-person-video';
import { AppFailure } from '../../shared/errors';
import type { Store } from '../store/database';
import type { DocumentStore } from './document-store';
import { DocumentRepository } from './document-repository';
import { foreignFileMessage, MIME_OF, sniffDocumentKind } from './file-kind';
import type { MaskBox } from '../../shared/documents/masking';
import { sharedMaskingThread, type Masker } from './masking/masking-thread';

export interface IntakeRequest {
  /**
   * With `masked`, these are moved to the masking thread (transferred when they are a buffer of
   * their own): afterwards they are empty here, so main keeps no copy of the unmasked image.
   */
  bytes: Uint8Array;
  /** CKYC image code: 02 photograph, 04 Aadhaar, 05 passport, 09 signature …; or 'IPV', the in-person video. */
  imageCode: string;
  /**
   * The operator masked this image (the first 8 Aadhaar digits and the QR code). Never taken on the
   * renderer's word: main burns `boxes` into the pixels itself and stores only its own JPEG.
   */
  masked: boolean;
  /** The masking boxes the redaction tool chose, in the image's own pixels; only with `masked`. */
  boxes?: readonly MaskBox[];
  /** The operator handing it in: until it is on a record, only they (and checkers) may read it back. */
  putBy?: string;
}

export { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits };

export interface Accepted {
  hash: string;
  mime: string;
  bytes: number;
  masked: boolean;
}

/** Check a captured or picked file and keep it encrypted; returns its reference for the record. */
export class DocumentIntake {
  constructor(
    private readonly store: Store,
    private readonly documents: DocumentStore,
    private readonly limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
    private readonly clock: () => Date = () => new Date(),
    /** Masking runs on its own thread, so main's event loop keeps answering meanwhile. */
    private readonly masker: Masker = sharedMaskingThread(),
  ) {}

  async accept(request: IntakeRequest): Promise<Accepted> {
    if (request.imageCode === IN_PERSON_VIDEO_CODE) return this.acceptVideo(request);
    const { imageCode, masked } = request;
    let bytes = request.bytes;
    // An unmasked Aadhaar image must never reach the disk, not even for a moment.
    if (imageCode === IMAGE_CODE_AADHAAR && !masked) {
      throw new AppFailure('VALIDATION_FAILED', 'Mask the first 8 digits of the Aadhaar number and the QR code on this image before it is kept.');
    }
    if (bytes.length > this.limits.hardMaxBytes) {
      throw new AppFailure('VALIDATION_FAILED', `This file is ${kb(bytes.length)}, far larger than any KYC document should be. Scan or photograph it again at a lower resolution.`);
    }
    let kind = sniffDocumentKind(bytes);
    if (!kind) {
      throw new AppFailure('VALIDATION_FAILED', foreignFileMessage(bytes));
    }
    if (imageCode === IMAGE_CODE_PHOTOGRAPH && kind === 'pdf') throw new AppFailure('VALIDATION_FAILED', 'A photograph must be an image (JPEG or PNG), not a PDF.');
    if (imageCode === IMAGE_CODE_AADHAAR && (kind === 'pdf' || kind === 'tiff')) {
      throw new AppFailure('VALIDATION_FAILED', 'Scan or photograph the Aadhaar as a JPEG or PNG so that it can be masked.');
    }
    if (request.boxes && !masked) {
      throw new AppFailure('VALIDATION_FAILED', 'Masking boxes came with an image not marked as masked, so nothing was kept. Mask the image again.');
    }
    if (masked) {
      // The bytes handed in stay in memory (moved to the masking thread): what reaches the disk is
      // main's own JPEG with the boxes burnt into its pixels, within the document limit
      // (masking/mask-image.ts, run by masking/masking-thread.ts).
      bytes = (await this.masker.mask({ bytes, kind, boxes: request.boxes ?? [], limitBytes: limitFor(this.limits, imageCode) })).jpeg;
      kind = 'jpeg';
    }
    const limit = limitFor(this.limits, imageCode);
    if (bytes.length > limit) {
      throw new AppFailure(
        'VALIDATION_FAILED',
        kind === 'pdf'
          ? `This PDF is ${kb(bytes.length)}; the limit is ${kb(limit)}. Scan it again in black and white or at a lower resolution.`
          : `This image is ${kb(bytes.length)}; the limit is ${kb(limit)}. It should have been made smaller before saving — try attaching it again.`,
      );
    }
    return this.keep(bytes, kind, MIME_OF[kind], imageCode, masked, request.putBy);
  }

  /**
   * The in-person verification video: a WebM or MP4 by its bytes, within its own size bound (the
   * image limits are the registry's and do not apply), sealed like every document. Its length is
   * bounded by the recorder; a WebM from MediaRecorder carries no duration for main to read.
   */
  private acceptVideo(request: IntakeRequest): Accepted {
    const { bytes } = request;
    if (request.masked || request.boxes) throw new AppFailure('VALIDATION_FAILED', 'A video cannot be masked, so nothing was kept. Record it again.');
    if (bytes.length > IN_PERSON_VIDEO_MAX_BYTES) throw new AppFailure('VALIDATION_FAILED', videoTooLarge(bytes.length));
    const kind = sniffVideoKind(bytes);
    if (!kind) throw new AppFailure('VALIDATION_FAILED', foreignVideoMessage(bytes));
    return this.keep(bytes, kind, VIDEO_MIME_OF[kind], IN_PERSON_VIDEO_CODE, false, request.putBy);
  }

  private keep(bytes: Uint8Array, kind: string, mime: string, imageCode: string, masked: boolean, putBy: string | undefined): Accepted {
    // The file first, then the row: a crash in between leaves an orphan file, which the start-up
    // clean-up removes; never a row pointing at nothing.
    const { hash } = this.documents.put(bytes);
    const rows = new DocumentRepository(this.store);
    this.store.write(() => rows.put({ hash, kind, imageCode, mime, bytes: bytes.length, masked, createdAt: this.clock().toISOString(), putBy: putBy ?? null }));
    return { hash, mime, bytes: bytes.length, masked };
  }
}

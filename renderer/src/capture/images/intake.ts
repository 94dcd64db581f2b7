/**
 * What to do with a picked file, judged from its size and first bytes before it is read in full.
 * The wording follows main's intake (electron/documents/document-intake.ts), which checks again.
 */
import { IMAGE_CODE_AADHAAR, IMAGE_CODE_PHOTOGRAPH } from '../../../../shared/codes/ckyc-codes';
import { foreignFileMessage, sniffDocumentKind, type DocumentKind } from '../../../../shared/documents/file-kind';
import { kilobytes, limitFor, type DocumentLimits } from '../../../../shared/documents/limits';
import { exifOrientation, stripJpegMetadata } from './strip-metadata';

export type IntakePlan =
  | { action: 'refuse'; message: string }
  /** A PDF or TIFF already under its limit: stored byte for byte. */
  | { action: 'as-is'; kind: 'pdf' | 'tiff' }
  /** A JPEG or PNG: decoded, resized if needed and encoded as a JPEG to fit. */
  | { action: 'compress'; kind: 'jpeg' | 'png' }
  /** An Aadhaar image: masked by the operator first, then encoded. */
  | { action: 'redact'; kind: 'jpeg' | 'png' };

export const tooLargeToReadMessage = (bytes: number): string =>
  `This file is ${kilobytes(bytes)}, far larger than any KYC document should be. Scan or photograph it again at a lower resolution.`;

export const AADHAAR_NEEDS_IMAGE = 'Scan or photograph the Aadhaar as a JPEG or PNG so it can be masked.';

/** Step one: the size alone. Null when the file may be opened. */
export function refuseBySize(bytes: number, limits: DocumentLimits): string | null {
  if (bytes === 0) return 'This file is empty. Choose the scan or photograph again.';
  if (bytes > limits.hardMaxBytes) return tooLargeToReadMessage(bytes);
  return null;
}

/** Step two: the first bytes (SNIFF_BYTES of them are enough), the size and the image code. */
export function planIntake(head: Uint8Array, bytes: number, imageCode: string, limits: DocumentLimits): IntakePlan {
  const bySize = refuseBySize(bytes, limits);
  if (bySize) return { action: 'refuse', message: bySize };
  const kind: DocumentKind | null = sniffDocumentKind(head);
  if (!kind) return { action: 'refuse', message: foreignFileMessage(head) };
  const limit = limitFor(limits, imageCode);
  if (imageCode === IMAGE_CODE_AADHAAR) {
    return kind === 'jpeg' || kind === 'png' ? { action: 'redact', kind } : { action: 'refuse', message: AADHAAR_NEEDS_IMAGE };
  }
  if (kind === 'pdf') {
    if (imageCode === IMAGE_CODE_PHOTOGRAPH) return { action: 'refuse', message: 'A photograph must be an image (JPEG or PNG), not a PDF.' };
    if (bytes > limit) {
      return { action: 'refuse', message: `This PDF is ${kilobytes(bytes)}; the limit is ${kilobytes(limit)}. Scan it again in black and white or at a lower resolution.` };
    }
    return { action: 'as-is', kind };
  }
  if (kind === 'tiff') {
    if (bytes > limit) {
      return {
        action: 'refuse',
        message: `This TIFF image is ${kilobytes(bytes)}; the limit is ${kilobytes(limit)}, and a TIFF cannot be made smaller here. Scan it again as a JPEG.`,
      };
    }
    return { action: 'as-is', kind };
  }
  return { action: 'compress', kind };
}

/** A photograph from a file: only an image that can be cropped and compressed. */
export function planPhotoFile(head: Uint8Array, bytes: number, limits: DocumentLimits): IntakePlan {
  const bySize = refuseBySize(bytes, limits);
  if (bySize) return { action: 'refuse', message: bySize };
  const kind = sniffDocumentKind(head);
  if (kind === 'jpeg' || kind === 'png') return { action: 'compress', kind };
  if (!kind) return { action: 'refuse', message: foreignFileMessage(head) };
  return { action: 'refuse', message: 'The photograph must be a JPEG or PNG image. Take it with the camera, or choose a JPEG or PNG file.' };
}

/**
 * Re-encoding an already small JPEG can make it larger (docs/record-rules.md §4): keep the original when
 * it is a JPEG within the limit and no larger than the re-encoded one. Never for a masked image.
 * `bytes` is the size once stripped of metadata (`stripOriginal`): only the stripped one is kept.
 */
export function keepOriginal(original: { kind: DocumentKind; bytes: number }, reencodedBytes: number, limitBytes: number): boolean {
  return original.kind === 'jpeg' && original.bytes <= limitBytes && original.bytes <= reencodedBytes;
}

/** A picked JPEG with its metadata stripped: what would be stored if the original is kept. */
export interface StrippedOriginal {
  bytes: Uint8Array;
  /**
   * False when the EXIF asked viewers to rotate or flip the picture (or could not be read):
   * stripping loses that, so the re-encoded copy, drawn the right way up, is stored instead.
   */
  upright: boolean;
}

/**
 * Step one for a JPEG, before it is decoded: its metadata (EXIF with GPS and camera serial, XMP,
 * IPTC, comments) stripped. A JPEG whose header cannot be walked safely is refused here with a
 * DamagedJpegError, whose message is for the operator, rather than kept with its metadata.
 */
export function stripOriginal(jpeg: Uint8Array): StrippedOriginal {
  const bytes = stripJpegMetadata(jpeg);
  return { bytes, upright: exifOrientation(jpeg) === 1 };
}

/** The stripped original when it should be stored instead of the re-encoded copy, else null. */
export function originalToKeep(original: StrippedOriginal | null, reencodedBytes: number, limitBytes: number): Uint8Array | null {
  if (!original?.upright) return null;
  return keepOriginal({ kind: 'jpeg', bytes: original.bytes.length }, reencodedBytes, limitBytes) ? original.bytes : null;
}

/**
 * Byte limits for photographs and document images. The registry publishes none (docs/record-rules.md §4),
 * so they are configuration with the reference's suggested defaults. The renderer compresses
 * images to fit before they are stored; main refuses anything over them; a PDF over its limit
 * must be rescanned.
 */
export interface DocumentLimits {
  /** The customer's photograph (image code 02). */
  photoBytes: number;
  /** Each other document image or PDF. */
  documentBytes: number;
  /** All images of one record together (the newer registry layout's 500 KB per individual). */
  recordBytes: number;
  /** Nothing larger is even read: a guard against a 2 GB file dropped by mistake. */
  hardMaxBytes: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  photoBytes: 100 * 1024,
  documentBytes: 300 * 1024,
  recordBytes: 500 * 1024,
  hardMaxBytes: 10 * 1024 * 1024,
};

/** The limit for one file of the given CKYC image code. */
export function limitFor(limits: DocumentLimits, imageCode: string): number {
  return imageCode === '02' ? limits.photoBytes : limits.documentBytes;
}

/** Long edge of a document image, in pixels: an A4 page at about 170 DPI, still readable when printed. */
export const DOCUMENT_LONG_EDGE = 2000;

export const kilobytes = (bytes: number): string => `${Math.round(bytes / 1024)} KB`;

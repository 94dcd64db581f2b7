/**
 * What a file really is, from its first bytes — never from its name or the type the picker claims.
 * A renamed executable posing as a JPEG is caught here. Both sides use it: the renderer to answer
 * at once, before anything is read in full; main (electron/documents/) to judge again before storing.
 */
export type DocumentKind = 'jpeg' | 'png' | 'tiff' | 'pdf';

export const MIME_OF: Record<DocumentKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
  pdf: 'application/pdf',
};

/** How many leading bytes are enough to judge a file. */
export const SNIFF_BYTES = 16;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte);

export function sniffDocumentKind(bytes: Uint8Array): DocumentKind | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  return null;
}

/** Common disguises, named so the operator hears what the file actually is. */
export function describeForeignFile(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x4d, 0x5a])) return 'a Windows program';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'a Linux program';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive or Office document';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
  if (bytes.length === 0) return 'empty';
  return 'not a JPEG, PNG, TIFF or PDF file';
}

/** Main's wording for a file that is none of the four kinds. */
export const foreignFileMessage = (bytes: Uint8Array): string =>
  `This file is ${describeForeignFile(bytes)}, whatever its name says. Only JPEG, PNG, TIFF and PDF documents can be attached.`;

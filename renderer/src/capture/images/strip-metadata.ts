/**
 * Metadata out of a JPEG that is stored as it was picked (see `keepOriginal` in intake.ts): EXIF
 * (camera serial, GPS position — often the customer's home — and thumbnails), XMP, IPTC and
 * Photoshop blocks, ICC profiles and comments are PII or may be, and must not be kept or sent.
 *
 * Only the marker segments from SOI up to the first SOS are walked. Dropped: APP1–APP13, APP15 and
 * COM. Kept byte for byte and in order: APP0 (JFIF), APP14 (Adobe colour transform) and every
 * other segment (DQT, SOF, DHT, DRI, …), then SOS and everything after it, unchanged.
 *
 * Hostile input: a file whose header cannot be walked safely (no SOI, cut short, a segment length
 * running past the end or too small, a byte where a marker must be, EOI or a second SOI before
 * any picture data) is never passed through unchanged — its metadata could not be removed — but
 * refused with a `DamagedJpegError` whose message is meant for the operator. Every loop advances
 * by at least one byte and stops at the end of the input.
 */

export class DamagedJpegError extends Error {
  override name = 'DamagedJpegError';
  constructor(detail: string) {
    super(`This JPEG file is damaged (${detail}). Scan or photograph the document again, or save it again as a JPEG or PNG.`);
  }
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP14 = 0xee;
const COM = 0xfe;

/** APP1–APP13, APP15 and COM: the segments that carry metadata rather than the picture. */
export const isMetadataMarker = (marker: number): boolean => (marker >= 0xe1 && marker <= 0xef && marker !== APP14) || marker === COM;

/** Markers without a length: TEM and RST0–7 (odd before SOS, but harmless). */
const standalone = (marker: number): boolean => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

interface Segment {
  marker: number;
  /** First byte of the segment, fill bytes (0xFF padding) before its marker included. */
  start: number;
  /** Where the marker's 0xFF is. */
  markerAt: number;
  /** One past the segment's last byte; for SOS, the end of the input. */
  end: number;
}

/** The segments after SOI up to and including SOS. Throws DamagedJpegError. */
function walk(bytes: Uint8Array): Segment[] {
  const length = bytes.length;
  if (length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) throw new DamagedJpegError('it does not start like a JPEG');
  const segments: Segment[] = [];
  let pos = 2;
  while (pos < length) {
    const start = pos;
    if (bytes[pos] !== 0xff) throw new DamagedJpegError(`unexpected data at byte ${pos}`);
    // Fill bytes: any number of 0xFF before the marker code.
    while (pos < length && bytes[pos] === 0xff) pos++;
    if (pos >= length) break;
    const markerAt = pos - 1;
    const marker = bytes[pos]!;
    pos++;
    if (marker === 0x00) throw new DamagedJpegError(`unexpected data at byte ${markerAt}`);
    if (marker === SOI) throw new DamagedJpegError('it starts twice');
    if (marker === EOI) throw new DamagedJpegError('it ends before the picture');
    if (standalone(marker)) {
      segments.push({ marker, start, markerAt, end: pos });
      continue;
    }
    if (pos + 2 > length) break;
    const size = (bytes[pos]! << 8) | bytes[pos + 1]!; // includes its own two bytes
    if (size < 2) throw new DamagedJpegError(`a header segment at byte ${markerAt} has an impossible length`);
    const end = pos + size;
    if (end > length) throw new DamagedJpegError(`a header segment at byte ${markerAt} runs past the end of the file`);
    if (marker === SOS) {
      segments.push({ marker, start, markerAt, end: length });
      return segments;
    }
    segments.push({ marker, start, markerAt, end });
    pos = end;
  }
  throw new DamagedJpegError('it is cut short before the picture');
}

/**
 * The JPEG without its metadata segments. Kept segments and the picture data are byte-identical;
 * when nothing needs removing the input itself is returned. Throws DamagedJpegError.
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array {
  const kept = walk(bytes).filter((segment) => !isMetadataMarker(segment.marker));
  const total = 2 + kept.reduce((sum, segment) => sum + (segment.end - segment.start), 0);
  if (total === bytes.length) return bytes;
  const out = new Uint8Array(total);
  out[0] = 0xff;
  out[1] = SOI;
  let at = 2;
  for (const segment of kept) {
    out.set(bytes.subarray(segment.start, segment.end), at);
    at += segment.end - segment.start;
  }
  return out;
}

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"
const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

/**
 * The EXIF orientation (1–8; 1 = as stored) a viewer would apply, 1 when the file has none, or
 * null when the EXIF is there but cannot be read. Stripping the EXIF loses the orientation, so a
 * caller keeps the stripped original only when this is 1. Throws DamagedJpegError.
 */
export function exifOrientation(bytes: Uint8Array): number | null {
  const exif = walk(bytes).find((segment) => {
    if (segment.marker !== 0xe1 || segment.end - segment.markerAt < 4 + EXIF_HEADER.length) return false;
    return EXIF_HEADER.every((b, i) => bytes[segment.markerAt + 4 + i] === b);
  });
  if (!exif) return 1;
  const tiff = bytes.subarray(exif.markerAt + 4 + EXIF_HEADER.length, exif.end);
  if (tiff.length < 8) return null;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null;
  const u16 = (at: number) => (little ? tiff[at]! | (tiff[at + 1]! << 8) : (tiff[at]! << 8) | tiff[at + 1]!);
  const u32 = (at: number) => (little ? (u16(at) | (u16(at + 2) << 16)) >>> 0 : ((u16(at) << 16) | u16(at + 2)) >>> 0);
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd < 8 || ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  if (ifd + 2 + count * 12 > tiff.length) return null;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) !== ORIENTATION_TAG) continue;
    if (u16(entry + 2) !== SHORT || u32(entry + 4) !== 1) return null;
    const value = u16(entry + 8);
    return value >= 1 && value <= 8 ? value : null;
  }
  return 1;
}

/**
 * The in-person verification video: recorded with the webcam at the counter for the digital-KYC
 * push (docs/decisions/0046-signature-and-video-at-capture.md). It is a document like a scan —
 * checked by its bytes, sealed at rest, purged with its record — but not a CKYC image, so it has a
 * code of its own outside CKYC's list and sits in the record's `inPersonVideo`, never in `images`.
 */
import { describeForeignFile, sniffDocumentKind } from './file-kind';

export const IN_PERSON_VIDEO_CODE = 'IPV';

/** The video's field and its parts, named in words (a problem, a difference from the registry's copy). */
export const IN_PERSON_VIDEO_LABELS: Readonly<Record<string, string>> = {
  inPersonVideo: 'In-person verification video',
  'inPersonVideo.code': 'In-person verification video type',
  'inPersonVideo.documentHash': 'In-person verification video stored file',
  'inPersonVideo.mime': 'In-person verification video file type',
  'inPersonVideo.bytes': 'In-person verification video file size',
  'inPersonVideo.masked': 'In-person verification video masking',
};

/** What the recorder stops at, and what main refuses beyond. */
export const IN_PERSON_VIDEO_MAX_SECONDS = 60;
export const IN_PERSON_VIDEO_MAX_BYTES = 25 * 1024 * 1024;

/** The base64 of the largest video (4 characters for every 3 bytes, padded), for the contract's bound. */
export const IN_PERSON_VIDEO_MAX_BASE64 = Math.ceil(IN_PERSON_VIDEO_MAX_BYTES / 3) * 4;

export type VideoKind = 'webm' | 'mp4';

export const VIDEO_MIME_OF: Record<VideoKind, string> = {
  webm: 'video/webm',
  mp4: 'video/mp4',
};

/** How many leading bytes are enough to judge a video (the EBML header's doc type, an MP4's brand). */
export const VIDEO_SNIFF_BYTES = 64;

/**
 * MP4 major brands of a video file. HEIC and AVIF pictures and QuickTime movies also start with a
 * `ftyp` box; they are not what the recorder makes, and not every player plays them.
 */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash']);

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, Math.min(bytes.length, to)));

/**
 * A WebM (Matroska's EBML header 1A 45 DF A3 with the doc type "webm" in it) or an MP4 (an ISO base
 * media file: a `ftyp` box at byte 4 with a video brand), from the first bytes — never from a name
 * or a claimed type.
 */
export function sniffVideoKind(bytes: Uint8Array): VideoKind | null {
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) {
    return ascii(bytes, 4, VIDEO_SNIFF_BYTES).includes('webm') ? 'webm' : null;
  }
  if (ascii(bytes, 4, 8) === 'ftyp' && MP4_BRANDS.has(ascii(bytes, 8, 12))) return 'mp4';
  return null;
}

export const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export function videoTooLarge(bytes: number): string {
  return `This video is ${megabytes(bytes)}; the in-person verification video may be at most ${megabytes(IN_PERSON_VIDEO_MAX_BYTES)}. Record it again, a little shorter.`;
}

/** Main's wording for bytes that are no WebM or MP4 video, saying what they are where it can. */
export function foreignVideoMessage(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'The recording is empty: nothing was recorded. Record the video again.';
  const picture = sniffDocumentKind(bytes);
  const what = picture ? `a ${picture.toUpperCase()} file` : bytes[0] === 0x1a && bytes[1] === 0x45 ? 'a Matroska file but not a WebM video' : describeForeignFile(bytes).replace('not a JPEG, PNG, TIFF or PDF file', 'not a video');
  return `This file is ${what}, whatever its name says. The in-person verification video must be a WebM or MP4 recording made with the camera.`;
}

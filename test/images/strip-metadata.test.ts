import { describe, expect, it } from 'vitest';
import { DamagedJpegError, exifOrientation, stripJpegMetadata } from '../../renderer/src/capture/images/strip-metadata';
import { keepOriginal, originalToKeep, stripOriginal } from '../../renderer/src/capture/images/intake';

const KB = 1024;
const ascii = (text: string) => [...new TextEncoder().encode(text)];
const concat = (...parts: number[][]) => new Uint8Array(parts.flat());
/** A marker segment: FF, the code, the big-endian length (its own two bytes included), the payload. */
const segment = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];

const GPS = 'GPS 19.0760N 72.8777E 14 Customer Lane, Serial CAM-0042';
const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];
const APP0 = segment(0xe0, [...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const APP1 = segment(0xe1, [...ascii('Exif\0\0'), ...ascii('II*\0'), 8, 0, 0, 0, 0, 0, ...ascii(GPS)]);
const XMP = segment(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>home address</x:xmpmeta>'));
const ICC = segment(0xe2, ascii('ICC_PROFILE\0\x01\x01profile'));
const IPTC = segment(0xed, ascii('Photoshop 3.0\x008BIM by-line'));
const APP15 = segment(0xef, ascii('vendor'));
const APP14 = segment(0xee, [...ascii('Adobe'), 0, 100, 0, 0, 0, 0, 1]);
const COM = segment(0xfe, ascii('secret'));
const DQT = segment(0xdb, [0x00, ...Array.from({ length: 64 }, (_, i) => (i % 50) + 1)]);
const SOF0 = segment(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]);
const DHT = segment(0xc4, [0x00, 0, 1, ...Array<number>(14).fill(0), 0]);
const DRI = segment(0xdd, [0, 4]);
const SOS = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
// Entropy-coded data with a stuffed 0xFF00, a restart marker and bytes that look like APP1/COM.
const DATA = [0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78, 0xff, 0x00, 0xe1, 0xfe, 0x9a];

const picture = [...DQT, ...SOF0, ...DHT, ...SOS, ...DATA, ...EOI];
const clean = concat(SOI, APP0, DQT, SOF0, DHT, SOS, DATA, EOI);

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Exif with IFD0 holding one Orientation entry (tag 0x0112, SHORT, count 1). */
function exifWithOrientation(value: number, little = true): number[] {
  const u16 = (n: number) => (little ? [n & 0xff, n >> 8] : [n >> 8, n & 0xff]);
  const u32 = (n: number) => (little ? [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24] : [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  const tiff = [...(little ? ascii('II') : ascii('MM')), ...u16(42), ...u32(8), ...u16(1), ...u16(0x0112), ...u16(3), ...u32(1), ...u16(value), 0, 0, ...u32(0)];
  return segment(0xe1, [...ascii('Exif\0\0'), ...tiff]);
}

describe('stripJpegMetadata', () => {
  it('drops EXIF and the comment; JFIF, the tables, the frame, the scan and its data are byte-identical and in order', () => {
    const input = concat(SOI, APP0, APP1, COM, picture);
    const out = stripJpegMetadata(input);
    expect([...out]).toEqual([...SOI, ...APP0, ...picture]);
    expect(contains(out, new TextEncoder().encode(GPS))).toBe(false);
    expect(contains(out, new TextEncoder().encode('secret'))).toBe(false);
    expect(contains(input, new TextEncoder().encode(GPS))).toBe(true); // the input is not touched
  });

  it('drops XMP, ICC, IPTC/Photoshop and APP15, keeps APP14 (Adobe) and DRI', () => {
    const input = concat(SOI, APP0, XMP, ICC, APP14, IPTC, DQT, APP15, SOF0, DRI, DHT, COM, SOS, DATA, EOI);
    expect([...stripJpegMetadata(input)]).toEqual([...SOI, ...APP0, ...APP14, ...DQT, ...SOF0, ...DRI, ...DHT, ...SOS, ...DATA, ...EOI]);
  });

  it('gives a file without metadata back unchanged', () => {
    expect(stripJpegMetadata(clean)).toEqual(clean);
    const adobe = concat(SOI, APP14, picture);
    expect(stripJpegMetadata(adobe)).toEqual(adobe);
  });

  it('leaves everything after SOS alone, even bytes that look like metadata markers', () => {
    const trailing = [...segment(0xe1, ascii('Exif\0\0late')), ...EOI];
    const input = concat(SOI, APP1, DQT, SOF0, DHT, SOS, DATA, trailing);
    expect([...stripJpegMetadata(input)]).toEqual([...SOI, ...DQT, ...SOF0, ...DHT, ...SOS, ...DATA, ...trailing]);
  });

  it('accepts fill bytes (0xFF padding) before a marker, dropping them with a dropped segment', () => {
    const input = concat(SOI, [0xff, 0xff], APP0, [0xff], APP1, [0xff, 0xff, 0xff], DQT, SOF0, DHT, SOS, DATA, EOI);
    expect([...stripJpegMetadata(input)]).toEqual([...SOI, 0xff, 0xff, ...APP0, 0xff, 0xff, 0xff, ...DQT, ...SOF0, ...DHT, ...SOS, ...DATA, ...EOI]);
    const noMetadata = concat(SOI, [0xff, 0xff], APP0, picture);
    expect(stripJpegMetadata(noMetadata)).toEqual(noMetadata);
  });

  it.each([
    ['empty', concat()],
    ['no SOI', concat(APP0, picture)],
    ['a PNG', concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], APP0)],
    ['only SOI', concat(SOI, [0xff])],
    ['cut in the middle of a segment', concat(SOI, APP0, APP1).subarray(0, SOI.length + APP0.length + 20)],
    ['cut after a marker code', concat(SOI, APP0, [0xff, 0xe1])],
    ['cut in a length', concat(SOI, APP0, [0xff, 0xe1, 0x01])],
    ['cut between segments', concat(SOI, APP0, APP1, DQT)],
    ['only fill bytes after the header', concat(SOI, APP0, [0xff, 0xff, 0xff, 0xff])],
    ['a segment length past the end', concat(SOI, APP0, [0xff, 0xe1, 0xff, 0xf0], ascii('Exif\0\0'), picture)],
    ['a segment length of 1', concat(SOI, APP0, [0xff, 0xe1, 0x00, 0x01], picture)],
    ['a segment length of 0', concat(SOI, [0xff, 0xfe, 0x00, 0x00], picture)],
    ['garbage where a marker must be', concat(SOI, APP0, [0x00, 0x12], picture)],
    ['a stuffed zero before the scan', concat(SOI, APP0, [0xff, 0x00], picture)],
    ['EOI before any scan', concat(SOI, APP0, APP1, DQT, EOI)],
    ['a second SOI', concat(SOI, APP0, SOI, picture)],
    ['SOS with its length past the end', concat(SOI, APP0, DQT, SOF0, DHT, [0xff, 0xda, 0x40, 0x00, 1, 1])],
  ])('refuses a damaged file (%s) with a clear message', (_, input) => {
    expect(() => stripJpegMetadata(input)).toThrow(DamagedJpegError);
    expect(() => stripJpegMetadata(input)).toThrow(/^This JPEG file is damaged \(.+\)\. Scan or photograph the document again/);
  });

  it('stays bounded on a long run of fill bytes and many small segments', () => {
    const fill = concat(SOI, Array<number>(200_000).fill(0xff));
    expect(() => stripJpegMetadata(fill)).toThrow(/cut short/);
    const many = concat(SOI, ...Array.from({ length: 20_000 }, () => COM), picture);
    expect([...stripJpegMetadata(many)]).toEqual([...SOI, ...picture]);
  });
});

describe('exifOrientation', () => {
  it('is 1 without EXIF or without the tag, the value when present (either byte order), null when unreadable', () => {
    expect(exifOrientation(clean)).toBe(1);
    expect(exifOrientation(concat(SOI, APP0, exifWithOrientation(1), picture))).toBe(1);
    expect(exifOrientation(concat(SOI, APP0, exifWithOrientation(6), picture))).toBe(6);
    expect(exifOrientation(concat(SOI, exifWithOrientation(3, false), picture))).toBe(3);
    expect(exifOrientation(concat(SOI, XMP, picture))).toBe(1);
    expect(exifOrientation(concat(SOI, APP1, picture))).toBe(1); // an empty IFD0
    const overclaiming = segment(0xe1, [...ascii('Exif\0\0'), ...ascii('II*\0'), 8, 0, 0, 0, 0x40, 0, 0x12, 0x01]);
    expect(exifOrientation(concat(SOI, overclaiming, picture))).toBeNull(); // IFD0 claims 64 entries that are not there
    expect(exifOrientation(concat(SOI, exifWithOrientation(9), picture))).toBeNull();
    expect(exifOrientation(concat(SOI, segment(0xe1, ascii('Exif\0\0XX')), picture))).toBeNull();
  });
});

describe('keeping an original JPEG (intake)', () => {
  const withMetadata = concat(SOI, APP0, APP1, COM, picture);

  it('keeps only the stripped bytes, compared by their stripped size', () => {
    const original = stripOriginal(withMetadata);
    expect(original.upright).toBe(true);
    const kept = originalToKeep(original, 10 * KB, 300 * KB);
    expect(kept).not.toBeNull();
    expect([...kept!]).toEqual([...SOI, ...APP0, ...picture]);
    expect(contains(kept!, new TextEncoder().encode(GPS))).toBe(false);
    // Smaller than the re-encoded copy only once stripped: still kept.
    expect(originalToKeep(original, kept!.length, 300 * KB)).toBe(kept);
    expect(keepOriginal({ kind: 'jpeg', bytes: withMetadata.length }, kept!.length, 300 * KB)).toBe(false);
    // Larger than the re-encoded copy, or over the limit: the re-encoded copy is stored.
    expect(originalToKeep(original, kept!.length - 1, 300 * KB)).toBeNull();
    expect(originalToKeep(original, 10 * KB, kept!.length - 1)).toBeNull();
    expect(originalToKeep(null, 10 * KB, 300 * KB)).toBeNull();
  });

  it('stores the re-encoded (upright) copy when the EXIF rotates the picture or cannot be read', () => {
    const rotated = stripOriginal(concat(SOI, APP0, exifWithOrientation(6), picture));
    expect(rotated.upright).toBe(false);
    expect(originalToKeep(rotated, 10 * KB, 300 * KB)).toBeNull();
    expect(stripOriginal(concat(SOI, APP0, exifWithOrientation(1), picture)).upright).toBe(true);
  });

  it('refuses a damaged JPEG with the operator-facing message', () => {
    expect(() => stripOriginal(withMetadata.subarray(0, 30))).toThrow(/^This JPEG file is damaged/);
  });
});

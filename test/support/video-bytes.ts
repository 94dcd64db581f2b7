import { randomBytes } from 'node:crypto';

/** The first bytes of video files, made here, for the tests of sniffing and intake. */

/** The EBML header a browser's MediaRecorder writes at the start of a WebM, byte for byte. */
export function webmHeader(docType = 'webm'): Uint8Array {
  const type = [...docType].map((c) => c.charCodeAt(0));
  return new Uint8Array([
    0x1a, 0x45, 0xdf, 0xa3, 0x9f, // EBML, size 31
    0x42, 0x86, 0x81, 0x01, // EBMLVersion 1
    0x42, 0xf7, 0x81, 0x01, // EBMLReadVersion 1
    0x42, 0xf2, 0x81, 0x04, // EBMLMaxIDLength 4
    0x42, 0xf3, 0x81, 0x08, // EBMLMaxSizeLength 8
    0x42, 0x82, 0x80 | type.length, ...type, // DocType
    0x42, 0x87, 0x81, 0x04, // DocTypeVersion 4
    0x42, 0x85, 0x81, 0x02, // DocTypeReadVersion 2
    0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // Segment of unknown size, as a live recording has
  ]);
}

/** An MP4's `ftyp` box with the given major brand. */
export const mp4Header = (brand: string): Uint8Array => new Uint8Array([0, 0, 0, 0x18, ...[...`ftyp${brand}`].map((c) => c.charCodeAt(0)), 0, 0, 0, 0]);

/** A WebM of `size` bytes: the recorder's header, then filler standing for its clusters. */
export function webmOf(size: number): Buffer {
  const head = webmHeader();
  return Buffer.concat([head, randomBytes(size - head.length)]);
}

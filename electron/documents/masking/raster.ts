/**
 * Pixels in memory for masking: decoding a JPEG or PNG, scaling down, encoding a JPEG. Pure
 * JavaScript (jpeg-js, pngjs), so main needs no native image library on any platform. Nothing here
 * touches the disk.
 */
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { AppFailure } from '../../../shared/errors';

/** RGBA, 8 bits a channel, rows top to bottom; alpha is always 255 (flattened on white). */
export interface Raster {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Nothing bigger is decoded: a 6000×4000 camera photograph, about 100 MB of pixels in memory. */
export const MAX_MASK_PIXELS = 24_000_000;

const undecodable = (what: string) =>
  new AppFailure('VALIDATION_FAILED', `This ${what} could not be opened for masking: the file may be damaged. Scan or photograph the Aadhaar again.`);

const tooManyPixels = (width: number, height: number) =>
  new AppFailure('VALIDATION_FAILED', `This image is ${width}×${height} pixels, too large to mask. Photograph or scan the Aadhaar again at a lower resolution.`);

export function decodeJpeg(bytes: Uint8Array): Raster {
  try {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, tolerantDecoding: false, maxResolutionInMP: MAX_MASK_PIXELS / 1e6, maxMemoryUsageInMB: 512 });
    if (!(image.width > 0 && image.height > 0)) throw undecodable('JPEG image');
    return { data: image.data, width: image.width, height: image.height };
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    if (error instanceof Error && /maxResolutionInMP|maxMemoryUsageInMB/.test(error.message)) throw tooManyPixels(...jpegSize(bytes));
    throw undecodable('JPEG image');
  }
}

/** The frame size from a JPEG's first SOF marker, for the message only (0×0 when not found). */
function jpegSize(bytes: Uint8Array): [number, number] {
  for (let at = 2; at + 9 < bytes.length; ) {
    if (bytes[at] !== 0xff) break;
    const marker = bytes[at + 1]!;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return [(bytes[at + 7]! << 8) | bytes[at + 8]!, (bytes[at + 5]! << 8) | bytes[at + 6]!];
    }
    at += 2 + length;
  }
  return [0, 0];
}

export function decodePng(bytes: Uint8Array): Raster {
  // Judged from the header before inflating anything: pngjs inflates an interlaced image without a
  // size bound, so a small file could claim gigabytes.
  const header = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (header.length < 33 || header.toString('latin1', 12, 16) !== 'IHDR') throw undecodable('PNG image');
  const width = header.readUInt32BE(16);
  const height = header.readUInt32BE(20);
  if (width * height > MAX_MASK_PIXELS) throw tooManyPixels(width, height);
  if (header[28] !== 0) throw new AppFailure('VALIDATION_FAILED', 'This PNG is interlaced and cannot be masked here. Save or scan the Aadhaar as a JPEG, or as a plain PNG.');
  let png;
  try {
    png = PNG.sync.read(header);
  } catch {
    throw undecodable('PNG image');
  }
  const data = new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength);
  // JPEG has no transparency: flatten on white, as the renderer does, so a clear area is not black.
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3]!;
    if (alpha === 255) continue;
    for (let c = 0; c < 3; c++) data[i + c] = Math.round((data[i + c]! * alpha + 255 * (255 - alpha)) / 255);
    data[i + 3] = 255;
  }
  return { data, width: png.width, height: png.height };
}

/** A baseline JPEG of the raster at quality 1–100, with no metadata at all. */
export function encodeJpeg(raster: Raster, quality: number): Buffer {
  return jpeg.encode({ data: raster.data, width: raster.width, height: raster.height }, quality).data;
}

/**
 * The raster scaled down (never up) to `width`×`height`: every new pixel is the mean of the source
 * pixels under it, so a black box stays black and nothing under it bleeds back in.
 */
export function scaleDown(source: Raster, width: number, height: number): Raster {
  if (width >= source.width && height >= source.height) return source;
  const data = new Uint8Array(width * height * 4);
  const sx = source.width / width;
  const sy = source.height / height;
  for (let oy = 0; oy < height; oy++) {
    const y0 = Math.floor(oy * sy);
    const y1 = Math.max(y0 + 1, Math.min(source.height, Math.floor((oy + 1) * sy)));
    for (let ox = 0; ox < width; ox++) {
      const x0 = Math.floor(ox * sx);
      const x1 = Math.max(x0 + 1, Math.min(source.width, Math.floor((ox + 1) * sx)));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0, i = (y * source.width + x0) * 4; x < x1; x++, i += 4) {
          r += source.data[i]!;
          g += source.data[i + 1]!;
          b += source.data[i + 2]!;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (oy * width + ox) * 4;
      data[o] = Math.round(r / n);
      data[o + 1] = Math.round(g / n);
      data[o + 2] = Math.round(b / n);
      data[o + 3] = 255;
    }
  }
  return { data, width, height };
}

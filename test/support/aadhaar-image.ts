/**
 * Real JPEG and PNG pictures of an Aadhaar-like card, made in Node with the same pure-JS codecs main
 * uses, and pixel sampling of what main stored. For the masking tests; nothing here is a real card.
 */
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { MaskBox } from '../../shared/documents/masking';

export interface Picture {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * A light card on a darker table with rows of dark "digits", a little sensor noise (seeded, so each
 * `n` gives other bytes), and `n`'s bits as black and white squares along the top edge.
 */
export function cardPicture(n: number, width: number, height: number, noise = 14): Picture {
  let seed = (n * 2654435761) >>> 0 || 1;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const card = x > width * 0.05 && x < width * 0.95 && y > height * 0.08 && y < height * 0.92;
      const digit = card && Math.floor(x / 9) % 2 === 0 && y % 24 < 14 && x % 9 < 6;
      let value = digit ? 35 : card ? 225 - (y / height) * 25 : 95 + (x / width) * 40;
      const bit = y < 6 && Math.floor(x / 6) < 32 ? (n >>> Math.floor(x / 6)) & 1 : -1;
      if (bit >= 0) value = bit ? 255 : 0;
      const grain = (random() - 0.5) * noise;
      const i = (y * width + x) * 4;
      data[i] = clampByte(value + grain);
      data[i + 1] = clampByte(value + grain * 0.8);
      data[i + 2] = clampByte(value + grain * 1.2 - 4);
      data[i + 3] = 255;
    }
  }
  return { data, width, height };
}

const clampByte = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

export const jpegOf = (picture: Picture, quality = 90): Buffer => jpeg.encode(picture, quality).data;

export function pngOf(picture: Picture, alpha?: (x: number, y: number) => number): Buffer {
  const png = new PNG({ width: picture.width, height: picture.height });
  png.data = Buffer.from(picture.data);
  if (alpha) for (let y = 0; y < picture.height; y++) for (let x = 0; x < picture.width; x++) png.data[(y * picture.width + x) * 4 + 3] = alpha(x, y);
  return PNG.sync.write(png);
}

/** Where the sample card's first line of digits is, for a box that covers it. */
export const digitsBox = (width: number, height: number): MaskBox => ({ x: Math.round(width * 0.3), y: Math.round(height * 0.45), width: Math.round(width * 0.4), height: Math.round(height * 0.12) });

export function decodeStoredJpeg(bytes: Uint8Array): Picture {
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, tolerantDecoding: false });
  return { data: image.data, width: image.width, height: image.height };
}

/**
 * The brightest channel value inside `inside` (shrunk by `margin` pixels against JPEG's ringing at
 * the edges) and the mean brightness inside `outside`.
 */
export function samplePicture(picture: Picture, inside: MaskBox, outside: MaskBox, margin = 2): { insideMax: number; outsideMean: number } {
  let insideMax = 0;
  for (let y = Math.ceil(inside.y) + margin; y < Math.floor(inside.y + inside.height) - margin; y++) {
    for (let x = Math.ceil(inside.x) + margin; x < Math.floor(inside.x + inside.width) - margin; x++) {
      const i = (y * picture.width + x) * 4;
      insideMax = Math.max(insideMax, picture.data[i]!, picture.data[i + 1]!, picture.data[i + 2]!);
    }
  }
  let sum = 0;
  let count = 0;
  for (let y = outside.y; y < outside.y + outside.height; y++) {
    for (let x = outside.x; x < outside.x + outside.width; x++) {
      const i = (y * picture.width + x) * 4;
      sum += (picture.data[i]! + picture.data[i + 1]! + picture.data[i + 2]!) / 3;
      count++;
    }
  }
  return { insideMax, outsideMean: count ? sum / count : 0 };
}

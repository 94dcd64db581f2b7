/**
 * Masking an Aadhaar image: the boxes the operator chose in the redaction tool, in the image's own
 * pixels. The renderer draws and previews them; main checks them with these rules and burns them
 * into the pixels itself before anything is stored, so `masked` is never taken on the renderer's word.
 */
import { z } from 'zod';

export interface MaskBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A box smaller than this (image pixels) on either side is a slip of the mouse, not a mask. */
export const MIN_MASK_BOX = 8;

/** The first 8 digits and the QR code need two or three boxes; more than this is not a mask. */
export const MAX_MASK_BOXES = 20;

/** Boxes covering more than this share of the image leave nothing for the registry to read. */
export const MAX_MASK_COVERAGE = 0.75;

/** What the contract carries (a loose bound on the count; main gives the reasons for the real limits). */
export const maskBoxSchema = z
  .object({
    x: z.number().finite(),
    y: z.number().finite(),
    width: z.number().finite(),
    height: z.number().finite(),
  })
  .strict();
export const maskBoxesSchema = z.array(maskBoxSchema).max(100);

/**
 * The share of an image of `width`×`height` that the boxes cover together (overlaps counted once):
 * the boxes cut the image into a grid of at most (2n+1)² cells, each wholly inside a box or not.
 */
export function maskCoverage(boxes: readonly MaskBox[], width: number, height: number): number {
  if (boxes.length === 0 || !(width > 0 && height > 0)) return 0;
  const xs = [...new Set(boxes.flatMap((b) => [b.x, b.x + b.width]))].sort((a, b) => a - b);
  const ys = [...new Set(boxes.flatMap((b) => [b.y, b.y + b.height]))].sort((a, b) => a - b);
  let covered = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    for (let j = 0; j + 1 < ys.length; j++) {
      const cx = (xs[i]! + xs[i + 1]!) / 2;
      const cy = (ys[j]! + ys[j + 1]!) / 2;
      if (boxes.some((b) => cx > b.x && cx < b.x + b.width && cy > b.y && cy < b.y + b.height)) covered += (xs[i + 1]! - xs[i]!) * (ys[j + 1]! - ys[j]!);
    }
  }
  return covered / (width * height);
}

/**
 * Why these boxes cannot mask an image of this size, in words for the operator; null when they can.
 * Every box lies wholly inside the image, is at least MIN_MASK_BOX (or the whole side of a smaller
 * image) each way, and together they leave the image readable.
 */
export function maskBoxesProblem(boxes: readonly MaskBox[], width: number, height: number): string | null {
  if (boxes.length === 0) return 'Cover the first 8 digits of the Aadhaar number and the QR code with at least one box before the image is kept.';
  if (boxes.length > MAX_MASK_BOXES) return `There are ${boxes.length} masking boxes; at most ${MAX_MASK_BOXES} are needed for the number and the QR code. Remove the extra boxes.`;
  const minWidth = Math.min(MIN_MASK_BOX, width);
  const minHeight = Math.min(MIN_MASK_BOX, height);
  for (const [i, box] of boxes.entries()) {
    const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
    if (!inside) return `Masking box ${i + 1} goes outside the ${width}×${height} image. Draw the boxes again.`;
    if (box.width < minWidth || box.height < minHeight) return `Masking box ${i + 1} is smaller than ${MIN_MASK_BOX} pixels each way and would not hide a digit. Draw it again.`;
  }
  if (maskCoverage(boxes, width, height) > MAX_MASK_COVERAGE) {
    return 'The masking boxes cover most of the image, so nothing would be left to read. Cover only the first 8 digits of the number and the QR code.';
  }
  return null;
}

/** Burning masking boxes into the pixels: what makes an Aadhaar image masked, done by main itself. */
import type { MaskBox } from '../../../shared/documents/masking';
import type { Raster } from './raster';

/**
 * Every pixel a box touches becomes opaque black, in place. Edges are rounded outwards, so a
 * fractional box never leaves a half-covered row of a digit. The boxes were checked to lie inside.
 */
export function burnBoxes(raster: Raster, boxes: readonly MaskBox[]): void {
  for (const box of boxes) {
    const x0 = Math.max(0, Math.floor(box.x));
    const y0 = Math.max(0, Math.floor(box.y));
    const x1 = Math.min(raster.width, Math.ceil(box.x + box.width));
    const y1 = Math.min(raster.height, Math.ceil(box.y + box.height));
    for (let y = y0; y < y1; y++) {
      const row = (y * raster.width + x0) * 4;
      for (let i = row; i < row + (x1 - x0) * 4; i += 4) {
        raster.data[i] = 0;
        raster.data[i + 1] = 0;
        raster.data[i + 2] = 0;
        raster.data[i + 3] = 255;
      }
    }
  }
}

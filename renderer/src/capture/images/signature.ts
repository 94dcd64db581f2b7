/**
 * The drawn signature, in pure pieces: how wide the pen's line is, and where the ink is on the pad
 * (so the image kept is the signature, not a white box around it).
 */
import type { Rect } from './crop';

/** The pad's size in CSS pixels (its canvas has as many device pixels per CSS pixel as the screen). */
export const PAD_WIDTH = 600;
export const PAD_HEIGHT = 200;

/** White space kept around the ink, in canvas pixels. */
export const INK_MARGIN = 12;

export interface PenWidths {
  minWidth: number;
  maxWidth: number;
}

/** The line for a mouse or a finger: thinner when drawn fast, as signature_pad does by speed. */
export const DEFAULT_PEN: PenWidths = { minWidth: 0.7, maxWidth: 2.8 };

/**
 * A pen that reports pressure (a pen tablet, a stylus) draws wider the harder it is pressed; a mouse
 * reports 0.5 while a button is down and a finger mostly 0 or 1, so only a pen's pressure is taken.
 */
export function penWidths(pointerType: string, pressure: number): PenWidths {
  if (pointerType !== 'pen' || !(pressure > 0)) return DEFAULT_PEN;
  const p = Math.min(1, pressure);
  return { minWidth: 0.4 + p * 1.2, maxWidth: 1.2 + p * 3.6 };
}

/**
 * The smallest rectangle holding every pixel darker than near-white (RGBA data), with a margin,
 * inside the canvas; null when nothing is drawn. Bounded by the pixel count: one pass.
 */
export function inkBounds(data: Uint8ClampedArray, width: number, height: number, margin = INK_MARGIN): Rect | null {
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (Math.min(data[i]!, data[i + 1]!, data[i + 2]!) < 200) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  if (right < 0) return null;
  const x = Math.max(0, left - margin);
  const y = Math.max(0, top - margin);
  return { x, y, width: Math.min(width, right + margin + 1) - x, height: Math.min(height, bottom + margin + 1) - y };
}

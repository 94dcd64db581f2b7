/** Burning masking boxes into the pixels of a copy of the picture. */
import { context2d, makeCanvas, sourceSize, type AnyCanvas } from './canvas';
import type { Box } from './redact';

/**
 * A copy of the picture with every box filled solid black, at the picture's own size. Edges are
 * rounded outwards so a fractional box never leaves a half-covered pixel row.
 */
export function burnBoxes(source: CanvasImageSource, boxes: readonly Box[]): AnyCanvas {
  const size = sourceSize(source);
  const canvas = makeCanvas(size.width, size.height);
  const context = context2d(canvas);
  context.drawImage(source, 0, 0);
  context.globalAlpha = 1;
  context.globalCompositeOperation = 'source-over';
  context.fillStyle = '#000';
  for (const box of boxes) {
    const x = Math.floor(box.x);
    const y = Math.floor(box.y);
    context.fillRect(x, y, Math.ceil(box.x + box.width) - x, Math.ceil(box.y + box.height) - y);
  }
  return canvas;
}

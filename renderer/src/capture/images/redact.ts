/**
 * Masking boxes: their geometry (always inside the image, never smaller than MIN_BOX) and burning
 * them into the pixels (burn.ts). Pure: no DOM. A box is in image pixels, whatever size the canvas is shown at.
 */
import { MIN_MASK_BOX } from '../../../../shared/documents/masking';
import type { Rect, Size } from './crop';

export type Box = Rect;
export interface Point {
  x: number;
  y: number;
}

/** A box smaller than this (image pixels) is a slip of the mouse, not a mask; main refuses it too. */
export const MIN_BOX = MIN_MASK_BOX;

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** The box made to fit: at least MIN_BOX (or the image, if smaller), at most the image, inside it. */
export function clampBox(box: Box, bounds: Size): Box {
  const minW = Math.min(MIN_BOX, bounds.width);
  const minH = Math.min(MIN_BOX, bounds.height);
  const width = Math.round(clamp(box.width, minW, bounds.width));
  const height = Math.round(clamp(box.height, minH, bounds.height));
  return { x: Math.round(clamp(box.x, 0, bounds.width - width)), y: Math.round(clamp(box.y, 0, bounds.height - height)), width, height };
}

/** Moved by (dx, dy), stopping at the image's edges; the size never changes. */
export function moveBox(box: Box, dx: number, dy: number, bounds: Size): Box {
  return clampBox({ ...box, x: box.x + dx, y: box.y + dy }, bounds);
}

/** Grown or shrunk by (dw, dh) from its top-left corner, never past the image's right or bottom edge. */
export function resizeBox(box: Box, dw: number, dh: number, bounds: Size): Box {
  const width = clamp(box.width + dw, Math.min(MIN_BOX, bounds.width), bounds.width - box.x);
  const height = clamp(box.height + dh, Math.min(MIN_BOX, bounds.height), bounds.height - box.y);
  return clampBox({ ...box, width, height }, bounds);
}

/** A new box in the centre: wide and short, the shape of a line of digits. */
export function centredBox(bounds: Size): Box {
  const width = Math.max(MIN_BOX, Math.round(bounds.width * 0.4));
  const height = Math.max(MIN_BOX, Math.round(bounds.height * 0.12));
  return clampBox({ x: (bounds.width - width) / 2, y: (bounds.height - height) / 2, width, height }, bounds);
}

/** The box spanned by a drag from `a` to `b` (either direction), inside the image. */
export function boxFromDrag(a: Point, b: Point, bounds: Size): Box {
  const x1 = clamp(Math.min(a.x, b.x), 0, bounds.width);
  const y1 = clamp(Math.min(a.y, b.y), 0, bounds.height);
  const x2 = clamp(Math.max(a.x, b.x), 0, bounds.width);
  const y2 = clamp(Math.max(a.y, b.y), 0, bounds.height);
  return clampBox({ x: x1, y: y1, width: x2 - x1, height: y2 - y1 }, bounds);
}

/** True when a drag covered enough to be meant as a box. */
export const isDeliberateDrag = (a: Point, b: Point, bounds: Size): boolean => {
  const min = Math.min(MIN_BOX, bounds.width, bounds.height);
  return Math.abs(a.x - b.x) >= min && Math.abs(a.y - b.y) >= min;
};

/** A pointer position on the shown canvas, in image pixels. */
export function toImagePoint(client: Point, shown: { left: number; top: number; width: number; height: number }, image: Size): Point {
  return {
    x: clamp(((client.x - shown.left) / shown.width) * image.width, 0, image.width),
    y: clamp(((client.y - shown.top) / shown.height) * image.height, 0, image.height),
  };
}

/** One keyboard step: a hundredth of the image's long edge, at least one pixel. */
export const keyStep = (bounds: Size): number => Math.max(1, Math.round(Math.max(bounds.width, bounds.height) / 100));

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** Arrow keys move the box; with Shift they resize it (Right/Down grow, Left/Up shrink). Null for other keys. */
export function boxAfterKey(box: Box, key: string, shift: boolean, bounds: Size): Box | null {
  const arrow = ARROWS[key];
  if (!arrow) return null;
  const step = keyStep(bounds);
  const [dx, dy] = arrow;
  return shift ? resizeBox(box, dx * step, dy * step, bounds) : moveBox(box, dx * step, dy * step, bounds);
}

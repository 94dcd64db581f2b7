/** Geometry for photographs: the passport-photo crop and long-edge scaling. Pure. */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Passport photograph, 35 mm wide by 45 mm high. */
export const PASSPORT_ASPECT = 35 / 45;
/** Long edge of the stored photograph: plenty for a 35×45 mm print at 300 DPI (413×531). */
export const PHOTO_LONG_EDGE = 600;
/** Long edge of a document image (main keeps masked images to it too). */
export { DOCUMENT_LONG_EDGE } from '../../../../shared/documents/limits';

/**
 * The largest centred rectangle of the given aspect (width / height) inside a frame, in whole
 * pixels. A 1280×720 frame gives 560×720 at x 360.
 */
export function centreCrop(frame: Size, aspect = PASSPORT_ASPECT): Rect {
  if (!(frame.width > 0 && frame.height > 0)) throw new Error(`The frame has no size (${frame.width}×${frame.height}).`);
  if (!(aspect > 0)) throw new Error('The crop aspect must be positive.');
  let width: number;
  let height: number;
  if (frame.width / frame.height > aspect) {
    height = frame.height;
    width = Math.max(1, Math.min(frame.width, Math.round(height * aspect)));
  } else {
    width = frame.width;
    height = Math.max(1, Math.min(frame.height, Math.round(width / aspect)));
  }
  return { x: Math.floor((frame.width - width) / 2), y: Math.floor((frame.height - height) / 2), width, height };
}

/** The size after scaling down (never up) so the long edge is at most `longEdge`, aspect kept. */
export function scaledSize(size: Size, longEdge: number): Size {
  if (!(size.width > 0 && size.height > 0)) throw new Error(`The image has no size (${size.width}×${size.height}).`);
  const long = Math.max(size.width, size.height);
  if (long <= longEdge) return { width: size.width, height: size.height };
  const factor = longEdge / long;
  return { width: Math.max(1, Math.round(size.width * factor)), height: Math.max(1, Math.round(size.height * factor)) };
}

/** The crop guide for a preview shown at `shown` size: the crop of the frame, in display units (fractions). */
export function cropGuide(frame: Size, aspect = PASSPORT_ASPECT): { left: number; top: number; width: number; height: number } {
  const crop = centreCrop(frame, aspect);
  return { left: crop.x / frame.width, top: crop.y / frame.height, width: crop.width / frame.width, height: crop.height / frame.height };
}

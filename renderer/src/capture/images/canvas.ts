/**
 * Canvas helpers shared by the photo, document and redaction paths. An OffscreenCanvas where the
 * browser has one (Chromium does), otherwise a detached <canvas>. Nothing is added to the page.
 */
import type { Rect, Size } from './crop';

export type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;
type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export function makeCanvas(width: number, height: number): AnyCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

export function context2d(canvas: AnyCanvas): Context2D {
  const context = canvas.getContext('2d', { alpha: false }) as Context2D | null;
  if (!context) throw new Error('This PC could not prepare the picture (no 2D canvas).');
  return context;
}

/** Pixel size of anything a canvas can draw: a video's frame, a bitmap, a canvas. */
export function sourceSize(source: CanvasImageSource): Size {
  if (typeof HTMLVideoElement !== 'undefined' && source instanceof HTMLVideoElement) return { width: source.videoWidth, height: source.videoHeight };
  if (typeof HTMLImageElement !== 'undefined' && source instanceof HTMLImageElement) return { width: source.naturalWidth, height: source.naturalHeight };
  const sized = source as { width: number | SVGAnimatedLength; height: number | SVGAnimatedLength };
  const value = (v: number | SVGAnimatedLength) => (typeof v === 'number' ? v : v.baseVal.value);
  return { width: value(sized.width), height: value(sized.height) };
}

/**
 * Draw the `from` part of a source into a new canvas of size `to`, on white (JPEG has no
 * transparency: a transparent PNG would otherwise turn black), with the best smoothing.
 */
export function drawToCanvas(source: CanvasImageSource, from: Rect, to: Size): AnyCanvas {
  const canvas = makeCanvas(to.width, to.height);
  const context = context2d(canvas);
  context.fillStyle = '#fff';
  context.fillRect(0, 0, to.width, to.height);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, from.x, from.y, from.width, from.height, 0, 0, to.width, to.height);
  return canvas;
}

export async function encodeJpeg(canvas: AnyCanvas, quality: number): Promise<Blob> {
  const blob =
    'convertToBlob' in canvas
      ? await canvas.convertToBlob({ type: 'image/jpeg', quality })
      : await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  if (!blob || blob.type !== 'image/jpeg') throw new Error('This PC could not make a JPEG of the picture.');
  return blob;
}

/** Let go of a canvas's pixels now rather than at the next garbage collection. */
export function releaseCanvas(canvas: AnyCanvas): void {
  canvas.width = 0;
  canvas.height = 0;
}

/**
 * Fit a picture into a byte limit as a JPEG: a bounded search over quality, then, only if even
 * the lowest quality is too large, smaller sizes. Every step is counted so a hostile or huge
 * image cannot make the search run away.
 */
import { kilobytes } from '../../../../shared/documents/limits';
import { drawToCanvas, encodeJpeg, releaseCanvas, sourceSize, type AnyCanvas } from './canvas';
import { scaledSize, type Size } from './crop';
import { nextScale } from './fit-steps';

export type CompressSource = ImageBitmap | HTMLCanvasElement | OffscreenCanvas;

export interface FitOptions {
  /** Scale down (never up) first so the long edge is at most this. */
  longEdge?: number;
  /** Highest quality tried: the first encode; most pictures fit at once. */
  maxQuality?: number;
  /** Below this quality text blurs and faces block up; smaller sizes are tried instead. */
  minQuality?: number;
  /** Encodes per size, including the first (max) and the floor (min). */
  encodesPerSize?: number;
  /** How many times a size may be reduced before giving up. */
  maxDownscales?: number;
  /** Never go below this long edge: a picture that small is no use to the registry. */
  minLongEdge?: number;
}

export interface FitResult {
  blob: Blob;
  width: number;
  height: number;
  quality: number;
  /** JPEG encodes made in all (for the benchmark and tests). */
  encodes: number;
}

export class ImageTooLargeError extends Error {
  override name = 'ImageTooLargeError';
}

const DEFAULTS: Required<Omit<FitOptions, 'longEdge'>> = { maxQuality: 0.92, minQuality: 0.4, encodesPerSize: 7, maxDownscales: 6, minLongEdge: 240 };

/** Quality steps stop once the bracket is this narrow: the bytes hardly change below it. */
const QUALITY_RESOLUTION = 0.02;

interface Search {
  fit: { blob: Blob; quality: number } | null;
  /** Bytes at the lowest quality tried, to judge how much smaller the picture must get. */
  floorBytes: number;
  encodes: number;
}

async function searchQuality(canvas: AnyCanvas, limitBytes: number, o: Required<Omit<FitOptions, 'longEdge'>>): Promise<Search> {
  const first = await encodeJpeg(canvas, o.maxQuality);
  if (first.size <= limitBytes) return { fit: { blob: first, quality: o.maxQuality }, floorBytes: first.size, encodes: 1 };
  const floor = await encodeJpeg(canvas, o.minQuality);
  if (floor.size > limitBytes) return { fit: null, floorBytes: floor.size, encodes: 2 };
  // Invariant: `low` fits, `high` does not.
  let low = o.minQuality;
  let high = o.maxQuality;
  let best = floor;
  let encodes = 2;
  while (encodes < o.encodesPerSize && high - low > QUALITY_RESOLUTION) {
    const mid = Math.round(((low + high) / 2) * 1000) / 1000;
    const blob = await encodeJpeg(canvas, mid);
    encodes++;
    if (blob.size <= limitBytes) {
      low = mid;
      best = blob;
    } else {
      high = mid;
    }
  }
  return { fit: { blob: best, quality: low }, floorBytes: floor.size, encodes };
}

export async function fitJpegToLimit(source: CompressSource, limitBytes: number, options: FitOptions = {}): Promise<FitResult> {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Required<Omit<FitOptions, 'longEdge'>> & { longEdge?: number };
  if (!(limitBytes > 0)) throw new Error('The byte limit must be positive.');
  const full = sourceSize(source);
  let size: Size = o.longEdge ? scaledSize(full, o.longEdge) : full;
  let encodes = 0;
  for (let step = 0; step <= o.maxDownscales; step++) {
    const canvas = drawToCanvas(source, { x: 0, y: 0, width: full.width, height: full.height }, size);
    try {
      const search = await searchQuality(canvas, limitBytes, o);
      encodes += search.encodes;
      if (search.fit) return { blob: search.fit.blob, width: size.width, height: size.height, quality: search.fit.quality, encodes };
      const factor = nextScale(search.floorBytes, limitBytes);
      const next = { width: Math.max(1, Math.round(size.width * factor)), height: Math.max(1, Math.round(size.height * factor)) };
      if (Math.max(next.width, next.height) < o.minLongEdge) break;
      size = next;
    } finally {
      releaseCanvas(canvas);
    }
  }
  throw new ImageTooLargeError(
    `This picture cannot be made smaller than ${kilobytes(limitBytes)} and still be readable. Photograph or scan it again with plainer light and background, or at a lower resolution.`,
  );
}

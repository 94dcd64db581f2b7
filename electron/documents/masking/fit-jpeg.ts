/**
 * Encode a raster as a JPEG within a byte limit, in a bounded number of encodes: each encode costs
 * a few hundred milliseconds in pure JavaScript, so the quality is predicted rather than bisected
 * (JPEG bytes grow about exponentially with quality), and only a picture that does not fit even at
 * the lowest quality is scaled down.
 */
import { kilobytes } from '../../../shared/documents/limits';
import { nextScale } from '../../../shared/documents/fit-steps';
import { AppFailure } from '../../../shared/errors';
import { encodeJpeg, scaleDown, type Raster } from './raster';

export const MAX_QUALITY = 90;
export const MIN_QUALITY = 40;
/** Encodes tried at one size before it is scaled down. */
const ENCODES_PER_SIZE = 4;
const MAX_DOWNSCALES = 5;
/** Below this long edge the digits and photograph on a card are no longer legible. */
const MIN_LONG_EDGE = 240;
/** A fit using this share of the limit is kept: a few more KB are not worth another encode. */
const GOOD_ENOUGH = 0.8;
/** ln(bytes) per quality point, as measured for jpeg-js on photographs of documents (about 0.028). */
const TYPICAL_SLOPE = 0.028;

export interface FittedJpeg {
  jpeg: Buffer;
  width: number;
  height: number;
  quality: number;
  encodes: number;
}

interface Tried {
  quality: number;
  jpeg: Buffer;
}

/**
 * The next quality to try: a secant step through the last two encodes (or the typical slope after
 * the first) towards a little under the limit, kept strictly between the best fit so far and the
 * lowest quality still too large.
 */
function predictQuality(tried: readonly Tried[], fit: Tried | null, over: Tried, limitBytes: number): number {
  const last = tried[tried.length - 1]!;
  const before = tried[tried.length - 2];
  const measured = before && before.quality !== last.quality ? Math.log(before.jpeg.length / last.jpeg.length) / (before.quality - last.quality) : 0;
  const slope = measured > 0.005 ? measured : TYPICAL_SLOPE;
  const guess = Math.round(last.quality - (Math.log(last.jpeg.length) - Math.log(limitBytes * 0.93)) / slope);
  const low = fit ? fit.quality + 1 : MIN_QUALITY;
  return Math.min(over.quality - 1, Math.max(low, guess));
}

function searchQuality(raster: Raster, limitBytes: number): { fit: Tried | null; smallest: number; encodes: number } {
  const tried: Tried[] = [];
  let fit: Tried | null = null;
  let over: Tried | null = null;
  let quality = MAX_QUALITY;
  while (tried.length < ENCODES_PER_SIZE) {
    const attempt = { quality, jpeg: encodeJpeg(raster, quality) };
    tried.push(attempt);
    if (attempt.jpeg.length <= limitBytes) {
      fit = attempt;
      if (quality === MAX_QUALITY || attempt.jpeg.length >= limitBytes * GOOD_ENOUGH) break;
    } else {
      over = attempt;
      if (quality === MIN_QUALITY) break;
    }
    if (!over || (fit && over.quality - fit.quality <= 2)) break;
    quality = predictQuality(tried, fit, over, limitBytes);
  }
  return { fit, smallest: over?.jpeg.length ?? 0, encodes: tried.length };
}

/**
 * The raster as a JPEG of at most `limitBytes` and at most `longEdge` pixels on its long side; an
 * AppFailure saying so when even the smallest legible version does not fit.
 */
export function fitJpeg(raster: Raster, limitBytes: number, longEdge: number): FittedJpeg {
  const factor = Math.min(1, longEdge / Math.max(raster.width, raster.height));
  let width = Math.max(1, Math.round(raster.width * factor));
  let height = Math.max(1, Math.round(raster.height * factor));
  let encodes = 0;
  for (let step = 0; step <= MAX_DOWNSCALES; step++) {
    const search = searchQuality(scaleDown(raster, width, height), limitBytes);
    encodes += search.encodes;
    if (search.fit) return { jpeg: search.fit.jpeg, width, height, quality: search.fit.quality, encodes };
    const scale = nextScale(search.smallest, limitBytes);
    width = Math.max(1, Math.round(width * scale));
    height = Math.max(1, Math.round(height * scale));
    if (Math.max(width, height) < MIN_LONG_EDGE) break;
  }
  throw new AppFailure(
    'VALIDATION_FAILED',
    `The masked image cannot be made smaller than ${kilobytes(limitBytes)} and still be readable. Photograph or scan the Aadhaar again with plainer light and background.`,
  );
}

/** The arithmetic of fitting a picture into a byte limit, shared by the renderer's and main's encoders. */

/**
 * How much to shrink each side when the lowest quality is still too large: bytes go roughly with
 * the pixel count, so the square root of the ratio, with a margin; never less than half a side
 * at a time (keeps quality) and always at least a tenth (guarantees progress).
 */
export function nextScale(floorBytes: number, limitBytes: number): number {
  return Math.min(0.9, Math.max(0.5, Math.sqrt(limitBytes / floorBytes) * 0.92));
}

import { describe, expect, it } from 'vitest';
import { centreCrop, cropGuide, PASSPORT_ASPECT, scaledSize } from '../../renderer/src/capture/images/crop';

describe('passport crop', () => {
  it('cuts a centred 35:45 strip from a landscape camera frame', () => {
    expect(centreCrop({ width: 1280, height: 720 })).toEqual({ x: 360, y: 0, width: 560, height: 720 });
    expect(centreCrop({ width: 640, height: 480 })).toEqual({ x: 133, y: 0, width: 373, height: 480 });
  });

  it('cuts top and bottom from a frame narrower than 35:45', () => {
    expect(centreCrop({ width: 700, height: 1200 })).toEqual({ x: 0, y: 150, width: 700, height: 900 });
  });

  it('keeps a frame that is already 35:45', () => {
    expect(centreCrop({ width: 350, height: 450 })).toEqual({ x: 0, y: 0, width: 350, height: 450 });
  });

  it('stays inside the frame and near the aspect for odd sizes', () => {
    for (const [w, h] of [[1, 1], [3, 1000], [1000, 3], [1919, 1081], [4032, 3024]] as const) {
      const crop = centreCrop({ width: w, height: h });
      expect(crop.x).toBeGreaterThanOrEqual(0);
      expect(crop.y).toBeGreaterThanOrEqual(0);
      expect(crop.x + crop.width).toBeLessThanOrEqual(w);
      expect(crop.y + crop.height).toBeLessThanOrEqual(h);
      if (Math.min(w, h) > 100) expect(Math.abs(crop.width / crop.height - PASSPORT_ASPECT)).toBeLessThan(0.01);
    }
  });

  it('refuses a frame with no size (a camera that has not started)', () => {
    expect(() => centreCrop({ width: 0, height: 720 })).toThrow(/no size/);
  });

  it('gives the guide as fractions of the preview', () => {
    const guide = cropGuide({ width: 1280, height: 720 });
    expect(guide.left).toBeCloseTo(360 / 1280);
    expect(guide.top).toBe(0);
    expect(guide.width).toBeCloseTo(560 / 1280);
    expect(guide.height).toBe(1);
  });
});

describe('scaled size', () => {
  it('scales the long edge down to the limit, keeping the aspect', () => {
    expect(scaledSize({ width: 560, height: 720 }, 600)).toEqual({ width: 467, height: 600 });
    expect(scaledSize({ width: 3000, height: 2000 }, 2000)).toEqual({ width: 2000, height: 1333 });
  });

  it('never scales up', () => {
    expect(scaledSize({ width: 300, height: 400 }, 600)).toEqual({ width: 300, height: 400 });
  });

  it('never reaches zero', () => {
    expect(scaledSize({ width: 10_000, height: 1 }, 100)).toEqual({ width: 100, height: 1 });
  });
});

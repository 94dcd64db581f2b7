import { describe, expect, it } from 'vitest';
import { maskBoxesProblem, maskCoverage, MAX_MASK_BOXES, MIN_MASK_BOX } from '../../shared/documents/masking';

describe('masking boxes as main checks them', () => {
  it('counts the area the boxes cover once, however they overlap', () => {
    expect(maskCoverage([{ x: 0, y: 0, width: 50, height: 100 }], 100, 100)).toBe(0.5);
    expect(maskCoverage([{ x: 0, y: 0, width: 50, height: 100 }, { x: 0, y: 0, width: 50, height: 100 }], 100, 100)).toBe(0.5);
    expect(maskCoverage([{ x: 0, y: 0, width: 60, height: 60 }, { x: 40, y: 40, width: 60, height: 60 }], 100, 100)).toBeCloseTo(0.68, 5);
    expect(maskCoverage([], 100, 100)).toBe(0);
  });

  it('takes boxes inside the image, big enough to hide a digit, leaving the image readable', () => {
    expect(maskBoxesProblem([{ x: 0, y: 0, width: MIN_MASK_BOX, height: MIN_MASK_BOX }, { x: 92, y: 92, width: 8, height: 8 }], 100, 100)).toBeNull();
    // An image smaller than the minimum box: the whole side is enough.
    expect(maskBoxesProblem([{ x: 0, y: 4, width: 5, height: 8 }], 5, 20)).toBeNull();
    expect(maskBoxesProblem([{ x: 0, y: 0, width: 100, height: 75 }], 100, 100)).toBeNull();
  });

  it.each([
    [[], /at least one box/],
    [[{ x: 0, y: 0, width: 100, height: 76 }], /cover most of the image/],
    [[{ x: 0, y: 0, width: 101, height: 10 }], /box 1 goes outside the 100×100 image/],
    [[{ x: 0, y: 95, width: 10, height: 10 }], /box 1 goes outside/],
    [[{ x: 10, y: 10, width: 10, height: 7 }], /box 1 is smaller than 8 pixels/],
    [Array.from({ length: MAX_MASK_BOXES + 1 }, () => ({ x: 0, y: 0, width: 10, height: 10 })), /There are 21 masking boxes; at most 20/],
  ])('refuses %j with a reason', (boxes, reason) => {
    expect(maskBoxesProblem(boxes, 100, 100)).toMatch(reason);
  });
});

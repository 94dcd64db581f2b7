import { describe, expect, it } from 'vitest';
import { boxAfterKey, boxFromDrag, centredBox, clampBox, isDeliberateDrag, keyStep, MIN_BOX, moveBox, resizeBox, toImagePoint } from '../../renderer/src/capture/images/redact';

const image = { width: 1000, height: 600 };

describe('masking boxes', () => {
  it('adds a box in the centre, wide and short like a line of digits', () => {
    const box = centredBox(image);
    expect(box).toEqual({ x: 300, y: 264, width: 400, height: 72 });
  });

  it('clamps a box inside the image and to the minimum size', () => {
    expect(clampBox({ x: -50, y: 580, width: 100, height: 100 }, image)).toEqual({ x: 0, y: 500, width: 100, height: 100 });
    expect(clampBox({ x: 10, y: 10, width: 2, height: 3 }, image)).toEqual({ x: 10, y: 10, width: MIN_BOX, height: MIN_BOX });
    expect(clampBox({ x: 0, y: 0, width: 5000, height: 5000 }, image)).toEqual({ x: 0, y: 0, width: 1000, height: 600 });
  });

  it('moves a box and stops it at every edge without changing its size', () => {
    const box = { x: 10, y: 10, width: 100, height: 50 };
    expect(moveBox(box, 25, 5, image)).toEqual({ x: 35, y: 15, width: 100, height: 50 });
    expect(moveBox(box, -500, -500, image)).toEqual({ x: 0, y: 0, width: 100, height: 50 });
    expect(moveBox(box, 5000, 5000, image)).toEqual({ x: 900, y: 550, width: 100, height: 50 });
  });

  it('resizes from the top-left corner, never past the right or bottom edge, never below the minimum', () => {
    const box = { x: 900, y: 500, width: 50, height: 50 };
    expect(resizeBox(box, 30, 30, image)).toEqual({ x: 900, y: 500, width: 80, height: 80 });
    expect(resizeBox(box, 500, 500, image)).toEqual({ x: 900, y: 500, width: 100, height: 100 });
    expect(resizeBox(box, -500, -500, image)).toEqual({ x: 900, y: 500, width: MIN_BOX, height: MIN_BOX });
  });

  it('makes a box from a drag in any direction, cut at the image', () => {
    expect(boxFromDrag({ x: 300, y: 200 }, { x: 100, y: 50 }, image)).toEqual({ x: 100, y: 50, width: 200, height: 150 });
    expect(boxFromDrag({ x: 900, y: 500 }, { x: 1400, y: 900 }, image)).toEqual({ x: 900, y: 500, width: 100, height: 100 });
    expect(isDeliberateDrag({ x: 1, y: 1 }, { x: 4, y: 40 }, image)).toBe(false);
    expect(isDeliberateDrag({ x: 1, y: 1 }, { x: 40, y: 40 }, image)).toBe(true);
  });

  it('maps a pointer on the shown (scaled) canvas to image pixels', () => {
    const shown = { left: 20, top: 100, width: 500, height: 300 };
    expect(toImagePoint({ x: 270, y: 250 }, shown, image)).toEqual({ x: 500, y: 300 });
    expect(toImagePoint({ x: 0, y: 9999 }, shown, image)).toEqual({ x: 0, y: 600 });
  });

  it('moves with the arrow keys and resizes with Shift+arrows, a hundredth of the long edge a step', () => {
    const box = { x: 100, y: 100, width: 200, height: 50 };
    expect(keyStep(image)).toBe(10);
    expect(boxAfterKey(box, 'ArrowRight', false, image)).toEqual({ x: 110, y: 100, width: 200, height: 50 });
    expect(boxAfterKey(box, 'ArrowUp', false, image)).toEqual({ x: 100, y: 90, width: 200, height: 50 });
    expect(boxAfterKey(box, 'ArrowRight', true, image)).toEqual({ x: 100, y: 100, width: 210, height: 50 });
    expect(boxAfterKey(box, 'ArrowUp', true, image)).toEqual({ x: 100, y: 100, width: 200, height: 40 });
    expect(boxAfterKey(box, 'Enter', false, image)).toBeNull();
    expect(boxAfterKey({ x: 0, y: 0, width: 20, height: 20 }, 'ArrowLeft', false, image)).toEqual({ x: 0, y: 0, width: 20, height: 20 });
  });
});

import { describe, expect, it } from 'vitest';
import { IN_PERSON_VIDEO_MAX_BYTES } from '../../shared/documents/in-person-video';
import { DEFAULT_PEN, inkBounds, penWidths } from '../../renderer/src/capture/images/signature';
import { BYTES_HEADROOM, countdownText, recordingConstraints, lengthText, NO_RECORDER, pickRecorderType, RECORDER_BITS_PER_SECOND, stopReason, videoCameraMessage } from '../../renderer/src/capture/video/recording';

/** A white RGBA picture with dark pixels at the given points. */
function picture(width: number, height: number, dark: [number, number][]): Uint8ClampedArray {
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (const [x, y] of dark) data.fill(20, (y * width + x) * 4, (y * width + x) * 4 + 3);
  return data;
}

describe('the signature’s ink', () => {
  it('is cropped to the dark pixels and a margin, within the pad', () => {
    expect(inkBounds(picture(100, 50, [[30, 20], [60, 25]]), 100, 50, 5)).toEqual({ x: 25, y: 15, width: 41, height: 16 });
    expect(inkBounds(picture(100, 50, [[1, 1], [99, 49]]), 100, 50, 5)).toEqual({ x: 0, y: 0, width: 100, height: 50 });
  });

  it('is nothing on a blank pad, and faint grey is not ink', () => {
    expect(inkBounds(picture(40, 40, []), 40, 40)).toBeNull();
    const faint = new Uint8ClampedArray(40 * 40 * 4).fill(230);
    expect(inkBounds(faint, 40, 40)).toBeNull();
  });

  it('widens a pen’s line with its pressure; a mouse or a finger draws by speed alone', () => {
    expect(penWidths('pen', 1).maxWidth).toBeGreaterThan(penWidths('pen', 0.5).maxWidth);
    expect(penWidths('pen', 0.5).maxWidth).toBeGreaterThan(penWidths('pen', 0.1).maxWidth);
    expect(penWidths('pen', 0)).toEqual(DEFAULT_PEN);
    expect(penWidths('mouse', 0.5)).toEqual(DEFAULT_PEN);
    expect(penWidths('touch', 1)).toEqual(DEFAULT_PEN);
    expect(penWidths('pen', 7)).toEqual(penWidths('pen', 1));
  });
});

describe('recording the in-person video', () => {
  it('counts down from 1:00 in whole seconds and stops at 60 s', () => {
    expect(countdownText(0)).toBe('1:00 left');
    expect(countdownText(999)).toBe('1:00 left');
    expect(countdownText(1000)).toBe('0:59 left');
    expect(countdownText(59_500)).toBe('0:01 left');
    expect(countdownText(75_000)).toBe('0:00 left');
    expect(countdownText(1000, 5)).toBe('0:04 left');
    expect(lengthText(4_600)).toBe('0:05');
    expect(stopReason(59_999, 0)).toBeNull();
    expect(stopReason(60_000, 0)).toBe('time');
    expect(stopReason(2000, 0, 2)).toBe('time');
  });

  it('stops before the 25 MB bound, with room for the last slice', () => {
    expect(stopReason(10_000, IN_PERSON_VIDEO_MAX_BYTES - BYTES_HEADROOM - 1)).toBeNull();
    expect(stopReason(10_000, IN_PERSON_VIDEO_MAX_BYTES - BYTES_HEADROOM)).toBe('size');
    // At the chosen bit rate a full minute is far below the bound, headroom included.
    expect((RECORDER_BITS_PER_SECOND / 8) * 60 * 1.5).toBeLessThan(IN_PERSON_VIDEO_MAX_BYTES - BYTES_HEADROOM);
  });

  it('asks for the chosen camera (or any) at 640×480, and never the microphone', () => {
    expect(recordingConstraints(null)).toEqual({ audio: false, video: { width: { ideal: 640 }, height: { ideal: 480 } } });
    expect(recordingConstraints('cam-2')).toEqual({ audio: false, video: { deviceId: { exact: 'cam-2' }, width: { ideal: 640 }, height: { ideal: 480 } } });
  });

  it('records WebM where it can, MP4 where only that is offered, and nothing else', () => {
    expect(pickRecorderType(() => true)).toBe('video/webm;codecs=vp9');
    expect(pickRecorderType((type) => type === 'video/webm;codecs=vp8' || type === 'video/mp4')).toBe('video/webm;codecs=vp8');
    expect(pickRecorderType((type) => type === 'video/mp4')).toBe('video/mp4');
    expect(pickRecorderType((type) => type === 'video/x-matroska')).toBeNull();
    expect(NO_RECORDER).toMatch(/can be captured and saved without the video/);
  });

  it('says what a camera failure means, and that the record goes on without the video', () => {
    const named = (name: string) => videoCameraMessage(Object.assign(new Error('x'), { name }));
    expect(named('NotAllowedError')).toMatch(/^KYC Desk is not allowed to use the camera/);
    expect(named('OverconstrainedError')).toMatch(/^No camera was found/);
    expect(named('AbortError')).toMatch(/busy/);
    expect(videoCameraMessage('what')).toMatch(/could not be started/);
    for (const name of ['NotAllowedError', 'NotFoundError', 'NotReadableError', 'Other']) expect(named(name)).toMatch(/Everything else in the record can be captured and saved without the video\.$/);
  });
});

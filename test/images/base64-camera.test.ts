import { describe, expect, it } from 'vitest';
import { base64ToBytes, blobToBase64, bytesToBase64 } from '../../renderer/src/capture/images/base64';
import { CAMERA_UNPLUGGED, cameraErrorMessage, cameraList, stopStream, videoConstraints } from '../../renderer/src/capture/images/camera';
import { nextScale } from '../../renderer/src/capture/images/fit-steps';

describe('base64', () => {
  it('matches Node’s encoder across chunk boundaries and round-trips', async () => {
    for (const size of [0, 1, 2, 3, 24_575, 24_576, 24_577, 100_003, 2_000_000]) {
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 7)) & 255;
      const encoded = bytesToBase64(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
      expect(Buffer.from(base64ToBytes(encoded)).equals(Buffer.from(bytes))).toBe(true);
      if (size === 100_003) expect(await blobToBase64(new Blob([bytes]))).toBe(encoded);
    }
  });
});

describe('camera', () => {
  const named = (name: string) => Object.assign(new Error('x'), { name });

  it('says in plain words what each failure means', () => {
    expect(cameraErrorMessage(named('NotAllowedError'))).toMatch(/not allowed to use the camera.*Allow it/);
    expect(cameraErrorMessage(named('NotFoundError'))).toMatch(/No camera was found/);
    expect(cameraErrorMessage(named('OverconstrainedError'))).toMatch(/No camera was found/);
    expect(cameraErrorMessage(named('NotReadableError'))).toMatch(/busy/);
    expect(cameraErrorMessage('weird')).toMatch(/could not be started/);
    expect(CAMERA_UNPLUGGED).toMatch(/disconnected.*another camera/);
  });

  it('asks for the chosen camera at 1280×720 if it can', () => {
    expect(videoConstraints('abc')).toEqual({ audio: false, video: { deviceId: { exact: 'abc' }, width: { ideal: 1280 }, height: { ideal: 720 } } });
    expect(videoConstraints(null)).toEqual({ audio: false, video: { width: { ideal: 1280 }, height: { ideal: 720 } } });
  });

  it('lists only video inputs, numbering unnamed ones', () => {
    const list = cameraList([
      { deviceId: 'm', kind: 'audioinput', label: 'Mic' },
      { deviceId: 'a', kind: 'videoinput', label: '' },
      { deviceId: 'b', kind: 'videoinput', label: 'USB Camera' },
    ]);
    expect(list).toEqual([{ deviceId: 'a', label: 'Camera 1' }, { deviceId: 'b', label: 'USB Camera' }]);
  });

  it('stops every track', () => {
    const stopped: string[] = [];
    const track = (id: string) => ({ stop: () => stopped.push(id) });
    stopStream({ getTracks: () => [track('v'), track('a')] });
    stopStream(null);
    expect(stopped).toEqual(['v', 'a']);
  });
});

describe('compression steps', () => {
  it('shrinks by the square root of the byte ratio, between a half and nine tenths a step', () => {
    expect(nextScale(400_000, 100_000)).toBeCloseTo(0.5);
    expect(nextScale(120_000, 100_000)).toBeCloseTo(Math.sqrt(100 / 120) * 0.92);
    expect(nextScale(101_000, 100_000)).toBe(0.9);
    expect(nextScale(10_000_000, 100_000)).toBe(0.5);
  });
});

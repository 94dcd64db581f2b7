/** The camera, in plain words: constraints, stopping, and what each failure means for the operator. Pure. */

export interface CameraDevice {
  deviceId: string;
  label: string;
}

export const CAMERA_UNPLUGGED =
  'The camera was disconnected. Plug it back in and press Start camera, or pick another camera from the list.';

/** getUserMedia's constraints: the chosen camera (or any), asking for 1280×720 if it has it. */
export interface VideoConstraints {
  audio: false;
  video: { deviceId?: { exact: string }; width: { ideal: number }; height: { ideal: number } };
}

export function videoConstraints(deviceId: string | null): VideoConstraints {
  return {
    audio: false,
    video: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      width: { ideal: 1280 },
      height: { ideal: 720 },
    },
  };
}

const errorName = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'name' in error && typeof (error as { name: unknown }).name === 'string' ? (error as { name: string }).name : '';

export function cameraErrorMessage(error: unknown): string {
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'KYC Desk is not allowed to use the camera. Allow it — in Windows: Settings › Privacy & security › Camera, turn on camera access for desktop apps; in the browser preview: the camera icon in the address bar — then press Start camera. Or choose a photo file instead.';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found. Plug in the webcam and press Start camera, or choose a photo file instead.';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'The camera is busy or could not start: another program (a video call, another KYC Desk window) may be using it. Close that program and press Start camera, or pick another camera.';
    default:
      return 'The camera could not be started. Press Start camera to try again, or choose a photo file instead.';
  }
}

/** The video inputs, named for the picker; a camera without a label (before permission) gets a number. */
export function cameraList(devices: readonly { deviceId: string; kind: string; label: string }[]): CameraDevice[] {
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

/** Stop every track of a stream (a MediaStream; typed by shape so this module needs no DOM). */
export function stopStream(stream: { getTracks(): { stop(): void }[] } | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

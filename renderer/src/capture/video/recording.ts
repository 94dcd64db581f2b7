/**
 * The in-person video's recording rules, pure: which container the recorder makes, the countdown,
 * when it must stop, and what each camera failure means for the operator.
 */
import { IN_PERSON_VIDEO_MAX_BYTES, IN_PERSON_VIDEO_MAX_SECONDS } from '../../../../shared/documents/in-person-video';

/** WebM first (what Chromium records), MP4 where only that is offered; both are what main accepts. */
export const RECORDER_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm', 'video/mp4'] as const;

/**
 * About 1 Mbit/s: a face at the counter stays clear, and 60 s come to about 7.5 MB, well within the
 * 25 MB bound whatever the encoder overshoots.
 */
export const RECORDER_BITS_PER_SECOND = 1_000_000;

/** The recorder hands over what it has every second, so the size shown grows as it records. */
export const RECORDER_SLICE_MS = 1000;

/** Stop this far below the byte bound, so the last second's slice cannot take it over. */
export const BYTES_HEADROOM = 2 * 1024 * 1024;

/**
 * The camera's picture for the video (the chosen camera, or any): smaller than the photograph's,
 * which keeps the file small. Never the microphone.
 */
export function recordingConstraints(deviceId: string | null) {
  return { audio: false, video: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: { ideal: 640 }, height: { ideal: 480 } } } as const;
}

export function pickRecorderType(isTypeSupported: (type: string) => boolean): string | null {
  return RECORDER_TYPES.find((type) => isTypeSupported(type)) ?? null;
}

/** Why recording must stop now, or null: the 60 s are up, or the size is close to its bound. */
export function stopReason(elapsedMs: number, bytes: number, maxSeconds = IN_PERSON_VIDEO_MAX_SECONDS): 'time' | 'size' | null {
  if (elapsedMs >= maxSeconds * 1000) return 'time';
  if (bytes >= IN_PERSON_VIDEO_MAX_BYTES - BYTES_HEADROOM) return 'size';
  return null;
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** "0:42 left" — whole seconds, never below zero. */
export function countdownText(elapsedMs: number, maxSeconds = IN_PERSON_VIDEO_MAX_SECONDS): string {
  const left = Math.max(0, maxSeconds - Math.floor(elapsedMs / 1000));
  return `${clock(left)} left`;
}

/** "0:18" of a recording's length. */
export function lengthText(elapsedMs: number): string {
  return clock(Math.max(0, Math.min(IN_PERSON_VIDEO_MAX_SECONDS, Math.round(elapsedMs / 1000))));
}

const GOES_ON = 'Everything else in the record can be captured and saved without the video.';

const errorName = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'name' in error && typeof (error as { name: unknown }).name === 'string' ? (error as { name: string }).name : '';

export function videoCameraMessage(error: unknown): string {
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return `KYC Desk is not allowed to use the camera. Allow it — in Windows: Settings › Privacy & security › Camera; in the browser preview: the camera icon in the address bar — then press Start camera. ${GOES_ON}`;
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return `No camera was found. Plug in the webcam and press Start camera. ${GOES_ON}`;
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return `The camera is busy or could not start: another program may be using it. Close that program and press Start camera. ${GOES_ON}`;
    default:
      return `The camera could not be started. Press Start camera to try again. ${GOES_ON}`;
  }
}

export const NO_RECORDER = `This window cannot record video (it has no video recorder). ${GOES_ON}`;

export const CAMERA_GONE = 'The camera was disconnected. Plug it back in and press Start camera.';

export const CAMERA_GONE_WHILE_RECORDING = 'The camera was disconnected while recording. What was recorded until then is below: keep it, or plug the camera back in and record again.';

export const STOPPED_FOR_SIZE = 'Recording stopped: the video is close to its 25 MB limit. Keep it if it shows what is needed, or record again, a little shorter.';

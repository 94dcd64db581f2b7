import { useEffect, useId, useRef, useState } from 'react';
import {
  foreignVideoMessage,
  IN_PERSON_VIDEO_CODE,
  IN_PERSON_VIDEO_MAX_BYTES,
  IN_PERSON_VIDEO_MAX_SECONDS,
  megabytes,
  sniffVideoKind,
  VIDEO_SNIFF_BYTES,
  videoTooLarge,
} from '../../../../shared/documents/in-person-video';
import type { KycImage } from '../../../../shared/record/kyc-record';
import { useAppStore } from '../../state/app-store';
import { cameraList, stopStream, type CameraDevice } from '../images/camera';
import { storeImage } from '../images/store-image';
import { CAMERA_GONE, CAMERA_GONE_WHILE_RECORDING, countdownText, lengthText, recordingConstraints, STOPPED_FOR_SIZE, videoCameraMessage } from './recording';
import { useRecorder, type Recorded } from './use-recorder';
import { letGoOfBlob, useLastPlayer } from '../../shell/blob-player';

type Phase = 'off' | 'starting' | 'preview' | 'recording' | 'recorded';

const message = (error: unknown, fallback: string) => (error instanceof Error && error.message ? error.message : fallback);

/** Judged as main will judge it (by its bytes, within its bound) before it is handed over. */
async function checkRecording(blob: Blob): Promise<string | null> {
  const head = new Uint8Array(await blob.slice(0, VIDEO_SNIFF_BYTES).arrayBuffer());
  if (blob.size > IN_PERSON_VIDEO_MAX_BYTES) return videoTooLarge(blob.size);
  return sniffVideoKind(head) ? null : foreignVideoMessage(head);
}

/**
 * The in-person verification video: the camera's preview, record and stop with a countdown that
 * stops by itself at 60 s, the size as it grows, then watch it, record again or keep it (a WebM
 * through `documents.put`, code IPV). A camera refused or missing is said in words, and the rest of
 * the record goes on without it. `maxSeconds` is shorter only in tests.
 */
// eslint-disable-next-line max-lines-per-function -- the camera's stream, the recorder and the take just made share one life (started, stopped, let go on every way out) in one component
export function InPersonVideoRecorder({ onRecorded, maxSeconds = IN_PERSON_VIDEO_MAX_SECONDS }: { onRecorded: (video: KycImage) => void; maxSeconds?: number }) {
  const api = useAppStore((s) => s.api);
  const id = useId();
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [phase, setPhase] = useState<Phase>('off');
  const [error, setError] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<(Recorded & { url: string }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [kept, setKept] = useState<KycImage | null>(null);
  const [devices, setDevices] = useState<CameraDevice[]>([]);
  const [deviceId, setDeviceId] = useState<string | null>(null);

  const closeCamera = () => {
    stopStream(streamRef.current);
    streamRef.current = null;
    if (videoRef.current) videoRef.current.srcObject = null;
  };
  const recorder = useRecorder(maxSeconds, (take) => {
    closeCamera();
    setRecorded({ ...take, url: URL.createObjectURL(take.blob) });
    setPhase('recorded');
    if (take.stoppedFor === 'size') setError(STOPPED_FOR_SIZE);
  });

  // Every way out (unmount included) lets go of the camera, even one still starting; the take's
  // blob: URL lives as long as it is shown.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      closeCamera();
    };
  }, []);
  const { attach: attachTakePlayer, last: lastTakePlayer } = useLastPlayer();
  useEffect(() => {
    if (!recorded) return;
    return () => letGoOfBlob(recorded.url, lastTakePlayer());
  }, [recorded, lastTakePlayer]);

  async function startCamera(camera: string | null = deviceId) {
    setError(null);
    setKept(null);
    setRecorded(null);
    setPhase('starting');
    try {
      const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
      if (!media?.getUserMedia) throw Object.assign(new Error('no mediaDevices'), { name: 'NotFoundError' });
      const stream = await media.getUserMedia(recordingConstraints(camera));
      if (!mounted.current) {
        stopStream(stream);
        return;
      }
      closeCamera();
      streamRef.current = stream;
      // The cameras by name (named only once the camera is allowed), for a PC with more than one.
      void media.enumerateDevices().then((list) => setDevices(cameraList(list)), () => undefined);
      stream.getVideoTracks()[0]?.addEventListener('ended', () => {
        if (streamRef.current !== stream) return;
        // What was recorded until the camera went is kept as a take, to keep or record again.
        const wasRecording = recorder.recording();
        recorder.stop();
        closeCamera();
        if (!wasRecording) setPhase('off');
        setError(wasRecording ? CAMERA_GONE_WHILE_RECORDING : CAMERA_GONE);
      });
      if (videoRef.current) {
        videoRef.current.srcObject = stream;
        await videoRef.current.play().catch(() => undefined);
      }
      setPhase('preview');
    } catch (failure) {
      closeCamera();
      setPhase('off');
      setError(videoCameraMessage(failure));
    }
  }

  function record() {
    const stream = streamRef.current;
    if (!stream) return;
    setError(null);
    const refused = recorder.start(stream);
    if (refused) setError(refused);
    else setPhase('recording');
  }

  async function keep() {
    if (!recorded) return;
    setError(null);
    setBusy(true);
    try {
      const problem = await checkRecording(recorded.blob);
      if (problem) throw new Error(problem);
      const video = await storeImage(api, IN_PERSON_VIDEO_CODE, recorded.blob);
      // Kept: the record's own player shows it from now on, and this take's bytes are let go.
      setRecorded(null);
      setKept(video);
      onRecorded(video);
    } catch (failure) {
      setError(message(failure, 'The video could not be kept. Try again.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="video-recorder" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>Record the in-person verification</h4>
      <p className="field__hint">
        Up to {maxSeconds} seconds with the camera: the customer’s face at the counter. No sound is recorded.
      </p>
      {error && (
        <p className="alert alert--inline" role="alert">
          {error}
        </p>
      )}
      <div className="video-recorder__stage" hidden={phase !== 'preview' && phase !== 'recording'}>
        <video ref={videoRef} muted playsInline aria-label="Live camera picture for the video" />
        {phase === 'recording' && (
          <p className="video-recorder__clock" role="timer" aria-live="off" data-testid="video-countdown">
            <span className="video-recorder__dot" aria-hidden="true" /> Recording · {countdownText(recorder.elapsedMs, maxSeconds)} · {megabytes(recorder.bytes)}
          </p>
        )}
      </div>
      {devices.length > 1 && (phase === 'preview' || phase === 'off') && (
        <div className="field">
          <label htmlFor={`${id}-camera`}>Camera for the video</label>
          <select
            id={`${id}-camera`}
            value={deviceId ?? ''}
            onChange={(event) => {
              const next = event.target.value || null;
              setDeviceId(next);
              if (phase === 'preview') void startCamera(next);
            }}
          >
            <option value="">The usual camera</option>
            {devices.map((device) => (
              <option key={device.deviceId || device.label} value={device.deviceId}>
                {device.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {phase === 'starting' && <p className="muted" role="status">Starting the camera…</p>}
      {recorded && phase === 'recorded' && (
        <figure className="video-recorder__take">
          <video ref={attachTakePlayer} src={recorded.url} controls playsInline aria-label="The video just recorded" data-testid="video-take" />
          <figcaption className="muted" data-testid="video-take-size">
            {lengthText(recorded.elapsedMs)} long, {megabytes(recorded.blob.size)}
          </figcaption>
        </figure>
      )}
      <div className="actions">
        {phase === 'off' && (
          <button type="button" onClick={() => void startCamera()}>
            Start camera
          </button>
        )}
        {phase === 'preview' && (
          <>
            <button type="button" className="primary" onClick={record}>
              Start recording
            </button>
            <button type="button" className="secondary" onClick={() => (closeCamera(), setPhase('off'))}>
              Turn the camera off
            </button>
          </>
        )}
        {phase === 'recording' && (
          <button type="button" className="primary" onClick={() => recorder.stop()}>
            Stop recording
          </button>
        )}
        {phase === 'recorded' && !kept && (
          <>
            <button type="button" className="primary" onClick={() => void keep()} disabled={busy}>
              Keep this video
            </button>
            <button type="button" className="secondary" onClick={() => void startCamera()} disabled={busy}>
              Record again
            </button>
          </>
        )}
        {kept && (
          <>
            <p className="outcome outcome--saved" role="status">
              Video kept ({megabytes(kept.bytes)}).
            </p>
            <button type="button" className="secondary" onClick={() => void startCamera()}>
              Record again
            </button>
          </>
        )}
        {busy && (
          <p className="muted" role="status">
            Keeping the video…
          </p>
        )}
      </div>
    </section>
  );
}

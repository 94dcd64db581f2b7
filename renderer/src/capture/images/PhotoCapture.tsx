import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { IMAGE_CODE_PHOTOGRAPH } from '../../../../shared/codes/ckyc-codes';
import { SNIFF_BYTES } from '../../../../shared/documents/file-kind';
import { DEFAULT_DOCUMENT_LIMITS, kilobytes } from '../../../../shared/documents/limits';
import type { KycImage } from '../../../../shared/record/kyc-record';
import { useAppStore } from '../../state/app-store';
import { CAMERA_UNPLUGGED, cameraErrorMessage, cameraList, stopStream, videoConstraints, type CameraDevice } from './camera';
import { releaseCanvas, drawToCanvas } from './canvas';
import { fitJpegToLimit } from './compress';
import { centreCrop, cropGuide, PHOTO_LONG_EDGE, scaledSize, type Size } from './crop';
import { planPhotoFile } from './intake';
import { storeImage } from './store-image';

interface Taken {
  blob: Blob;
  url: string;
  width: number;
  height: number;
  from: 'camera' | 'file';
}

/** Crop to 35:45, scale, and fit the JPEG under the photo limit. */
async function makePhoto(source: CanvasImageSource, size: Size, limitBytes: number): Promise<Omit<Taken, 'url' | 'from'>> {
  const crop = centreCrop(size);
  const canvas = drawToCanvas(source, crop, scaledSize(crop, PHOTO_LONG_EDGE));
  try {
    const fit = await fitJpegToLimit(canvas, limitBytes);
    return { blob: fit.blob, width: fit.width, height: fit.height };
  } finally {
    releaseCanvas(canvas);
  }
}

const message = (error: unknown, fallback: string) => (error instanceof Error && error.message ? error.message : fallback);

/**
 * The customer's photograph from the webcam (or a file): 35:45 passport crop, JPEG under the
 * photo limit, stored through `documents.put` as image code 02. Keeps only its own state.
 */
// eslint-disable-next-line max-lines-per-function -- camera start and stop, crop and upload share the stream and its clean-up in one component
export function PhotoCapture({ onCaptured }: { onCaptured: (image: KycImage) => void }) {
  const api = useAppStore((s) => s.api);
  const limits = useAppStore((s) => s.info?.documentLimits) ?? DEFAULT_DOCUMENT_LIMITS;
  const id = useId();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [devices, setDevices] = useState<CameraDevice[]>([]);
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [activeDeviceId, setActiveDeviceId] = useState<string | null>(null);
  const [cameraOn, setCameraOn] = useState(true);
  const [live, setLive] = useState(false);
  const [videoSize, setVideoSize] = useState<Size | null>(null);
  const [taken, setTaken] = useState<Taken | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kept, setKept] = useState<KycImage | null>(null);

  // The camera runs only while wanted; every way out (unmount, another camera, use) stops its tracks.
  useEffect(() => {
    if (!cameraOn) return;
    let cancelled = false;
    let stream: MediaStream | null = null;
    const video = videoRef.current;
    const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    const onEnded = () => {
      if (cancelled) return;
      cancelled = true;
      stopStream(stream);
      setLive(false);
      setCameraOn(false);
      setError(CAMERA_UNPLUGGED);
      void media?.enumerateDevices().then((list) => setDevices(cameraList(list)), () => undefined);
    };
    void (async () => {
      try {
        if (!media?.getUserMedia) throw Object.assign(new Error('no mediaDevices'), { name: 'NotFoundError' });
        const started = await media.getUserMedia(videoConstraints(deviceId));
        if (cancelled) {
          stopStream(started);
          return;
        }
        stream = started;
        const track = started.getVideoTracks()[0];
        track?.addEventListener('ended', onEnded);
        if (video) {
          video.srcObject = started;
          await video.play().catch(() => undefined);
        }
        if (cancelled) return;
        setLive(true);
        setError(null);
        setActiveDeviceId(track?.getSettings().deviceId ?? deviceId);
        setDevices(cameraList(await media.enumerateDevices())); // labels appear once permission is given
      } catch (failure) {
        if (cancelled) return;
        setLive(false);
        setCameraOn(false);
        setError(cameraErrorMessage(failure));
      }
    })();
    return () => {
      cancelled = true;
      for (const track of stream?.getVideoTracks() ?? []) track.removeEventListener('ended', onEnded);
      stopStream(stream);
      if (video) video.srcObject = null;
    };
  }, [cameraOn, deviceId]);

  // Cameras plugged in or out while the screen is open.
  useEffect(() => {
    const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!media?.enumerateDevices) return;
    const refresh = () => void media.enumerateDevices().then((list) => setDevices(cameraList(list)), () => undefined);
    refresh();
    media.addEventListener?.('devicechange', refresh);
    return () => media.removeEventListener?.('devicechange', refresh);
  }, []);

  // The still's blob: URL lives exactly as long as the still is shown.
  useEffect(() => {
    if (!taken) return;
    return () => URL.revokeObjectURL(taken.url);
  }, [taken]);

  const show = (photo: Omit<Taken, 'url' | 'from'>, from: Taken['from']) => setTaken({ ...photo, url: URL.createObjectURL(photo.blob), from });

  async function takePhoto() {
    const video = videoRef.current;
    if (!video || !live || video.videoWidth === 0) return;
    setError(null);
    setBusy('Making the photograph…');
    try {
      show(await makePhoto(video, { width: video.videoWidth, height: video.videoHeight }, limits.photoBytes), 'camera');
    } catch (failure) {
      setError(message(failure, 'The photograph could not be made. Take it again.'));
    } finally {
      setBusy(null);
    }
  }

  function retake() {
    setTaken(null);
    setKept(null);
    setError(null);
    setCameraOn(true);
  }

  async function keepPhoto() {
    if (!taken) return;
    setError(null);
    setBusy('Keeping the photograph…');
    try {
      const image = await storeImage(api, IMAGE_CODE_PHOTOGRAPH, taken.blob);
      setCameraOn(false);
      setLive(false);
      setKept(image);
      onCaptured(image);
    } catch (failure) {
      setError(message(failure, 'The photograph could not be kept. Try again.'));
    } finally {
      setBusy(null);
    }
  }

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // the same file can be chosen again
    if (!file) return;
    setError(null);
    setKept(null);
    const plan = planPhotoFile(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()), file.size, limits);
    if (plan.action === 'refuse') {
      setError(plan.message);
      return;
    }
    setBusy('Making the photograph…');
    let bitmap: ImageBitmap | null = null;
    try {
      bitmap = await createImageBitmap(file).catch(() => {
        throw new Error('This picture could not be opened: the file may be damaged. Choose another, or use the camera.');
      });
      show(await makePhoto(bitmap, { width: bitmap.width, height: bitmap.height }, limits.photoBytes), 'file');
      setCameraOn(false);
      setLive(false);
    } catch (failure) {
      setError(message(failure, 'The photograph could not be made from this file.'));
    } finally {
      bitmap?.close();
      setBusy(null);
    }
  }

  function pickCamera(next: string) {
    setError(null);
    setLive(false);
    setDeviceId(next || null);
    setCameraOn(true);
  }

  const guide = videoSize ? cropGuide(videoSize) : null;
  const selected = deviceId ?? activeDeviceId ?? '';

  return (
    <section className="photo-capture" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Customer’s photograph</h3>
      <div className="field photo-capture__device">
        <label htmlFor={`${id}-camera`}>Camera</label>
        <select id={`${id}-camera`} value={selected} onChange={(event) => pickCamera(event.target.value)} disabled={Boolean(busy)}>
          {devices.length === 0 && <option value="">No camera found</option>}
          {devices.length > 0 && !devices.some((d) => d.deviceId === selected) && <option value="">Choose a camera</option>}
          {devices.map((device) => (
            <option key={device.deviceId || device.label} value={device.deviceId}>
              {device.label}
            </option>
          ))}
        </select>
      </div>

      {error && (
        <p className="alert alert--inline" role="alert">
          {error}
        </p>
      )}

      <div className="photo-capture__stage">
        <div className="photo-capture__preview" hidden={!live || Boolean(taken)}>
          <video
            ref={videoRef}
            muted
            playsInline
            aria-label="Live camera picture"
            onLoadedMetadata={(event) => setVideoSize({ width: event.currentTarget.videoWidth, height: event.currentTarget.videoHeight })}
            onResize={(event) => setVideoSize({ width: event.currentTarget.videoWidth, height: event.currentTarget.videoHeight })}
          />
          {guide && (
            <div
              className="photo-capture__guide"
              aria-hidden="true"
              style={{ left: `${guide.left * 100}%`, top: `${guide.top * 100}%`, width: `${guide.width * 100}%`, height: `${guide.height * 100}%` }}
            />
          )}
        </div>
        {taken && (
          <figure className="photo-capture__still">
            <img src={taken.url} alt="The photograph just taken" width={taken.width} height={taken.height} />
            <figcaption className="muted">
              {taken.width}×{taken.height} px, {kilobytes(taken.blob.size)}
            </figcaption>
          </figure>
        )}
        {!live && !taken && !error && cameraOn && <p className="muted">Starting the camera…</p>}
      </div>

      <div className="actions">
        {!taken && live && (
          <button type="button" className="primary" onClick={() => void takePhoto()} disabled={Boolean(busy)}>
            Take photo
          </button>
        )}
        {!taken && !cameraOn && (
          <button type="button" onClick={retake} disabled={Boolean(busy)}>
            Start camera
          </button>
        )}
        {taken && !kept && (
          <>
            <button type="button" className="primary" onClick={() => void keepPhoto()} disabled={Boolean(busy)}>
              Use this photo
            </button>
            <button type="button" className="secondary" onClick={retake} disabled={Boolean(busy)}>
              Retake
            </button>
          </>
        )}
        {kept && (
          <>
            <p className="outcome outcome--saved" role="status">
              Photograph kept ({kilobytes(kept.bytes)}).
            </p>
            <button type="button" className="secondary" onClick={retake}>
              Retake
            </button>
          </>
        )}
        {busy && (
          <p className="muted" role="status">
            {busy}
          </p>
        )}
      </div>

      <div className="field photo-capture__file">
        <label htmlFor={`${id}-file`}>Choose a photo file instead</label>
        <input id={`${id}-file`} type="file" accept="image/jpeg,image/png" onChange={(event) => void chooseFile(event)} disabled={Boolean(busy)} />
      </div>
    </section>
  );
}

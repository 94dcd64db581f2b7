/**
 * Runs in Chromium (bundled by ../browser-harness.ts): the images modules on real canvases,
 * a real fake-device camera, and the components mounted against a fake `api`.
 * Everything is reached through `window.kycImages`; answers are plain values.
 */
import { createRoot, type Root } from 'react-dom/client';
import { createElement } from 'react';
import { DEFAULT_DOCUMENT_LIMITS } from '../../../shared/documents/limits';
import type { KycImage } from '../../../shared/record/kyc-record';
import { useAppStore } from '../../../renderer/src/state/app-store';
import { bytesToBase64, base64ToBytes } from '../../../renderer/src/capture/images/base64';
import { drawToCanvas, releaseCanvas } from '../../../renderer/src/capture/images/canvas';
import { fitJpegToLimit } from '../../../renderer/src/capture/images/compress';
import { centreCrop, DOCUMENT_LONG_EDGE, PHOTO_LONG_EDGE, scaledSize } from '../../../renderer/src/capture/images/crop';
import { burnBoxes } from '../../../renderer/src/capture/images/burn';
import type { Box } from '../../../renderer/src/capture/images/redact';
import { DocumentAttach, PhotoCapture, StoredImage } from '../../../renderer/src/capture/images';

const hex = (bytes: Uint8Array, n = 4) => [...bytes.subarray(0, n)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function within<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)));
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The fake camera at 1280×720, playing, with a frame ready. */
async function openCamera(): Promise<{ video: HTMLVideoElement; stream: MediaStream }> {
  const stream = await within('getUserMedia', 10_000, navigator.mediaDevices.getUserMedia({ audio: false, video: { width: { ideal: 1280 }, height: { ideal: 720 } } }));
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await within('video.play', 10_000, video.play());
  await within('first frame', 10_000, new Promise<void>((resolve) => {
    const check = () => (video.videoWidth > 0 && video.readyState >= 2 ? resolve() : requestAnimationFrame(check));
    check();
  }));
  return { video, stream };
}

/** Bright, noisy pixels (xorshift): the hardest thing for JPEG, like a grainy scan. */
function noiseCanvas(width: number, height: number, seed = 0x9e3779b9): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  const data = context.createImageData(width, height);
  let s = seed >>> 0;
  const pixels = new Uint32Array(data.data.buffer);
  for (let i = 0; i < pixels.length; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    pixels[i] = (s | 0xff000000) >>> 0; // opaque, random colour
  }
  context.putImageData(data, 0, 0);
  return canvas;
}

async function describeJpeg(blob: Blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const decoded = await createImageBitmap(blob);
  const out = { bytes: bytes.length, head: hex(bytes), tail: hex(bytes.subarray(bytes.length - 2), 2), type: blob.type, decodedWidth: decoded.width, decodedHeight: decoded.height };
  decoded.close();
  return out;
}

/** Pixels of a JPEG inside and outside a rectangle: the brightest channel inside, the mean outside. */
async function sampleJpeg(blob: Blob, inside: Box, outside: Box) {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const read = (r: Box) => context.getImageData(r.x, r.y, r.width, r.height).data;
  let insideMax = 0;
  const a = read(inside);
  for (let i = 0; i < a.length; i += 4) insideMax = Math.max(insideMax, a[i]!, a[i + 1]!, a[i + 2]!);
  const b = read(outside);
  let sum = 0;
  for (let i = 0; i < b.length; i += 4) sum += (b[i]! + b[i + 1]! + b[i + 2]!) / 3;
  return { insideMax, outsideMean: sum / (b.length / 4), width: canvas.width, height: canvas.height };
}

/** One camera frame → 35:45 crop → long edge 600 → JPEG under the limit, timed. */
async function photoFromVideo(video: HTMLVideoElement, limitBytes: number) {
  const started = performance.now();
  const crop = centreCrop({ width: video.videoWidth, height: video.videoHeight });
  const canvas = drawToCanvas(video, crop, scaledSize(crop, PHOTO_LONG_EDGE));
  try {
    const fit = await fitJpegToLimit(canvas, limitBytes);
    return { fit, ms: performance.now() - started };
  } finally {
    releaseCanvas(canvas);
  }
}

// ---- the fake main process and the mounted components ------------------------------------

interface Put {
  imageCode: string;
  masked: boolean;
  /** The masking boxes handed to main with the image (main burns them again). */
  boxes?: unknown;
  bytes: number;
  head: string;
}
const puts: Put[] = [];
const stored = new Map<string, { mime: string; base64: string }>();
const captured: KycImage[] = [];
let failNextPut: string | null = null;
let root: Root | null = null;

const mimeOf = (bytes: Uint8Array) => (bytes[0] === 0xff ? 'image/jpeg' : bytes[0] === 0x25 ? 'application/pdf' : bytes[0] === 0x89 ? 'image/png' : 'image/tiff');
const fakeHash = (n: number) => n.toString(16).padStart(64, '0');

function fakeApi() {
  return {
    async invoke(channel: string, request: Record<string, unknown>) {
      if (channel === 'documents.put') {
        if (failNextPut) {
          const message = failNextPut;
          failNextPut = null;
          return { ok: false, error: { code: 'STORAGE_FULL', message } };
        }
        const bytes = base64ToBytes(request.base64 as string);
        const hash = fakeHash(stored.size + 1);
        stored.set(hash, { mime: mimeOf(bytes), base64: request.base64 as string });
        puts.push({ imageCode: request.imageCode as string, masked: request.masked as boolean, boxes: request.boxes, bytes: bytes.length, head: hex(bytes) });
        return { ok: true, value: { hash, mime: mimeOf(bytes), bytes: bytes.length, masked: request.masked } };
      }
      if (channel === 'documents.get') {
        const doc = stored.get(request.hash as string);
        return doc ? { ok: true, value: doc } : { ok: false, error: { code: 'NOT_FOUND', message: 'No such document.' } };
      }
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    },
    on: () => () => undefined,
  };
}

async function mount(name: 'photo' | 'document' | 'stored', props: Record<string, unknown> = {}) {
  await unmount();
  useAppStore.setState({ api: fakeApi() as never, info: { mode: 'training', notices: [], version: 'test', pollSeconds: 2, documentLimits: DEFAULT_DOCUMENT_LIMITS } });
  const host = document.getElementById('root')!;
  root = createRoot(host);
  const onCaptured = (image: KycImage) => captured.push(image);
  const element =
    name === 'photo'
      ? createElement(PhotoCapture, { onCaptured })
      : name === 'document'
        ? createElement(DocumentAttach, { imageCode: String(props.imageCode), label: String(props.label), onAttached: onCaptured })
        : createElement(StoredImage, { hash: String(props.hash), mime: String(props.mime), alt: String(props.alt) });
  root.render(element);
}

async function unmount() {
  const current = root;
  root = null;
  current?.unmount();
}

/** Every camera stream the page opened, to check that all were stopped. */
const streams: MediaStream[] = [];
const realGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
let refuseCameraWith: string | null = null;
navigator.mediaDevices.getUserMedia = async (constraints) => {
  if (refuseCameraWith) throw new DOMException('refused by the test', refuseCameraWith);
  const stream = await realGetUserMedia(constraints);
  streams.push(stream);
  return stream;
};

const api = {
  async cameraPhoto(limitBytes: number) {
    const { video, stream } = await openCamera();
    try {
      const { fit, ms } = await photoFromVideo(video, limitBytes);
      return { frameWidth: video.videoWidth, frameHeight: video.videoHeight, width: fit.width, height: fit.height, quality: fit.quality, encodes: fit.encodes, ms, ...(await describeJpeg(fit.blob)) };
    } finally {
      for (const track of stream.getTracks()) track.stop();
    }
  },

  /** A noisy photo-sized picture (every encode too big at first): the quality search must find a fit. */
  async noisyPhoto(limitBytes: number) {
    const fit = await fitJpegToLimit(noiseCanvas(467, 600), limitBytes);
    return { width: fit.width, height: fit.height, quality: fit.quality, encodes: fit.encodes, ...(await describeJpeg(fit.blob)) };
  },

  async noisyPngDocument(width: number, height: number, limitBytes: number) {
    const png = await noiseCanvas(width, height).convertToBlob({ type: 'image/png' });
    const pngHead = hex(new Uint8Array(await png.slice(0, 8).arrayBuffer()), 8);
    const started = performance.now();
    const bitmap = await createImageBitmap(png);
    try {
      const fit = await fitJpegToLimit(bitmap, limitBytes, { longEdge: DOCUMENT_LONG_EDGE });
      return { pngBytes: png.size, pngHead, width: fit.width, height: fit.height, quality: fit.quality, encodes: fit.encodes, ms: performance.now() - started, ...(await describeJpeg(fit.blob)) };
    } finally {
      bitmap.close();
    }
  },

  async tooBigToFit() {
    try {
      await fitJpegToLimit(noiseCanvas(600, 600), 2_000, { minLongEdge: 400 });
      return 'fitted';
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  },

  async burnt(boxes: Box[], inside: Box, outside: Box) {
    const source = await createImageBitmap(noiseCanvas(800, 500));
    const canvas = burnBoxes(source, boxes);
    source.close();
    const fit = await fitJpegToLimit(canvas, DEFAULT_DOCUMENT_LIMITS.documentBytes);
    releaseCanvas(canvas);
    return { ...(await sampleJpeg(fit.blob, inside, outside)), quality: fit.quality };
  },

  base64Matches(size: number) {
    const bytes = new Uint8Array(size).map((_, i) => (i * 7) & 255);
    const encoded = bytesToBase64(bytes);
    const back = base64ToBytes(encoded);
    return back.length === size && back.every((b, i) => b === bytes[i]);
  },

  // ---- bench ----
  async benchPhoto(iterations: number, warmup: number, limitBytes: number) {
    const { video, stream } = await openCamera();
    try {
      const samples: number[] = [];
      let last: { bytes: number; width: number; height: number; quality: number } | null = null;
      for (let i = 0; i < warmup + iterations; i++) {
        const { fit, ms } = await photoFromVideo(video, limitBytes);
        if (fit.blob.size > limitBytes) throw new Error('over the limit');
        if (i >= warmup) samples.push(ms);
        last = { bytes: fit.blob.size, width: fit.width, height: fit.height, quality: fit.quality };
        await new Promise((r) => requestAnimationFrame(r)); // a new frame, as an operator's click would see
      }
      // The same frame for the peer, as a lossless PNG.
      const frame = new OffscreenCanvas(video.videoWidth, video.videoHeight);
      frame.getContext('2d')!.drawImage(video, 0, 0);
      const png = new Uint8Array(await (await frame.convertToBlob({ type: 'image/png' })).arrayBuffer());
      return { samples, last, frameWidth: video.videoWidth, frameHeight: video.videoHeight, framePngBase64: bytesToBase64(png) };
    } finally {
      for (const track of stream.getTracks()) track.stop();
    }
  },

  /** The worst case: a grainy 1280×720 frame, so the quality search runs in full every time. */
  async benchNoisyPhoto(iterations: number, warmup: number, limitBytes: number) {
    const frame = noiseCanvas(1280, 720);
    const samples: number[] = [];
    let last: { bytes: number; quality: number; encodes: number } | null = null;
    for (let i = 0; i < warmup + iterations; i++) {
      const started = performance.now();
      const crop = centreCrop({ width: frame.width, height: frame.height });
      const canvas = drawToCanvas(frame, crop, scaledSize(crop, PHOTO_LONG_EDGE));
      const fit = await fitJpegToLimit(canvas, limitBytes);
      releaseCanvas(canvas);
      if (i >= warmup) samples.push(performance.now() - started);
      last = { bytes: fit.blob.size, quality: fit.quality, encodes: fit.encodes };
    }
    return { samples, last };
  },

  // ---- components ----
  mount,
  unmount,
  puts: () => puts.slice(),
  captured: () => captured.slice(),
  reset() {
    puts.length = 0;
    captured.length = 0;
    stored.clear();
    failNextPut = null;
    refuseCameraWith = null;
  },
  failNextPut(message: string) {
    failNextPut = message;
  },
  refuseCamera(name: string | null) {
    refuseCameraWith = name;
  },
  liveTracks: () => streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length,
  /** The camera going away: the track's `ended` event, as when a USB webcam is pulled out. */
  unplugCamera() {
    const track = streams.flatMap((s) => s.getVideoTracks()).find((t) => t.readyState === 'live');
    if (!track) return false;
    track.stop();
    track.dispatchEvent(new Event('ended'));
    return true;
  },
  /** Put a document straight into the fake store (for StoredImage). */
  async storeDocument(kind: 'jpeg' | 'pdf') {
    const bytes =
      kind === 'pdf'
        ? new TextEncoder().encode(`%PDF-1.4\n${'x'.repeat(20_000)}\n%%EOF\n`)
        : new Uint8Array(await (await noiseCanvas(64, 48).convertToBlob({ type: 'image/jpeg', quality: 0.8 })).arrayBuffer());
    const hash = fakeHash(1000 + stored.size);
    stored.set(hash, { mime: mimeOf(bytes), base64: bytesToBase64(bytes) });
    return { hash, mime: mimeOf(bytes), bytes: bytes.length };
  },
  /** What the document was stored as, decoded: pixels inside a rectangle (for the masked Aadhaar). */
  async sampleStored(index: number, inside: Box, outside: Box) {
    const doc = [...stored.values()][index];
    if (!doc) throw new Error(`no stored document ${index}`);
    return sampleJpeg(new Blob([base64ToBytes(doc.base64)], { type: doc.mime }), inside, outside);
  },
  /** What the document was stored as, byte for byte (base64). */
  storedBase64(index: number) {
    const doc = [...stored.values()][index];
    if (!doc) throw new Error(`no stored document ${index}`);
    return doc.base64;
  },
  /** A file for setInputFiles: a small noisy JPEG from Chromium's own encoder, as bytes. */
  async noisyJpegBase64(width: number, height: number, quality: number) {
    const jpeg = await noiseCanvas(width, height).convertToBlob({ type: 'image/jpeg', quality });
    return bytesToBase64(new Uint8Array(await jpeg.arrayBuffer()));
  },
  /** A file for setInputFiles: a noisy PNG of the given size, as bytes. */
  async noisyPngBase64(width: number, height: number) {
    const png = await noiseCanvas(width, height).convertToBlob({ type: 'image/png' });
    return bytesToBase64(new Uint8Array(await png.arrayBuffer()));
  },
};

(globalThis as unknown as { kycImages: typeof api }).kycImages = api;
document.body.dataset.ready = 'yes';

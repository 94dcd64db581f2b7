/**
 * Runs in Chromium (bundled by ../media-in-chromium.test.ts): the signature pad, the in-person video
 * recorder and the stored video's player, mounted against a fake `api`, with the fake-device camera
 * and Chromium's own MediaRecorder. Everything is reached through `window.kycMedia`.
 */
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { DEFAULT_DOCUMENT_LIMITS } from '../../../shared/documents/limits';
import type { KycImage } from '../../../shared/record/kyc-record';
import { base64ToBytes } from '../../../renderer/src/capture/images/base64';
import { SignaturePad } from '../../../renderer/src/capture/images';
import { InPersonVideoRecorder, StoredVideo } from '../../../renderer/src/capture/video';
import { useAppStore } from '../../../renderer/src/state/app-store';
import { MediaViewer } from '../../../renderer/src/video-kyc/MediaViewer';

const hex = (bytes: Uint8Array, n = 4) => [...bytes.subarray(0, n)].map((b) => b.toString(16).padStart(2, '0')).join('');

interface Put {
  imageCode: string;
  bytes: number;
  head: string;
  width?: number;
  height?: number;
}
const puts: Put[] = [];
const stored = new Map<string, { mime: string; base64: string }>();
const kept: KycImage[] = [];
let root: Root | null = null;

const mimeOf = (bytes: Uint8Array) => (bytes[0] === 0xff ? 'image/jpeg' : bytes[0] === 0x1a ? 'video/webm' : bytes[0] === 0x89 ? 'image/png' : 'application/octet-stream');

function fakeApi() {
  return {
    async invoke(channel: string, request: Record<string, unknown>) {
      if (channel === 'documents.put') {
        const bytes = base64ToBytes(request.base64 as string);
        const hash = (stored.size + 1).toString(16).padStart(64, '0');
        stored.set(hash, { mime: mimeOf(bytes), base64: request.base64 as string });
        const put: Put = { imageCode: request.imageCode as string, bytes: bytes.length, head: hex(bytes) };
        if (bytes[0] === 0xff) {
          const bitmap = await createImageBitmap(new Blob([bytes]));
          Object.assign(put, { width: bitmap.width, height: bitmap.height });
          bitmap.close();
        }
        puts.push(put);
        return { ok: true, value: { hash, mime: mimeOf(bytes), bytes: bytes.length, masked: false } };
      }
      // The Video KYC screen's media viewer: a session's medium, here a document stored above, by its hash.
      if (channel === 'videoKyc.media') {
        const doc = stored.get(request.id as string);
        return doc ? { ok: true, value: { ...doc, kind: 'video' } } : { ok: false, error: { code: 'NOT_FOUND', message: 'The vendor has no such medium.' } };
      }
      if (channel === 'documents.get') {
        const doc = stored.get(request.hash as string);
        return doc ? { ok: true, value: doc } : { ok: false, error: { code: 'NOT_FOUND', message: 'This document is no longer on this PC.' } };
      }
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    },
    on: () => () => undefined,
  };
}

/** Every camera stream the page opened, to check that all were stopped; a refusal on demand. */
const streams: MediaStream[] = [];
const realGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
let refuseCameraWith: string | null = null;
navigator.mediaDevices.getUserMedia = async (constraints) => {
  if (refuseCameraWith) throw new DOMException('refused by the test', refuseCameraWith);
  const stream = await realGetUserMedia(constraints);
  streams.push(stream);
  return stream;
};

/** Blob URLs made and revoked, to check a player lets go of its bytes. */
const made: string[] = [];
const revoked: string[] = [];
const realCreate = URL.createObjectURL.bind(URL);
const realRevoke = URL.revokeObjectURL.bind(URL);
URL.createObjectURL = (blob: Blob | MediaSource) => {
  const url = realCreate(blob);
  made.push(url);
  return url;
};
URL.revokeObjectURL = (url: string) => {
  revoked.push(url);
  realRevoke(url);
};

/** The last player `playable` waited for, kept to see whether it let go of its source when it left. */
let played: HTMLVideoElement | null = null;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A line by pointer events, a move every 20 ms (the pad takes at most one a frame, as from a real pen). */
async function stroke(canvas: HTMLCanvasElement, pointerType: string, pressure: number, from: [number, number], to: [number, number], steps = 20) {
  const box = canvas.getBoundingClientRect();
  const at = (i: number) => ({ clientX: box.left + from[0] + ((to[0] - from[0]) * i) / steps, clientY: box.top + from[1] + ((to[1] - from[1]) * i) / steps });
  const base = { bubbles: true, cancelable: true, pointerId: 7, pointerType, isPrimary: true, pressure, button: 0, buttons: 1 };
  canvas.dispatchEvent(new PointerEvent('pointerdown', { ...base, ...at(0) }));
  for (let i = 1; i <= steps; i++) {
    await pause(20);
    canvas.dispatchEvent(new PointerEvent('pointermove', { ...base, ...at(i), button: -1 }));
  }
  canvas.dispatchEvent(new PointerEvent('pointerup', { ...base, ...at(steps), buttons: 0, pressure: 0 }));
}

const api = {
  async mount(name: 'signature' | 'recorder' | 'stored-video' | 'media-viewer', props: Record<string, unknown> = {}) {
    root?.unmount();
    useAppStore.setState({ api: fakeApi() as never, info: { mode: 'training', notices: [], version: 'test', pollSeconds: 2, documentLimits: DEFAULT_DOCUMENT_LIMITS, nextMode: 'training' } as never });
    root = createRoot(document.getElementById('root')!);
    const onKept = (image: KycImage) => kept.push(image);
    root.render(
      name === 'signature'
        ? createElement(SignaturePad, { onSigned: onKept })
        : name === 'recorder'
          ? createElement(InPersonVideoRecorder, { onRecorded: onKept, ...(props.maxSeconds ? { maxSeconds: Number(props.maxSeconds) } : {}) })
          : name === 'stored-video'
            ? createElement(StoredVideo, { hash: String(props.hash), label: 'In-person verification video' })
            : createElement(MediaViewer, { linkId: String(props.hash), medium: { index: 0, kind: 'video', aadhaar: false, label: 'Customer video' }, onKept: () => undefined }),
    );
  },
  unmount() {
    root?.unmount();
    root = null;
  },
  refuseCamera(name: string | null) {
    refuseCameraWith = name;
  },
  /** A line across the pad by pointer events, as a pen tablet or a finger would draw it. */
  async draw(pointerType: string, pressure: number, from: [number, number], to: [number, number]) {
    // The pad is ready once signature_pad has taken the canvas (it turns the page's touch gestures off there).
    let canvas = document.querySelector('canvas');
    for (let i = 0; i < 100 && canvas?.style.touchAction !== 'none'; i++) {
      await pause(20);
      canvas = document.querySelector('canvas');
    }
    if (!canvas || canvas.style.touchAction !== 'none') throw new Error('the signature pad never started');
    await stroke(canvas, pointerType, pressure, from, to);
  },
  /** Dark pixels on the pad now: how much ink there is. */
  ink(): number {
    const canvas = document.querySelector('canvas')!;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
    return dark;
  },
  puts: () => puts.map((put) => ({ ...put })),
  kept: () => kept.map((image) => ({ ...image })),
  streamsLive: () => streams.filter((stream) => stream.getTracks().some((track) => track.readyState === 'live')).length,
  streamsOpened: () => streams.length,
  /** The camera unplugged: its live track ends, as the browser reports a camera that went away. */
  unplugCamera() {
    for (const stream of streams) for (const track of stream.getVideoTracks()) if (track.readyState === 'live') {
      track.stop();
      track.dispatchEvent(new Event('ended'));
    }
  },
  /** The names of the cameras whose pictures are live now. */
  liveCameras: () => streams.flatMap((stream) => stream.getVideoTracks().filter((track) => track.readyState === 'live').map((track) => track.label)),
  storedMime: (hash: string) => stored.get(hash)?.mime ?? null,
  urls: () => ({ made: [...made], revoked: [...revoked] }),
  /** The source the last player made playable still holds, once it is off the page (null: it let go). */
  heldSource: () => played?.getAttribute('src') ?? null,
  /** The player's state once it has loaded the video's data. */
  async playable(selector: string) {
    for (let i = 0; i < 100 && !document.querySelector(selector); i++) await pause(100);
    const video = document.querySelector<HTMLVideoElement>(selector);
    if (!video) throw new Error(`no ${selector} on the page`);
    if (video.readyState < 2) await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the video never loaded')), 10_000);
      video.addEventListener('loadeddata', () => (clearTimeout(timer), resolve()), { once: true });
      video.addEventListener('error', () => (clearTimeout(timer), reject(new Error(`the video could not be played: ${video.error?.message ?? ''}`))), { once: true });
    });
    played = video;
    return { src: video.src, width: video.videoWidth, height: video.videoHeight, readyState: video.readyState };
  },
};

(globalThis as unknown as { kycMedia: typeof api }).kycMedia = api;
document.body.dataset.ready = 'yes';

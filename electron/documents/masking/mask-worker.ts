/**
 * The masking thread's entry point (bundled as its own file: dist/electron/mask-worker.cjs for the
 * app, dist/preview/mask-worker.js for the preview). One job per message: decode, check the boxes,
 * burn them in, encode within the limit (mask-image.ts). The bytes arrive by transfer and leave
 * only as main's JPEG; nothing touches the disk.
 */
import { parentPort } from 'node:worker_threads';
import { AppFailure } from '../../../shared/errors';
import { maskImage } from './mask-image';
import { ownBuffer } from './own-buffer';
import type { MaskJob, MaskOutcome } from './mask-messages';

if (!parentPort) throw new Error('mask-worker runs only as a worker thread');
const port = parentPort;

port.on('message', (job: MaskJob) => {
  let outcome: MaskOutcome;
  let transfer: ArrayBuffer[] = [];
  try {
    const fitted = maskImage({ bytes: job.bytes, kind: job.kind, boxes: job.boxes, limitBytes: job.limitBytes });
    const jpeg = ownBuffer(fitted.jpeg);
    outcome = { id: job.id, ok: true, jpeg, width: fitted.width, height: fitted.height, quality: fitted.quality, encodes: fitted.encodes };
    transfer = [jpeg.buffer as ArrayBuffer];
  } catch (error) {
    // An AppFailure is a refusal meant for the operator; anything else is the codec's own error,
    // whose text may describe the image: only its kind is reported.
    outcome =
      error instanceof AppFailure
        ? { id: job.id, ok: false, code: error.code, message: error.message }
        : { id: job.id, ok: false, code: 'INTERNAL', message: '', unexpected: error instanceof Error ? error.name : typeof error };
  } finally {
    // The unmasked picture does not linger in this thread's memory until the next collection.
    job.bytes.fill(0);
  }
  port.postMessage(outcome, transfer);
});

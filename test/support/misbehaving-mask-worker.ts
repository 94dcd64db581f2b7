/**
 * A stand-in for the masking thread that misbehaves on purpose, chosen by the job's `limitBytes`:
 * 1 never answers, 2 throws (the thread dies with an error), 3 exits, 4 fills its heap until the
 * thread's memory limit ends it, anything else answers with a few bytes. For the masking thread's own tests of what main does when its worker goes wrong.
 */
import { parentPort } from 'node:worker_threads';
import type { MaskJob, MaskOutcome } from '../../electron/documents/masking/mask-messages';

parentPort!.on('message', (job: MaskJob) => {
  if (job.limitBytes === 1) return;
  if (job.limitBytes === 2) throw new Error('codec blew up');
  if (job.limitBytes === 3) process.exit(3);
  if (job.limitBytes === 4) {
    // Bounded by the thread's heap limit, which ends it long before this loop would.
    const hoard: number[][] = [];
    for (let i = 0; i < 1e9; i++) hoard.push(Array.from({ length: 1024 }, (_, j) => i + j));
  }
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
  const outcome: MaskOutcome = { id: job.id, ok: true, jpeg, width: 1, height: 1, quality: 90, encodes: 1 };
  parentPort!.postMessage(outcome, [jpeg.buffer]);
});

/**
 * Main's masking of an Aadhaar image: a 1600×1200 card photograph (JPEG, quality 92) with two
 * boxes (the digits, the QR corner) → decoded, boxes burnt in, re-encoded to ≤ 300 KB, as
 * documents.put does it on the masking thread (bytes transferred there and back). Goals: main's
 * event loop is never held more than 50 ms by a job; median ≤ 1.5 s. Peer, in the same run:
 * ImageMagick's `convert` doing the same job on the same file (decode, draw black rectangles,
 * encode with `-define jpeg:extent=300kb`, which searches the quality for the size), a process per
 * image as a tool shelling out to it would — so its figures include start-up. The same job on
 * main's own loop (how it ran before the thread) is measured too, for the thread's overhead.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { maskImage } from '../../electron/documents/masking/mask-image';
import { MaskingThread } from '../../electron/documents/masking/masking-thread';
import { DEFAULT_DOCUMENT_LIMITS, kilobytes } from '../../shared/documents/limits';
import type { MaskBox } from '../../shared/documents/masking';
import { cardPicture, digitsBox, jpegOf } from '../support/aadhaar-image';
import { findConvert } from './image-magick';
import { ms, summarise, timeMs } from './stats';

const ITERATIONS = 20;
const WARMUP = 3;
const WIDTH = 1600;
const HEIGHT = 1200;
const GOAL_STALL_MS = 50;
const ON_MAIN_RUNS = 5;
const ON_MAIN_WARMUP = 2;
const GOAL_MEDIAN_MS = 1_500;

/** Runs `work` while a 5 ms timer ticks; the longest wait between ticks is how long main was held. */
async function withStallWatch<T>(work: () => Promise<T>): Promise<{ value: T; stall: number }> {
  let last = performance.now();
  let stall = 0;
  const tick = () => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  };
  const ticker = setInterval(tick, 5);
  try {
    const value = await Promise.resolve().then(work);
    tick();
    return { value, stall };
  } finally {
    clearInterval(ticker);
  }
}

function timePeer(convert: string, input: string, boxes: readonly MaskBox[], limitBytes: number, dir: string): { samples: number[]; bytes: number } {
  const out = path.join(dir, 'peer.jpg');
  const draw = boxes.map((b) => `rectangle ${b.x},${b.y} ${b.x + b.width - 1},${b.y + b.height - 1}`).join(' ');
  const args = [input, '-fill', 'black', '-draw', draw, '-strip', '-define', `jpeg:extent=${Math.floor(limitBytes / 1024)}kb`, out];
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const took = timeMs(() => execFileSync(convert, args, { timeout: 60_000 }));
    if (i >= WARMUP) samples.push(took);
  }
  return { samples, bytes: fs.statSync(out).size };
}

export async function runAadhaarMaskBench(): Promise<void> {
  const limit = DEFAULT_DOCUMENT_LIMITS.documentBytes;
  const card = jpegOf(cardPicture(7, WIDTH, HEIGHT), 92);
  const boxes: MaskBox[] = [digitsBox(WIDTH, HEIGHT), { x: 1250, y: 800, width: 300, height: 300 }];
  console.log(`\n## Aadhaar masking: ${WIDTH}×${HEIGHT} card photograph (${kilobytes(card.length)} JPEG) → boxes burnt in → JPEG ≤ ${kilobytes(limit)} (masking thread) vs ImageMagick convert`);
  console.log(`${ITERATIONS} images each after ${WARMUP} not timed; ${os.cpus().length} CPUs`);

  const thread = new MaskingThread();
  const samples: number[] = [];
  const stalls: number[] = [];
  let last = { bytes: 0, width: 0, height: 0, quality: 0, encodes: 0 };
  try {
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      const bytes = new Uint8Array(card); // a fresh copy each time: the thread takes the one it is given
      const start = performance.now();
      const { value, stall } = await withStallWatch(() => thread.mask({ bytes, kind: 'jpeg', boxes, limitBytes: limit }));
      const took = performance.now() - start;
      last = { bytes: value.jpeg.length, width: value.width, height: value.height, quality: value.quality, encodes: value.encodes };
      if (i >= WARMUP) {
        samples.push(took);
        stalls.push(stall);
      }
    }
  } finally {
    await thread.close();
  }
  const onMainSamples: number[] = [];
  for (let i = 0; i < ON_MAIN_WARMUP + ON_MAIN_RUNS; i++) {
    const { stall } = await withStallWatch(async () => maskImage({ bytes: new Uint8Array(card), kind: 'jpeg', boxes, limitBytes: limit }));
    if (i >= ON_MAIN_WARMUP) onMainSamples.push(stall);
  }
  const onMain = summarise(onMainSamples);

  const app = summarise(samples);
  const stall = summarise(stalls);
  console.log('job | median | p95 | max | output');
  console.log(`app, masking thread | ${ms(app.median)} | ${ms(app.p95)} | ${ms(app.max)} | ${last.width}×${last.height}, ${kilobytes(last.bytes)} at quality ${last.quality}, ${last.encodes} encodes`);
  console.log(`  main's event loop held at most (per job) | ${ms(stall.median)} | ${ms(stall.p95)} | ${ms(stall.max)} |`);
  console.log(`same job on main's own loop (before the thread; loop held throughout) | ${ms(onMain.median)} | ${ms(onMain.p95)} | ${ms(onMain.max)} | ${ON_MAIN_RUNS} runs`);
  if (stall.max > GOAL_STALL_MS) console.log(`  GOAL MISSED: main held ${ms(stall.max)} > ${GOAL_STALL_MS} ms`);
  if (app.median > GOAL_MEDIAN_MS) console.log(`  GOAL MISSED: median ${ms(app.median)} > ${GOAL_MEDIAN_MS} ms`);

  const convert = findConvert();
  if (!convert) {
    console.log('  peer skipped, no ratio: ImageMagick (convert) is not installed here');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-mask-bench-'));
  try {
    const input = path.join(dir, 'card.jpg');
    fs.writeFileSync(input, card);
    const peer = timePeer(convert, input, boxes, limit, dir);
    const peerSummary = summarise(peer.samples);
    const startup = summarise(Array.from({ length: 15 }, () => timeMs(() => execFileSync(convert, ['-size', '1x1', 'xc:white', 'null:'], { timeout: 10_000 }))));
    console.log(`peer, ${convert} (a process per image) | ${ms(peerSummary.median)} | ${ms(peerSummary.p95)} | ${ms(peerSummary.max)} | ${WIDTH}×${HEIGHT}, ${kilobytes(peer.bytes)} (jpeg:extent)`);
    console.log(`  of which process start-up (convert on a 1×1 picture): median ${ms(startup.median)}`);
    console.log(`median ratio app/peer: ${(app.median / peerSummary.median).toFixed(2)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

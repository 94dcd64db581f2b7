/**
 * The customer's photograph: one 1280×720 camera frame (Chromium's fake device) → centre crop to
 * 35:45 → long edge 600 → JPEG under the photo limit, in Chromium, as PhotoCapture does it. Goal:
 * median ≤ 150 ms. Peer, in the same run: ImageMagick's `convert` doing the same job on the same
 * frame exported as PNG (`-gravity center -crop 35:45 +repage -resize 600x600> -quality 80`), a
 * process per photo as a capture tool shelling out to it would — so its figures include start-up.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_DOCUMENT_LIMITS, kilobytes } from '../../shared/documents/limits';
import { openImagesPage } from '../images/browser-harness';
import { findConvert } from './image-magick';
import { ms, summarise } from './stats';

const ITERATIONS = 40;
const WARMUP = 5;
const GOAL_MS = 150;

function timePeer(convert: string, framePng: string, dir: string): { samples: number[]; bytes: number; size: string } {
  const out = path.join(dir, 'peer.jpg');
  const args = [framePng, '-gravity', 'center', '-crop', '35:45', '+repage', '-resize', '600x600>', '-quality', '80', out];
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const start = process.hrtime.bigint();
    execFileSync(convert, args, { timeout: 30_000 });
    const took = Number(process.hrtime.bigint() - start) / 1e6;
    if (i >= WARMUP) samples.push(took);
  }
  const size = execFileSync(convert.endsWith('magick') ? convert : path.join(path.dirname(convert), 'identify'), [...(convert.endsWith('magick') ? ['identify'] : []), '-format', '%wx%h', out], {
    encoding: 'utf8',
    timeout: 10_000,
  }).trim();
  return { samples, bytes: fs.statSync(out).size, size };
}

export async function runPhotoCompressBench(): Promise<void> {
  const limit = DEFAULT_DOCUMENT_LIMITS.photoBytes;
  console.log(`\n## Passport photo: 1280×720 camera frame → 35:45 crop → long edge 600 → JPEG under ${kilobytes(limit)} (Chromium) vs ImageMagick convert`);
  console.log(`${ITERATIONS} photos each after ${WARMUP} not timed; Chromium: ${process.env.KYC_DESK_CHROMIUM ?? '/usr/bin/chromium'}, fake camera`);
  const images = await openImagesPage();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-photo-bench-'));
  try {
    const app = await images.page.evaluate(([n, w, l]) => (globalThis as any).kycImages.benchPhoto(n, w, l), [ITERATIONS, WARMUP, limit] as const);
    const noisy = await images.page.evaluate(([n, w, l]) => (globalThis as any).kycImages.benchNoisyPhoto(n, w, l), [ITERATIONS, WARMUP, limit] as const);
    const appSummary = summarise(app.samples);
    const noisySummary = summarise(noisy.samples);
    console.log('job | median | p95 | max | output');
    console.log(
      `app, camera frame ${app.frameWidth}×${app.frameHeight} | ${ms(appSummary.median)} | ${ms(appSummary.p95)} | ${ms(appSummary.max)} | ${app.last.width}×${app.last.height}, ${kilobytes(app.last.bytes)} at quality ${app.last.quality}`,
    );
    console.log(
      `app, grainy 1280×720 frame (full quality search) | ${ms(noisySummary.median)} | ${ms(noisySummary.p95)} | ${ms(noisySummary.max)} | ${kilobytes(noisy.last.bytes)} at quality ${noisy.last.quality}, ${noisy.last.encodes} encodes`,
    );
    if (appSummary.median > GOAL_MS) console.log(`  GOAL MISSED: median ${ms(appSummary.median)} > ${GOAL_MS} ms`);

    const convert = findConvert();
    if (!convert) {
      console.log('  peer skipped: ImageMagick (convert) is not installed here');
      return;
    }
    const framePng = path.join(dir, 'frame.png');
    fs.writeFileSync(framePng, Buffer.from(app.framePngBase64, 'base64'));
    const peer = timePeer(convert, framePng, dir);
    const peerSummary = summarise(peer.samples);
    const startup = summarise(
      Array.from({ length: 15 }, () => {
        const start = process.hrtime.bigint();
        execFileSync(convert, ['-size', '1x1', 'xc:white', 'null:'], { timeout: 10_000 });
        return Number(process.hrtime.bigint() - start) / 1e6;
      }),
    );
    console.log(`peer, ${convert} (a process per photo) | ${ms(peerSummary.median)} | ${ms(peerSummary.p95)} | ${ms(peerSummary.max)} | ${peer.size}, ${kilobytes(peer.bytes)} at quality 80`);
    console.log(`  of which process start-up (convert on a 1×1 picture): median ${ms(startup.median)}`);
    console.log(`median ratio app/peer: ${(appSummary.median / peerSummary.median).toFixed(2)}`);
  } finally {
    await images.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

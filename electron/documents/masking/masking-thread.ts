/**
 * Main's masking, off main's event loop. Decoding, burning and re-encoding a card photograph is
 * most of a second of pure-JavaScript CPU; run on main it would hold up every IPC call, the sync
 * engine's timers and its progress events. So one worker thread does it, one job at a time:
 *
 * - One thread, not a pool: the PCs this runs on may have two cores, and main, the renderer and
 *   the GPU process need one; an operator hands in one image at a time, so a second thread would
 *   only compete for the same cores.
 * - A bounded queue: a few jobs may wait behind the running one; more are refused at once rather
 *   than held in memory (each may be megabytes of an unmasked Aadhaar).
 * - A time limit per job: a job past it ends the thread (a fresh one takes the next job) and is
 *   refused; so is a job whose thread dies (an image that exhausts its memory, a codec crash).
 *   Main never goes down with it, and nothing is stored.
 * - The bytes are transferred to the thread, not copied (where they are a buffer of their own),
 *   and the thread zeroes them when done; nothing touches the disk. An idle thread ends after a
 *   while, giving its memory back.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { AppFailure } from '../../../shared/errors';
import type { FittedJpeg } from './fit-jpeg';
import type { MaskRequest } from './mask-image';
import type { MaskJob, MaskOutcome } from './mask-messages';
import { ownBuffer } from './own-buffer';

/** Whatever masks an image for the intake: the masking thread, or a stand-in in a test. */
export interface Masker {
  mask(request: MaskRequest): Promise<FittedJpeg>;
}

export interface MaskingThreadOptions {
  /**
   * A job running longer is stopped and refused. The largest image accepted (24 megapixels) took
   * 6–8 s on the development machine; 30 s leaves room for a slower branch PC.
   */
  timeLimitMs?: number;
  /** Jobs that may wait behind the running one; beyond that a job is refused at once. */
  maxWaiting?: number;
  /** The thread ends after this long without work. */
  idleMs?: number;
  /** The thread's entry file; by default mask-worker next to this module (source or bundle). */
  script?: URL;
}

export const DEFAULT_MASK_TIME_LIMIT_MS = 30_000;
const DEFAULT_MAX_WAITING = 3;
const DEFAULT_IDLE_MS = 30_000;
/** V8 heap for the thread; the pixels themselves are typed arrays outside it. */
const WORKER_HEAP_MB = 256;

interface Pending {
  request: MaskRequest;
  resolve: (fitted: FittedJpeg) => void;
  reject: (failure: AppFailure) => void;
}

interface Running extends Pending {
  id: number;
  worker: Worker;
  timer: NodeJS.Timeout;
}

const busy = () =>
  new AppFailure('CONFLICT', 'Other images are still being masked, so this one was not kept. Wait a few seconds and attach it again.');
const timedOut = (limitMs: number) =>
  new AppFailure(
    'VALIDATION_FAILED',
    `Masking this image took longer than ${Math.round(limitMs / 1000)} seconds and was stopped; nothing was kept. Photograph or scan the Aadhaar again at a lower resolution.`,
  );
const stopped = (outOfMemory: boolean) =>
  outOfMemory
    ? new AppFailure('VALIDATION_FAILED', 'This image needs more memory to mask than KYC Desk allows, so nothing was kept. Photograph or scan the Aadhaar again at a lower resolution.')
    : new AppFailure('INTERNAL', 'Masking stopped unexpectedly, so this image was not kept. Attach it again; if it happens again, photograph or scan the Aadhaar again and tell IT.');

/**
 * The entry file next to this module, in the form it is running in: the TypeScript source under
 * vitest and tsx, dist/electron/mask-worker.cjs in the app's bundle (main.cjs), and
 * dist/preview/mask-worker.js in the preview's (cli.js). vite.config.ts builds both.
 */
export function defaultWorkerScript(): URL {
  const here = import.meta.url;
  const extension = here.endsWith('.ts') ? '.ts' : here.endsWith('.cjs') ? '.cjs' : '.js';
  const name = `./mask-worker${extension}`;
  return new URL(name, here);
}

function startWorker(script: URL): Worker {
  const file = fileURLToPath(script);
  const options = { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
  if (!file.endsWith('.ts')) return new Worker(file, options);
  // Sources only (tests, benchmarks): the thread compiles TypeScript with tsx, found from the file.
  const bootstrap = `const load = require('node:module').createRequire(${JSON.stringify(file)});
load(load.resolve('tsx/cjs/api')).register();
load(${JSON.stringify(file)});`;
  return new Worker(bootstrap, { ...options, eval: true });
}

export class MaskingThread implements Masker {
  private readonly timeLimitMs: number;
  private readonly maxWaiting: number;
  private readonly idleMs: number;
  private readonly script: URL;
  private worker: Worker | null = null;
  private running: Running | null = null;
  private readonly waiting: Pending[] = [];
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 1;

  constructor(options: MaskingThreadOptions = {}) {
    this.timeLimitMs = options.timeLimitMs ?? DEFAULT_MASK_TIME_LIMIT_MS;
    this.maxWaiting = options.maxWaiting ?? DEFAULT_MAX_WAITING;
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.script = options.script ?? defaultWorkerScript();
  }

  mask(request: MaskRequest): Promise<FittedJpeg> {
    if (this.running && this.waiting.length >= this.maxWaiting) return Promise.reject(busy());
    return new Promise<FittedJpeg>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.next();
    });
  }

  /** Ends the thread; jobs running or waiting are refused. */
  async close(): Promise<void> {
    for (const pending of this.waiting.splice(0)) pending.reject(stopped(false));
    if (this.running) this.settle(this.running.worker, this.running.id, stopped(false));
    await this.endWorker();
  }

  private next(): void {
    if (this.running) return;
    const pending = this.waiting.shift();
    if (!pending) {
      this.idleTimer ??= setTimeout(() => void this.endWorker(), this.idleMs).unref();
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch {
      pending.reject(stopped(false));
      this.next();
      return;
    }
    const id = this.nextId++;
    const timer = setTimeout(() => this.settle(worker, id, timedOut(this.timeLimitMs), true), this.timeLimitMs);
    this.running = { ...pending, id, worker, timer };
    const { request } = pending;
    const bytes = ownBuffer(request.bytes);
    const job: MaskJob = {
      id,
      bytes,
      kind: request.kind,
      boxes: request.boxes.map(({ x, y, width, height }) => ({ x, y, width, height })),
      limitBytes: request.limitBytes,
    };
    try {
      worker.postMessage(job, [bytes.buffer as ArrayBuffer]);
    } catch {
      this.settle(worker, id, stopped(false), true);
    }
  }

  private start(): Worker {
    const worker = startWorker(this.script);
    // An idle thread never keeps the process alive; a running job's timer does.
    worker.unref();
    worker.on('message', (outcome: MaskOutcome) => {
      if (outcome.ok) {
        const jpeg = Buffer.from(outcome.jpeg.buffer, outcome.jpeg.byteOffset, outcome.jpeg.byteLength);
        this.settle(worker, outcome.id, { jpeg, width: outcome.width, height: outcome.height, quality: outcome.quality, encodes: outcome.encodes });
      } else {
        this.settle(worker, outcome.id, outcome.unexpected ? stopped(false) : new AppFailure(outcome.code, outcome.message));
      }
    });
    worker.on('error', (error: Error & { code?: string }) => this.died(worker, error.code === 'ERR_WORKER_OUT_OF_MEMORY'));
    worker.on('exit', () => this.died(worker, false));
    this.worker = worker;
    return worker;
  }

  /** The thread is gone: whatever it was doing is refused, and the next job gets a fresh thread. */
  private died(worker: Worker, outOfMemory: boolean): void {
    if (this.worker === worker) this.worker = null;
    if (this.running?.worker === worker) this.settle(worker, this.running.id, stopped(outOfMemory));
  }

  private settle(worker: Worker, id: number, result: FittedJpeg | AppFailure, endWorker = false): void {
    const running = this.running;
    if (!running || running.worker !== worker || running.id !== id) return;
    clearTimeout(running.timer);
    this.running = null;
    if (endWorker) void this.endWorker();
    if (result instanceof AppFailure) running.reject(result);
    else running.resolve(result);
    this.next();
  }

  private async endWorker(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}

let shared: MaskingThread | null = null;

/** The process's one masking thread, started at the first masked image. */
export function sharedMaskingThread(): MaskingThread {
  shared ??= new MaskingThread();
  return shared;
}

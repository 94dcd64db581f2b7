/**
 * Frame timing for the renderer benchmarks in Chromium (entry.tsx, registry-entry.tsx; a .tsx file, so only the browser tsconfig reads it with the DOM): a sample
 * starts at the start of a frame and ends when that frame has been painted on the main thread,
 * with the DOM checked to hold the change before the paint. entry.tsx explains why this way.
 */
export const FRAME_TIMEOUT_MS = 5_000;

export interface Sample {
  /** Start → the change is in the DOM (microtasks of the start frame done). */
  committed: number;
  /** Start → the frame holding the change has been painted (main thread). */
  painted: number;
}

/** Time `start` from the start of a frame to the end of that frame's paint; `check` must hold before the paint. */
export function timeFrame(start: () => unknown, check: () => string | null): Promise<Sample> {
  return new Promise<Sample>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no frame within ${FRAME_TIMEOUT_MS} ms`)), FRAME_TIMEOUT_MS);
    requestAnimationFrame(() => {
      const t0 = performance.now();
      let committed = Number.NaN;
      let problem: string | null = 'the change was not in the DOM before the frame was painted';
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const painted = performance.now() - t0;
        channel.port1.close();
        clearTimeout(timer);
        if (problem) reject(new Error(problem));
        else resolve({ committed, painted });
      };
      channel.port2.postMessage(null);
      Promise.resolve()
        .then(start)
        .then(() => {
          committed = performance.now() - t0;
          problem = check();
        })
        .catch((error: unknown) => (problem = String(error)));
    });
  });
}

/** Wait until a frame has been painted (rAF, then the next task). */
export function afterFrame(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no frame within ${FRAME_TIMEOUT_MS} ms`)), FRAME_TIMEOUT_MS);
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        clearTimeout(timer);
        resolve(performance.now());
      };
      channel.port2.postMessage(null);
    });
  });
}

/**
 * One sample. Warm-up samples tolerate a change painted a frame late (the store's subscription is
 * made in a passive effect, which may still be pending right after mounting) and wait for it;
 * timed ones must not.
 */
export async function sample(timed: boolean, start: () => unknown, check: () => string | null): Promise<Sample | null> {
  try {
    return await timeFrame(start, check);
  } catch (error) {
    if (timed) throw error;
    await until(`warm-up: ${String(error)}`, () => check() === null);
    return null;
  }
}

/** A few painted frames and an idle moment: passive effects and React's scheduled work done. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await afterFrame();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

export async function until(what: string, condition: () => boolean, ms = FRAME_TIMEOUT_MS): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${ms} ms: ${what}`);
    await afterFrame();
  }
}

/** rAF-to-rAF intervals: what one frame is in this Chromium. */
export async function frameIntervals(n: number): Promise<number[]> {
  const times: number[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('rAF stopped')), FRAME_TIMEOUT_MS + n * 100);
    const tick = (t: number) => {
      times.push(t);
      if (times.length > n) {
        clearTimeout(timer);
        resolve();
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return times.slice(1).map((t, i) => t - times[i]!);
}

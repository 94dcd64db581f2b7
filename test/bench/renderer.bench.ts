/**
 * Issue 4 goals in the renderer, in real Chromium (React's production build, the app's own CSS):
 *
 * 1. A queue page in the renderer ≤ 100 ms after the request: the real QueueView over the real
 *    zustand store, signed in as a checker (tick boxes, approve buttons); refreshRecords() asks a
 *    fake `api` that answers a page of 100 RecordSummary rows at once; two different pages
 *    alternate so React really replaces the rows. Peer: the same 100 rows written as a plain
 *    <table> with innerHTML — the floor of DOM cost.
 * 2. Keystroke feedback within one frame (16 ms): the real CaptureFlow (Personal step), typing into
 *    First name by native-setter + `input` events, a digit among the letters so the problem shows
 *    and goes. Peers: a plain uncontrolled <input> with a vanilla listener running the one-field
 *    rule, and one running validateKycRecord on the whole record as the app does (what is left
 *    of the ratio is React).
 *
 * Each sample starts at the start of a frame and ends when that frame has been painted on the main
 * thread; the DOM is checked to hold the change before the paint (browser/entry.tsx explains why,
 * and why not two rAFs). A request arriving mid-frame also waits for the next vsync, up to one frame
 * interval, printed below, for app and peer alike.
 */
import path from 'node:path';
import { openBundledPage, type BundledPage } from '../support/browser-page';
import { ms, summarise, type Summary } from './stats';

const ENTRY = path.resolve(import.meta.dirname, 'browser/entry.tsx');
/**
 * App and peer take turns, ROUNDS times, so a load that comes and goes on the machine falls on both;
 * each turn mounts afresh and starts with untimed warm-up samples.
 */
const ROUNDS = 4;
const QUEUE_RUNS = 40;
const QUEUE_WARMUP = 5;
const QUEUE_GOAL_MS = 100;
const KEY_RUNS = 60;
const KEY_WARMUP = 12;
const KEY_GOAL_MS = 16;
/** A whole phase in the page; far above what it takes, so a hang ends the run instead of blocking it. */
const PHASE_TIMEOUT_MS = 120_000;

interface Sample {
  committed: number;
  painted: number;
}

async function inPage<T>(bench: BundledPage, what: string, work: (page: BundledPage['page']) => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${PHASE_TIMEOUT_MS / 1000} s`)), PHASE_TIMEOUT_MS)));
  try {
    return await Promise.race([work(bench.page), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const split = (samples: readonly Sample[]) => ({ committed: summarise(samples.map((s) => s.committed)), painted: summarise(samples.map((s) => s.painted)) });
const row = (label: string, s: { committed: Summary; painted: Summary }) =>
  `${label} | ${ms(s.committed.median)} | ${ms(s.committed.p95)} | ${ms(s.painted.median)} | ${ms(s.painted.p95)} | ${ms(s.painted.max)}`;
const ratio = (a: number, b: number) => (a / b).toFixed(2);

export async function runRendererBench(): Promise<void> {
  console.log('\n## Renderer in Chromium: queue page (goal ≤ 100 ms) and keystroke feedback (goal ≤ 16 ms)');
  const bench = await openBundledPage({ entry: ENTRY, title: 'renderer bench', css: 'bundle', nodeEnv: 'production' });
  try {
    const userAgent = await inPage(bench, 'user agent', (page) => page.evaluate(() => (globalThis as any).kycBench.userAgent() as string));
    const frames = summarise(await inPage(bench, 'frame interval', (page) => page.evaluate(() => (globalThis as any).kycBench.frameIntervals(60) as Promise<number[]>)));
    console.log(`${/(Headless)?Chrom(e|ium)\/[\d.]+/.exec(userAgent)?.[0] ?? userAgent}, React production build; frame interval here: median ${ms(frames.median)}`);
    console.log('timed from the start of a frame: "in DOM" = React has committed (microtasks of that frame done); "painted" = that frame\'s style, layout and paint done');

    const queueApp: Sample[] = [];
    const queuePeerSamples: Sample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const args = [QUEUE_RUNS / ROUNDS, QUEUE_WARMUP] as const;
      queueApp.push(...(await inPage(bench, 'queue', (page) => page.evaluate(([n, w]) => (globalThis as any).kycBench.benchQueue(n, w) as Promise<Sample[]>, args))));
      queuePeerSamples.push(...(await inPage(bench, 'queue peer', (page) => page.evaluate(([n, w]) => (globalThis as any).kycBench.benchQueuePeer(n, w) as Promise<Sample[]>, args))));
    }
    const queue = split(queueApp);
    const queuePeer = split(queuePeerSamples);
    console.log(`\n### Queue: refreshRecords() → 100 rows painted (${QUEUE_RUNS} pages in ${ROUNDS} turns, each after ${QUEUE_WARMUP} not timed; two sets of rows alternating)`);
    console.log('job | in DOM median | in DOM p95 | painted median | painted p95 | painted max');
    console.log(row('app: QueueView + zustand store (checker)', queue));
    console.log(row('peer: same rows as one innerHTML <table>', queuePeer));
    console.log(`median ratio app/peer: in DOM ${ratio(queue.committed.median, queuePeer.committed.median)}, painted ${ratio(queue.painted.median, queuePeer.painted.median)}`);
    const dates = await inPage(bench, 'format cost', (page) => page.evaluate((n) => (globalThis as any).kycBench.formatCost(n) as { app: number[]; peer: number[] }, QUEUE_RUNS));
    console.log(
      `  of the app's page, the "Updated" column: formatTime ×100 median ${ms(summarise(dates.app).median)} (DD/MM/YYYY built by hand, no formatter); one shared Intl.DateTimeFormat, as the peer uses: ${ms(summarise(dates.peer).median)}`,
    );
    const queueWorst = queue.painted.p95 + frames.median;
    console.log(`p95 + one frame of waiting for the vsync: ${ms(queueWorst)}${queueWorst > QUEUE_GOAL_MS ? '  GOAL MISSED' : ` (goal ${QUEUE_GOAL_MS} ms met)`}`);

    const appKeys: Sample[] = [];
    const peerRecordKeys: Sample[] = [];
    const peerFieldKeys: Sample[] = [];
    let draftSaves = 0;
    let controls = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const args = [KEY_RUNS / ROUNDS, KEY_WARMUP] as const;
      const keys = await inPage(bench, 'keystrokes', (page) =>
        page.evaluate(([n, w]) => (globalThis as any).kycBench.benchKeystrokes(n, w) as Promise<{ samples: Sample[]; draftSaves: number; fields: number }>, args),
      );
      appKeys.push(...keys.samples);
      draftSaves += keys.draftSaves;
      controls = keys.fields;
      peerRecordKeys.push(...(await inPage(bench, 'keystroke peer', (page) => page.evaluate(([n, w]) => (globalThis as any).kycBench.benchKeystrokePeer('record', n, w) as Promise<Sample[]>, args))));
      peerFieldKeys.push(...(await inPage(bench, 'keystroke peer', (page) => page.evaluate(([n, w]) => (globalThis as any).kycBench.benchKeystrokePeer('field', n, w) as Promise<Sample[]>, args))));
    }
    const app = split(appKeys);
    const peerRecord = split(peerRecordKeys);
    const peerField = split(peerFieldKeys);
    console.log(`\n### Keystroke in First name → value, aria-invalid and problem text painted (${KEY_RUNS} keystrokes in ${ROUNDS} turns, each after ${KEY_WARMUP} not timed; 1 in 4 leaves a digit in the name)`);
    console.log('job | in DOM median | in DOM p95 | painted median | painted p95 | painted max');
    console.log(row(`app: CaptureFlow, Personal step (${controls} controls), validateKycRecord per change`, app));
    console.log(row('peer: plain <input>, vanilla listener, validateKycRecord of the whole record', peerRecord));
    console.log(row('peer: plain <input>, vanilla listener, one-field rule', peerField));
    console.log(
      `median ratio app/peer (whole record): in DOM ${ratio(app.committed.median, peerRecord.committed.median)}, painted ${ratio(app.painted.median, peerRecord.painted.median)}; app/peer (one field): painted ${ratio(app.painted.median, peerField.painted.median)}`,
    );
    console.log(`draft saves during the typing: ${draftSaves} (the draft is saved 300 ms after the last change)`);
    console.log(app.painted.p95 > KEY_GOAL_MS ? `  GOAL MISSED: p95 ${ms(app.painted.p95)} > ${KEY_GOAL_MS} ms` : `goal met: p95 ${ms(app.painted.p95)} ≤ ${KEY_GOAL_MS} ms, the keystroke shows in the frame it arrived in`);
    if (bench.problems.length > 0) console.log(`  page problems: ${bench.problems.join(' | ')}`);
  } finally {
    await bench.close();
  }
}

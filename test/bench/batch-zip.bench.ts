/**
 * The batch ZIP for 1,000 records, each with a photograph and two documents of ~100 KB (random
 * bytes behind JPEG / PDF magic, so nothing compresses) ≈ 300 MB. Goals: time ≤ 2 × Info-ZIP's
 * `zip -r0` on the same files, and the app's peak RSS ≤ 1.5 × the batch bytes + 100 MB.
 *
 * Same input for both: the images as files on disk, laid out as the ZIP holds them (documents/
 * and the two CSVs); the peer zips that folder, the app reads each image through `readDocument`
 * = fs.readFileSync of the same file (as DocumentStore.get reads its sealed file — minus the
 * decryption, which is not the ZIP's cost). Both read from the page cache, just written. The app
 * also fsyncs its file before the rename (atomic write), the peer does not: a row gives the peer
 * with an fsync added, for the like-for-like figure. Each build runs in its own process (the app's
 * peak RSS is that process's maxRSS, Node and tsx included); adm-zip building the same archive in
 * memory is measured once, as the reason the app has its own writer.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { batchDetailsCsv, imageFileName, individualsCsv, type BatchHeader, type BatchRecord } from '../../electron/connectors/ckyc-bulk/batch-csv';
import { storedSample } from '../support/kyc-records';
import type { BenchManifest } from './batch-zip.child';
import { ms, summarise, timeMs } from './stats';

const RECORDS = 1000;
const IMAGE_BYTES = 100 * 1024;
const RUNS = 3;
const ZIP = '/usr/bin/zip';
const UNZIP = '/usr/bin/unzip';
const CHILD = fileURLToPath(new URL('./batch-zip.child.ts', import.meta.url));

interface ChildResult {
  mode: string;
  buildMs: number;
  bytes: number;
  rssBefore: number;
  peakRss: number;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

function runChild(manifest: string, out: string, mode: 'app' | 'adm-zip'): ChildResult {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', CHILD, manifest, out, mode], { encoding: 'utf8', timeout: 300_000, maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult;
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Lay the batch out on disk: documents/ with 3 images a record, and the two CSVs beside it. */
function layOut(dir: string): { manifest: BenchManifest; imageBytes: number } {
  const batchDir = path.join(dir, 'batch');
  fs.mkdirSync(path.join(batchDir, 'documents'), { recursive: true });
  const files: Record<string, string> = {};
  const records: BatchRecord[] = [];
  let imageBytes = 0;
  for (let n = 1; n <= RECORDS; n++) {
    const reference = `KD${String(n).padStart(12, '0')}`;
    const kinds = [
      { code: '02', mime: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) },
      { code: '04', mime: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) },
      { code: '05', mime: 'application/pdf', magic: Buffer.from('%PDF-1.7\n') },
    ];
    const images = kinds.map((kind, index) => {
      const bytes = Buffer.concat([kind.magic, randomBytes(IMAGE_BYTES - kind.magic.length)]);
      // Any distinct 64-hex reference will do here (the document store's are HMACs).
      const documentHash = `${String(n).padStart(8, '0')}${String(index).padStart(56, '0')}`;
      const image = { code: kind.code, documentHash, mime: kind.mime, bytes: bytes.length, masked: kind.code === '04' };
      const file = path.join(batchDir, 'documents', imageFileName(reference, image, index));
      fs.writeFileSync(file, bytes);
      files[documentHash] = file;
      imageBytes += bytes.length;
      return image;
    });
    records.push({ reference, record: { ...storedSample(n), images } });
  }
  const header: BatchHeader = {
    batchFileName: 'KYCDESK_BENCH_0001',
    kind: 'upload',
    verifier: { name: 'TRAINING CHECKER', designation: 'MANAGER', branch: 'MG ROAD', employeeCode: 'E1', organisation: 'DEMO BANK' },
    createdAt: new Date(),
  };
  fs.writeFileSync(path.join(batchDir, 'batch-details.csv'), batchDetailsCsv(header, records.length));
  fs.writeFileSync(path.join(batchDir, 'individuals.csv'), individualsCsv(records));
  return { manifest: { header: { ...header, createdAt: header.createdAt.toISOString() }, records, files }, imageBytes };
}

export async function runBatchZipBench(): Promise<void> {
  console.log(`\n## Batch ZIP: ${RECORDS} records × (photo + 2 documents) of ${IMAGE_BYTES / 1024} KB — app (streaming writer) vs Info-ZIP zip -r0`);
  if (!fs.existsSync(ZIP)) {
    console.log(`  peer skipped: ${ZIP} is missing (Debian package "zip")`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-desk-zip-bench-'));
  try {
    const { manifest, imageBytes } = layOut(dir);
    const manifestFile = path.join(dir, 'manifest.json');
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    console.log(`batch: ${RECORDS * 3} images, ${mb(imageBytes)}; input = the same files on disk for both (app: readDocument = fs.readFileSync)`);

    const app: ChildResult[] = [];
    const peer: number[] = [];
    const peerFsync: number[] = [];
    let peerBytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const appOut = path.join(dir, `app-${run}.zip`);
      app.push(runChild(manifestFile, appOut, 'app'));
      fs.rmSync(appOut);
      const peerOut = path.join(dir, `peer-${run}.zip`);
      peer.push(timeMs(() => execFileSync(ZIP, ['-q', '-r', '-0', peerOut, '.'], { cwd: path.join(dir, 'batch'), timeout: 300_000 })));
      peerFsync.push(peer.at(-1)! + timeMs(() => fsyncFile(peerOut)));
      peerBytes = fs.statSync(peerOut).size;
      fs.rmSync(peerOut);
    }
    // The last app ZIP, kept once for Info-ZIP to test.
    const checked = path.join(dir, 'checked.zip');
    const last = runChild(manifestFile, checked, 'app');
    const tested = fs.existsSync(UNZIP) ? (execFileSync(UNZIP, ['-tq', checked], { encoding: 'utf8' }).includes('No errors detected') ? 'unzip -t: no errors' : 'unzip -t: ERRORS') : 'unzip missing';
    fs.rmSync(checked);
    const adm = runChild(manifestFile, path.join(dir, 'adm.zip'), 'adm-zip');
    fs.rmSync(path.join(dir, 'adm.zip'), { force: true });

    const appMs = summarise(app.map((r) => r.buildMs)).median;
    const peerMs = summarise(peer).median;
    const peerFsyncMs = summarise(peerFsync).median;
    const appPeak = Math.max(...app.map((r) => r.peakRss), last.peakRss);
    const rssGoal = 1.5 * imageBytes + 100 * MB;
    console.log('job | median build | ZIP bytes | peak RSS');
    console.log(`app, streaming writer (fsync + rename included) | ${ms(appMs)} | ${mb(last.bytes)} | ${mb(appPeak)} (at start ${mb(last.rssBefore)}) — ${tested}`);
    console.log(`peer, ${ZIP} -r0 | ${ms(peerMs)} | ${mb(peerBytes)} | —`);
    console.log(`peer, ${ZIP} -r0 then fsync | ${ms(peerFsyncMs)} | | —`);
    console.log(`adm-zip in memory (not used), one run | ${ms(adm.buildMs)} | ${mb(adm.bytes)} | ${mb(adm.peakRss)} (${(adm.peakRss / imageBytes).toFixed(2)} × the batch)`);
    console.log(`time ratio app/peer: ${(appMs / peerMs).toFixed(2)} (goal ≤ 2); against peer + fsync: ${(appMs / peerFsyncMs).toFixed(2)}`);
    console.log(`peak RSS: ${mb(appPeak)} = ${(appPeak / imageBytes).toFixed(2)} × the batch; goal ≤ 1.5 × ${mb(imageBytes)} + 100 MB = ${mb(rssGoal)}`);
    if (appMs / peerMs > 2) console.log(`  GOAL MISSED: time ratio ${(appMs / peerMs).toFixed(2)} > 2`);
    if (appPeak > rssGoal) console.log(`  GOAL MISSED: peak RSS ${mb(appPeak)} > ${mb(rssGoal)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await runBatchZipBench();

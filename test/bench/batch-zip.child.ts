/**
 * One ZIP build in its own process, so its peak RSS is its own (batch-zip.bench.ts runs it):
 * `node --import tsx batch-zip.child.ts <manifest.json> <out.zip> app|adm-zip`. Prints one JSON
 * line: build time, ZIP bytes, RSS before the build and the process's peak RSS.
 */
import fs from 'node:fs';
import AdmZip from 'adm-zip';
import { batchDetailsCsv, individualsCsv, type BatchHeader, type BatchRecord } from '../../electron/connectors/ckyc-bulk/batch-csv';
import { buildBatchZip } from '../../electron/connectors/ckyc-bulk/batch-zip';

export interface BenchManifest {
  header: Omit<BatchHeader, 'createdAt'> & { createdAt: string };
  records: BatchRecord[];
  /** documentHash → the file holding its bytes. */
  files: Record<string, string>;
}

const [manifestFile, out, mode] = process.argv.slice(2) as [string, string, 'app' | 'adm-zip'];
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BenchManifest;
const header: BatchHeader = { ...manifest.header, createdAt: new Date(manifest.header.createdAt) };
const readDocument = (hash: string) => fs.readFileSync(manifest.files[hash]!);

const rssBefore = process.memoryUsage().rss;
const start = process.hrtime.bigint();
let bytes: number;
if (mode === 'app') {
  bytes = buildBatchZip({ header, records: manifest.records, readDocument, file: out }).bytes;
} else {
  // adm-zip as the design notes describe it: the archive assembled in memory, then written.
  const zip = new AdmZip();
  zip.addFile('batch-details.csv', Buffer.from(batchDetailsCsv(header, manifest.records.length)));
  zip.addFile('individuals.csv', Buffer.from(individualsCsv(manifest.records)));
  for (const hash of Object.keys(manifest.files)) {
    const name = manifest.files[hash]!.split('/documents/')[1]!;
    zip.addFile(`documents/${name}`, readDocument(hash));
    zip.getEntry(`documents/${name}`)!.header.method = 0;
  }
  zip.writeZip(out);
  bytes = fs.statSync(out).size;
}
const buildMs = Number(process.hrtime.bigint() - start) / 1e6;
console.log(JSON.stringify({ mode, buildMs, bytes, rssBefore, peakRss: process.resourceUsage().maxRSS * 1024 }));

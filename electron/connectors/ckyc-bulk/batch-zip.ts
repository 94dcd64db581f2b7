import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { MIME_OF, sniffDocumentKind } from '../../documents/file-kind';
import { writeFileAtomicWith } from '../../store/atomic-file';
import { batchDetailsCsv, imageFileName, individualsCsv, type BatchHeader, type BatchRecord } from './batch-csv';
import { METHOD_DEFLATED, METHOD_STORED, ZIP_END_BYTES, ZipWriter, zipEntryOverhead } from './zip-writer';

/**
 * Seed 000's batch ZIP, for `upload/upload-file` / `update/upload-file` and the SFTP drop:
 *
 *   batch-details.csv   one row: the batch, its verifier, the institution's codes (deflated)
 *   individuals.csv     one row per individual (deflated)
 *   documents/          every image, `<reference>_<code>_<n>.<ext>` (JPEG and PDF stored, method 0)
 *
 * Written by the streaming ZipWriter (why not adm-zip: see zip-writer.ts) straight into a temp
 * file beside `file`, fsynced and renamed over it (writeFileAtomicWith), so a crash leaves the old
 * file or the new one, never half a ZIP under the final name. Or, given `output` instead of
 * `file`, through that (the sealed outbox, electron/sync/outbox.ts), under the same contract. Peak memory: one image at a time (as
 * `readDocument` hands it over — DocumentStore.get decrypts into memory only) plus the two CSVs.
 * The build is synchronous, like DocumentStore.get: ≈ 1 s per 300 MB on this machine.
 */

export const BATCH_ZIP_ENTRIES = { details: 'batch-details.csv', individuals: 'individuals.csv', documents: 'documents/' } as const;

export interface BatchCaps {
  /** Records per batch (KYC_DESK_BATCH_MAX_RECORDS, RuntimeConfig.maxBatchRecords). */
  maxRecords: number;
  /** Bytes of the whole ZIP. */
  maxBytes: number;
}

/**
 * 500 records (README's KYC_DESK_BATCH_MAX_RECORDS) of up to 500 KB each would be 250 MB: the byte
 * cap keeps a batch of big records in the same bound. Well under a vendor's daily volume (1 GB)
 * and ZIP's 4 GiB without ZIP64.
 */
export const DEFAULT_BATCH_CAPS: BatchCaps = { maxRecords: 500, maxBytes: 256 * 1024 * 1024 };

/** Room kept in every batch for batch-details.csv, the entries of the CSVs and the folder, the end. */
export const BATCH_FIXED_BYTES = 8 * 1024 + 3 * zipEntryOverhead(32) + ZIP_END_BYTES;
/** A record's row may gain empty cells for a neighbour's extra identity / related-person groups. */
const ROW_PADDING_BYTES = 512;

/**
 * An upper bound of what `item` adds to a batch's ZIP: its images with their entries' headers and
 * its individuals.csv row (counted uncompressed, with the header, so the deflated one fits).
 */
export function recordZipBytes(item: BatchRecord): number {
  let bytes = Buffer.byteLength(individualsCsv([item])) + ROW_PADDING_BYTES;
  item.record.images.forEach((image, index) => {
    bytes += image.bytes + zipEntryOverhead(BATCH_ZIP_ENTRIES.documents.length + imageFileName(item.reference, image, index).length);
  });
  return bytes;
}

export interface OversizeRecord<T> {
  item: T;
  bytes: number;
  message: string;
}

export interface BatchSplit<T> {
  batches: T[][];
  /** Records that cannot go in any batch: reported, never dropped silently. */
  oversize: OversizeRecord<T>[];
}

/**
 * Cut `items` (in their order) into batches within both caps; a record goes whole, with all its
 * images, into one batch. A record alone over the byte cap lands in `oversize` with a message.
 */
export function splitIntoBatches<T extends BatchRecord>(items: readonly T[], caps: BatchCaps = DEFAULT_BATCH_CAPS): BatchSplit<T> {
  if (!Number.isInteger(caps.maxRecords) || caps.maxRecords < 1) throw new Error(`The batch record cap must be a whole number of at least 1, not ${caps.maxRecords}.`);
  if (!(caps.maxBytes > BATCH_FIXED_BYTES)) throw new Error(`The batch byte cap must be more than ${BATCH_FIXED_BYTES} bytes, not ${caps.maxBytes}.`);
  const room = caps.maxBytes - BATCH_FIXED_BYTES;
  const batches: T[][] = [];
  const oversize: OversizeRecord<T>[] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const bytes = recordZipBytes(item);
    if (bytes > room) {
      oversize.push({
        item,
        bytes,
        message: `Record ${item.reference} needs ${mb(bytes)} in a batch, more than the batch limit of ${mb(caps.maxBytes)} allows; it was not put in a batch.`,
      });
      continue;
    }
    if (current.length === caps.maxRecords || used + bytes > room) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += bytes;
  }
  if (current.length > 0) batches.push(current);
  return { batches, oversize };
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(2)} MB`;

/**
 * Somewhere other than a plain file for the ZIP's bytes, with writeFileAtomicWith's contract:
 * run `produce`, append every chunk it writes, keep nothing if it throws, return its result. The
 * sealed outbox is one: `(produce) => outbox.write(name, produce).result`.
 */
export type BatchZipOutput = <T>(produce: (write: (chunk: Uint8Array) => void) => T) => T;

interface BuildBatchZipCommon {
  header: BatchHeader;
  records: readonly BatchRecord[];
  /** The image's plain bytes by its document hash (DocumentStore.get in the app). */
  readDocument: (documentHash: string) => Uint8Array;
  /** Refuse to finish a ZIP larger than this (the batch byte cap). */
  maxBytes?: number;
}

/** The ZIP written to a plain file. */
export interface BuildBatchZipToFile extends BuildBatchZipCommon {
  /** Where the ZIP goes; replaced atomically. */
  file: string;
  output?: undefined;
}

/** The ZIP written through `output` (the sealed outbox): no plain file anywhere. */
export interface BuildBatchZipThrough extends BuildBatchZipCommon {
  file?: undefined;
  output: BatchZipOutput;
}

export type BuildBatchZipInput = BuildBatchZipToFile | BuildBatchZipThrough;

export interface BatchZipDocument {
  reference: string;
  code: string;
  documentHash: string;
  /** Entry name inside the ZIP: `documents/<file name>`. */
  entry: string;
  bytes: number;
}

export interface BuiltBatchZip<Path extends string | null = string> {
  /** The file written, or null when the ZIP went through `output`. */
  path: Path;
  bytes: number;
  /** Lower-case hex SHA-256 of the whole file, for the SFTP size-and-hash check. */
  sha256: string;
  documents: BatchZipDocument[];
}

const BATCH_FILE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const APPLICATION_TYPE_OF_KIND = { upload: '01', update: '03' } as const;

/** Refuse what must never be in one batch, before a byte is written. */
function checkBatch(input: BuildBatchZipInput): void {
  const { header, records } = input;
  if (!BATCH_FILE_NAME.test(header.batchFileName)) throw new Error(`The batch file name "${header.batchFileName}" is not 1 to 64 letters, digits, '_', '.' or '-'.`);
  if (records.length === 0) throw new Error('A batch needs at least one record.');
  const seen = new Set<string>();
  const wanted = APPLICATION_TYPE_OF_KIND[header.kind];
  for (const { reference, record } of records) {
    if (seen.has(reference)) throw new Error(`Record ${reference} is in this batch twice.`);
    seen.add(reference);
    if (record.applicationType !== wanted) {
      throw new Error(`Record ${reference} is application type ${record.applicationType}, but this is an ${header.kind} batch (${wanted}): new records and updates never share a batch.`);
    }
  }
}

/** JPEG and PDF are compressed already: stored, as the design notes measured (3× faster, no loss). */
function methodFor(mime: string): typeof METHOD_STORED | undefined {
  const kind = canonicalMime(mime);
  return kind === MIME_OF.jpeg || kind === MIME_OF.pdf ? METHOD_STORED : undefined;
}

function canonicalMime(mime: string): string {
  const kind = mime.trim().toLowerCase();
  return kind === 'image/jpg' ? MIME_OF.jpeg : kind;
}

export function buildBatchZip(input: BuildBatchZipToFile): BuiltBatchZip;
export function buildBatchZip(input: BuildBatchZipThrough): BuiltBatchZip<null>;
export function buildBatchZip(input: BuildBatchZipInput): BuiltBatchZip<string | null>;
export function buildBatchZip(input: BuildBatchZipInput): BuiltBatchZip<string | null> {
  checkBatch(input);
  const { header, records, readDocument } = input;
  const file = input.output ? null : input.file;
  if (file === null && input.file !== undefined) throw new Error('buildBatchZip takes a file or an output, not both.');
  const output: BatchZipOutput = input.output ?? ((produce) => writeFileAtomicWith(input.file, produce));
  // Names first: a bad reference or an unsupported image type fails before anything is read.
  const documents: BatchZipDocument[] = records.flatMap(({ reference, record }) =>
    record.images.map((image, index) => ({
      reference,
      code: image.code,
      documentHash: image.documentHash,
      entry: `${BATCH_ZIP_ENTRIES.documents}${imageFileName(reference, image, index)}`,
      bytes: image.bytes,
    })),
  );
  const details = Buffer.from(batchDetailsCsv(header, records.length), 'utf8');
  const individuals = Buffer.from(individualsCsv(records), 'utf8');
  const images = records.flatMap(({ record }) => record.images);
  const hash = createHash('sha256');
  const summary = output((write) => {
    const zip = new ZipWriter((chunk) => {
      hash.update(chunk);
      write(chunk);
    }, header.createdAt);
    zip.addFile(BATCH_ZIP_ENTRIES.details, details, { method: METHOD_DEFLATED });
    zip.addFile(BATCH_ZIP_ENTRIES.individuals, individuals, { method: METHOD_DEFLATED });
    zip.addDirectory(BATCH_ZIP_ENTRIES.documents);
    documents.forEach((document, i) => {
      const image = images[i]!;
      const data = readDocument(document.documentHash);
      if (data.length !== image.bytes) {
        throw new Error(`The image ${document.entry} of record ${document.reference} is ${data.length} bytes, but the record says ${image.bytes}: it was changed after the record was saved.`);
      }
      const kind = sniffDocumentKind(data);
      if (kind === null || MIME_OF[kind] !== canonicalMime(image.mime)) {
        throw new Error(`The image ${document.entry} of record ${document.reference} is not the ${image.mime} the record says it is.`);
      }
      const method = methodFor(image.mime);
      zip.addFile(document.entry, data, method === undefined ? {} : { method });
    });
    const done = zip.finish();
    if (input.maxBytes !== undefined && done.bytes > input.maxBytes) {
      throw new Error(`The batch ZIP came to ${mb(done.bytes)}, over the batch limit of ${mb(input.maxBytes)}.`);
    }
    return done;
  });
  return { path: file, bytes: summary.bytes, sha256: hash.digest('hex'), documents };
}

/** The size and SHA-256 of a ZIP on disk, read in chunks (to verify a copy, or a remote size). */
export function fileDigest(file: string): { bytes: number; sha256: string } {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(1024 * 1024);
  let bytes = 0;
  try {
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      hash.update(chunk.subarray(0, read));
      bytes += read;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { bytes, sha256: hash.digest('hex') };
}

import AdmZip from 'adm-zip';
import { BATCH_ZIP_ENTRIES } from './batch-zip';
import { isImageFileNameFor } from './batch-csv';

/**
 * Reading a ZIP someone else made — a response file from the registry's side, or, in the sandbox,
 * the batch ZIP a client uploaded — without trusting it. adm-zip (the stack's library) parses the
 * central directory; every name and size is judged from those headers before a single entry is
 * decompressed, and nothing is ever extracted to disk: `read` hands an entry's bytes over in
 * memory, decompressed no further than its declared size (adm-zip caps inflate there, and checks
 * the CRC).
 *
 * Refused, each with its own message (ZipRefused.reason tells them apart): not a ZIP; more
 * entries than the cap (counted from the end record, before adm-zip builds an object per entry);
 * a name with a `..` segment, an absolute path, a backslash, a drive letter, a NUL or another
 * control character, an empty segment; two entries with one name (exactly, by adm-zip, or
 * differing only in case or a trailing '/', which the same folder on Windows or macOS would
 * merge); a local header whose name differs from the central directory's; an encrypted entry or
 * an unknown method; a total declared size over the cap; an entry that declares more than the
 * bomb ratio times its compressed size.
 */

export interface ZipReadLimits {
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed above this, for an entry over `ratioFloorBytes`, looks like a bomb. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_READ_LIMITS: ZipReadLimits = {
  // 500 records × 20 images (the record schema's most) and the two CSVs, with room to spare.
  maxEntries: 20_000,
  maxTotalBytes: 1024 * 1024 * 1024,
  // Text deflates 5–20×; a run of zeros ≈ 1000×. CSV of a batch stays far below 100.
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

export type ZipRefusal =
  | 'not_zip'
  | 'too_many_entries'
  | 'parent_segment'
  | 'absolute_path'
  | 'backslash'
  | 'drive_letter'
  | 'nul'
  | 'control_character'
  | 'empty_segment'
  | 'duplicate'
  | 'header_mismatch'
  | 'encrypted'
  | 'unsupported_method'
  | 'too_large'
  | 'bomb'
  | 'unreadable_entry';

export class ZipRefused extends Error {
  readonly code = 'ZIP_REFUSED';
  constructor(
    readonly reason: ZipRefusal,
    message: string,
    readonly entry?: string,
  ) {
    super(message);
    this.name = 'ZipRefused';
  }
}

export interface ZipEntryInfo {
  name: string;
  directory: boolean;
  /** 0 stored, 8 deflated. */
  method: number;
  size: number;
  compressedSize: number;
  crc: number;
}

export interface ZipListing {
  entries: ZipEntryInfo[];
  totalBytes: number;
  has(name: string): boolean;
  /** The entry's bytes, in memory. Throws ZipRefused if they do not match their header. */
  read(name: string): Buffer;
}

const END_SIGNATURE = 0x06054b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** The entry count from the end record, or null when there is none. */
function declaredEntryCount(bytes: Buffer): number | null {
  const last = bytes.length - 22;
  for (let i = last; i >= 0 && i >= last - 0xffff; i--) {
    if (bytes[i] === 0x50 && bytes.readUInt32LE(i) === END_SIGNATURE) return bytes.readUInt16LE(i + 10);
  }
  return null;
}

/** Quoted for a message, control characters shown as \xNN so the message itself stays plain. */
function shown(name: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${name.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}

/** Why `name` may not be in an archive we accept, or null. */
export function unsafeEntryName(name: string): { reason: ZipRefusal; message: string } | null {
  const q = shown(name);
  if (name.includes('\0')) return { reason: 'nul', message: `The ZIP entry ${q} has a NUL character in its name.` };
  // eslint-disable-next-line no-control-regex
  if (/[\x01-\x1f\x7f]/.test(name)) return { reason: 'control_character', message: `The ZIP entry ${q} has a control character in its name.` };
  if (name.includes('\\')) return { reason: 'backslash', message: `The ZIP entry ${q} has a backslash in its name; ZIP paths use '/', and on Windows a backslash would be a folder.` };
  if (/^[A-Za-z]:/.test(name)) return { reason: 'drive_letter', message: `The ZIP entry ${q} starts with a drive letter.` };
  if (name.startsWith('/')) return { reason: 'absolute_path', message: `The ZIP entry ${q} is an absolute path.` };
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.includes('..')) return { reason: 'parent_segment', message: `The ZIP entry ${q} climbs out of the archive with '..'.` };
  if (segments.some((s) => s === '' || s === '.')) return { reason: 'empty_segment', message: `The ZIP entry ${q} has an empty or '.' part in its path.` };
  return null;
}

// eslint-disable-next-line max-lines-per-function -- a hostile ZIP's guards in the order they must run (end record, count, names, headers, sizes), one or two lines each
export function readBatchZip(bytes: Buffer, limits: ZipReadLimits = DEFAULT_ZIP_READ_LIMITS): ZipListing {
  const declared = declaredEntryCount(bytes);
  if (declared === null) throw new ZipRefused('not_zip', 'This is not a ZIP file (it has no end record).');
  if (declared !== 0xffff && declared > limits.maxEntries) {
    throw new ZipRefused('too_many_entries', `The ZIP has ${declared} entries, more than the ${limits.maxEntries} accepted.`);
  }
  let zip: AdmZip;
  let raw: AdmZip.IZipEntry[];
  try {
    zip = new AdmZip(bytes, { noSort: true });
    raw = zip.getEntries();
  } catch (error) {
    const message = (error as Error).message;
    const duplicate = /Duplicate entry name "(.*)"$/s.exec(message);
    if (duplicate) throw new ZipRefused('duplicate', `The ZIP has two entries named ${shown(duplicate[1]!)}.`, duplicate[1]);
    throw new ZipRefused('not_zip', `This ZIP cannot be read: ${message.replace(/^ADM-ZIP: /, '')}.`);
  }
  if (raw.length > limits.maxEntries) throw new ZipRefused('too_many_entries', `The ZIP has ${raw.length} entries, more than the ${limits.maxEntries} accepted.`);

  const entries: ZipEntryInfo[] = [];
  const byName = new Map<string, AdmZip.IZipEntry>();
  const folded = new Map<string, string>();
  let totalBytes = 0;
  for (const entry of raw) {
    const name = entry.entryName;
    const unsafe = unsafeEntryName(name);
    if (unsafe) throw new ZipRefused(unsafe.reason, unsafe.message, name);
    const key = name.replace(/\/$/, '').toLowerCase();
    const clash = folded.get(key);
    if (clash !== undefined) throw new ZipRefused('duplicate', `The ZIP has two entries named ${shown(clash)} and ${shown(name)}, which are one name on Windows and macOS.`, name);
    folded.set(key, name);

    const header = entry.header;
    const offset = header.offset;
    if (offset + 30 > bytes.length || bytes.readUInt32LE(offset) !== LOCAL_SIGNATURE) {
      throw new ZipRefused('header_mismatch', `The ZIP entry ${shown(name)} points to no local header.`, name);
    }
    const localName = bytes.subarray(offset + 30, offset + 30 + bytes.readUInt16LE(offset + 26));
    if (!localName.equals(entry.rawEntryName)) {
      throw new ZipRefused('header_mismatch', `The ZIP entry ${shown(name)} has another name in its local header (${shown(localName.toString('utf8'))}).`, name);
    }
    if (header.encrypted) throw new ZipRefused('encrypted', `The ZIP entry ${shown(name)} is encrypted.`, name);
    if (header.method !== 0 && header.method !== 8) throw new ZipRefused('unsupported_method', `The ZIP entry ${shown(name)} uses compression method ${header.method}; only stored (0) and deflated (8) are accepted.`, name);

    const size = header.size;
    const compressedSize = header.compressedSize;
    if (header.method === 0 && size !== compressedSize) {
      throw new ZipRefused('header_mismatch', `The stored ZIP entry ${shown(name)} declares ${size} bytes but holds ${compressedSize}.`, name);
    }
    if (size > limits.ratioFloorBytes && size > limits.maxRatio * Math.max(compressedSize, 1)) {
      throw new ZipRefused(
        'bomb',
        `The ZIP entry ${shown(name)} would inflate ${compressedSize} bytes to ${size} (${Math.round(size / Math.max(compressedSize, 1))}×, more than ${limits.maxRatio}×): it looks like a zip bomb.`,
        name,
      );
    }
    totalBytes += size;
    if (totalBytes > limits.maxTotalBytes) {
      throw new ZipRefused('too_large', `The ZIP's entries come to more than ${limits.maxTotalBytes} bytes uncompressed, the most accepted.`, name);
    }
    byName.set(name, entry);
    entries.push({ name, directory: entry.isDirectory, method: header.method, size, compressedSize, crc: header.crc });
  }

  return {
    entries,
    totalBytes,
    has: (name) => byName.has(name),
    read(name: string): Buffer {
      const entry = byName.get(name);
      if (!entry) throw new Error(`The ZIP has no entry ${shown(name)}.`);
      let data: Buffer;
      try {
        data = entry.getData();
      } catch (error) {
        throw new ZipRefused('unreadable_entry', `The ZIP entry ${shown(name)} cannot be read: ${(error as Error).message.replace(/^ADM-ZIP: /, '')}.`, name);
      }
      if (data.length !== entry.header.size) {
        throw new ZipRefused('unreadable_entry', `The ZIP entry ${shown(name)} holds ${data.length} bytes, not the ${entry.header.size} its header declares.`, name);
      }
      return data;
    },
  };
}

/**
 * What is wrong with `listing` as seed 000's batch ZIP: both CSVs present, nothing but them and
 * `documents/<reference>_….<ext>` files, no folders inside documents/. `references` (from
 * individuals.csv) also checks that every image belongs to a listed individual. Empty = fine.
 */
export function batchLayoutProblems(listing: Pick<ZipListing, 'entries'>, references?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const names = new Set(listing.entries.map((e) => e.name));
  for (const wanted of [BATCH_ZIP_ENTRIES.details, BATCH_ZIP_ENTRIES.individuals]) {
    if (!names.has(wanted)) problems.push(`The batch ZIP has no ${wanted}.`);
  }
  for (const entry of listing.entries) {
    if (entry.name === BATCH_ZIP_ENTRIES.details || entry.name === BATCH_ZIP_ENTRIES.individuals || entry.name === BATCH_ZIP_ENTRIES.documents) continue;
    if (!entry.name.startsWith(BATCH_ZIP_ENTRIES.documents) || entry.directory) {
      problems.push(`The batch ZIP has an unexpected entry ${shown(entry.name)}; only the two CSVs and documents/ belong in it.`);
      continue;
    }
    const file = entry.name.slice(BATCH_ZIP_ENTRIES.documents.length);
    const reference = /^([A-Za-z0-9]{1,14})_/.exec(file)?.[1];
    if (file.includes('/') || reference === undefined || !isImageFileNameFor(file, reference)) {
      problems.push(`The image file name ${shown(file)} is not <reference>_<any>.<jpg|pdf|tif> of at most 50 characters.`);
    } else if (references !== undefined && !references.has(reference)) {
      problems.push(`The image ${shown(file)} belongs to ${reference}, who is not in individuals.csv.`);
    }
  }
  return problems;
}

import fs from 'node:fs';
import { writeFileAtomic } from './atomic-file';
import { NONCE_BYTES, open, seal, TAG_BYTES } from './sealed';
import { decodeHeader, encodeHeader, headerSize, placeAad, type HeaderLayout } from './sealed-header';

/**
 * The change journal: one sealed entry per durable save, appended and fdatasynced before the save
 * is acknowledged, so a save costs the same whatever the size of the store.
 *
 *   header: magic "KYCDJRNL" (8) | format (1) | reserved (3) | generation u32 BE (4) | key tag (8)
 *   entry:  length u32 BE of the sealed part | sealed(change), AAD = generation + entry index
 *
 * The index in the AAD means entries cannot be dropped, repeated or reordered undetected. The
 * header and the AAD are made by sealed-header.ts, as for the snapshot and the outbox.
 */
const JOURNAL: HeaderLayout = {
  magic: 'KYCDJRNL',
  format: 1,
  fields: [
    ['generation', 'u32'],
    ['keyTag', 'keyTag'],
  ],
};
export const JOURNAL_HEADER_BYTES = headerSize(JOURNAL);
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/** An entry belongs to its journal's generation (not the whole header, so the format stays as it was). */
function entryAad(generation: number, index: number): Buffer {
  const owner = Buffer.alloc(4);
  owner.writeUInt32BE(generation, 0);
  return placeAad(owner, index);
}

export type JournalRead =
  | {
      kind: 'ok';
      generation: number;
      entries: Buffer[];
      /** Bytes of intact entries (header included): the file is cut back to this on recovery. */
      goodLength: number;
      /** What followed the intact entries: nothing, an unfinished last write, or damage. */
      tail: 'clean' | 'torn' | 'damaged';
      tailReason?: string;
    }
  | { kind: 'wrong-key' }
  | { kind: 'damaged'; reason: string };

export function readJournal(file: string, key: Buffer): JournalRead {
  const bytes = fs.readFileSync(file);
  const header = decodeHeader(bytes, key, [JOURNAL]);
  if (header.kind === 'wrong-key') return header;
  if (header.kind !== 'ok') return { kind: 'damaged', reason: 'not a KYC Desk journal' };
  const generation = header.values.generation!;
  const entries: Buffer[] = [];
  let offset = JOURNAL_HEADER_BYTES;
  while (offset < bytes.length) {
    if (offset + 4 > bytes.length) return { kind: 'ok', generation, entries, goodLength: offset, tail: 'torn' };
    const length = bytes.readUInt32BE(offset);
    const end = offset + 4 + length;
    if (length < NONCE_BYTES + TAG_BYTES || length > MAX_ENTRY_BYTES || end > bytes.length) {
      // A length that runs past the end is a write the power cut short; it was never acknowledged.
      return { kind: 'ok', generation, entries, goodLength: offset, tail: end > bytes.length || length > MAX_ENTRY_BYTES ? 'torn' : 'damaged', tailReason: 'entry length is impossible' };
    }
    const plain = open(key, bytes.subarray(offset + 4, end), entryAad(generation, entries.length));
    if (!plain) {
      // The last entry failing is a torn sector; one failing with intact entries after it is damage.
      const last = end === bytes.length;
      return { kind: 'ok', generation, entries, goodLength: offset, tail: last ? 'torn' : 'damaged', tailReason: `entry ${entries.length + 1} failed authentication` };
    }
    entries.push(plain);
    offset = end;
  }
  return { kind: 'ok', generation, entries, goodLength: offset, tail: 'clean' };
}

/** An open journal accepting appends. Not thread-safe; one writer per data folder (instance lock). */
export class JournalWriter {
  private constructor(
    private readonly fd: number,
    readonly generation: number,
    private readonly key: Buffer,
    private size: number,
    private count: number,
  ) {}

  /** Create a new, empty journal atomically (header only). */
  static create(file: string, generation: number, key: Buffer): JournalWriter {
    writeFileAtomic(file, encodeHeader(JOURNAL, key, { generation }));
    return new JournalWriter(fs.openSync(file, 'r+'), generation, key, JOURNAL_HEADER_BYTES, 0);
  }

  /** Continue an existing journal after recovery, cut back to its intact prefix. */
  static resume(file: string, generation: number, key: Buffer, goodLength: number, entryCount: number): JournalWriter {
    const fd = fs.openSync(file, 'r+');
    if (fs.fstatSync(fd).size !== goodLength) {
      fs.ftruncateSync(fd, goodLength);
      fs.fsyncSync(fd);
    }
    return new JournalWriter(fd, generation, key, goodLength, entryCount);
  }

  get bytes(): number {
    return this.size;
  }

  get entries(): number {
    return this.count;
  }

  /** Append one change and make it durable. On failure the file is cut back: no half entry stays. */
  append(change: Uint8Array): void {
    const sealed = seal(this.key, change, entryAad(this.generation, this.count));
    const frame = Buffer.alloc(4 + sealed.length);
    frame.writeUInt32BE(sealed.length, 0);
    sealed.copy(frame, 4);
    try {
      let written = 0;
      while (written < frame.length) written += fs.writeSync(this.fd, frame, written, frame.length - written, this.size + written);
      fs.fdatasyncSync(this.fd);
    } catch (error) {
      try {
        fs.ftruncateSync(this.fd, this.size);
      } catch {
        // The recovery on next open cuts a torn tail anyway.
      }
      throw error;
    }
    this.size += frame.length;
    this.count += 1;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

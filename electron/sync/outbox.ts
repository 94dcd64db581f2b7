import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { writeFileAtomicWith } from '../store/atomic-file';
import { NONCE_BYTES, open as openSealed, seal, TAG_BYTES } from '../store/sealed';
import { decodeHeader, encodeHeader, headerSize, placeAad, type HeaderLayout } from '../store/sealed-header';

/**
 * Batch ZIPs waiting to be sent, sealed at rest: a batch ZIP holds customers' photographs and PAN
 * in clear, so it never sits readable on disk. One file per batch, `<name>.zip.sealed`, in the
 * house style of snapshot-file.ts (format 2), but streamed: the ZIP is cut into pieces of
 * PIECE_BYTES as it is produced, each sealed on its own (AES-256-GCM, sealed.ts), and a trailer
 * closes the file. No compression: JPEG and PDF are compressed already.
 *
 *   header:  magic "KYCDOUTB" (8) | format 1 (1) | reserved (3) | key tag (8) | file id (8 random)
 *            | piece size u32 BE (4)                                                   = 32 bytes
 *   piece:   'P' (1) | length u32 BE of the sealed part (4) | sealed(piece),
 *            AAD = header | 'P' | piece index u32 BE
 *   trailer: 'T' (1) | piece count u32 BE (4) | sealed(bytes u64 BE | piece count u32 BE | SHA-256 (32)),
 *            AAD = header | 'T' | piece count u32 BE      (its sealed part is always 60 bytes)
 *
 * The header (with its random id) is in every AAD, so nothing can be moved in from another file;
 * the index is, so pieces cannot be reordered, repeated or dropped; the piece count is in the
 * trailer's AAD and body, so a file cut short at a piece boundary (no trailer, or a trailer after
 * too few pieces) is detected, and one cut inside a piece fails that piece's tag. The trailer also
 * carries the plaintext's size and SHA-256 — what upload-file and the SFTP check send — so
 * `entry` reads them (authenticated) from the file's last 77 bytes without decrypting the rest,
 * and a reader checks the whole stream against them at its end.
 *
 * Memory: writing holds the piece being filled and its sealed copy; reading, a sealed piece and
 * at most a couple of decrypted ones waiting in the stream (its high-water mark is one piece).
 *
 * The header and every AAD are made by the store's sealed-header.ts, as for the journal and snapshot.
 */
export interface OutboxEntry {
  /** Size of the plaintext ZIP. */
  bytes: number;
  /** Lower-case hex SHA-256 of the plaintext ZIP. */
  sha256: string;
}

export type OutboxProblem = 'missing' | 'wrong_key' | 'damaged';

/** A sealed batch file that cannot be read: not there, sealed with another key, or damaged. */
export class OutboxError extends Error {
  constructor(
    readonly problem: OutboxProblem,
    message: string,
  ) {
    super(message);
    this.name = 'OutboxError';
  }
}

const OUTBOX: HeaderLayout = {
  magic: 'KYCDOUTB',
  format: 1,
  fields: [
    ['keyTag', 'keyTag'],
    ['fileId', 'id'],
    ['pieceBytes', 'u32'],
  ],
};
const HEADER_BYTES = headerSize(OUTBOX);
const FRAME_BYTES = 5;
const PIECE = 0x50; // 'P'
const TRAILER = 0x54; // 'T'
const TRAILER_PLAIN_BYTES = 8 + 4 + 32;
const TRAILER_SEALED_BYTES = NONCE_BYTES + TRAILER_PLAIN_BYTES + TAG_BYTES;
const TRAILER_RECORD_BYTES = FRAME_BYTES + TRAILER_SEALED_BYTES;
/** Plaintext per piece: what is held in memory at a time when writing or reading. */
export const PIECE_BYTES = 1024 * 1024;
/** A header may name a smaller piece size, never a bigger one than this (memory stays bounded). */
const MAX_PIECE_BYTES = 16 * 1024 * 1024;
const SUFFIX = '.zip.sealed';
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

function checkName(name: string): void {
  if (!NAME.test(name)) throw new Error(`The outbox name "${name}" is not 1 to 64 letters, digits, '_', '.' or '-'.`);
}

/** A piece's AAD carries its index; the trailer's, the piece count it closes. */
const aad = (header: Buffer, type: number, n: number): Buffer => placeAad(header, n, type);

function frame(type: number, length: number): Buffer {
  const out = Buffer.alloc(FRAME_BYTES);
  out.writeUInt8(type, 0);
  out.writeUInt32BE(length, 1);
  return out;
}

interface Trailer {
  bytes: number;
  pieces: number;
  sha256: string;
}

function trailerPlain(trailer: Trailer): Buffer {
  const out = Buffer.alloc(TRAILER_PLAIN_BYTES);
  out.writeBigUInt64BE(BigInt(trailer.bytes), 0);
  out.writeUInt32BE(trailer.pieces, 8);
  Buffer.from(trailer.sha256, 'hex').copy(out, 12);
  return out;
}

function parseTrailer(plain: Buffer): Trailer {
  return { bytes: Number(plain.readBigUInt64BE(0)), pieces: plain.readUInt32BE(8), sha256: plain.subarray(12, 44).toString('hex') };
}

/** Checks the header; returns its piece size. */
function checkHeader(header: Buffer, key: Buffer, label: string): number {
  const read = decodeHeader(header, key, [OUTBOX]);
  // 'short' cannot happen: the outbox has one layout, so a short header is 'foreign'.
  if (read.kind === 'foreign' || read.kind === 'short') throw damaged(label, 'it is not a sealed outbox file');
  if (read.kind === 'unknown-format') throw damaged(label, `its format ${read.format} is unknown`);
  if (read.kind === 'wrong-key') {
    throw new OutboxError('wrong_key', `The sealed batch file ${label} was sealed with another key than this PC's data key: it cannot be read here.`);
  }
  const pieceBytes = read.values.pieceBytes!;
  if (pieceBytes < 1 || pieceBytes > MAX_PIECE_BYTES) throw damaged(label, `its piece size ${pieceBytes} is out of range`);
  return pieceBytes;
}

function damaged(label: string, reason: string): OutboxError {
  return new OutboxError('damaged', `The sealed batch file ${label} is damaged: ${reason}. Build the batch ZIP again.`);
}

function missing(label: string): OutboxError {
  return new OutboxError('missing', `The sealed batch file ${label} is not in the outbox.`);
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export class Outbox {
  constructor(
    private readonly dir: string,
    private readonly key: Buffer,
  ) {
    if (key.length !== 32) throw new Error('The outbox key must be 32 bytes (AES-256).');
  }

  private fileOf(name: string): string {
    checkName(name);
    return path.join(this.dir, name + SUFFIX);
  }

  /**
   * Seal what `produce` writes into `<name>.zip.sealed`, atomically (temp file, fsync, rename,
   * fsync of the folder: writeFileAtomicWith), replacing any file of that name. `produce` must be
   * synchronous and may call `write` any number of times. On any throw (in `produce` too) nothing
   * new is left behind and an older file of that name is untouched.
   */
  write<T>(name: string, produce: (write: (chunk: Uint8Array) => void) => T): { result: T; entry: OutboxEntry } {
    const file = this.fileOf(name);
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const header = encodeHeader(OUTBOX, this.key, { pieceBytes: PIECE_BYTES });
    const hash = createHash('sha256');
    const piece = Buffer.allocUnsafe(PIECE_BYTES);
    let filled = 0;
    let pieces = 0;
    let bytes = 0;
    let sha256 = '';
    let open = true;
    const result = writeFileAtomicWith(file, (out) => {
      const flush = () => {
        const sealed = seal(this.key, piece.subarray(0, filled), aad(header, PIECE, pieces));
        out(frame(PIECE, sealed.length));
        out(sealed);
        pieces++;
        filled = 0;
      };
      out(header);
      let produced: T;
      try {
        produced = produce((chunk) => {
          // Closed also after a throw: a write kept for later must never reach a reused descriptor.
          if (!open) throw new Error(`The outbox file ${name} was written to after it was finished.`);
          hash.update(chunk);
          bytes += chunk.length;
          const data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
          for (let at = 0; at < data.length; ) {
            // Buffer#copy, not TypedArray#set (measured 8× faster, see sealed.ts).
            const taken = data.copy(piece, filled, at, Math.min(data.length, at + PIECE_BYTES - filled));
            filled += taken;
            at += taken;
            if (filled === PIECE_BYTES) flush();
          }
        });
      } finally {
        open = false;
      }
      if (typeof (produced as { then?: unknown } | null)?.then === 'function') {
        throw new Error('Outbox.write takes a synchronous producer: a promise would finish the file before its last chunk.');
      }
      if (filled > 0) flush();
      sha256 = hash.digest('hex');
      const trailer = seal(this.key, trailerPlain({ bytes, pieces, sha256 }), aad(header, TRAILER, pieces));
      out(frame(TRAILER, pieces));
      out(trailer);
      return produced;
    });
    return { result, entry: { bytes, sha256 } };
  }

  /**
   * Size and SHA-256 of the plaintext ZIP, from the file's authenticated trailer (nothing else is
   * decrypted); null when there is no file by that name. Throws OutboxError when it was sealed
   * with another key or its header or trailer is damaged.
   */
  entry(name: string): OutboxEntry | null {
    const file = this.fileOf(name);
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      const size = fs.fstatSync(fd).size;
      const header = readAt(fd, 0, HEADER_BYTES);
      checkHeader(header, this.key, name);
      if (size < HEADER_BYTES + TRAILER_RECORD_BYTES) throw damaged(name, 'it was cut short before its trailer');
      const record = readAt(fd, size - TRAILER_RECORD_BYTES, TRAILER_RECORD_BYTES);
      if (record.readUInt8(0) !== TRAILER) throw damaged(name, 'it was cut short (its trailer is missing)');
      // The piece count in the trailer's frame is in its AAD: a changed count fails the tag.
      const trailer = this.openTrailer(record.subarray(FRAME_BYTES), header, name, record.readUInt32BE(1));
      return { bytes: trailer.bytes, sha256: trailer.sha256 };
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * The plaintext ZIP as a stream, decrypted a piece at a time. Each piece is authenticated before
   * a byte of it is pushed; a file that is missing, sealed with another key, damaged, cut short or
   * rearranged makes the stream error with an OutboxError saying so (after the pieces before the
   * damage, which were authentic). Destroying the stream early closes the file.
   */
  open(name: string): Readable {
    const file = this.fileOf(name);
    return Readable.from(this.pieces(file, name), { objectMode: false, highWaterMark: PIECE_BYTES });
  }

  /** Removes `<name>.zip.sealed` (and a temp file a crash left beside it); no error when missing. */
  remove(name: string): void {
    const file = this.fileOf(name);
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.tmp`, { force: true });
  }

  /** Names of the sealed batch files present, sorted; temp files of unfinished writes are not listed. */
  names(): string[] {
    let files: string[];
    try {
      files = fs.readdirSync(this.dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    return files
      .filter((f) => f.endsWith(SUFFIX))
      .map((f) => f.slice(0, -SUFFIX.length))
      .filter((n) => NAME.test(n))
      .sort();
  }

  private openTrailer(sealed: Buffer, header: Buffer, label: string, pieces: number): Trailer {
    const plain = openSealed(this.key, sealed, aad(header, TRAILER, pieces));
    if (!plain) throw damaged(label, `its trailer failed authentication after ${pieces} pieces (a piece is missing, or the trailer was changed)`);
    const trailer = parseTrailer(plain);
    if (trailer.pieces !== pieces) throw damaged(label, 'its trailer does not agree with itself');
    return trailer;
  }

  private async *pieces(file: string, label: string): AsyncGenerator<Buffer> {
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, 'r');
    } catch (error) {
      if (isMissing(error)) throw missing(label);
      throw error;
    }
    try {
      const size = (await handle.stat()).size;
      const header = await readExact(handle, 0, HEADER_BYTES);
      if (!header) throw damaged(label, 'it was cut short inside its header');
      const pieceBytes = checkHeader(header, this.key, label);
      const hash = createHash('sha256');
      let offset = HEADER_BYTES;
      let index = 0;
      let bytes = 0;
      for (;;) {
        const head = await readExact(handle, offset, FRAME_BYTES);
        if (!head) throw damaged(label, `it was cut short after piece ${index} (its trailer is missing)`);
        const type = head.readUInt8(0);
        /** A piece's sealed length; for the trailer, the piece count it closes. */
        const length = head.readUInt32BE(1);
        offset += FRAME_BYTES;
        if (type === PIECE) {
          if (length < NONCE_BYTES + TAG_BYTES || length > NONCE_BYTES + pieceBytes + TAG_BYTES) throw damaged(label, `piece ${index + 1} has an impossible length`);
          const sealed = await readExact(handle, offset, length);
          if (!sealed) throw damaged(label, `it was cut short inside piece ${index + 1}`);
          const plain = openSealed(this.key, sealed, aad(header, PIECE, index));
          if (!plain) throw damaged(label, `piece ${index + 1} failed authentication (changed, cut short or moved)`);
          hash.update(plain);
          bytes += plain.length;
          offset += length;
          index++;
          yield plain;
        } else if (type === TRAILER) {
          if (length !== index) throw damaged(label, `its trailer closes ${length} pieces, but ${index} came before it (a piece is missing or was added)`);
          const sealed = await readExact(handle, offset, TRAILER_SEALED_BYTES);
          if (!sealed) throw damaged(label, 'it was cut short inside its trailer');
          const trailer = this.openTrailer(sealed, header, label, index);
          offset += TRAILER_SEALED_BYTES;
          if (trailer.pieces !== index || trailer.bytes !== bytes || trailer.sha256 !== hash.digest('hex')) {
            throw damaged(label, 'its content does not match its trailer');
          }
          if (offset !== size) throw damaged(label, 'it has bytes after its trailer');
          return;
        } else {
          throw damaged(label, `it has an unknown record after piece ${index}`);
        }
      }
    } finally {
      await handle.close();
    }
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const read = fs.readSync(fd, out, got, length - got, position + got);
    if (read === 0) break;
    got += read;
  }
  return out.subarray(0, got);
}

/** `length` bytes at `position`, or null when the file ends first. */
async function readExact(handle: fs.promises.FileHandle, position: number, length: number): Promise<Buffer | null> {
  const out = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(out, got, length - got, position + got);
    if (bytesRead === 0) return null;
    got += bytesRead;
  }
  return out;
}

import fs from 'node:fs';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { writeFileAtomicAsync } from './atomic-file';
import { NONCE_BYTES, open, seal, TAG_BYTES } from './sealed';
import { decodeHeader, encodeHeader, placeAad, type HeaderLayout } from './sealed-header';
import { PrefaultedBuffer } from './prefaulted-buffer';

/**
 * A whole-database snapshot, written in the background and read once at start.
 *
 * Format 2 (written now): the database cut into pieces of PIECE_BYTES, each deflated and then
 * sealed on its own. A 100,000-record database is about 230 MB of mostly JSON text; deflated it is
 * a fifth of that or less, so there is far less to read from disk and to decrypt at start — the
 * cold open measured 2.7 s as one sealed blob, and most of that was reading and decrypting.
 *
 *   header: magic "KYCDSNAP" (8) | format 2 (1) | reserved (3) | generation u32 BE (4) | key tag (8)
 *           | snapshot id (8 random bytes) | piece count u32 BE (4) | piece size u32 BE (4)
 *   piece:  length u32 BE of the sealed part | sealed(deflateRaw(piece)), AAD = header + piece index
 *
 * The header is in every piece's AAD, so a piece cannot be moved in from another snapshot (its id
 * differs), and the index is, so pieces cannot be reordered or repeated; the authenticated piece
 * count means a snapshot cut short, or one with a piece missing, is detected.
 *
 * Format 1 (still read, for stores written before): header | sealed(database), header as AAD.
 *
 * Both headers and the pieces' AAD are made by sealed-header.ts, as for the journal and the outbox.
 */
const WHOLE: HeaderLayout = {
  magic: 'KYCDSNAP',
  format: 1,
  fields: [
    ['generation', 'u32'],
    ['keyTag', 'keyTag'],
  ],
};
const PIECES: HeaderLayout = {
  magic: 'KYCDSNAP',
  format: 2,
  fields: [
    ['generation', 'u32'],
    ['keyTag', 'keyTag'],
    ['snapshotId', 'id'],
    ['pieceCount', 'u32'],
    ['pieceBytes', 'u32'],
  ],
};
/** Big enough that per-piece costs vanish, small enough that compressing one stays in the CPU's cache. */
export const PIECE_BYTES = 4 * 1024 * 1024;
/** Deflate level 1: the snapshot is written in the background, but read while the operator waits. */
const DEFLATE_LEVEL = 1;

const deflateRaw = promisify(zlib.deflateRaw);

export type SnapshotRead =
  | { kind: 'ok'; generation: number; bytes: Buffer }
  | { kind: 'wrong-key' }
  | { kind: 'damaged'; reason: string };


/**
 * Write the snapshot atomically (temp file, fsync, rename, fsync of the folder). Deflating runs on
 * libuv's thread pool, a piece at a time, so saves on the main thread carry on meanwhile.
 */
export async function writeSnapshot(file: string, generation: number, key: Buffer, database: Uint8Array): Promise<void> {
  const pieceCount = Math.max(1, Math.ceil(database.length / PIECE_BYTES));
  const header = encodeHeader(PIECES, key, { generation, pieceCount, pieceBytes: PIECE_BYTES });
  await writeFileAtomicAsync(file, async (write) => {
    write(header);
    for (let index = 0; index < pieceCount; index++) {
      const piece = database.subarray(index * PIECE_BYTES, Math.min(database.length, (index + 1) * PIECE_BYTES));
      const sealed = seal(key, await deflateRaw(piece, { level: DEFLATE_LEVEL }), placeAad(header, index));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(sealed.length, 0);
      write(length);
      write(sealed);
    }
  });
}

export function readSnapshot(file: string, key: Buffer): SnapshotRead {
  const bytes = fs.readFileSync(file);
  const read = decodeHeader(bytes, key, [WHOLE, PIECES]);
  switch (read.kind) {
    case 'foreign':
      return { kind: 'damaged', reason: 'not a KYC Desk snapshot' };
    case 'unknown-format':
      return { kind: 'damaged', reason: `unknown snapshot format ${read.format}` };
    case 'wrong-key':
      return read;
    case 'short':
      return { kind: 'damaged', reason: 'cut short inside its header' };
  }
  const database = read.layout === WHOLE ? readWhole(bytes, read.header, key) : readPieces(bytes, read.header, read.values, key);
  return typeof database === 'string' ? { kind: 'damaged', reason: database } : { kind: 'ok', generation: read.values.generation!, bytes: database };
}

/** Format 1: the database sealed whole. Returns the reason when it cannot be trusted. */
function readWhole(bytes: Buffer, header: Buffer, key: Buffer): Buffer | string {
  const plain = open(key, bytes.subarray(header.length), header);
  return plain ?? 'failed authentication (changed or cut short)';
}

/**
 * Format 2: every piece must open, in order, and there must be exactly as many as the header says.
 *
 * The pieces are inflated into one buffer made once, after the first piece proves the header
 * genuine: touching fresh memory is most of the cost of a cold open (measured here: 2.8 ms a MB),
 * so the database is written to memory once and never copied, and a helper thread touches its
 * pages meanwhile (prefaulted-buffer.ts). sql.js keeps a Node Buffer it is given without copying
 * it (its file system takes `buffer.slice`, which for a Buffer is a view).
 */
function readPieces(bytes: Buffer, header: Buffer, fields: Record<string, number>, key: Buffer): Buffer | string {
  const pieceCount = fields.pieceCount!;
  const pieceBytes = fields.pieceBytes!;
  let database: PrefaultedBuffer | undefined;
  let filled = 0;
  let offset = header.length;
  for (let index = 0; index < pieceCount; index++) {
    if (offset + 4 > bytes.length) return `cut short: piece ${index + 1} of ${pieceCount} is missing`;
    const length = bytes.readUInt32BE(offset);
    const end = offset + 4 + length;
    if (length < NONCE_BYTES + TAG_BYTES || end > bytes.length) return `cut short inside piece ${index + 1} of ${pieceCount}`;
    const deflated = open(key, bytes.subarray(offset + 4, end), placeAad(header, index));
    if (!deflated) return `piece ${index + 1} of ${pieceCount} failed authentication (changed or cut short)`;
    let plain: Buffer;
    try {
      // Authenticated, so ours; the cap is there anyway so no piece can grow past its size.
      plain = zlib.inflateRawSync(deflated, { chunkSize: pieceBytes, maxOutputLength: pieceBytes });
    } catch {
      return `piece ${index + 1} of ${pieceCount} would not decompress`;
    }
    if (index < pieceCount - 1 && plain.length !== pieceBytes) return `piece ${index + 1} of ${pieceCount} is shorter than its size`;
    database ??= PrefaultedBuffer.allocate(pieceCount === 1 ? plain.length : pieceCount * pieceBytes, pieceBytes);
    // Every piece before the last is full (checked above), so piece `index` starts at index × pieceBytes.
    if (filled + plain.length > database.buffer.length) return `piece ${index + 1} of ${pieceCount} is longer than its size`;
    database.fill(index, plain);
    filled += plain.length;
    offset = end;
  }
  if (offset !== bytes.length) return 'has bytes after its last piece';
  return database ? database.buffer.subarray(0, filled) : Buffer.alloc(0);
}

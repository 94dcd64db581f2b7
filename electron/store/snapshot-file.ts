import fs from 'node:fs';
import { writeFileAtomic } from './atomic-file';
import { keyTag, open, seal } from './sealed';

/**
 * A whole-database snapshot: header | sealed(sqlite bytes), the header authenticated as AAD.
 *   magic "KYCDSNAP" (8) | format version (1) | reserved (3) | generation u32 BE (4) | key tag (8)
 */
const MAGIC = Buffer.from('KYCDSNAP');
const FORMAT = 1;
const HEADER_BYTES = 24;

export type SnapshotRead =
  | { kind: 'ok'; generation: number; bytes: Buffer }
  | { kind: 'wrong-key' }
  | { kind: 'damaged'; reason: string };

function header(generation: number, key: Buffer): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(h, 0);
  h.writeUInt8(FORMAT, 8);
  h.writeUInt32BE(generation, 12);
  keyTag(key).copy(h, 16);
  return h;
}

export function writeSnapshot(file: string, generation: number, key: Buffer, database: Uint8Array): void {
  const h = header(generation, key);
  writeFileAtomic(file, Buffer.concat([h, seal(key, database, h)]));
}

export function readSnapshot(file: string, key: Buffer): SnapshotRead {
  const bytes = fs.readFileSync(file);
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, 8).equals(MAGIC)) return { kind: 'damaged', reason: 'not a KYC Desk snapshot' };
  if (bytes.readUInt8(8) !== FORMAT) return { kind: 'damaged', reason: `unknown snapshot format ${bytes.readUInt8(8)}` };
  const h = bytes.subarray(0, HEADER_BYTES);
  if (!h.subarray(16, 24).equals(keyTag(key))) return { kind: 'wrong-key' };
  const plain = open(key, bytes.subarray(HEADER_BYTES), h);
  if (!plain) return { kind: 'damaged', reason: 'failed authentication (changed or cut short)' };
  return { kind: 'ok', generation: h.readUInt32BE(12), bytes: plain };
}

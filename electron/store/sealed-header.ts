import { randomBytes } from 'node:crypto';
import { keyTag } from './sealed';

/**
 * The header every sealed file of KYC Desk starts with (journal, snapshot, outbox), and the AAD that
 * binds each sealed part of a file to its place. One codec, so the three formats cannot drift apart
 * in how they say what they are, which key sealed them, and which file a part belongs to.
 *
 *   magic (8 ASCII bytes) | format u8 | reserved (3 zero bytes) | fields, in the layout's order
 *
 * Field kinds: `u32` (big-endian), `keyTag` (8 bytes from sealed.ts's keyTag: tells "sealed with
 * another key" from "damaged" without revealing the key) and `id` (8 random bytes, new for each file:
 * a part sealed for one file fails authentication in another, since the header is in its AAD).
 */
export type HeaderFieldKind = 'u32' | 'keyTag' | 'id';

export interface HeaderLayout {
  magic: string;
  format: number;
  fields: readonly (readonly [name: string, kind: HeaderFieldKind])[];
}

const MAGIC_BYTES = 8;
const FIELDS_AT = MAGIC_BYTES + 4;
const FIELD_BYTES: Record<HeaderFieldKind, number> = { u32: 4, keyTag: 8, id: 8 };

/** How long a header of this layout is, and where each field sits. */
function placesOf(layout: HeaderLayout): { size: number; at: Map<string, number> } {
  const at = new Map<string, number>();
  let offset = FIELDS_AT;
  for (const [name, kind] of layout.fields) {
    at.set(name, offset);
    offset += FIELD_BYTES[kind];
  }
  return { size: offset, at };
}

export function headerSize(layout: HeaderLayout): number {
  return placesOf(layout).size;
}

/** A new header: the key's tag, fresh random ids, and the given number for each `u32` field. */
export function encodeHeader(layout: HeaderLayout, key: Buffer, values: Readonly<Record<string, number>>): Buffer {
  const { size, at } = placesOf(layout);
  const header = Buffer.alloc(size);
  Buffer.from(layout.magic, 'latin1').copy(header, 0, 0, MAGIC_BYTES);
  header.writeUInt8(layout.format, MAGIC_BYTES);
  for (const [name, kind] of layout.fields) {
    const offset = at.get(name)!;
    if (kind === 'keyTag') keyTag(key).copy(header, offset);
    else if (kind === 'id') randomBytes(FIELD_BYTES.id).copy(header, offset);
    else {
      const value = values[name];
      if (value === undefined) throw new Error(`The ${layout.magic} header needs a value for "${name}".`);
      header.writeUInt32BE(value, offset);
    }
  }
  return header;
}

export type HeaderRead =
  /** Shorter than any header of this kind, or another magic: not one of these files at all. */
  | { kind: 'foreign' }
  | { kind: 'unknown-format'; format: number }
  | { kind: 'wrong-key' }
  /** The format is known, the key matches, but the file ends inside the header. */
  | { kind: 'short' }
  | { kind: 'ok'; layout: HeaderLayout; header: Buffer; values: Record<string, number> };

/**
 * Reads the header at the start of `bytes` against the layouts of one kind of file (same magic, one
 * layout per format still read). Checks in this order: magic, format, key tag, length.
 */
export function decodeHeader(bytes: Buffer, key: Buffer, layouts: readonly HeaderLayout[]): HeaderRead {
  const magic = Buffer.from(layouts[0]!.magic, 'latin1');
  const shortest = Math.min(...layouts.map(headerSize));
  if (bytes.length < shortest || !bytes.subarray(0, MAGIC_BYTES).equals(magic)) return { kind: 'foreign' };
  const format = bytes.readUInt8(MAGIC_BYTES);
  const layout = layouts.find((candidate) => candidate.format === format);
  if (!layout) return { kind: 'unknown-format', format };
  const { size, at } = placesOf(layout);
  const values: Record<string, number> = {};
  for (const [name, kind] of layout.fields) {
    const offset = at.get(name)!;
    if (kind !== 'keyTag') continue;
    if (offset + FIELD_BYTES.keyTag > bytes.length) return { kind: 'short' };
    if (!bytes.subarray(offset, offset + FIELD_BYTES.keyTag).equals(keyTag(key))) return { kind: 'wrong-key' };
  }
  if (bytes.length < size) return { kind: 'short' };
  for (const [name, kind] of layout.fields) if (kind === 'u32') values[name] = bytes.readUInt32BE(at.get(name)!);
  return { kind: 'ok', layout, header: bytes.subarray(0, size), values };
}

/**
 * The AAD of one sealed part: what it belongs to (`owner`: the file's header, or for the journal its
 * generation), then the part's record type when the file has several (one byte), then its position
 * (u32 BE). A part cannot be moved to another file, reordered, repeated or passed off as another type.
 */
export function placeAad(owner: Buffer, position: number, recordType?: number): Buffer {
  const typeBytes = recordType === undefined ? 0 : 1;
  const aad = Buffer.alloc(owner.length + typeBytes + 4);
  owner.copy(aad, 0);
  if (recordType !== undefined) aad.writeUInt8(recordType, owner.length);
  aad.writeUInt32BE(position, owner.length + typeBytes);
  return aad;
}

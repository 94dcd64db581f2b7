import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM sealing for everything the store writes. Authenticated: a flipped byte, a swapped
 * entry or the wrong key is detected, never silently read as data. `aad` binds a sealed blob to its
 * place (file header, journal position) so blobs cannot be moved around undetected.
 */
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

/**
 * Bytes fed to the cipher at a time. One update over a whole 229 MB snapshot measured 1.5 s here;
 * the same in 64 KB pieces, 0.17 s (the pieces stay in the CPU's cache). The output is the same.
 */
const PIECE_BYTES = 64 * 1024;

/** Run `input` through `cipher` piece by piece into `out` at `at`; returns where it stopped. */
function pour(cipher: { update(data: Uint8Array): Buffer }, input: Uint8Array, out: Buffer, at: number): number {
  let offset = at;
  for (let i = 0; i < input.length; i += PIECE_BYTES) {
    // Buffer#copy, not TypedArray#set: set measured 8× slower here.
    offset += cipher.update(input.subarray(i, Math.min(input.length, i + PIECE_BYTES))).copy(out, offset);
  }
  return offset;
}

export function seal(key: Buffer, plaintext: Uint8Array, aad: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const out = Buffer.allocUnsafe(NONCE_BYTES + plaintext.length + TAG_BYTES);
  nonce.copy(out, 0);
  let at = pour(cipher, plaintext, out, NONCE_BYTES);
  at += cipher.final().copy(out, at);
  cipher.getAuthTag().copy(out, at);
  return out;
}

/** Returns null when the blob fails authentication (damaged, tampered, or another key). */
export function open(key: Buffer, sealed: Uint8Array, aad: Buffer): Buffer | null {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) return null;
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.length);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES));
    decipher.setAAD(aad);
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const body = bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES);
    const out = Buffer.allocUnsafe(body.length);
    const at = pour(decipher, body, out, 0);
    // final() throws when the tag does not match: nothing decrypted is returned then.
    decipher.final().copy(out, at);
    return out;
  } catch {
    return null;
  }
}

/** 8 bytes that identify a key without revealing it: written in file headers to tell "wrong key" from "damaged". */
export function keyTag(key: Buffer): Buffer {
  return createHmac('sha256', key).update('kyc-desk store key tag v1').digest().subarray(0, 8);
}

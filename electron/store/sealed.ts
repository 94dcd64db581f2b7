import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM sealing for everything the store writes. Authenticated: a flipped byte, a swapped
 * entry or the wrong key is detected, never silently read as data. `aad` binds a sealed blob to its
 * place (file header, journal position) so blobs cannot be moved around undetected.
 */
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

export function seal(key: Buffer, plaintext: Uint8Array, aad: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** Returns null when the blob fails authentication (damaged, tampered, or another key). */
export function open(key: Buffer, sealed: Uint8Array, aad: Buffer): Buffer | null {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) return null;
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.length);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES));
    decipher.setAAD(aad);
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

/** 8 bytes that identify a key without revealing it: written in file headers to tell "wrong key" from "damaged". */
export function keyTag(key: Buffer): Buffer {
  return createHmac('sha256', key).update('kyc-desk store key tag v1').digest().subarray(0, 8);
}

import { createHash } from 'node:crypto';

/**
 * Host key pinning. The fingerprint is what OpenSSH prints (`ssh-keygen -lf`, `ssh` on first use):
 * `SHA256:` + unpadded base64 of the SHA-256 of the raw public key blob — the same bytes ssh2 hands
 * to `hostVerifier`. Pins are compared after normalising a trailing `=` padding some tools keep.
 */
export function fingerprintOfHostKey(rawKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(rawKey).digest('base64').replace(/=+$/, '')}`;
}

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}=?$/;

export function isFingerprint(value: string): boolean {
  return FINGERPRINT.test(value.trim());
}

export function normaliseFingerprint(value: string): string {
  return value.trim().replace(/=+$/, '');
}

export type HostKeyVerdict = { ok: true; fingerprint: string } | { ok: false; reason: 'unknown' | 'changed'; fingerprint: string };

/** No pin → unknown (the connection is refused until an admin confirms); a different pin → changed. */
export function judgeHostKey(rawKey: Buffer, pinned: string | null): HostKeyVerdict {
  const fingerprint = fingerprintOfHostKey(rawKey);
  if (pinned === null || pinned.trim() === '') return { ok: false, reason: 'unknown', fingerprint };
  return normaliseFingerprint(pinned) === fingerprint ? { ok: true, fingerprint } : { ok: false, reason: 'changed', fingerprint };
}

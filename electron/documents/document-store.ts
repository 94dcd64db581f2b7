import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';
import { writeFileAtomic } from '../store/atomic-file';
import { open, seal } from '../store/sealed';

/**
 * Photographs and document images, each in its own encrypted file, kept out of the database.
 *
 * A file is named by a keyed hash of its content (HMAC-SHA256 with the data key), so the same
 * image stored twice is one file, and the name reveals nothing: a plain SHA-256 would let anyone
 * holding a copy of a customer's Aadhaar image confirm it is on this PC. Files are sealed with
 * AES-256-GCM bound to their name, written atomically, and decrypted only into memory.
 */
const NAME = /^[0-9a-f]{64}$/;
/** A file not referenced for this long is an orphan; younger ones may belong to a save under way. */
export const ORPHAN_GRACE_MS = 60 * 60 * 1000;

export class DocumentStore {
  constructor(
    private readonly dir: string,
    private readonly key: Buffer,
  ) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  private file(hash: string): string {
    if (!NAME.test(hash)) throw new AppFailure('BAD_REQUEST', 'That is not a document reference.');
    return path.join(this.dir, `${hash}.doc`);
  }

  /**
   * Store bytes durably; returns their reference. The same bytes map to the same file. The file is
   * (re)written even when it exists, so a clean-up deleting it at that moment cannot lose it.
   */
  put(bytes: Uint8Array): { hash: string; created: boolean } {
    const hash = createHmac('sha256', this.key).update(bytes).digest('hex');
    const file = this.file(hash);
    const existed = fs.existsSync(file);
    writeFileAtomic(file, seal(this.key, bytes, Buffer.from(hash)));
    return { hash, created: !existed };
  }

  /** The plain bytes, in memory only. A changed or foreign file is refused, never shown. */
  get(hash: string): Buffer {
    let sealed: Buffer;
    try {
      sealed = fs.readFileSync(this.file(hash));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppFailure('NOT_FOUND', 'This document is no longer on this PC.');
      throw error;
    }
    const plain = open(this.key, sealed, Buffer.from(hash));
    if (!plain || createHmac('sha256', this.key).update(plain).digest('hex') !== hash) {
      throw new AppFailure('STORAGE_FAILED', 'This document’s file is damaged or was changed outside KYC Desk, so it is not shown. Capture it again.');
    }
    return plain;
  }

  has(hash: string): boolean {
    return fs.existsSync(this.file(hash));
  }

  delete(hash: string): void {
    fs.rmSync(this.file(hash), { force: true });
  }

  hashes(): string[] {
    return fs
      .readdirSync(this.dir)
      .filter((name) => name.endsWith('.doc'))
      .map((name) => name.slice(0, -4))
      .filter((hash) => NAME.test(hash));
  }

  /**
   * Delete files no record refers to. Leftover temp files from an interrupted write go too. Files
   * younger than the grace period are kept: they may belong to a save that is still under way.
   */
  removeOrphans(referenced: ReadonlySet<string>, now: number = Date.now()): string[] {
    const removed: string[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      const file = path.join(this.dir, name);
      const hash = name.endsWith('.doc') ? name.slice(0, -4) : null;
      const orphan = name.endsWith('.tmp') || (hash !== null && NAME.test(hash) && !referenced.has(hash));
      if (!orphan || now - fs.statSync(file).mtimeMs < ORPHAN_GRACE_MS) continue;
      fs.rmSync(file, { force: true });
      removed.push(name);
    }
    return removed;
  }
}

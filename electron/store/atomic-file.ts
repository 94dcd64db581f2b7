import fs from 'node:fs';
import path from 'node:path';

/**
 * Replace `file` so that a crash at any instant leaves either the old or the new content, never a
 * mix: write a temp file beside it, fsync it, rename over, then fsync the folder so the rename
 * itself is on disk. On failure the temp file is removed and the old file is untouched.
 */
export function writeFileAtomic(file: string, bytes: Uint8Array): void {
  writeFileAtomicWith(file, (write) => write(bytes));
}

/**
 * writeFileAtomic for content too big to hold at once: `produce` is handed a `write` that appends
 * a chunk to the temp file, and may call it any number of times. Same guarantees: fsync, rename,
 * fsync of the folder; on any failure (in `produce` too) the temp file is removed and the old file
 * is untouched.
 */
export function writeFileAtomicWith<T>(file: string, produce: (write: (chunk: Uint8Array) => void) => T): T {
  const temp = TempFile.open(file);
  let result: T;
  try {
    result = produce(temp.write);
  } catch (error) {
    temp.discard();
    throw error;
  }
  temp.publish();
  return result;
}

/** writeFileAtomicWith for a producer that awaits between chunks (the snapshot deflates off the main thread). */
export async function writeFileAtomicAsync(file: string, produce: (write: (chunk: Uint8Array) => void) => Promise<void>): Promise<void> {
  const temp = TempFile.open(file);
  try {
    await produce(temp.write);
  } catch (error) {
    temp.discard();
    throw error;
  }
  temp.publish();
}

/** `<file>.tmp`, written, then fsynced and renamed over `file` (publish) or removed (discard). */
class TempFile {
  private fd: number | undefined;

  private constructor(
    private readonly file: string,
    private readonly temp: string,
  ) {
    this.fd = fs.openSync(temp, 'w', 0o600);
  }

  static open(file: string): TempFile {
    return new TempFile(file, `${file}.tmp`);
  }

  readonly write = (chunk: Uint8Array): void => {
    if (this.fd === undefined) throw new Error(`${this.temp} is already closed.`);
    writeAll(this.fd, chunk);
  };

  publish(): void {
    try {
      fs.fsyncSync(this.fd!);
      fs.closeSync(this.fd!);
      this.fd = undefined;
      fs.renameSync(this.temp, this.file);
    } catch (error) {
      this.discard();
      throw error;
    }
    fsyncDirectory(path.dirname(this.file));
  }

  discard(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    fs.rmSync(this.temp, { force: true });
  }
}

function writeAll(fd: number, chunk: Uint8Array): void {
  let offset = 0;
  while (offset < chunk.length) offset += fs.writeSync(fd, chunk, offset, chunk.length - offset);
}

function fsyncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { SftpError } from './errors';

/** Size of one SFTP WRITE unless told otherwise (OpenSSH's advertised limit is 255 KB). */
export const DEFAULT_WRITE_BYTES = 255 * 1024;

/**
 * The plaintext of one batch file, as the transport reads it: a local file (`fileSource`), or a
 * stream the caller makes (e.g. decrypting a batch ZIP stored encrypted at rest).
 *
 * - `bytes`: the exact length `open()` yields. It is what the server's `.part` is checked against;
 *   a stream that yields more or fewer bytes is not published (`verify_failed`).
 * - `sha256` (hex), when known: returned as is when the upload is skipped (no reading at all), and
 *   checked against the bytes actually sent otherwise (a mismatch is `verify_failed`).
 * - `open()`: a fresh stream from the first byte, each time it is called (a skipped upload without
 *   `sha256` reads it once to hash it; an upload reads it once to send it). A stream error (the
 *   decrypting source reports tampering, the disk fails) stops the upload, nothing is published, and
 *   the error is the `cause` of the SftpError thrown.
 */
export interface UploadSource {
  bytes: number;
  sha256?: string;
  open(): NodeJS.ReadableStream | Readable;
}

/** What a stream error of the source becomes (never the raw message: ours, the cause attached). */
export function sourceReadError(cause: unknown, delivery: 'not_sent' | 'partial'): SftpError {
  const after = delivery === 'not_sent' ? 'nothing was published and nothing was left on the server' : 'nothing was published (a partial upload may remain under .part and will be redone)';
  return new SftpError('failed', `The batch file's local data could not be read, so the upload stopped: ${after}.`, delivery, { cause });
}

/** The source did not yield its declared `bytes`: `read` is what it gave (`'more'`: it went past). */
export function sourceSizeError(read: number | 'more', expected: number, delivery: 'not_sent' | 'partial'): SftpError {
  const got = read === 'more' ? `more than the ${expected} bytes recorded` : `${read} bytes where ${expected} were recorded`;
  return new SftpError('verify_failed', `The local batch data changed or is damaged (it gave ${got}); it was not published.`, delivery);
}

/** The source's bytes did not hash to its recorded `sha256`. */
export function sourceHashError(delivery: 'not_sent' | 'partial'): SftpError {
  return new SftpError('verify_failed', 'The local batch data changed or is damaged (its SHA-256 is not the one recorded); it was not published.', delivery);
}

/** A stream error of the source, as it travels through the upload pipeline. */
export class SourceReadFailure extends Error {
  override readonly name = 'SourceReadFailure';
  constructor(readonly source: unknown) {
    super('the upload source failed');
  }
}

/** The source yielded more bytes than it declared (it is not read further). */
export class SourceTooLong extends Error {
  override readonly name = 'SourceTooLong';
  constructor(readonly expected: number) {
    super('the upload source is longer than declared');
  }
}

export interface SourceReading {
  /** The bytes read so far, and their SHA-256 once the stream has ended. */
  readonly bytes: number;
  digest(): string;
}

/**
 * Reads `open()` as `chunkBytes` pieces (one SFTP WRITE each: larger source chunks are split,
 * smaller ones joined; `null` passes them on as they come), hashing and counting what it yields.
 * A source error is thrown as `SourceReadFailure`; more bytes than declared throw `SourceTooLong`
 * at once (nothing more is read). Ending the iteration early destroys the source stream; so does
 * `abort()`, which also ends a read the source is stalled in (the iteration then throws).
 */
// eslint-disable-next-line max-lines-per-function -- the generator, its hash and its abort share one stream and its state in their closure
export function readSource(source: UploadSource, chunkBytes: number | null): { chunks: AsyncGenerator<Buffer>; reading: SourceReading; abort: () => void } {
  const hash = createHash('sha256');
  let bytes = 0;
  let opened: AsyncIterable<unknown> | null = null;
  let aborted = false;
  const abort = () => {
    aborted = true;
    (opened as { destroy?: () => void } | null)?.destroy?.();
  };
  const reading: SourceReading = {
    get bytes() {
      return bytes;
    },
    digest: () => hash.digest('hex'),
  };
  async function* chunks(): AsyncGenerator<Buffer> {
    if (aborted) return;
    try {
      opened = iterable(source.open());
    } catch (error) {
      throw new SourceReadFailure(error);
    }
    const iterator = opened[Symbol.asyncIterator]();
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    try {
      for (;;) {
        let next: IteratorResult<unknown>;
        try {
          next = await iterator.next();
        } catch (error) {
          throw new SourceReadFailure(error);
        }
        if (next.done) break;
        let chunk = toBuffer(next.value);
        bytes += chunk.length;
        if (bytes > source.bytes) throw new SourceTooLong(source.bytes);
        hash.update(chunk);
        if (chunkBytes === null || (pendingBytes === 0 && chunk.length === chunkBytes)) {
          yield chunk; // the file source's chunks are already WRITE-sized: no copy
          continue;
        }
        while (chunk.length > 0) {
          const take = Math.min(chunkBytes - pendingBytes, chunk.length);
          pending.push(chunk.subarray(0, take));
          pendingBytes += take;
          chunk = chunk.subarray(take);
          if (pendingBytes === chunkBytes) {
            yield pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
            pending = [];
            pendingBytes = 0;
          }
        }
      }
      if (pendingBytes > 0) yield pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    } finally {
      // Early end (the upload failed, or too many bytes): let the source stream close its file.
      await iterator.return?.().catch(() => undefined);
    }
  }
  return { chunks: chunks(), reading, abort };
}

/** SHA-256 and length of everything `open()` yields (for a skipped upload without `sha256`). */
export async function hashSource(source: UploadSource): Promise<{ sha256: string; bytes: number }> {
  const { chunks, reading } = readSource(source, null);
  try {
    for await (const chunk of chunks) void chunk;
  } catch (error) {
    if (error instanceof SourceReadFailure) throw sourceReadError(error.source, 'not_sent');
    if (error instanceof SourceTooLong) throw sourceSizeError('more', source.bytes, 'not_sent');
    throw error;
  }
  if (reading.bytes !== source.bytes) throw sourceSizeError(reading.bytes, source.bytes, 'not_sent');
  return { sha256: reading.digest(), bytes: reading.bytes };
}

function iterable(stream: NodeJS.ReadableStream | Readable): AsyncIterable<unknown> {
  if (typeof (stream as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function') return stream as AsyncIterable<unknown>;
  return new Readable().wrap(stream); // an old-style stream without async iteration
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new SourceReadFailure(new TypeError('the upload source yielded something other than bytes'));
}

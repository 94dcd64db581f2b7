import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { StreamedBody } from './http-client';

/** A file to upload: its name, size and SHA-256, and its bytes as a stream. */
export interface UploadFileSource {
  name: string;
  bytes: number;
  /** Lower-case hex SHA-256 of the file. */
  sha256: string;
  /** A fresh stream of the file's bytes (the sealed outbox decrypting as it goes). */
  open(): Readable;
}

/** Upload file names: safe inside the quoted multipart file name as they are. */
export const UPLOAD_FILE_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export interface MultipartUpload {
  /** For requestStreamed: multipart/form-data with a Content-Length worked out up front. */
  body: StreamedBody;
  /** Of the body's bytes handed over, how many were the file's. */
  fileBytesSent(bodyBytesSent: number): number;
  /** Stop reading the file (an answer may come before the body was all sent). */
  close(): void;
}

/**
 * A multipart/form-data body (RFC 7578): text fields, then one file part streamed from its source,
 * so memory holds a chunk at a time whatever the size. The closing boundary goes only after the
 * whole file, and the file must be exactly as long as it was said to be: a cut-short or overlong
 * file makes reading the body throw, never an upload that looks whole. Throws at once when the
 * name or size cannot be put in a request.
 */
export function multipartUpload(fields: ReadonlyArray<readonly [string, string]>, file: { field: string; contentType: string; source: UploadFileSource }): MultipartUpload {
  const { source } = file;
  if (!UPLOAD_FILE_NAME.test(source.name)) throw new Error(`The upload file name "${source.name}" is not 1 to 100 letters, digits, '_', '.' or '-'.`);
  if (!Number.isSafeInteger(source.bytes) || source.bytes < 0) throw new Error(`The upload file size ${source.bytes} is not a whole number of bytes.`);
  // A boundary no run of file bytes meets by chance (RFC 2046: at most 70 characters).
  const boundary = `----KycDeskUpload${randomBytes(18).toString('hex')}`;
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head = Buffer.from(
    fields.map(([name, value]) => field(name, value)).join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${source.name}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  const stream = source.open();
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield head;
    let read = 0;
    for await (const chunk of stream) {
      read += (chunk as Buffer).length;
      if (read > source.bytes) throw new Error(`The file ${source.name} is longer than the ${source.bytes} bytes it was said to be.`);
      yield chunk as Buffer;
    }
    if (read !== source.bytes) throw new Error(`The file ${source.name} is ${read} bytes, not the ${source.bytes} it was said to be.`);
    yield tail;
  }
  return {
    body: { contentType: `multipart/form-data; boundary=${boundary}`, length: head.length + source.bytes + tail.length, chunks: chunks() },
    fileBytesSent: (sent) => Math.max(0, Math.min(source.bytes, sent - head.length)),
    close: () => stream.destroy(),
  };
}

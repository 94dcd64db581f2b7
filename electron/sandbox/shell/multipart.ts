/**
 * A strict multipart/form-data reader (RFC 7578) for the sandbox's upload-file endpoints, over a
 * body already read into memory under a byte cap. No dependency: the stack has none for multipart.
 * Refuses (MultipartError, a 400): no or bad boundary, a body that does not start with it, a part
 * without Content-Disposition form-data and a name, a part's headers over 8 KB, more than
 * `maxParts` parts, a field given twice, and a body without the closing `--boundary--` (a truncated
 * upload is never taken for a whole one).
 */
export interface MultipartPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

export class MultipartError extends Error {}

const MAX_HEADER_BYTES = 8 * 1024;

export function multipartBoundary(contentType: string | undefined): string {
  const type = contentType ?? '';
  if (!/^multipart\/form-data\s*(;|$)/i.test(type.trim())) throw new MultipartError('The request must be multipart/form-data.');
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(type);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new MultipartError('The multipart/form-data request has no boundary.');
  return boundary;
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`A multipart part has a malformed header line.`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function dispositionParam(disposition: string, key: string): string | null {
  const match = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition) ?? new RegExp(`;\\s*${key}=([^;\\s"]+)`, 'i').exec(disposition);
  return match ? match[1]!.replace(/\\(.)/g, '$1') : null;
}

export function parseMultipart(body: Buffer, boundary: string, maxParts = 8): Map<string, MultipartPart> {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts = new Map<string, MultipartPart>();
  let at = body.indexOf(delimiter);
  if (at !== 0 && !(at > 0 && body.subarray(at - 2, at).toString() === '\r\n')) throw new MultipartError('The multipart body does not start with its boundary.');
  const separator = Buffer.from(`\r\n--${boundary}`);
  for (;;) {
    at += delimiter.length;
    const tail = body.subarray(at, at + 2).toString('latin1');
    if (tail === '--') return parts;
    if (tail !== '\r\n') throw new MultipartError('The multipart body has a malformed boundary line.');
    at += 2;
    const headerEnd = body.indexOf('\r\n\r\n', at);
    if (headerEnd < 0 || headerEnd - at > MAX_HEADER_BYTES) throw new MultipartError('A multipart part has no end to its headers (or headers over 8 KB).');
    const headers = parseHeaders(body.subarray(at, headerEnd).toString('utf8'));
    const disposition = headers.get('content-disposition') ?? '';
    if (!/^form-data\s*;/i.test(disposition)) throw new MultipartError('A multipart part is not Content-Disposition: form-data.');
    const name = dispositionParam(disposition, 'name');
    if (!name) throw new MultipartError('A multipart part has no name.');
    const start = headerEnd + 4;
    const end = body.indexOf(separator, start);
    if (end < 0) throw new MultipartError('The multipart body ends before its closing boundary: the upload was cut short.');
    if (parts.has(name)) throw new MultipartError(`The field ${name} is given twice.`);
    if (parts.size >= maxParts) throw new MultipartError(`The request has more than ${maxParts} parts.`);
    parts.set(name, { name, filename: dispositionParam(disposition, 'filename'), contentType: headers.get('content-type') ?? null, data: body.subarray(start, end) });
    at = end + 2;
  }
}

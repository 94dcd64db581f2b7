import type http from 'node:http';
import type { z } from 'zod';

/**
 * The sandbox shell's HTTP vocabulary: an answer, a refusal that becomes one, and the body readers
 * every route uses (bounded: a body over its cap is refused before it is all read).
 */

/** Largest JSON body a route reads. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface Answer {
  status: number;
  /** JSON, or a Buffer sent as it is (a medium; give its content-type in `headers`). */
  body: unknown;
  /** Extra response headers (e.g. Retry-After on a 429). */
  headers?: Record<string, string>;
}

/** A refusal in the registry's envelope: `{ success: false, error: { code, message, details } }`. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
  }

  get answer(): Answer {
    return { status: this.status, body: { success: false, error: { code: this.code, message: this.message, details: this.details } } };
  }
}

export const ok = (body: unknown): Answer => ({ status: 200, body });

export const iso = (ms: number) => new Date(ms).toISOString();

export function zodDetails(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
}

export async function readBody(req: http.IncomingMessage, cap: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > cap) throw new HttpProblem(413, 'TOO_LARGE', `The request body is larger than ${cap} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > cap) throw new HttpProblem(413, 'TOO_LARGE', `The request body is larger than ${cap} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const body = await readBody(req, MAX_BODY_BYTES);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'INVALID_JSON', 'The request body is not valid JSON.');
  }
}

/** Read and drop a request's body (a fault answering before the request is handled). */
export async function drain(req: http.IncomingMessage, cap: number): Promise<void> {
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > cap) return;
    }
  } catch {
    // the client went away
  }
}

export function send(res: http.ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const text = Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const headers: Record<string, string | number> = { 'content-type': 'application/json', ...extraHeaders, 'content-length': Buffer.byteLength(text) };
  // A body refused for its size is not read to its end: close the connection behind the answer.
  if (status === 413) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(text);
}

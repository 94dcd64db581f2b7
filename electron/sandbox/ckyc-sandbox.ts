import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { localToday } from '../../shared/validation/dates';
import type { Logger } from '../logging/logger';
import { BULK_PATHS, initializeRequestSchema, statusRequestSchema, type RemoteState } from '../connectors/ckyc-bulk/wire';
import { wireIndividualProblems } from '../connectors/ckyc-bulk/map-individual';
import { SandboxState, type SandboxRequest } from './sandbox-state';

export interface SandboxOptions {
  stateDir: string;
  token: string;
  /** How long a batch "processes" before it reaches its terminal state. */
  processingMs: number;
  logger: Logger;
  now?: () => number;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
  }
}

function zodDetails(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
}

/**
 * Training mode's stand-in for the CKYC vendor API (seed 000): same paths, same envelope, same
 * states, judging each individual with the shared rules the way the registry would.
 */
export class CkycSandbox {
  private constructor(
    private readonly server: http.Server,
    private readonly options: SandboxOptions,
    private readonly state: SandboxState,
  ) {}

  static async start(options: SandboxOptions): Promise<CkycSandbox> {
    const state = new SandboxState(options.stateDir);
    const server = http.createServer();
    const sandbox = new CkycSandbox(server, options, state);
    server.on('request', (req, res) => void sandbox.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return sandbox;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      if (req.method !== 'POST') throw new HttpProblem(405, 'METHOD_NOT_ALLOWED', 'Use POST.');
      this.checkToken(req.headers.authorization);
      const body = await readJson(req);
      const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
      if (path === BULK_PATHS.uploadInitialize) return send(res, 200, this.initialize('upload', body));
      if (path === BULK_PATHS.updateInitialize) return send(res, 200, this.initialize('update', body));
      if (path === BULK_PATHS.status) return send(res, 200, this.status(body));
      throw new HttpProblem(404, 'NOT_FOUND', `No such endpoint: ${path}`);
    } catch (error) {
      if (error instanceof HttpProblem) {
        return send(res, error.status, { success: false, error: { code: error.code, message: error.message, details: error.details } });
      }
      this.options.logger.error('sandbox request failed', { error });
      return send(res, 500, { success: false, error: { code: 'INTERNAL', message: 'The sandbox had an internal error.' } });
    }
  }

  private checkToken(header: string | undefined): void {
    const expected = Buffer.from(`Bearer ${this.options.token}`);
    const given = Buffer.from(header ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpProblem(401, 'UNAUTHORIZED', 'Invalid or missing token.');
    }
  }

  private initialize(kind: 'upload' | 'update', body: unknown) {
    const parsed = initializeRequestSchema.safeParse(body);
    if (!parsed.success) throw new HttpProblem(400, 'INVALID_REQUEST', 'The request does not match the initialize schema.', zodDetails(parsed.error));
    const { data } = parsed.data;
    const existing = this.state.clientIdForBatch(data.batch_file_name);
    if (existing) {
      throw new HttpProblem(409, 'DUPLICATE_BATCH', `Batch file name ${data.batch_file_name} was already received as ${existing}.`);
    }
    const refs = data.individuals.map((individual) => individual.kyc_ref_no);
    if (new Set(refs).size !== refs.length) throw new HttpProblem(400, 'DUPLICATE_REFERENCE', 'A kyc_ref_no appears twice in this batch.');

    const today = localToday(new Date(this.now()));
    const ruleErrors: string[] = [];
    for (const individual of data.individuals) {
      const problems = wireIndividualProblems(individual, today);
      if (problems.length > 0) ruleErrors.push(`${individual.kyc_ref_no}: ${problems.join(' ')}`);
    }
    const request: SandboxRequest = {
      clientId: `ckyc_${randomBytes(8).toString('hex')}`,
      kind,
      batchFileName: data.batch_file_name,
      receivedAt: this.now(),
      kycRefs: refs,
      ruleErrors,
    };
    this.state.add(request);
    return { success: true, data: { client_id: request.clientId, state: 'pending' satisfies RemoteState, batch_file_name: request.batchFileName } };
  }

  private status(body: unknown) {
    const parsed = statusRequestSchema.safeParse(body);
    if (!parsed.success) throw new HttpProblem(400, 'INVALID_REQUEST', 'The request needs a client_id.', zodDetails(parsed.error));
    const request = this.state.get(parsed.data.client_id);
    if (!request) throw new HttpProblem(404, 'NOT_FOUND', `No request with client_id ${parsed.data.client_id}.`);
    const elapsed = this.now() - request.receivedAt;
    const { processingMs } = this.options;
    let state: RemoteState;
    if (elapsed < processingMs / 3) state = 'pending';
    else if (elapsed < processingMs) state = 'processing';
    else state = request.ruleErrors.length > 0 ? 'upload_failed' : 'upload_succeeded';
    return {
      success: true,
      data: {
        client_id: request.clientId,
        state,
        batch_file_name: request.batchFileName,
        individuals_count: request.kycRefs.length,
        error: state === 'upload_failed' ? request.ruleErrors.join(' | ').slice(0, 4000) : null,
        updated_at: new Date(request.receivedAt + Math.min(elapsed, processingMs)).toISOString(),
      },
    };
  }
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpProblem(413, 'TOO_LARGE', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'INVALID_JSON', 'The request body is not valid JSON.');
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

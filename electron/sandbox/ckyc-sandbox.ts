import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import path from 'node:path';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { localToday } from '../../shared/validation/dates';
import { maskMobile, maskPan } from '../../shared/record/masking';
import type { Logger } from '../logging/logger';
import {
  BULK_PATHS,
  UPLOAD_FILE_FIELDS,
  clientDetailsQuerySchema,
  initializeRequestSchema,
  statusCheckRequestSchema,
  statusRequestSchema,
  type ClientDetailsItem,
  type RemoteState,
  type StatusCheckIndividual,
} from '../connectors/ckyc-bulk/wire';
import { DEFAULT_BATCH_CAPS } from '../connectors/ckyc-bulk/batch-zip';
import { wireIndividualProblems } from '../connectors/ckyc-bulk/map-individual';
import { FaultInjector, type HttpFault } from './faults';
import { judgeBatchZip } from './batch-judge';
import { Ledger } from './ledger';
import { multipartBoundary, MultipartError, parseMultipart } from './multipart';
import { ckycNumberFor, registryRejection } from './registry-rules';
import { RecordsApiSandbox } from './records-api-sandbox';
import { SftpSandbox, type SftpDrop, type SftpDropOutcome } from './sftp-sandbox';
import { SandboxState, type SandboxIndividual, type SandboxRequest, type SandboxResult, type SandboxTerminal } from './sandbox-state';
import type { WireRecord } from '../connectors/ckyc-records/wire';

export interface SandboxOptions {
  stateDir: string;
  token: string;
  /** How long a batch "processes" before it reaches its terminal state. */
  processingMs: number;
  logger: Logger;
  now?: () => number;
  /** KYC_DESK_SANDBOX_FAULTS: `name=probability[@timing],…` (see faults.ts). Malformed → start throws. */
  faults?: string;
  /** KYC_DESK_SANDBOX_SEED: makes faults, registry rejections and CKYC numbers reproducible. */
  seed?: string;
  /** How long a `timeout` fault holds the response before dropping the connection (default 35 s). */
  faultHoldMs?: number;
  /** Retry-After of an `http429` fault, in whole seconds (default 1). */
  retryAfterSeconds?: number;
  /** Cap of an upload-file body (default: the batch byte cap + 1 MB); an SFTP drop has the same cap. */
  maxUploadBytes?: number;
  /**
   * Training credentials of the records API's token endpoint (seed 002 §1); default
   * TRAINING_RECORDS_API_CREDENTIALS. The pasted `token` is accepted there too. Never logged.
   */
  recordsApi?: { username: string; password: string; tokenLifetimeSeconds?: number };
  /** The SFTP server (sftp-sandbox.ts), started with the sandbox unless `false`. */
  sftp?: false | { port?: number; username?: string };
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP on loopback. */
  tls?: { key: string; cert: string };
}

/**
 * The records API sandbox's credentials when none are configured: Training mode's own, for a
 * loopback stand-in that holds training data only (seed 002: 3–20 and 8–32 letters and digits).
 */
export const TRAINING_RECORDS_API_CREDENTIALS = Object.freeze({ username: 'kycdesktraining', password: 'TrainingOnly2026' });

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const DEFAULT_FAULT_HOLD_MS = 35_000;

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

interface Answer {
  status: number;
  body: unknown;
}

function zodDetails(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Training mode's stand-in for the CKYC vendor API (seed 000): same paths, same envelope, same
 * states, judging each individual with the shared rules the way the registry would, the batch ZIP
 * with the reader the app trusts for hostile files, and some individuals the way the registry
 * does (registry-rules.ts, the ledger). Every accepted individual is a line in ledger.jsonl.
 * Faults (faults.ts) are injected in front of every HTTP request, before or after it took effect.
 */
export class CkycSandbox {
  private readonly ledger: Ledger;
  private readonly ledgerKey: Buffer;
  private readonly held = new Set<NodeJS.Timeout>();
  private sweep: NodeJS.Timeout | undefined;
  private readonly recordsApi: RecordsApiSandbox;
  private sftpServer: SftpSandbox | null = null;

  private constructor(
    private readonly server: http.Server,
    private readonly options: SandboxOptions,
    private readonly state: SandboxState,
    readonly faults: FaultInjector,
  ) {
    this.ledger = new Ledger(options.stateDir);
    this.ledgerKey = loadKey(path.join(options.stateDir, 'ledger.key'));
    const credentials = options.recordsApi ?? TRAINING_RECORDS_API_CREDENTIALS;
    this.recordsApi = new RecordsApiSandbox({
      username: credentials.username,
      password: credentials.password,
      ...(options.recordsApi?.tokenLifetimeSeconds !== undefined ? { tokenLifetimeSeconds: options.recordsApi.tokenLifetimeSeconds } : {}),
      pastedTokens: [options.token],
      ...(options.now ? { now: options.now } : {}),
      // The ledger, not only the records API's memory: a reference accepted by a bulk batch, or
      // before a restart, is a duplicate here too.
      alreadyAccepted: (ref) => this.ledger.registered(ref) !== undefined,
      onAccepted: (records) => this.acceptRecords(records),
      logger: options.logger,
    });
  }

  static async start(options: SandboxOptions): Promise<CkycSandbox> {
    const faults = new FaultInjector(options.faults, options.seed); // throws on a malformed spec, before anything listens
    const state = new SandboxState(options.stateDir);
    // Over TLS when given a key and certificate: a stand-in for a real registry in Live-mode tests.
    const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }) : http.createServer();
    const sandbox = new CkycSandbox(server, options, state, faults);
    server.on('request', (req, res) => void sandbox.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    if (options.sftp !== false) {
      try {
        sandbox.sftpServer = await SftpSandbox.start({
          stateDir: options.stateDir,
          logger: options.logger,
          ...(options.sftp?.port !== undefined ? { port: options.sftp.port } : {}),
          ...(options.sftp?.username !== undefined ? { username: options.sftp.username } : {}),
          onDrop: (drop) => sandbox.receiveDrop(drop),
          drawDrop: () => faults.draw('sftp_drop'),
          maxDropBytes: sandbox.maxUploadBytes(),
        });
      } catch (error) {
        await sandbox.close();
        throw error;
      }
    }
    // Batches reach their end (and the ledger) even when nobody asks; status calls settle them too.
    const every = Math.max(50, Math.min(1000, Math.floor(options.processingMs / 3)));
    sandbox.sweep = setInterval(() => sandbox.settleAll(), every);
    sandbox.sweep.unref();
    if (faults.rules.length > 0) options.logger.info('sandbox fault injection on', { faults: options.faults, seed: faults.seed });
    return sandbox;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  }

  /** Every token issued so far stops working, on the bulk and the records API (tests: a token revoked mid-batch). */
  revokeTokens(): void {
    this.recordsApi.revokeTokens();
  }

  get ledgerFile(): string {
    return path.join(this.options.stateDir, 'ledger.jsonl');
  }

  /** The SFTP server (null when started with `sftp: false`): port, fingerprint, training key, folders. */
  get sftp(): SftpSandbox | null {
    return this.sftpServer;
  }

  async close(): Promise<void> {
    if (this.sweep) clearInterval(this.sweep);
    for (const timer of this.held) clearTimeout(timer);
    this.held.clear();
    this.server.closeAllConnections();
    const sftp = this.sftpServer;
    this.sftpServer = null;
    await Promise.all([new Promise<void>((resolve) => this.server.close(() => resolve())), sftp?.close()]);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const fault = this.faults.nextHttpFault();
    if (fault && !fault.afterEffect) {
      await drain(req, this.maxUploadBytes());
      return this.injectFault(fault, res, null);
    }
    const answer = await this.answer(req);
    if (fault) return this.injectFault(fault, res, answer);
    send(res, answer.status, answer.body);
  }

  private async answer(req: http.IncomingMessage): Promise<Answer> {
    try {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      // Seed 001 and seed 002 §1: their own paths, tokens and error shapes (records-api-sandbox.ts).
      if (this.recordsApi.handles(url.pathname)) return await this.answerRecordsApi(req);
      const route = ROUTES[url.pathname];
      if (!route) throw new HttpProblem(404, 'NOT_FOUND', `No such endpoint: ${url.pathname}`);
      if (req.method !== route.method) throw new HttpProblem(405, 'METHOD_NOT_ALLOWED', `Use ${route.method}.`);
      this.checkToken(req.headers.authorization);
      switch (route.name) {
        case 'initialize':
          return ok(this.initialize(route.kind!, await readJson(req)));
        case 'status':
          return ok(this.status(await readJson(req)));
        case 'uploadFile':
          return ok(this.uploadFile(route.kind!, req.headers['content-type'], await readBody(req, this.maxUploadBytes())));
        case 'statusCheck':
          return ok(this.statusCheck(route.kind!, await readJson(req)));
        case 'clientDetails':
          return ok(this.clientDetails(url.searchParams));
        case 'sftpHealth':
          return ok({ success: true, data: { status: 'up' } });
      }
    } catch (error) {
      if (error instanceof HttpProblem) {
        return { status: error.status, body: { success: false, error: { code: error.code, message: error.message, details: error.details } } };
      }
      this.options.logger.error('sandbox request failed', { error });
      return { status: 500, body: { success: false, error: { code: 'INTERNAL', message: 'The sandbox had an internal error.' } } };
    }
  }

  private async answerRecordsApi(req: http.IncomingMessage): Promise<Answer> {
    let text: string;
    try {
      text = (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
    } catch (error) {
      if (error instanceof HttpProblem && error.status === 413) return { status: 413, body: { detail: {}, message: 'The request body is too large.' } };
      throw error;
    }
    const answer = this.recordsApi.handle(req.method ?? 'GET', req.url ?? '/', req.headers, text);
    return { status: answer.status, body: answer.body };
  }

  /** Records the records API took (200): one ledger line each, under one client_id per request. */
  private acceptRecords(records: readonly WireRecord[]): void {
    const clientId = `records_api_${randomBytes(8).toString('hex')}`;
    for (const wire of records) {
      const ref = wire.kyc_ref_no;
      const basic = wire.basic_details;
      const fullName = [basic.applicant_first_name, basic.applicant_middle_name, basic.applicant_last_name].map((p) => p.trim().toUpperCase()).filter(Boolean).join(' ');
      this.ledger.append({
        client_id: clientId,
        kyc_ref_no: ref,
        ckyc_number: ckycNumberFor(this.faults.seed, clientId, ref, (n) => this.ledger.numberTaken(n)),
        at: iso(this.now()),
        kind: 'upload',
        pan_key: wire.pan === '' ? null : this.keyOf(`pan:${wire.pan.toUpperCase()}`),
        name_key: fullName === '' ? null : this.keyOf(`name:${fullName}`),
      });
    }
  }

  private maxUploadBytes(): number {
    return this.options.maxUploadBytes ?? DEFAULT_BATCH_CAPS.maxBytes + 1024 * 1024;
  }

  /** Replace the answer (null: the request took no effect) by the fault. */
  private injectFault(fault: HttpFault, res: http.ServerResponse, answer: Answer | null): void {
    this.options.logger.info('sandbox fault injected', { fault: fault.name, afterEffect: fault.afterEffect });
    const text = JSON.stringify(answer?.body ?? { success: false, error: { code: 'FAULT', message: 'Injected fault.' } });
    switch (fault.name) {
      case 'http429':
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(this.options.retryAfterSeconds ?? 1) });
        res.end(JSON.stringify({ success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests; try again after Retry-After seconds.' } }));
        return;
      case 'http500':
        send(res, 500, { success: false, error: { code: 'INTERNAL', message: 'The registry had an internal error (injected).' } });
        return;
      case 'corrupt':
        // Status 200, half the real body and bytes no JSON parser accepts.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`${text.slice(0, Math.floor(text.length / 2))}\u0000<!-- corrupt`);
        return;
      case 'reset':
        // Headers and part of the body, then the socket is destroyed: the client sees a reset mid-body.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) + 64 });
        res.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))), () => res.socket?.destroy());
        return;
      case 'timeout': {
        // Held past the client's timeout, then dropped without an answer: bounded by faultHoldMs.
        const timer = setTimeout(() => {
          this.held.delete(timer);
          res.socket?.destroy();
        }, this.options.faultHoldMs ?? DEFAULT_FAULT_HOLD_MS);
        this.held.add(timer);
        res.on('close', () => {
          clearTimeout(timer);
          this.held.delete(timer);
        });
        return;
      }
    }
  }

  /**
   * The bulk API takes the pasted token, or a JWT from the token endpoint (seed 002) as long as it
   * has not expired — so a batch that outlives its token meets a 401 mid-way, as with the vendor.
   */
  private checkToken(header: string | undefined): void {
    const expected = Buffer.from(`Bearer ${this.options.token}`);
    const given = Buffer.from(header ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return;
    const bearer = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
    const problem = bearer === undefined ? 'missing' : this.recordsApi.tokenProblem(bearer);
    if (problem === null) return;
    throw new HttpProblem(401, 'UNAUTHORIZED', problem === 'expired' ? 'Token expired.' : 'Invalid or missing token.');
  }

  private keyOf(value: string): string {
    return createHmac('sha256', this.ledgerKey).update(value).digest('hex');
  }

  // -------------------------------------------------------------------------------------------
  // initialize, status

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
    const individuals: SandboxIndividual[] = data.individuals.map((individual) => {
      const problems = wireIndividualProblems(individual, today);
      if (problems.length > 0) ruleErrors.push(`${individual.kyc_ref_no}: ${problems.join(' ')}`);
      const fullName = [individual.first_name, individual.middle_name, individual.last_name].map((p) => p.trim().toUpperCase()).filter(Boolean).join(' ');
      return {
        kycRefNo: individual.kyc_ref_no,
        panMasked: maskPan(individual.pan),
        mobileMasked: maskMobile(individual.mobile_number),
        panKey: individual.pan === '' ? null : this.keyOf(`pan:${individual.pan.toUpperCase()}`),
        nameKey: fullName === '' ? null : this.keyOf(`name:${fullName}`),
        ...(individual.image_files ? { imageFiles: individual.image_files } : {}),
        ...(individual.ckyc_number ? { ckycNumber: individual.ckyc_number } : {}),
        ruleProblems: problems,
      };
    });
    const request: SandboxRequest = {
      clientId: `ckyc_${randomBytes(8).toString('hex')}`,
      kind,
      batchFileName: data.batch_file_name,
      receivedAt: this.now(),
      kycRefs: refs,
      ruleErrors,
      individuals,
      needsFile: individuals.some((i) => (i.imageFiles?.length ?? 0) > 0),
    };
    this.state.add(request);
    return { success: true, data: { client_id: request.clientId, state: 'pending' satisfies RemoteState, batch_file_name: request.batchFileName } };
  }

  private find(clientId: string): SandboxRequest {
    const request = this.state.get(clientId);
    if (!request) throw new HttpProblem(404, 'NOT_FOUND', `No request with client_id ${clientId}.`);
    return request;
  }

  private status(body: unknown) {
    const parsed = statusRequestSchema.safeParse(body);
    if (!parsed.success) throw new HttpProblem(400, 'INVALID_REQUEST', 'The request needs a client_id.', zodDetails(parsed.error));
    return { success: true, data: this.summary(this.settle(this.find(parsed.data.client_id))) };
  }

  /** When processing started, or null while the batch still waits for its file. */
  private startedAt(request: SandboxRequest): number | null {
    if (request.needsFile) return request.file?.receivedAt ?? null;
    return request.receivedAt;
  }

  private liveState(request: SandboxRequest): { state: RemoteState; updatedAt: number } {
    if (request.terminal) return { state: request.terminal.state, updatedAt: request.terminal.at };
    const started = this.startedAt(request);
    if (started === null) return { state: 'pending', updatedAt: request.receivedAt };
    const elapsed = Math.max(0, this.now() - started);
    const { processingMs } = this.options;
    if (elapsed < processingMs / 3) return { state: 'pending', updatedAt: Math.max(request.receivedAt, started) };
    if (elapsed < processingMs) return { state: 'processing', updatedAt: started + Math.ceil(processingMs / 3) };
    return { state: 'upload_succeeded', updatedAt: started + processingMs }; // to be settled
  }

  private summary(request: SandboxRequest) {
    const { state, updatedAt } = this.liveState(request);
    const results = request.terminal?.results;
    return {
      client_id: request.clientId,
      state,
      batch_file_name: request.batchFileName,
      individuals_count: request.kycRefs.length,
      error: request.terminal?.error ?? null,
      updated_at: iso(updatedAt),
      individuals_succeeded: results ? results.filter((r) => r.state === 'succeeded').length : null,
      individuals_failed: results ? results.filter((r) => r.state === 'failed').length : null,
      file_required: request.needsFile ?? false,
      file_received: request.file !== undefined,
    };
  }

  private settleAll(): void {
    for (const request of this.state.all()) {
      if (request.terminal && (request.file?.via !== 'sftp' || request.file.resultWritten)) continue;
      try {
        this.writeSftpResult(this.settle(request));
      } catch (error) {
        this.options.logger.error('sandbox could not settle a batch', { error });
      }
    }
  }

  /**
   * A batch whose processing time is over gets its terminal answer, once: each individual judged
   * in order, every accepted one appended to the ledger (fsynced) before the answer is stored.
   * After a crash between the two, the ledger's own line for this client_id counts as accepted.
   */
  private settle(request: SandboxRequest): SandboxRequest {
    if (request.terminal) return request;
    const started = this.startedAt(request);
    if (started === null || this.now() - started < this.options.processingMs) return request;
    const at = started + this.options.processingMs;
    const individuals = request.individuals ?? request.kycRefs.map(legacyIndividual(request));
    const batchProblems = request.file?.batchProblems ?? [];
    const results: SandboxResult[] = [];
    const share = this.faults.probability('registry_reject');
    for (const individual of individuals) {
      const ref = individual.kycRefNo;
      const fail = (error: string) => results.push({ kycRefNo: ref, state: 'failed', ckycNumber: null, error });
      if (batchProblems.length > 0) {
        fail(`Batch rejected: ${batchProblems.join(' ')}`);
        continue;
      }
      const mine = this.ledger.registered(ref);
      if (mine && mine.client_id === request.clientId) {
        results.push({ kycRefNo: ref, state: 'succeeded', ckycNumber: mine.ckyc_number, error: null });
        continue;
      }
      const problems = [...individual.ruleProblems, ...(request.file?.individualProblems[ref] ?? [])];
      if (problems.length > 0) {
        fail(problems.join(' '));
        continue;
      }
      const holder = individual.panKey ? this.ledger.panHolder(individual.panKey) : undefined;
      if (request.kind === 'upload' && mine) {
        fail(`Record already registered: kyc_ref_no ${ref} has CKYC number ${mine.ckyc_number}.`);
        continue;
      }
      if (holder && holder.kyc_ref_no !== ref && holder.name_key !== individual.nameKey) {
        fail(`PAN already registered under another name (CKYC number ${holder.ckyc_number}).`);
        continue;
      }
      const rejection = registryRejection(this.faults.seed, share, ref);
      if (rejection) {
        fail(rejection);
        continue;
      }
      // Training leniency: an update of a record this ledger never saw is taken on trust.
      const ckycNumber =
        (request.kind === 'update' ? (mine?.ckyc_number ?? individual.ckycNumber) : undefined) ??
        ckycNumberFor(this.faults.seed, request.clientId, ref, (n) => this.ledger.numberTaken(n));
      this.ledger.append({ client_id: request.clientId, kyc_ref_no: ref, ckyc_number: ckycNumber, at: iso(this.now()), kind: request.kind, pan_key: individual.panKey, name_key: individual.nameKey });
      results.push({ kycRefNo: ref, state: 'succeeded', ckycNumber, error: null });
    }
    const accepted = results.some((r) => r.state === 'succeeded');
    let error: string | null = null;
    if (!accepted) {
      error = batchProblems.length > 0 ? batchProblems.join(' | ') : results.map((r) => `${r.kycRefNo}: ${r.error}`).join(' | ');
      error = error.slice(0, 4000);
    }
    const terminal: SandboxTerminal = { state: accepted ? 'upload_succeeded' : 'upload_failed', error, at, results };
    const settled = { ...request, terminal };
    this.state.update(settled);
    if (settled.file?.via === 'sftp') {
      try {
        this.writeSftpResult(settled);
      } catch (error) {
        this.options.logger.error('sandbox could not write an SFTP result file', { error }); // the sweep tries again
      }
    }
    return this.state.get(settled.clientId) ?? settled;
  }

  // -------------------------------------------------------------------------------------------
  // upload-file, status-check

  private uploadFile(kind: 'upload' | 'update', contentType: string | undefined, body: Buffer) {
    let parts;
    try {
      parts = parseMultipart(body, multipartBoundary(contentType));
    } catch (error) {
      if (error instanceof MultipartError) throw new HttpProblem(400, 'INVALID_MULTIPART', error.message);
      throw error;
    }
    const clientId = parts.get(UPLOAD_FILE_FIELDS.clientId)?.data.toString('utf8').trim();
    const file = parts.get(UPLOAD_FILE_FIELDS.file);
    const declaredSha = parts.get(UPLOAD_FILE_FIELDS.sha256)?.data.toString('utf8').trim().toLowerCase();
    if (!clientId) throw new HttpProblem(400, 'INVALID_REQUEST', `The form needs a ${UPLOAD_FILE_FIELDS.clientId} field.`);
    if (!file || file.filename === null) throw new HttpProblem(400, 'INVALID_REQUEST', `The form needs the batch ZIP as a file in the ${UPLOAD_FILE_FIELDS.file} field.`);
    if (declaredSha !== undefined && !/^[0-9a-f]{64}$/.test(declaredSha)) throw new HttpProblem(400, 'INVALID_REQUEST', 'sha256 must be 64 hex digits.');
    const request = this.settle(this.find(clientId));
    if (request.kind !== kind) throw new HttpProblem(400, 'WRONG_ROUTE', `${clientId} is an ${request.kind} batch: send its file to /ckyc-upload/${request.kind}/upload-file.`);
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    if (declaredSha !== undefined && declaredSha !== sha256) {
      throw new HttpProblem(400, 'CHECKSUM_MISMATCH', `The file's SHA-256 is ${sha256}, not the ${declaredSha} sent with it: it was damaged on the way. Nothing was kept.`);
    }
    const answer = (r: SandboxRequest, already: boolean) => ({
      success: true,
      data: { client_id: r.clientId, state: this.liveState(r).state, batch_file_name: r.batchFileName, sha256, bytes: file.data.length, already_received: already },
    });
    if (request.file) {
      if (request.file.sha256 === sha256) return answer(request, true);
      throw new HttpProblem(409, 'FILE_ALREADY_RECEIVED', `${clientId} already has its batch file (SHA-256 ${request.file.sha256}); a batch takes one file.`);
    }
    return answer(this.takeFile(request, file.data, sha256, file.filename, 'http'), false);
  }

  /**
   * The batch ZIP for a pending request, judged once (batch-judge.ts) and stored as a verdict: the
   * same for upload-file and an SFTP drop. The caller has handled a repeat of a received file.
   */
  private takeFile(request: SandboxRequest, bytes: Buffer, sha256: string, fileName: string | null, via: 'http' | 'sftp'): SandboxRequest {
    if (this.liveState(request).state !== 'pending') {
      throw new HttpProblem(409, 'BATCH_NOT_PENDING', `${request.clientId} is ${this.liveState(request).state}: a file is taken only while the batch is pending.`);
    }
    const individuals = request.individuals ?? request.kycRefs.map(legacyIndividual(request));
    const verdict = judgeBatchZip(bytes, {
      batchFileName: request.batchFileName,
      kind: request.kind,
      individuals: new Map(individuals.map((i) => [i.kycRefNo, i.imageFiles])),
    });
    const updated: SandboxRequest = {
      ...request,
      file: { sha256, bytes: bytes.length, fileName, receivedAt: this.now(), batchProblems: verdict.batch, individualProblems: verdict.individual, via },
    };
    this.state.update(updated);
    return updated;
  }

  // -------------------------------------------------------------------------------------------
  // SFTP drop (sftp-sandbox.ts) and its response files

  /**
   * A batch ZIP dropped in the SFTP input folder with its trigger. Found by batch file name: the
   * file's name, or that name without `.zip` (the app initializes with the ZIP's base name). Then
   * judged as upload-file judges it. Refusals are answered as `<file>.errors.csv` lines (the SFTP
   * server writes them); a batch refused as a whole also gets them, and its result file follows.
   */
  receiveDrop(drop: SftpDrop): SftpDropOutcome {
    const clientId = this.state.clientIdForBatch(drop.fileName) ?? this.state.clientIdForBatch(drop.fileName.replace(/\.zip$/i, ''));
    if (!clientId) {
      return { known: false, errors: [`No batch was initialized with batch_file_name ${drop.fileName.replace(/\.zip$/i, '')}: initialize it over the API first, then drop its file. The file was left in the input folder.`] };
    }
    if (drop.bytes === null) return { known: true, errors: [`The batch file is larger than ${this.maxUploadBytes()} bytes; it was not read.`] };
    try {
      const request = this.settle(this.find(clientId));
      const sha256 = createHash('sha256').update(drop.bytes).digest('hex');
      if (request.file) {
        if (request.file.sha256 === sha256) return { known: true, errors: [] }; // a repeat of the same file: already taken
        return { known: true, errors: [`${clientId} already has its batch file (SHA-256 ${request.file.sha256}); a batch takes one file.`] };
      }
      const taken = this.takeFile(request, drop.bytes, sha256, drop.fileName, 'sftp');
      this.options.logger.info('sandbox took a batch file over SFTP', { clientId, bytes: drop.bytes.length });
      return { known: true, errors: taken.file?.batchProblems ?? [] };
    } catch (error) {
      if (error instanceof HttpProblem) return { known: true, errors: [error.message] };
      throw error;
    }
  }

  /**
   * `response/<file>.result.csv` for a terminal batch whose file came over SFTP: a header, then one
   * row per individual in initialize order — `kyc_ref_no, state (succeeded | failed), ckyc_number,
   * error` (empty cells where none). Written once; the flag is stored after the file, so a crash in
   * between writes the same file again, never a different one.
   */
  private writeSftpResult(request: SandboxRequest): void {
    const sftp = this.sftpServer;
    const file = request.file;
    if (!sftp || !request.terminal || file?.via !== 'sftp' || file.resultWritten) return;
    const rows = request.terminal.results.map((r) => [r.kycRefNo, r.state, r.ckycNumber ?? '', r.error ?? '']);
    sftp.writeResponse(`${file.fileName ?? request.batchFileName}.result.csv`, SFTP_RESULT_COLUMNS, rows);
    this.state.update({ ...request, file: { ...file, resultWritten: true } });
  }

  private statusCheck(kind: 'upload' | 'update', body: unknown) {
    const parsed = statusCheckRequestSchema.safeParse(body);
    if (!parsed.success) throw new HttpProblem(400, 'INVALID_REQUEST', 'The request needs a client_id.', zodDetails(parsed.error));
    const request = this.settle(this.find(parsed.data.client_id));
    if (request.kind !== kind) throw new HttpProblem(400, 'WRONG_ROUTE', `${request.clientId} is an ${request.kind} batch: ask /ckyc-upload/${request.kind}/status-check.`);
    const summary = this.summary(request);
    const results = new Map((request.terminal?.results ?? []).map((r) => [r.kycRefNo, r]));
    const individuals: StatusCheckIndividual[] = (request.individuals ?? request.kycRefs.map(legacyIndividual(request))).map((individual) => {
      const result = results.get(individual.kycRefNo);
      return {
        kyc_ref_no: individual.kycRefNo,
        request: { pan_masked: individual.panMasked, mobile_masked: individual.mobileMasked, image_files: individual.imageFiles ?? [] },
        state: result ? result.state : summary.state === 'processing' ? 'processing' : 'pending',
        ckyc_number: result?.ckycNumber ?? null,
        error: result?.error ?? null,
      };
    });
    return { success: true, data: { ...summary, status_type: request.kind, individuals } };
  }

  // -------------------------------------------------------------------------------------------
  // get-client-details

  private clientDetails(params: URLSearchParams) {
    const raw: Record<string, string> = {};
    for (const [key, value] of params) {
      if (key in raw) throw new HttpProblem(400, 'INVALID_REQUEST', `The query parameter ${key} is given twice.`);
      if (value !== '') raw[key] = value;
    }
    const parsed = clientDetailsQuerySchema.safeParse(raw);
    if (!parsed.success) throw new HttpProblem(400, 'INVALID_REQUEST', 'The query does not match get-client-details (status_type is required: upload or update).', zodDetails(parsed.error));
    const query = parsed.data;
    const from = query.start_date === undefined ? -Infinity : Date.parse(query.start_date.length === 10 ? `${query.start_date}T00:00:00Z` : query.start_date);
    const to = query.end_date === undefined ? Infinity : query.end_date.length === 10 ? Date.parse(`${query.end_date}T00:00:00Z`) + 86_400_000 - 1 : Date.parse(query.end_date);
    const search = query.search?.toLowerCase();
    const items: ClientDetailsItem[] = this.state
      .all()
      .filter((r) => r.kind === query.status_type && r.receivedAt >= from && r.receivedAt <= to)
      .filter((r) => search === undefined || r.clientId.toLowerCase().includes(search) || r.batchFileName.toLowerCase().includes(search))
      .map((r) => this.settle(r))
      .map((r) => {
        const s = this.summary(r);
        return {
          client_id: r.clientId,
          batch_file_name: r.batchFileName,
          status_type: r.kind,
          state: s.state,
          individuals_count: s.individuals_count,
          individuals_succeeded: s.individuals_succeeded,
          individuals_failed: s.individuals_failed,
          file_required: s.file_required,
          file_received: s.file_received,
          file_sha256: r.file?.sha256 ?? null,
          error: s.error,
          created_at: iso(r.receivedAt),
          updated_at: s.updated_at,
        };
      })
      .filter((item) => query.state === undefined || item.state === query.state)
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || a.client_id.localeCompare(b.client_id));
    const start = (query.page - 1) * query.page_size;
    return {
      success: true,
      data: { items: items.slice(start, start + query.page_size), page: query.page, page_size: query.page_size, total: items.length, total_pages: Math.ceil(items.length / query.page_size) },
    };
  }
}

type RouteName = 'initialize' | 'status' | 'uploadFile' | 'statusCheck' | 'clientDetails' | 'sftpHealth';
const ROUTES: Readonly<Record<string, { name: RouteName; method: 'GET' | 'POST'; kind?: 'upload' | 'update' }>> = {
  [BULK_PATHS.uploadInitialize]: { name: 'initialize', method: 'POST', kind: 'upload' },
  [BULK_PATHS.updateInitialize]: { name: 'initialize', method: 'POST', kind: 'update' },
  [BULK_PATHS.status]: { name: 'status', method: 'POST' },
  [BULK_PATHS.uploadUploadFile]: { name: 'uploadFile', method: 'POST', kind: 'upload' },
  [BULK_PATHS.updateUploadFile]: { name: 'uploadFile', method: 'POST', kind: 'update' },
  [BULK_PATHS.uploadStatusCheck]: { name: 'statusCheck', method: 'POST', kind: 'upload' },
  [BULK_PATHS.updateStatusCheck]: { name: 'statusCheck', method: 'POST', kind: 'update' },
  [BULK_PATHS.clientDetails]: { name: 'clientDetails', method: 'GET' },
  [BULK_PATHS.sftpHealth]: { name: 'sftpHealth', method: 'GET' },
};

const ok = (body: unknown): Answer => ({ status: 200, body });

/** Columns of an SFTP drop's `<file>.result.csv` (see writeSftpResult). */
export const SFTP_RESULT_COLUMNS = ['kyc_ref_no', 'state', 'ckyc_number', 'error'] as const;

/** A request stored before the sandbox kept individuals: its refs, with its rule errors. */
function legacyIndividual(request: SandboxRequest) {
  return (ref: string): SandboxIndividual => {
    const line = request.ruleErrors.find((e) => e.startsWith(`${ref}: `));
    return { kycRefNo: ref, panMasked: '', mobileMasked: '', panKey: null, nameKey: null, ruleProblems: line ? [line.slice(ref.length + 2)] : [] };
  };
}

function loadKey(file: string): Buffer {
  if (fs.existsSync(file)) return fs.readFileSync(file);
  const key = randomBytes(32);
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}

async function readBody(req: http.IncomingMessage, cap: number): Promise<Buffer> {
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

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const body = await readBody(req, MAX_BODY_BYTES);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'INVALID_JSON', 'The request body is not valid JSON.');
  }
}

/** Read and drop a request's body (a fault answering before the request is handled). */
async function drain(req: http.IncomingMessage, cap: number): Promise<void> {
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

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) };
  // A body refused for its size is not read to its end: close the connection behind the answer.
  if (status === 413) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(text);
}

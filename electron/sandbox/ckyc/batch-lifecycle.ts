import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';
import type { Logger } from '../../logging/logger';
import type { RemoteState } from '../../connectors/ckyc-bulk/wire';
import type { FaultInjector } from '../shell/faults';
import { HttpProblem, iso } from '../shell/http';
import { Ledger } from '../shell/ledger';
import { judgeBatchZip } from './batch-judge';
import { SandboxState, type SandboxIndividual, type SandboxRequest, type SandboxResult, type SandboxTerminal } from './batch-state';
import { ckycNumberFor, registryRejection } from './registry-rules';

/**
 * A bulk batch's life in the sandbox registry: pending (waiting for its file, when it declared
 * images), processing for `processingMs`, then settled once — each individual judged in order,
 * every accepted one appended to the ledger before the terminal answer is stored. The endpoint
 * families (bulk-*.ts, client-details.ts, sftp-drop.ts) read and move batches only through here.
 */
export interface BatchLifecycleOptions {
  stateDir: string;
  /** How long a batch "processes" before it reaches its terminal state. */
  processingMs: number;
  logger: Logger;
  now: () => number;
  faults: FaultInjector;
}

export class BatchLifecycle {
  readonly state: SandboxState;
  readonly ledger: Ledger;
  private readonly ledgerKey: Buffer;
  /** Told about every batch that settled or is settled (SFTP: its result file); set by the sandbox. */
  afterSettle: ((request: SandboxRequest) => void) | null = null;

  constructor(private readonly options: BatchLifecycleOptions) {
    this.state = new SandboxState(options.stateDir);
    this.ledger = new Ledger(options.stateDir);
    this.ledgerKey = loadKey(path.join(options.stateDir, 'ledger.key'));
  }

  now(): number {
    return this.options.now();
  }

  get seed(): string {
    return this.options.faults.seed;
  }

  /** HMAC of a PAN or a name with the ledger key: comparable, never readable. */
  keyOf(value: string): string {
    return createHmac('sha256', this.ledgerKey).update(value).digest('hex');
  }

  find(clientId: string): SandboxRequest {
    const request = this.state.get(clientId);
    if (!request) throw new HttpProblem(404, 'NOT_FOUND', `No request with client_id ${clientId}.`);
    return request;
  }

  /** When processing started, or null while the batch still waits for its file. */
  private startedAt(request: SandboxRequest): number | null {
    if (request.needsFile) return request.file?.receivedAt ?? null;
    return request.receivedAt;
  }

  liveState(request: SandboxRequest): { state: RemoteState; updatedAt: number } {
    if (request.terminal) return { state: request.terminal.state, updatedAt: request.terminal.at };
    const started = this.startedAt(request);
    if (started === null) return { state: 'pending', updatedAt: request.receivedAt };
    const elapsed = Math.max(0, this.now() - started);
    const { processingMs } = this.options;
    if (elapsed < processingMs / 3) return { state: 'pending', updatedAt: Math.max(request.receivedAt, started) };
    if (elapsed < processingMs) return { state: 'processing', updatedAt: started + Math.ceil(processingMs / 3) };
    return { state: 'upload_succeeded', updatedAt: started + processingMs }; // to be settled
  }

  summary(request: SandboxRequest) {
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

  /** The sweep: batches reach their end (and the ledger) even when nobody asks. */
  settleAll(): void {
    for (const request of this.state.all()) {
      if (request.terminal && (request.file?.via !== 'sftp' || request.file.resultWritten)) continue;
      try {
        this.afterSettle?.(this.settle(request));
      } catch (error) {
        this.options.logger.error('sandbox could not settle a batch', { error });
      }
    }
  }

  /**
   * A batch whose processing time is over gets its terminal answer, once. After a crash between
   * the ledger and the stored answer, the ledger's own line for this client_id counts as accepted.
   */
  settle(request: SandboxRequest): SandboxRequest {
    if (request.terminal) return request;
    const started = this.startedAt(request);
    if (started === null || this.now() - started < this.options.processingMs) return request;
    const batchProblems = request.file?.batchProblems ?? [];
    const share = this.options.faults.probability('registry_reject');
    const results = individualsOf(request).map((individual) => this.resultFor(request, individual, batchProblems, share));
    const accepted = results.some((r) => r.state === 'succeeded');
    let error: string | null = null;
    if (!accepted) {
      error = batchProblems.length > 0 ? batchProblems.join(' | ') : results.map((r) => `${r.kycRefNo}: ${r.error}`).join(' | ');
      error = error.slice(0, 4000);
    }
    const terminal: SandboxTerminal = { state: accepted ? 'upload_succeeded' : 'upload_failed', error, at: started + this.options.processingMs, results };
    const settled = { ...request, terminal };
    this.state.update(settled);
    if (settled.file?.via === 'sftp') {
      try {
        this.afterSettle?.(settled);
      } catch (error) {
        this.options.logger.error('sandbox could not write an SFTP result file', { error }); // the sweep tries again
      }
    }
    return this.state.get(settled.clientId) ?? settled;
  }

  /** One individual's fate, judged as the registry would; an accepted one is in the ledger on return. */
  private resultFor(request: SandboxRequest, individual: SandboxIndividual, batchProblems: readonly string[], share: number): SandboxResult {
    const ref = individual.kycRefNo;
    const fail = (error: string): SandboxResult => ({ kycRefNo: ref, state: 'failed', ckycNumber: null, error });
    if (batchProblems.length > 0) return fail(`Batch rejected: ${batchProblems.join(' ')}`);
    const mine = this.ledger.registered(ref);
    if (mine && mine.client_id === request.clientId) return { kycRefNo: ref, state: 'succeeded', ckycNumber: mine.ckyc_number, error: null };
    const problems = [...individual.ruleProblems, ...(request.file?.individualProblems[ref] ?? [])];
    if (problems.length > 0) return fail(problems.join(' '));
    const holder = individual.panKey ? this.ledger.panHolder(individual.panKey) : undefined;
    if (request.kind === 'upload' && mine) return fail(`Record already registered: kyc_ref_no ${ref} has CKYC number ${mine.ckyc_number}.`);
    if (holder && holder.kyc_ref_no !== ref && holder.name_key !== individual.nameKey) {
      return fail(`PAN already registered under another name (CKYC number ${holder.ckyc_number}).`);
    }
    const rejection = registryRejection(this.seed, share, ref);
    if (rejection) return fail(rejection);
    // Training leniency: an update of a record this ledger never saw is taken on trust.
    const ckycNumber =
      (request.kind === 'update' ? (mine?.ckyc_number ?? individual.ckycNumber) : undefined) ??
      ckycNumberFor(this.seed, request.clientId, ref, (n) => this.ledger.numberTaken(n));
    this.ledger.append({ client_id: request.clientId, kyc_ref_no: ref, ckyc_number: ckycNumber, at: iso(this.now()), kind: request.kind, pan_key: individual.panKey, name_key: individual.nameKey });
    return { kycRefNo: ref, state: 'succeeded', ckycNumber, error: null };
  }

  /**
   * The batch ZIP for a pending request, judged once (batch-judge.ts) and stored as a verdict: the
   * same for upload-file and an SFTP drop. The caller has handled a repeat of a received file.
   */
  takeFile(request: SandboxRequest, bytes: Buffer, sha256: string, fileName: string | null, via: 'http' | 'sftp'): SandboxRequest {
    if (this.liveState(request).state !== 'pending') {
      throw new HttpProblem(409, 'BATCH_NOT_PENDING', `${request.clientId} is ${this.liveState(request).state}: a file is taken only while the batch is pending.`);
    }
    const verdict = judgeBatchZip(bytes, {
      batchFileName: request.batchFileName,
      kind: request.kind,
      individuals: new Map(individualsOf(request).map((i) => [i.kycRefNo, i.imageFiles])),
    });
    const updated: SandboxRequest = {
      ...request,
      file: { sha256, bytes: bytes.length, fileName, receivedAt: this.now(), batchProblems: verdict.batch, individualProblems: verdict.individual, via },
    };
    this.state.update(updated);
    return updated;
  }
}

/** A request's individuals; one stored before the sandbox kept them has its refs, with its rule errors. */
export function individualsOf(request: SandboxRequest): SandboxIndividual[] {
  return request.individuals ?? request.kycRefs.map((ref) => {
    const line = request.ruleErrors.find((e) => e.startsWith(`${ref}: `));
    return { kycRefNo: ref, panMasked: '', mobileMasked: '', panKey: null, nameKey: null, ruleProblems: line ? [line.slice(ref.length + 2)] : [] };
  });
}

function loadKey(file: string): Buffer {
  if (fs.existsSync(file)) return fs.readFileSync(file);
  const key = randomBytes(32);
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}

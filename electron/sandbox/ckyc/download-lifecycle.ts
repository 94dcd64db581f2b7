import type { RemoteState } from '../../connectors/ckyc-bulk/wire';
import { HttpProblem } from '../shell/http';
import { JsonStateFile } from '../shell/state-file';
import type { BatchLifecycle } from './batch-lifecycle';
import type { RegistryLookup } from './registry-lookup';

/**
 * A bulk download's life in the sandbox registry, the same as an upload batch's: pending for the
 * first third of the processing time, processing until it is over, then settled once — each
 * individual looked up and verified by the dob or mobile number given — and kept in
 * `downloads.json`, so a download survives a restart. Only keyed hashes of the dob and mobile
 * asked with are kept; the people returned are read from the registry when answered.
 */
export interface DownloadAsk {
  ckycId: string;
  dobKey: string | null;
  mobileKey: string | null;
}

export interface DownloadResult {
  ckycId: string;
  state: 'succeeded' | 'failed';
  error: string | null;
}

export interface DownloadRequest {
  clientId: string;
  batchFileName: string;
  receivedAt: number;
  asks: DownloadAsk[];
  terminal?: {
    state: Extract<RemoteState, 'upload_succeeded' | 'upload_failed'>;
    error: string | null;
    at: number;
    results: DownloadResult[];
  };
}

export class DownloadLifecycle {
  private readonly requests = new Map<string, DownloadRequest>();
  private readonly byName = new Map<string, string>();
  private readonly file: JsonStateFile<DownloadRequest>;

  constructor(
    private readonly batches: BatchLifecycle,
    private readonly registry: RegistryLookup,
    private readonly processingMs: number,
    stateDir: string,
  ) {
    this.file = new JsonStateFile<DownloadRequest>(stateDir, 'downloads.json');
    for (const request of this.file.load()) this.remember(request);
  }

  private remember(request: DownloadRequest): void {
    this.requests.set(request.clientId, request);
    this.byName.set(request.batchFileName, request.clientId);
  }

  private save(request: DownloadRequest): void {
    const others = [...this.requests.values()].filter((r) => r.clientId !== request.clientId);
    this.file.save([...others, request]);
    this.remember(request);
  }

  add(request: DownloadRequest): void {
    this.save(request);
  }

  clientIdFor(batchFileName: string): string | undefined {
    return this.byName.get(batchFileName);
  }

  find(clientId: string): DownloadRequest {
    const request = this.requests.get(clientId);
    if (!request) throw new HttpProblem(404, 'NOT_FOUND', `No bulk download with client_id ${clientId}.`);
    return request;
  }

  all(): DownloadRequest[] {
    return [...this.requests.values()];
  }

  liveState(request: DownloadRequest): { state: RemoteState; updatedAt: number } {
    if (request.terminal) return { state: request.terminal.state, updatedAt: request.terminal.at };
    const elapsed = Math.max(0, this.batches.now() - request.receivedAt);
    if (elapsed < this.processingMs / 3) return { state: 'pending', updatedAt: request.receivedAt };
    if (elapsed < this.processingMs) return { state: 'processing', updatedAt: request.receivedAt + Math.ceil(this.processingMs / 3) };
    return { state: 'upload_succeeded', updatedAt: request.receivedAt + this.processingMs }; // to be settled
  }

  /** A download whose processing time is over gets its terminal answer, once. */
  settle(request: DownloadRequest): DownloadRequest {
    if (request.terminal || this.batches.now() - request.receivedAt < this.processingMs) return request;
    const results = request.asks.map((ask) => this.resultFor(ask));
    const succeeded = results.some((r) => r.state === 'succeeded');
    const error = succeeded ? null : results.map((r) => `${r.ckycId}: ${r.error}`).join(' | ').slice(0, 4000);
    const settled: DownloadRequest = { ...request, terminal: { state: succeeded ? 'upload_succeeded' : 'upload_failed', error, at: request.receivedAt + this.processingMs, results } };
    this.save(settled);
    return settled;
  }

  settleAll(): void {
    for (const request of this.all()) if (!request.terminal) this.settle(request);
  }

  private resultFor(ask: DownloadAsk): DownloadResult {
    const fail = (error: string): DownloadResult => ({ ckycId: ask.ckycId, state: 'failed', error });
    const held = this.registry.find(ask.ckycId);
    if (!held) return fail(`No record with CKYC number ${ask.ckycId} in the registry.`);
    // Every value given must match what the registry holds; one it does not keep is taken on trust.
    if (ask.dobKey !== null && held.dobKey !== null && ask.dobKey !== held.dobKey) return fail('The date of birth does not match the registry’s record for this CKYC number.');
    if (ask.mobileKey !== null && held.mobileKey !== null && ask.mobileKey !== held.mobileKey) return fail('The mobile number does not match the one registered for this CKYC number.');
    return { ckycId: ask.ckycId, state: 'succeeded', error: null };
  }

  summary(request: DownloadRequest) {
    const { state, updatedAt } = this.liveState(request);
    const results = request.terminal?.results;
    return {
      client_id: request.clientId,
      state,
      batch_file_name: request.batchFileName,
      individuals_count: request.asks.length,
      individuals_succeeded: results ? results.filter((r) => r.state === 'succeeded').length : null,
      individuals_failed: results ? results.filter((r) => r.state === 'failed').length : null,
      error: request.terminal?.error ?? null,
      created_at: new Date(request.receivedAt).toISOString(),
      updated_at: new Date(updatedAt).toISOString(),
    };
  }

  /** The terminal answer's individuals, each with the person the registry holds when it succeeded. */
  individuals(request: DownloadRequest) {
    return (request.terminal?.results ?? []).map((result) => ({
      ckyc_id: result.ckycId,
      state: result.state,
      error: result.error,
      person: result.state === 'succeeded' ? (this.registry.find(result.ckycId)?.person ?? null) : null,
    }));
  }
}

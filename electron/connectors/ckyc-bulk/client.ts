import { requestJson, type HttpOutcome } from '../../transport/http-client';
import {
  BULK_PATHS,
  clientDetailsResponseSchema,
  initializeResponseSchema,
  statusCheckResponseSchema,
  statusResponseSchema,
  type ClientDetailsItem,
  type InitializeRequest,
} from './wire';
import type { z } from 'zod';

export interface CkycBulkConnection {
  baseUrl: string;
  token: string;
  timeoutMs: number;
}

export type BatchKind = 'upload' | 'update';
export type InitializeOutcome = HttpOutcome<z.output<typeof initializeResponseSchema>>;
export type StatusOutcome = HttpOutcome<z.output<typeof statusResponseSchema>>;
export type StatusCheckOutcome = HttpOutcome<z.output<typeof statusCheckResponseSchema>>;
/** The registry's entry for a batch file name, or null when it holds none by that name. */
export type FindBatchOutcome = { ok: true; batch: ClientDetailsItem | null } | { ok: false; failure: Extract<HttpOutcome<unknown>, { ok: false }>['failure'] };

/** The most entries one look-up by name reads; names are unique, so more than one is already odd. */
const SEARCH_PAGE_SIZE = 100;

/** Seed 000's bulk API: initialize a batch of individuals, follow its status, look it up by name. */
export class CkycBulkClient {
  constructor(private readonly connection: CkycBulkConnection) {}

  get baseUrl(): string {
    return this.connection.baseUrl;
  }

  initialize(kind: BatchKind, request: InitializeRequest): Promise<InitializeOutcome> {
    const path = kind === 'upload' ? BULK_PATHS.uploadInitialize : BULK_PATHS.updateInitialize;
    return requestJson({ url: this.url(path), body: request, headers: this.auth(), timeoutMs: this.connection.timeoutMs }, initializeResponseSchema);
  }

  status(clientId: string): Promise<StatusOutcome> {
    return requestJson(
      { url: this.url(BULK_PATHS.status), body: { client_id: clientId }, headers: this.auth(), timeoutMs: this.connection.timeoutMs },
      statusResponseSchema,
    );
  }

  /** Per-individual results of a finished batch: which were accepted (with their CKYC number) and why the others were not. */
  statusCheck(kind: BatchKind, clientId: string): Promise<StatusCheckOutcome> {
    const path = kind === 'upload' ? BULK_PATHS.uploadStatusCheck : BULK_PATHS.updateStatusCheck;
    return requestJson({ url: this.url(path), body: { client_id: clientId }, headers: this.auth(), timeoutMs: this.connection.timeoutMs }, statusCheckResponseSchema);
  }

  /**
   * Does the registry hold a batch by this file name? get-client-details' `search` matches parts of
   * names, so the answer is compared exactly here: only the very name counts.
   */
  async findBatch(kind: BatchKind, batchFileName: string): Promise<FindBatchOutcome> {
    const url = new URL(BULK_PATHS.clientDetails, this.connection.baseUrl);
    url.search = new URLSearchParams({ status_type: kind, search: batchFileName, page: '1', page_size: String(SEARCH_PAGE_SIZE) }).toString();
    const outcome = await requestJson({ url: url.toString(), method: 'GET', headers: this.auth(), timeoutMs: this.connection.timeoutMs }, clientDetailsResponseSchema);
    if (!outcome.ok) return outcome;
    return { ok: true, batch: outcome.body.data.items.find((item) => item.batch_file_name === batchFileName) ?? null };
  }

  private url(path: string): string {
    return new URL(path, this.connection.baseUrl).toString();
  }

  private auth(): Record<string, string> {
    return { authorization: `Bearer ${this.connection.token}` };
  }
}

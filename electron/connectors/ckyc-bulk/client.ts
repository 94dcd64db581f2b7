import { requestJson, type HttpOutcome } from '../../transport/http-client';
import { BULK_PATHS, initializeResponseSchema, statusResponseSchema, type InitializeRequest } from './wire';
import type { z } from 'zod';

export interface CkycBulkConnection {
  baseUrl: string;
  token: string;
  timeoutMs: number;
}

export type InitializeOutcome = HttpOutcome<z.output<typeof initializeResponseSchema>>;
export type StatusOutcome = HttpOutcome<z.output<typeof statusResponseSchema>>;

/** Seed 000's bulk API: initialize a batch of individuals, then follow its status. */
export class CkycBulkClient {
  constructor(private readonly connection: CkycBulkConnection) {}

  get baseUrl(): string {
    return this.connection.baseUrl;
  }

  initialize(kind: 'upload' | 'update', request: InitializeRequest): Promise<InitializeOutcome> {
    const path = kind === 'upload' ? BULK_PATHS.uploadInitialize : BULK_PATHS.updateInitialize;
    return requestJson({ url: this.url(path), body: request, headers: this.auth(), timeoutMs: this.connection.timeoutMs }, initializeResponseSchema);
  }

  status(clientId: string): Promise<StatusOutcome> {
    return requestJson(
      { url: this.url(BULK_PATHS.status), body: { client_id: clientId }, headers: this.auth(), timeoutMs: this.connection.timeoutMs },
      statusResponseSchema,
    );
  }

  private url(path: string): string {
    return new URL(path, this.connection.baseUrl).toString();
  }

  private auth(): Record<string, string> {
    return { authorization: `Bearer ${this.connection.token}` };
  }
}

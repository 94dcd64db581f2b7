import type { z } from 'zod';
import { requestJson, type HttpFailure, type HttpOutcome } from '../../transport/http-client';
import { endpointUrl } from '../endpoint-url';
import { withBearer } from './bearer';
import type { CkycBulkConnection } from './client';
import { DOWNLOAD_PATHS, downloadInitializeResponseSchema, downloadStatusResponseSchema, type DownloadInitializeRequest } from './download-wire';
import { downloadClientsResponseSchema, type DownloadClientItem } from './management-wire';

export type DownloadInitializeOutcome = HttpOutcome<z.output<typeof downloadInitializeResponseSchema>>;
export type DownloadStatusOutcome = HttpOutcome<z.output<typeof downloadStatusResponseSchema>>;
/** The registry's entry for a download's batch file name, or null when it holds none by that name. */
export type FindDownloadOutcome = { ok: true; download: DownloadClientItem | null } | { ok: false; failure: HttpFailure };

/** The most entries one look-up by name reads; names are unique, so more than one is already odd. */
const SEARCH_PAGE_SIZE = 100;

/**
 * Seed 000's bulk download (download-wire.ts): initialize a download of people by CKYC number,
 * follow its status, and find it by our batch file name after a lost answer
 * (get-bulk-download-clients?search=). The same connection, transport and token as
 * CkycBulkClient; every answer is an HttpOutcome, never a throw.
 */
export class CkycDownloadClient {
  constructor(private readonly connection: CkycBulkConnection) {}

  initialize(request: DownloadInitializeRequest): Promise<DownloadInitializeOutcome> {
    return this.post(DOWNLOAD_PATHS.initialize, request, downloadInitializeResponseSchema);
  }

  status(clientId: string): Promise<DownloadStatusOutcome> {
    return this.post(DOWNLOAD_PATHS.status, { client_id: clientId }, downloadStatusResponseSchema);
  }

  /** `search` matches parts of names at the registry, so only the very name counts here. */
  async findByName(batchFileName: string): Promise<FindDownloadOutcome> {
    // Read at each request: a live connection's base URL an admin fixes applies to the next one.
    const url = endpointUrl(this.connection.baseUrl, DOWNLOAD_PATHS.clients, { search: batchFileName, page: '1', page_size: String(SEARCH_PAGE_SIZE) });
    const outcome = await withBearer(this.connection.token, (headers) => requestJson({ url, method: 'GET', headers, timeoutMs: this.connection.timeoutMs }, downloadClientsResponseSchema));
    if (!outcome.ok) return outcome;
    return { ok: true, download: outcome.body.data.items.find((item) => item.batch_file_name === batchFileName) ?? null };
  }

  private post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<HttpOutcome<z.output<S>>> {
    const url = endpointUrl(this.connection.baseUrl, path);
    return withBearer(this.connection.token, (headers) => requestJson({ url, body, headers, timeoutMs: this.connection.timeoutMs }, schema));
  }
}

import { z } from 'zod';
import { requestJson, type HttpOutcome } from '../../transport/http-client';
import { endpointUrl } from '../endpoint-url';
import { withBearer } from './bearer';
import type { CkycBulkConnection } from './client';
import {
  MANAGEMENT_PATHS,
  chartDataResponseSchema,
  downloadClientsResponseSchema,
  type ChartDataQuery,
  type ChartDataResponse,
  type DownloadClientsQuery,
  type DownloadClientsResponse,
} from './management-wire';
import { BULK_PATHS, clientDetailsResponseSchema, type ClientDetailsQuery, type ClientDetailsResponse } from './wire';

/**
 * sftp-health read for a person: any status text the registry sends is kept (wire.ts's
 * sftpHealthResponseSchema, which the connection test uses, knows only up and down); a word we do
 * not know is shown as the registry said it, never taken for "up".
 */
export const sftpHealthAnswerSchema = z.object({
  success: z.literal(true),
  data: z.object({ status: z.string().min(1).max(100) }),
});
export type SftpHealthAnswer = z.infer<typeof sftpHealthAnswerSchema>;

/** A query as URL parameters: what is set, as text; what is not, left out. */
function params(query: Record<string, string | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') out[key] = String(value);
  return out;
}

/**
 * Seed 000's management endpoints, for the Registry screen: the list of upload and update
 * requests (get-client-details), the bulk download requests (get-bulk-download-clients), the
 * activity charts (chart-data) and sftp-health. Same connection, transport and token as
 * CkycBulkClient; every answer is an HttpOutcome, never a throw. These are reads: a failure is
 * shown to a person, nothing is retried here.
 */
export class CkycManagementClient {
  constructor(private readonly connection: CkycBulkConnection) {}

  requests(query: ClientDetailsQuery): Promise<HttpOutcome<ClientDetailsResponse>> {
    return this.get(BULK_PATHS.clientDetails, params(query), clientDetailsResponseSchema);
  }

  downloadClients(query: DownloadClientsQuery): Promise<HttpOutcome<DownloadClientsResponse>> {
    return this.get(MANAGEMENT_PATHS.downloadClients, params(query), downloadClientsResponseSchema);
  }

  chartData(query: ChartDataQuery): Promise<HttpOutcome<ChartDataResponse>> {
    return this.get(MANAGEMENT_PATHS.chartData, params(query), chartDataResponseSchema);
  }

  sftpHealth(): Promise<HttpOutcome<SftpHealthAnswer>> {
    return this.get(BULK_PATHS.sftpHealth, {}, sftpHealthAnswerSchema);
  }

  private get<S extends z.ZodType>(path: string, query: Record<string, string>, schema: S): Promise<HttpOutcome<z.output<S>>> {
    // Read at each request: a live connection's base URL an admin fixes applies to the next one.
    const url = endpointUrl(this.connection.baseUrl, path, Object.keys(query).length > 0 ? query : undefined);
    return withBearer(this.connection.token, (headers) => requestJson({ url, method: 'GET', headers, timeoutMs: this.connection.timeoutMs }, schema));
  }
}

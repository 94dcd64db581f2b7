import { randomBytes } from 'node:crypto';
import { downloadInitializeRequestSchema, downloadStatusRequestSchema } from '../../connectors/ckyc-bulk/download-wire';
import { downloadClientsQuerySchema } from '../../connectors/ckyc-bulk/management-wire';
import type { RemoteState } from '../../connectors/ckyc-bulk/wire';
import { HttpProblem, zodDetails } from '../shell/http';
import type { BatchLifecycle } from './batch-lifecycle';
import type { DownloadLifecycle, DownloadRequest } from './download-lifecycle';

/**
 * Seed 000's bulk download: `/ckyc-upload/download/initialize`, `/ckyc-upload/download/status`
 * and `/ckyc-upload/get-bulk-download-clients`. An individual without dob and mobile_number
 * refuses the request (400, as the seed requires one of the two); a wrong one, or an unknown
 * CKYC number, fails that individual only, when the download settles (download-lifecycle.ts).
 */
export function downloadInitialize(batches: BatchLifecycle, downloads: DownloadLifecycle, body: unknown) {
  const parsed = downloadInitializeRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new HttpProblem(400, 'INVALID_REQUEST', 'The request does not match download/initialize: each individual needs a ckyc_id and a dob (YYYY-MM-DD) or a mobile_number (10 digits).', zodDetails(parsed.error));
  }
  const { data } = parsed.data;
  const existing = downloads.clientIdFor(data.batch_file_name);
  if (existing) throw new HttpProblem(409, 'DUPLICATE_BATCH', `Batch file name ${data.batch_file_name} was already received as ${existing}.`);
  const request: DownloadRequest = {
    clientId: `ckyc_dl_${randomBytes(8).toString('hex')}`,
    batchFileName: data.batch_file_name,
    receivedAt: batches.now(),
    asks: data.individuals.map((individual) => ({
      ckycId: individual.ckyc_id,
      dobKey: individual.dob === undefined ? null : batches.keyOf(`dob:${individual.dob}`),
      mobileKey: individual.mobile_number === undefined ? null : batches.keyOf(`mobile:${individual.mobile_number}`),
    })),
  };
  downloads.add(request);
  return { success: true, data: { client_id: request.clientId, state: 'pending' satisfies RemoteState, batch_file_name: request.batchFileName } };
}

/** The download's summary; its individuals, with each person found, once it is terminal. */
export function downloadStatus(downloads: DownloadLifecycle, body: unknown) {
  const parsed = downloadStatusRequestSchema.safeParse(body);
  if (!parsed.success) throw new HttpProblem(400, 'INVALID_REQUEST', 'The request needs a client_id.', zodDetails(parsed.error));
  const request = downloads.settle(downloads.find(parsed.data.client_id));
  const { created_at: _created, individuals_succeeded: _ok, individuals_failed: _failed, ...summary } = downloads.summary(request);
  return { success: true, data: { ...summary, ...(request.terminal ? { individuals: downloads.individuals(request) } : {}) } };
}

/** The bulk downloads received, newest first, filtered by state and by search on client_id or batch_file_name. */
export function downloadClients(downloads: DownloadLifecycle, params: URLSearchParams) {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in raw) throw new HttpProblem(400, 'INVALID_REQUEST', `The query parameter ${key} is given twice.`);
    if (value !== '') raw[key] = value;
  }
  const parsed = downloadClientsQuerySchema.safeParse(raw);
  if (!parsed.success) throw new HttpProblem(400, 'INVALID_REQUEST', 'The query does not match get-bulk-download-clients (page, page_size up to 100, state, search).', zodDetails(parsed.error));
  const query = parsed.data;
  const search = query.search?.toLowerCase();
  const items = downloads
    .all()
    .filter((r) => search === undefined || r.clientId.toLowerCase().includes(search) || r.batchFileName.toLowerCase().includes(search))
    .map((r) => downloads.summary(downloads.settle(r)))
    .filter((item) => query.state === undefined || item.state === query.state)
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || a.client_id.localeCompare(b.client_id));
  const start = (query.page - 1) * query.page_size;
  return {
    success: true,
    data: { items: items.slice(start, start + query.page_size), page: query.page, page_size: query.page_size, total: items.length, total_pages: Math.ceil(items.length / query.page_size) },
  };
}

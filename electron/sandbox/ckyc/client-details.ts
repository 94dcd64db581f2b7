import { clientDetailsQuerySchema, type ClientDetailsItem } from '../../connectors/ckyc-bulk/wire';
import { HttpProblem, iso, zodDetails } from '../shell/http';
import type { BatchLifecycle } from './batch-lifecycle';
import type { SandboxRequest } from './batch-state';

/**
 * `/ckyc-upload/get-client-details` (the management list): batches of one status_type, filtered
 * by date range, search text and state, newest first, one page at a time.
 */
export function clientDetails(batches: BatchLifecycle, params: URLSearchParams) {
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
  const items: ClientDetailsItem[] = batches.state
    .all()
    .filter((r) => r.kind === query.status_type && r.receivedAt >= from && r.receivedAt <= to)
    .filter((r) => search === undefined || r.clientId.toLowerCase().includes(search) || r.batchFileName.toLowerCase().includes(search))
    .map((r) => itemOf(batches, batches.settle(r)))
    .filter((item) => query.state === undefined || item.state === query.state)
    .sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? '') || a.client_id.localeCompare(b.client_id));
  const start = (query.page - 1) * query.page_size;
  return {
    success: true,
    data: { items: items.slice(start, start + query.page_size), page: query.page, page_size: query.page_size, total: items.length, total_pages: Math.ceil(items.length / query.page_size) },
  };
}

function itemOf(batches: BatchLifecycle, r: SandboxRequest): ClientDetailsItem {
  const s = batches.summary(r);
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
}

import { createHash, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { UPDATE_MAX_BYTES, type UpdateRow } from '../../../shared/bulk-update/update-columns';
import { PARENT_COMPANY_ID } from '../../../shared/bulk-update/parent-company-id';
import { parseUpdateFile } from '../../connectors/bulk-update/update-file';
import { BULK_UPDATE_FILE_FIELD, BULK_UPDATE_PATH, PARENT_COMPANY_QUERY, type ErrorType } from '../../connectors/bulk-update/wire';
import { isBearerOf } from '../shell/auth';
import { HttpProblem, readBody, type Answer } from '../shell/http';
import { multipartBoundary, MultipartError, parseMultipart } from '../shell/multipart';
import type { RouteCall, SandboxRoute } from '../shell/router';
import type { CustomerMaster } from './customer-master';
import { judgeRow, TRAINING_PARENT_COMPANY_ID } from './platform-rules';
import { RESULT_FILES_PATH, type ResultFiles, type ResultRow } from './result-files';

/**
 * The Training platform's bulk customer update (seed 004): `POST /api/v0/customer/bulk/update`,
 * multipart with `file` and the optional query `parentCompanyId`, answered in the seed's one
 * envelope — `{ response_code, response_message, payload, errorResponse }` — with each of its
 * documented statuses: 200 (counts and result files; rows fail one by one), 400 VALIDATION_ERROR
 * (no file, a malformed company id, a body that is not multipart), 401 UNAUTHORIZED, 403
 * INVALID_ACCESS (another company), 404 RECORD_NOT_FOUND (a result file that is not there), 422
 * UNPROCESSABLE_REQUEST (a file that is not a CSV of the update columns), 500 only from faults.
 */
export interface BulkUpdateRouteDeps {
  token: string;
  master: CustomerMaster;
  files: ResultFiles;
  now: () => number;
}

/** The body a multipart upload may have: the largest update file and its multipart framing. */
const MAX_UPLOAD_BYTES = UPDATE_MAX_BYTES + 64 * 1024;

export function bulkUpdateRoutes(deps: BulkUpdateRouteDeps): SandboxRoute[] {
  return [
    { paths: [BULK_UPDATE_PATH], method: 'ANY', trailingSlash: true, handle: (call) => bulkUpdate(deps, call) },
    { paths: [RESULT_FILES_PATH], method: 'ANY', prefix: true, handle: (call) => resultFile(deps, call) },
  ];
}

/** `yyyy-MM-dd HH:mm:ss` in UTC, as the seed's example shows the timestamp. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function refusal(deps: BulkUpdateRouteDeps, status: number, errorType: ErrorType, errorMessage: string, apiSubErrors: object[] = []): Answer {
  return {
    status,
    body: { response_code: status, response_message: errorMessage, payload: null, errorResponse: { errorType, errorMessage, requestId: randomUUID(), timestamp: stamp(deps.now()), apiSubErrors } },
  };
}

function unauthorized(deps: BulkUpdateRouteDeps, req: http.IncomingMessage): Answer | null {
  return isBearerOf(req.headers.authorization, deps.token) ? null : refusal(deps, 401, 'UNAUTHORIZED', 'Full authentication is required: the bearer token is missing or not valid.');
}

async function bulkUpdate(deps: BulkUpdateRouteDeps, { req, url }: RouteCall): Promise<Answer> {
  if (req.method !== 'POST') return refusal(deps, 400, 'CLIENT_REQUEST_ERROR', `Use POST, not ${req.method ?? '?'}.`);
  const refused = unauthorized(deps, req);
  if (refused) return refused;
  const company = url.searchParams.get(PARENT_COMPANY_QUERY);
  if (company !== null && !PARENT_COMPANY_ID.test(company)) {
    return refusal(deps, 400, 'VALIDATION_ERROR', 'Validation failed.', [{ object: 'request', field: PARENT_COMPANY_QUERY, message: 'must match "^CEK[A-Z0-9]{7}$"' }]);
  }
  if (company !== null && company !== TRAINING_PARENT_COMPANY_ID) return refusal(deps, 403, 'INVALID_ACCESS', 'You have no access to this parent company.');
  let file: Buffer;
  try {
    const parts = parseMultipart(await readBody(req, MAX_UPLOAD_BYTES), multipartBoundary(req.headers['content-type']));
    const part = parts.get(BULK_UPDATE_FILE_FIELD);
    if (!part) return refusal(deps, 400, 'VALIDATION_ERROR', 'Validation failed.', [{ object: 'request', field: BULK_UPDATE_FILE_FIELD, message: 'is required' }]);
    file = part.data;
  } catch (error) {
    if (error instanceof MultipartError) return refusal(deps, 400, 'VALIDATION_ERROR', error.message);
    if (error instanceof HttpProblem && error.status === 413) return refusal(deps, 400, 'VALIDATION_ERROR', `The file is larger than ${UPDATE_MAX_BYTES} bytes.`);
    throw error;
  }
  const parsed = parseUpdateFile(file);
  if (!parsed.ok) return refusal(deps, 422, 'UNPROCESSABLE_REQUEST', parsed.problem, [{ object: 'file', field: BULK_UPDATE_FILE_FIELD, message: parsed.problem }]);
  return settle(deps, req, parsed.rows, createHash('sha256').update(file).digest('hex'));
}

/** Judge every row, apply those that pass to the master (ledger first), write both result files, answer the counts. */
function settle(deps: BulkUpdateRouteDeps, req: http.IncomingMessage, rows: readonly UpdateRow[], fileSha256: string): Answer {
  const requestId = randomUUID();
  const seen = new Set<string>();
  const verdicts = rows.map((row) => ({ row, verdict: judgeRow(row, seen) }));
  const passed = verdicts.filter((entry) => entry.verdict.ok).map((entry) => entry.row);
  const { unchangedReferences } = deps.master.apply(passed, { requestId, fileSha256, at: new Date(deps.now()).toISOString() });
  const successes: ResultRow[] = passed.map((row) =>
    unchangedReferences.has(row.customer_reference) ? { row, status: 'WARNING', reason: 'No change: the platform already held these values.' } : { row, status: 'SUCCESS', reason: '' },
  );
  const failures: ResultRow[] = verdicts.flatMap(({ row, verdict }) => (verdict.ok ? [] : [{ row, status: 'FAILED' as const, reason: verdict.reason }]));
  const origin = `${(req.socket as { encrypted?: boolean }).encrypted === true ? 'https' : 'http'}://${req.headers.host ?? '127.0.0.1'}`;
  const successName = `${requestId}_success.csv`;
  const failureName = `${requestId}_failure.csv`;
  deps.files.write(successName, successes);
  deps.files.write(failureName, failures);
  const position = new Map(rows.map((row, index) => [row, index + 1]));
  return {
    status: 200,
    body: {
      response_code: 0,
      response_message: failures.length === 0 ? 'Bulk update processed.' : 'Bulk update processed with failures.',
      payload: {
        total_count: rows.length,
        success_count: successes.length,
        failure_count: failures.length,
        failure_count_second_file: 0,
        warn_count: successes.filter((entry) => entry.status === 'WARNING').length,
        total_amount: 0,
        success_file_name: successName,
        success_file_url: `${origin}${RESULT_FILES_PATH}${successName}`,
        failure_file_name: failureName,
        failure_file_url: `${origin}${RESULT_FILES_PATH}${failureName}`,
        successRequests: successes.map((entry) => ({ row: position.get(entry.row), customer_reference: entry.row.customer_reference, status: entry.status })),
        failureRequests: failures.map((entry) => ({ row: position.get(entry.row), customer_reference: entry.row.customer_reference, reason: entry.reason })),
      },
      errorResponse: null,
    },
  };
}

function resultFile(deps: BulkUpdateRouteDeps, { req, url }: RouteCall): Answer {
  if (req.method !== 'GET') return refusal(deps, 400, 'CLIENT_REQUEST_ERROR', `Use GET, not ${req.method ?? '?'}.`);
  const refused = unauthorized(deps, req);
  if (refused) return refused;
  const bytes = deps.files.read(decodeURIComponent(url.pathname.slice(RESULT_FILES_PATH.length)));
  if (!bytes) return refusal(deps, 404, 'RECORD_NOT_FOUND', 'There is no result file by that name.');
  return { status: 200, body: bytes, headers: { 'content-type': 'text/csv; charset=utf-8' } };
}

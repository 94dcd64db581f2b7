import { DOWNLOAD_PATHS } from '../../connectors/ckyc-bulk/download-wire';
import { MANAGEMENT_PATHS } from '../../connectors/ckyc-bulk/management-wire';
import { BULK_PATHS } from '../../connectors/ckyc-bulk/wire';
import { bearerToken, isBearerOf } from '../shell/auth';
import { HttpProblem, MAX_BODY_BYTES, ok, readBody, readJson, type Answer } from '../shell/http';
import type { RouteCall, SandboxRoute } from '../shell/router';
import type { BatchLifecycle } from './batch-lifecycle';
import { initialize } from './bulk-initialize';
import { status, statusCheck } from './bulk-status';
import { downloadClients, downloadInitialize, downloadStatus } from './bulk-download';
import { uploadFile } from './bulk-upload';
import { chartData } from './chart-data';
import { clientDetails } from './client-details';
import type { DownloadLifecycle } from './download-lifecycle';
import { RECORDS_API_SANDBOX_PATHS, type RecordsApiSandbox } from './records-api';

/**
 * The CKYC service's route table: the bulk API (seed 000, behind the bearer check) and the records
 * API with its token endpoint (seed 001, seed 002 §1, which answer in their own envelope and check
 * their own tokens).
 */
export interface CkycRouteDeps {
  batches: BatchLifecycle;
  downloads: DownloadLifecycle;
  /** What sftp-health reports now (the admin switch and the `sftp_down` fault). */
  sftpStatus: () => 'up' | 'down';
  recordsApi: RecordsApiSandbox;
  /** The token an admin pastes in Training mode. */
  pastedToken: string;
  maxUploadBytes: number;
}

export function ckycRoutes(deps: CkycRouteDeps): SandboxRoute[] {
  const { batches, downloads } = deps;
  const guard = bulkTokenGuard(deps);
  const bulk = (path: string, method: 'GET' | 'POST', handle: (call: RouteCall) => Promise<unknown> | unknown): SandboxRoute => ({
    paths: [path],
    method,
    guard,
    handle: async (call) => ok(await handle(call)),
  });
  return [
    { paths: RECORDS_API_SANDBOX_PATHS, method: 'ANY', trailingSlash: true, handle: (call) => recordsApiAnswer(deps.recordsApi, call) },
    bulk(BULK_PATHS.uploadInitialize, 'POST', async ({ req }) => initialize(batches, 'upload', await readJson(req))),
    bulk(BULK_PATHS.updateInitialize, 'POST', async ({ req }) => initialize(batches, 'update', await readJson(req))),
    bulk(BULK_PATHS.status, 'POST', async ({ req }) => status(batches, await readJson(req))),
    bulk(BULK_PATHS.uploadUploadFile, 'POST', async ({ req }) => uploadFile(batches, 'upload', req.headers['content-type'], await readBody(req, deps.maxUploadBytes))),
    bulk(BULK_PATHS.updateUploadFile, 'POST', async ({ req }) => uploadFile(batches, 'update', req.headers['content-type'], await readBody(req, deps.maxUploadBytes))),
    bulk(BULK_PATHS.uploadStatusCheck, 'POST', async ({ req }) => statusCheck(batches, 'upload', await readJson(req))),
    bulk(BULK_PATHS.updateStatusCheck, 'POST', async ({ req }) => statusCheck(batches, 'update', await readJson(req))),
    bulk(BULK_PATHS.clientDetails, 'GET', ({ url }) => clientDetails(batches, url.searchParams)),
    bulk(BULK_PATHS.sftpHealth, 'GET', () => ({ success: true, data: { status: deps.sftpStatus() } })),
    bulk(DOWNLOAD_PATHS.initialize, 'POST', async ({ req }) => downloadInitialize(batches, downloads, await readJson(req))),
    bulk(DOWNLOAD_PATHS.status, 'POST', async ({ req }) => downloadStatus(downloads, await readJson(req))),
    bulk(MANAGEMENT_PATHS.downloadClients, 'GET', ({ url }) => downloadClients(downloads, url.searchParams)),
    bulk(MANAGEMENT_PATHS.chartData, 'GET', ({ url }) => chartData(batches, downloads, url.searchParams)),
  ];
}

/**
 * The bulk API takes the pasted token, or a JWT from the token endpoint (seed 002) as long as it
 * has not expired — so a batch that outlives its token meets a 401 mid-way, as with the vendor.
 */
function bulkTokenGuard(deps: CkycRouteDeps): (call: RouteCall) => void {
  return ({ req }) => {
    const header = req.headers.authorization;
    if (isBearerOf(header, deps.pastedToken)) return;
    const bearer = bearerToken(header);
    const problem = bearer === undefined ? 'missing' : deps.recordsApi.tokenProblem(bearer);
    if (problem === null) return;
    throw new HttpProblem(401, 'UNAUTHORIZED', problem === 'expired' ? 'Token expired.' : 'Invalid or missing token.');
  };
}

async function recordsApiAnswer(recordsApi: RecordsApiSandbox, { req }: RouteCall): Promise<Answer> {
  let text: string;
  try {
    text = (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
  } catch (error) {
    if (error instanceof HttpProblem && error.status === 413) return { status: 413, body: { detail: {}, message: 'The request body is too large.' } };
    throw error;
  }
  const answer = recordsApi.handle(req.method ?? 'GET', req.url ?? '/', req.headers, text);
  return { status: answer.status, body: answer.body };
}

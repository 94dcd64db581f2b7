import { createHash } from 'node:crypto';
import { UPLOAD_FILE_FIELDS } from '../../connectors/ckyc-bulk/wire';
import { HttpProblem } from '../shell/http';
import { multipartBoundary, MultipartError, parseMultipart } from '../shell/multipart';
import type { BatchLifecycle } from './batch-lifecycle';
import type { SandboxRequest } from './batch-state';

/**
 * `/ckyc-upload/{upload,update}/upload-file`: the batch ZIP as multipart/form-data with its
 * client_id and, optionally, its SHA-256. A repeat of the same file is answered as received; a
 * different file for a batch that has one is refused (409).
 */
export function uploadFile(batches: BatchLifecycle, kind: 'upload' | 'update', contentType: string | undefined, body: Buffer) {
  let parts;
  try {
    parts = parseMultipart(body, multipartBoundary(contentType));
  } catch (error) {
    if (error instanceof MultipartError) throw new HttpProblem(400, 'INVALID_MULTIPART', error.message);
    throw error;
  }
  const clientId = parts.get(UPLOAD_FILE_FIELDS.clientId)?.data.toString('utf8').trim();
  const file = parts.get(UPLOAD_FILE_FIELDS.file);
  const declaredSha = parts.get(UPLOAD_FILE_FIELDS.sha256)?.data.toString('utf8').trim().toLowerCase();
  if (!clientId) throw new HttpProblem(400, 'INVALID_REQUEST', `The form needs a ${UPLOAD_FILE_FIELDS.clientId} field.`);
  if (!file || file.filename === null) throw new HttpProblem(400, 'INVALID_REQUEST', `The form needs the batch ZIP as a file in the ${UPLOAD_FILE_FIELDS.file} field.`);
  if (declaredSha !== undefined && !/^[0-9a-f]{64}$/.test(declaredSha)) throw new HttpProblem(400, 'INVALID_REQUEST', 'sha256 must be 64 hex digits.');
  const request = batches.settle(batches.find(clientId));
  if (request.kind !== kind) throw new HttpProblem(400, 'WRONG_ROUTE', `${clientId} is an ${request.kind} batch: send its file to /ckyc-upload/${request.kind}/upload-file.`);
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  if (declaredSha !== undefined && declaredSha !== sha256) {
    throw new HttpProblem(400, 'CHECKSUM_MISMATCH', `The file's SHA-256 is ${sha256}, not the ${declaredSha} sent with it: it was damaged on the way. Nothing was kept.`);
  }
  const answer = (r: SandboxRequest, already: boolean) => ({
    success: true,
    data: { client_id: r.clientId, state: batches.liveState(r).state, batch_file_name: r.batchFileName, sha256, bytes: file.data.length, already_received: already },
  });
  if (request.file) {
    if (request.file.sha256 === sha256) return answer(request, true);
    throw new HttpProblem(409, 'FILE_ALREADY_RECEIVED', `${clientId} already has its batch file (SHA-256 ${request.file.sha256}); a batch takes one file.`);
  }
  return answer(batches.takeFile(request, file.data, sha256, file.filename, 'http'), false);
}

import { statusCheckRequestSchema, statusRequestSchema, type StatusCheckIndividual } from '../../connectors/ckyc-bulk/wire';
import { HttpProblem, zodDetails } from '../shell/http';
import { individualsOf, type BatchLifecycle } from './batch-lifecycle';

/** `/ckyc-upload/status`: a batch's summary, settling it first when its time is over. */
export function status(batches: BatchLifecycle, body: unknown) {
  const parsed = statusRequestSchema.safeParse(body);
  if (!parsed.success) throw new HttpProblem(400, 'INVALID_REQUEST', 'The request needs a client_id.', zodDetails(parsed.error));
  return { success: true, data: batches.summary(batches.settle(batches.find(parsed.data.client_id))) };
}

/** `/ckyc-upload/{upload,update}/status-check`: the summary and each individual's state and masks. */
export function statusCheck(batches: BatchLifecycle, kind: 'upload' | 'update', body: unknown) {
  const parsed = statusCheckRequestSchema.safeParse(body);
  if (!parsed.success) throw new HttpProblem(400, 'INVALID_REQUEST', 'The request needs a client_id.', zodDetails(parsed.error));
  const request = batches.settle(batches.find(parsed.data.client_id));
  if (request.kind !== kind) throw new HttpProblem(400, 'WRONG_ROUTE', `${request.clientId} is an ${request.kind} batch: ask /ckyc-upload/${request.kind}/status-check.`);
  const summary = batches.summary(request);
  const results = new Map((request.terminal?.results ?? []).map((r) => [r.kycRefNo, r]));
  const individuals: StatusCheckIndividual[] = individualsOf(request).map((individual) => {
    const result = results.get(individual.kycRefNo);
    return {
      kyc_ref_no: individual.kycRefNo,
      request: { pan_masked: individual.panMasked, mobile_masked: individual.mobileMasked, image_files: individual.imageFiles ?? [] },
      state: result ? result.state : summary.state === 'processing' ? 'processing' : 'pending',
      ckyc_number: result?.ckycNumber ?? null,
      error: result?.error ?? null,
    };
  });
  return { success: true, data: { ...summary, status_type: request.kind, individuals } };
}

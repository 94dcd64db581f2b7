import { randomBytes } from 'node:crypto';
import { localToday } from '../../../shared/validation/dates';
import { maskMobile, maskPan } from '../../../shared/record/masking';
import { initializeRequestSchema, type RemoteState } from '../../connectors/ckyc-bulk/wire';
import { wireIndividualProblems } from '../../connectors/ckyc-bulk/map-individual';
import { HttpProblem, zodDetails } from '../shell/http';
import type { BatchLifecycle } from './batch-lifecycle';
import type { SandboxIndividual, SandboxRequest } from './batch-state';

/**
 * `/ckyc-upload/{upload,update}/initialize` (seed 000): a batch is stored under a new client_id
 * with each individual judged by the shared rules on receipt. Only masks and keyed hashes of what
 * a customer gave are kept (batch-state.ts).
 */
export function initialize(batches: BatchLifecycle, kind: 'upload' | 'update', body: unknown) {
  const parsed = initializeRequestSchema.safeParse(body);
  if (!parsed.success) throw new HttpProblem(400, 'INVALID_REQUEST', 'The request does not match the initialize schema.', zodDetails(parsed.error));
  const { data } = parsed.data;
  const existing = batches.state.clientIdForBatch(data.batch_file_name);
  if (existing) {
    throw new HttpProblem(409, 'DUPLICATE_BATCH', `Batch file name ${data.batch_file_name} was already received as ${existing}.`);
  }
  const refs = data.individuals.map((individual) => individual.kyc_ref_no);
  if (new Set(refs).size !== refs.length) throw new HttpProblem(400, 'DUPLICATE_REFERENCE', 'A kyc_ref_no appears twice in this batch.');

  const today = localToday(new Date(batches.now()));
  const ruleErrors: string[] = [];
  const individuals = data.individuals.map((individual) => {
    const kept = keptIndividual(batches, individual, wireIndividualProblems(individual, today));
    if (kept.ruleProblems.length > 0) ruleErrors.push(`${individual.kyc_ref_no}: ${kept.ruleProblems.join(' ')}`);
    return kept;
  });
  const request: SandboxRequest = {
    clientId: `ckyc_${randomBytes(8).toString('hex')}`,
    kind,
    batchFileName: data.batch_file_name,
    receivedAt: batches.now(),
    kycRefs: refs,
    ruleErrors,
    individuals,
    needsFile: individuals.some((i) => (i.imageFiles?.length ?? 0) > 0),
  };
  batches.state.add(request);
  return { success: true, data: { client_id: request.clientId, state: 'pending' satisfies RemoteState, batch_file_name: request.batchFileName } };
}

type WireIndividual = Parameters<typeof wireIndividualProblems>[0];

/** What the sandbox keeps of one individual: masks, keyed hashes, declared images, rule problems. */
function keptIndividual(batches: BatchLifecycle, individual: WireIndividual, problems: string[]): SandboxIndividual {
  const fullName = [individual.first_name, individual.middle_name, individual.last_name].map((p) => p.trim().toUpperCase()).filter(Boolean).join(' ');
  return {
    kycRefNo: individual.kyc_ref_no,
    panMasked: maskPan(individual.pan),
    mobileMasked: maskMobile(individual.mobile_number),
    panKey: individual.pan === '' ? null : batches.keyOf(`pan:${individual.pan.toUpperCase()}`),
    nameKey: fullName === '' ? null : batches.keyOf(`name:${fullName}`),
    ...(individual.dob === '' ? {} : { dobKey: batches.keyOf(`dob:${individual.dob}`) }),
    ...(individual.mobile_number === '' ? {} : { mobileKey: batches.keyOf(`mobile:${individual.mobile_number}`) }),
    ...(individual.image_files ? { imageFiles: individual.image_files } : {}),
    ...(individual.ckyc_number ? { ckycNumber: individual.ckyc_number } : {}),
    ruleProblems: problems,
  };
}

import type { z } from 'zod';
import { fieldLabel, kycVerifierSchema } from '../../../shared/record/kyc-record';
import type { localToday } from '../../../shared/validation/dates';
import { validateKycRecord } from '../../../shared/validation/kyc-record';
import { isImageFileNameFor } from '../../connectors/ckyc-bulk/batch-csv';
import { fromWireRecord, verifierFromWire, wirePathForRecord } from '../../connectors/ckyc-records/map-record';
import type { RecordErrorsDetail, WireRecord } from '../../connectors/ckyc-records/wire';
import { json, type SandboxAnswer } from './records-answer';

/**
 * How the records API sandbox judges an upload (seed 001): schema problems placed on their record
 * by wire path, then each record with the shared rules, its verifier block and its image names.
 */

/** Schema problems: those inside a record go to that record, by its wire path; the rest to `request`. */
export function schemaRefusal(error: z.ZodError, body: unknown): SandboxAnswer {
  const byRecord = new Map<number, Record<string, string>>();
  const request: Record<string, string> = {};
  for (const issue of error.issues.slice(0, 200)) {
    const [head, index, ...rest] = issue.path.map(String);
    if (head === 'records' && index !== undefined && /^\d+$/.test(index)) {
      const errors = byRecord.get(Number(index)) ?? {};
      errors[rest.join('.')] ??= issue.message;
      byRecord.set(Number(index), errors);
    } else {
      request[issue.path.map(String).join('.')] ??= issue.message;
    }
  }
  const sent = (body as { records?: unknown[] } | null)?.records;
  const records = [...byRecord.entries()].map(([index, errors]) => {
    const ref = (Array.isArray(sent) ? (sent[index] as { kyc_ref_no?: unknown } | undefined)?.kyc_ref_no : undefined) as unknown;
    return { index, ...(typeof ref === 'string' ? { kyc_ref_no: ref } : {}), errors };
  });
  const detail: RecordErrorsDetail = { ...(records.length > 0 ? { records } : {}), ...(Object.keys(request).length > 0 ? { request } : {}) };
  return json(400, { detail, message: 'The request does not match the schema.' });
}

/** One record's problems by wire path, in the registry's words (the form's label taken off). */
export function judgeRecord(wire: WireRecord, today: ReturnType<typeof localToday>): Record<string, string> {
  const errors: Record<string, string> = {};
  const check = validateKycRecord(fromWireRecord(wire), today);
  if (!check.ok) {
    for (const [path, message] of Object.entries(check.errors)) {
      const label = `${fieldLabel(path)}: `;
      errors[wirePathForRecord(path)] ??= message.startsWith(label) ? message.slice(label.length) : message;
    }
  }
  const verifier = kycVerifierSchema.safeParse(verifierFromWire(wire));
  if (!verifier.success) {
    const names: Record<string, string> = {
      name: 'kyc_verifier_name',
      designation: 'kyc_verifier_designation',
      branch: 'kyc_verifier_branch',
      employeeCode: 'kyc_verifier_employee_code',
      organisation: 'kyc_verifier_organisation_name',
      organisationCode: 'kyc_verifier_organisation_code',
    };
    for (const issue of verifier.error.issues) {
      const field = names[String(issue.path[0])] ?? String(issue.path[0]);
      errors[`kyc_verification_details.${field}`] ??= 'Fill this in (at most the registry’s length).';
    }
  }
  wire.images.forEach((image, i) => {
    if (!isImageFileNameFor(image.image_file_name, wire.kyc_ref_no)) {
      errors[`images.${i}.image_file_name`] ??= 'An image file name is <kyc_ref_no>_<any>.<jpg|jpeg|pdf|tif|tiff>, at most 50 characters.';
    }
  });
  return errors;
}

import { CKYC_INDIVIDUAL_KIND_ID } from '../../shared/record-kinds/ckyc-individual';
import type { FieldErrors } from '../../shared/record-kinds/record-kind';
import type { KycRecord, KycVerifier } from '../../shared/record/kyc-record';
import { IMAGE_CODE_PHOTOGRAPH, IMAGE_CODE_SIGNATURE } from '../../shared/codes/ckyc-codes';
import type { Verifier } from '../../shared/sync/verifier';
import type { PushUserDataRequest } from '../connectors/agent-api/agent-api';
import { DOCUMENT_SLOTS, documentSources, mapPushData, type DocumentSlot, type PushSettings } from '../connectors/agent-api/dkyc-mapping';
import { formPathsOf } from '../connectors/agent-api/dkyc-field-paths';
import { applicationFormPdf } from './application-form';
import type { StoredRecord } from '../records/record-repository';

/** What a push is built from: the customer's record, its documents, the institution's codes. */
export interface PushSources {
  /** The customer's stored record (undefined once purged). */
  findRecord: (id: string) => StoredRecord | undefined;
  /** A sealed document's bytes (DocumentStore.get); throws when the file is gone. */
  readDocument: (hash: string) => Uint8Array;
  /** The AMC and institution codes the form needs, or why there are none. */
  pushSettings: () => PushSettings | { problem: string };
}

export type BuiltPush =
  | { ok: true; request: PushUserDataRequest; toFormPaths: (vendorErrors: unknown) => Record<string, string> }
  | { ok: false; errors: FieldErrors; message: string };

/** The batch's verifier (the operator who pushed) as the form's in-person verification block. */
export function kycVerifierOf(verifier: Verifier): KycVerifier {
  return { name: verifier.name, designation: verifier.designation, branch: verifier.branch, employeeCode: verifier.employmentCode, organisation: verifier.organization };
}

/** The customer's record, if it is still here and a CKYC individual. */
export function customerRecord(sources: Pick<PushSources, 'findRecord'>, id: string): StoredRecord<KycRecord> | undefined {
  const found = sources.findRecord(id);
  return found && found.kind === CKYC_INDIVIDUAL_KIND_ID ? found : undefined;
}

/**
 * What stands between a record and its push, by the form's field paths, without reading a single
 * document: a document counts as there when the record names it. The Aadhaar number is typed in
 * the dialog, so its own problem is left out here.
 */
export function pushProblems(record: KycRecord, reference: string, verifier: KycVerifier, settings: PushSettings | { problem: string }): FieldErrors {
  const sources = documentSources(record);
  const documents: Partial<Record<DocumentSlot, Uint8Array>> = {};
  for (const slot of DOCUMENT_SLOTS) if (sources[slot] !== null) documents[slot] = new Uint8Array(1);
  const codes = 'problem' in settings ? { amc: '', institutionCode: '' } : settings;
  const mapped = mapPushData({ record, reference, aadhaar: '', verifier, settings: codes, documents });
  const errors: FieldErrors = mapped.ok ? {} : { ...mapped.errors };
  delete errors.aadhaar;
  if ('problem' in settings) errors.pushSettings = settings.problem;
  return errors;
}

/**
 * The request for one push: the record's documents read now (each decrypted into memory), the
 * application form made from the record, and the typed Aadhaar number copied into uidNo only.
 * A document whose file is gone is named as missing, like one never captured.
 */
export async function buildPush(sources: PushSources, sourceRecordId: string, reference: string, aadhaar: string, verifier: Verifier): Promise<BuiltPush> {
  const stored = customerRecord(sources, sourceRecordId);
  if (!stored) return { ok: false, errors: { record: 'The customer’s record is no longer here.' }, message: 'Not pushed: the customer’s record is no longer here (purged after the retention period?).' };
  const settings = sources.pushSettings();
  if ('problem' in settings) return { ok: false, errors: { pushSettings: settings.problem }, message: `Not pushed: ${settings.problem}` };
  const record = stored.record;
  const bytesOf = (hash: string): Uint8Array | undefined => {
    try {
      return sources.readDocument(hash);
    } catch {
      return undefined;
    }
  };
  const documents: Partial<Record<DocumentSlot, Uint8Array>> = {};
  const found = documentSources(record);
  for (const slot of DOCUMENT_SLOTS) {
    const source = found[slot];
    if (source === null || 'generated' in source) continue;
    const bytes = bytesOf(source.hash);
    if (bytes) documents[slot] = bytes;
  }
  if (found.docEsignForm !== null) {
    const image = (code: string) => {
      const hash = record.images.find((candidate) => candidate.code === code)?.documentHash;
      return hash === undefined ? undefined : bytesOf(hash);
    };
    const photo = image(IMAGE_CODE_PHOTOGRAPH);
    const signature = image(IMAGE_CODE_SIGNATURE);
    try {
      documents.docEsignForm = await applicationFormPdf(record, { ...(photo ? { photo } : {}), ...(signature ? { signature } : {}) });
    } catch (error) {
      // A photograph or signature pdf-lib cannot read: named, like a missing document, never a crash of the step.
      const why = error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
      return { ok: false, errors: { images: `The application form could not be made from the photograph and signature (${why}). Capture them again.` }, message: 'Not pushed: the application form could not be made.' };
    }
  }
  const mapped = mapPushData({ record, reference, aadhaar, verifier: kycVerifierOf(verifier), settings, documents });
  if (!mapped.ok) {
    const count = Object.keys(mapped.errors).length;
    return { ok: false, errors: mapped.errors, message: `Not pushed: ${count} field${count === 1 ? '' : 's'} of the customer’s record need${count === 1 ? 's' : ''} correcting first.` };
  }
  const sameAsPermanent = record.correspondenceAddress.sameAsPermanent;
  return { ok: true, request: mapped.request, toFormPaths: (vendorErrors) => formPathsOf(vendorErrors, sameAsPermanent) };
}

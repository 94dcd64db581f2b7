import { z } from 'zod';
import { AppFailure } from '../errors';
import { kycRecordSchema } from '../record/kyc-record';
import { CKYC_DOWNLOAD_REQUEST } from './ckyc-download-request';
import { CKYC_INDIVIDUAL, CKYC_INDIVIDUAL_KIND_ID } from './ckyc-individual';
import type { RecordKind } from './record-kind';
import { UAE_CUSTOMER, UAE_CUSTOMER_KIND_ID, uaeCustomerSchema } from './uae-customer';
import { VIDEO_KYC_LINK } from './video-kyc-link';
import { DKYC_PUSH } from './dkyc-push';
import { BULK_CUSTOMER_UPDATE } from './bulk-customer-update';

export type { CaptureStep, FieldErrors, RecordCheck, RecordColumns, RecordKind, SaveFacts } from './record-kind';
export { CKYC_INDIVIDUAL, CKYC_INDIVIDUAL_KIND_ID, UAE_CUSTOMER, UAE_CUSTOMER_KIND_ID };

/** A record or draft that names no kind (every one saved before kinds existed) is a CKYC individual. */
export const DEFAULT_RECORD_KIND = CKYC_INDIVIDUAL_KIND_ID;

/** How a kind is named on the wire and in the store. */
export const recordKindIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'A record kind is named in lower-case letters, digits and hyphens.');

/**
 * The kinds KYC Desk knows, by id. Main is handed one (services.ts builds it from RECORD_KINDS);
 * a test builds its own with a toy kind beside the real ones.
 */
export class RecordKindRegistry {
  private readonly byId = new Map<string, RecordKind>();

  constructor(kinds: readonly RecordKind[]) {
    for (const kind of kinds) {
      if (this.byId.has(kind.id)) throw new Error(`Two record kinds are named ${kind.id}.`);
      this.byId.set(kind.id, kind);
    }
  }

  /** The kind named `id`, or undefined when this version does not know it. */
  find(id: string | undefined): RecordKind | undefined {
    return this.byId.get(id ?? DEFAULT_RECORD_KIND);
  }

  /** The kind named `id` (none named: the CKYC individual); an unknown one is refused in words a person understands. */
  get(id: string | undefined): RecordKind {
    const kind = this.find(id);
    if (kind === undefined) throw new AppFailure('VALIDATION_FAILED', `${unknownKindMessage(id ?? '', this.labels())} Nothing was saved.`, { kind: 'KYC Desk does not know this kind of record.' });
    return kind;
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** Each kind for people: 'CKYC individual (ckyc-individual)'. */
  labels(): string[] {
    return [...this.byId.values()].map((kind) => `${kind.label} (${kind.id})`);
  }
}

/** Names the kind as given (bounded, quoted) and the kinds this version knows. */
export function unknownKindMessage(id: string, known: readonly string[]): string {
  const named = JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id);
  return `KYC Desk does not know records of the kind ${named}: this version knows ${known.join(', ')}. A record of another kind needs the version of KYC Desk that brings it.`;
}

/** Every kind of this version, one line each. */
export const RECORD_KINDS = new RecordKindRegistry([
  CKYC_INDIVIDUAL,
  CKYC_DOWNLOAD_REQUEST,
  VIDEO_KYC_LINK,
  UAE_CUSTOMER,
  DKYC_PUSH,
  BULK_CUSTOMER_UPDATE,
]);

/** The kind named `id` among this version's kinds; an unknown id is refused with a clear message. */
export function recordKind(id: string | undefined): RecordKind {
  return RECORD_KINDS.get(id);
}

/**
 * The contract's shape of a record of any kind the capture form takes, for the channels that
 * carry one: the CKYC individual or the UAE customer. Main then checks the record against the kind
 * the request names (a UAE customer sent as an individual fails the individual's schema).
 */
export const anyKindRecordSchema = z.union([kycRecordSchema, uaeCustomerSchema]);
export type AnyKindRecord = z.infer<typeof anyKindRecordSchema>;

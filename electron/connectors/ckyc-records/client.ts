import type { KycRecord, KycVerifier } from '../../../shared/record/kyc-record';
import { endpointUrl } from '../endpoint-url';
import type { KycErrors } from '../../../shared/validation/kyc-record';
import type { Logger } from '../../logging/logger';
import { silentLogger } from '../../logging/logger';
import { requestJson, type HttpFailure } from '../../transport/http-client';
import { toWireRecord, wireErrorsToRecordFields } from './map-record';
import type { BearerTokens } from '../agent-api/token';
import {
  errorResponseSchema,
  fastApiDetailSchema,
  recordErrorsDetailSchema,
  RECORDS_API_PATHS,
  uploadResponseSchema,
  type UploadRequest,
} from './wire';

/**
 * Seed 001's `POST /ckycportalapi/ckyc-upload/`: a request of records mapped from canonical
 * records, with a Bearer token from a TokenProvider. Every outcome is a value, in the transport's
 * terms (transport/http-client.ts), so the sync engine can tell "provably not sent / refused"
 * (`unreachable`, `rejected`, `rate_limited`) from "may have been received" (`timeout`,
 * `server_error`, `invalid_response`):
 * - 401: the token is invalidated and a new one fetched once, the request sent once more; a second
 *   refusal (or a refusal at the token endpoint) is reported as "The registry refused our
 *   credentials …". A pasted token cannot be renewed, so its 401 is reported at once.
 * - 400: the whole request is refused (nothing accepted); `rejectedRecords` carries each refused
 *   record's errors mapped onto the capture form's field paths (wireErrorsToRecordFields).
 * - 429: `rate_limited` with the server's Retry-After in ms (or null); no sleeping here.
 * - a failure to get a token means the records never left: `unreachable` (or `rejected` /
 *   `rate_limited` when the token endpoint said so), with `stage: 'token'`.
 * Messages never carry the password or a token.
 */

export interface InstitutionFields {
  fiCode: string;
  version: string;
  regionCode: string;
  /** The CERSAI username (seed 001's `username`), not the token endpoint's. */
  username: string;
  branchCode: string;
}

export interface RecordsApiConnection {
  baseUrl: string;
  timeoutMs: number;
  institution: InstitutionFields;
}

export interface RecordsApiItem {
  /** The customer reference number: kyc_ref_no, 1–14 letters and digits. */
  reference: string;
  /** Validated and normalised, as main stores it. */
  record: KycRecord;
}

export interface RecordRejection {
  reference: string;
  /** By the record's field paths, as the capture form shows them; `record` for the record as a whole. */
  errors: KycErrors;
}

export type UploadOutcome =
  | { ok: true; status: number; message: string; remoteStatus: string }
  | { ok: false; stage: 'token' | 'upload'; failure: HttpFailure; rejectedRecords: RecordRejection[] };

/** The request body for `items` (exported for the sandbox tests and the sync engine's size checks). */
export function uploadRequestFor(institution: InstitutionFields, items: readonly RecordsApiItem[], verifier: KycVerifier): UploadRequest {
  return {
    fi_code: institution.fiCode,
    version: institution.version,
    region_code: institution.regionCode,
    username: institution.username,
    branch_code: institution.branchCode,
    records: items.map((item) => toWireRecord(item.reference, item.record, verifier)),
  };
}

export class RecordsApiClient {
  private readonly logger: Logger;

  constructor(
    private readonly connection: RecordsApiConnection,
    private readonly tokens: BearerTokens,
    logger?: Logger,
  ) {
    this.logger = logger ?? silentLogger;
  }

  /** Upload `items` in one request. Throws only if a record cannot be mapped at all (not validated first). */
  async uploadRecords(items: readonly RecordsApiItem[], verifier: KycVerifier): Promise<UploadOutcome> {
    const body = uploadRequestFor(this.connection.institution, items, verifier);
    const url = endpointUrl(this.connection.baseUrl, RECORDS_API_PATHS.upload);
    let renewed = false;
    for (;;) {
      const token = await this.tokens.token();
      if (!token.ok) return this.tokenFailure(token.failure);
      const outcome = await requestJson(
        { url, body, headers: { authorization: `Bearer ${token.token}` }, timeoutMs: this.connection.timeoutMs },
        uploadResponseSchema,
      );
      if (outcome.ok) {
        this.logger.info('records API upload accepted', { records: items.length, status: outcome.status });
        return { ok: true, status: outcome.status, message: outcome.body.message, remoteStatus: outcome.body.status };
      }
      const failure = outcome.failure;
      if (failure.kind === 'rejected' && failure.status === 401) {
        if (this.tokens.renewable && !renewed) {
          renewed = true;
          this.logger.info('records API refused the token; fetching a new one', { status: 401 });
          this.tokens.invalidate();
          continue;
        }
        return this.fail('upload', { kind: 'rejected', status: 401, message: this.credentialsRefused(failure.message), body: undefined });
      }
      if (failure.kind === 'rejected' && failure.status === 400) {
        const { message, rejectedRecords } = this.readRefusal(failure.body, items, failure.message);
        return this.fail('upload', { ...failure, message, body: undefined }, rejectedRecords);
      }
      return this.fail('upload', { ...failure, message: this.tokens.scrub(failure.message) } as HttpFailure);
    }
  }

  private credentialsRefused(serverSaid: string): string {
    const said = this.tokens.scrub(serverSaid);
    return this.tokens.renewable
      ? `The registry refused our credentials (HTTP 401: ${said}), also with a freshly issued token. Check the connection’s username and password and the CERSAI codes. Nothing was accepted.`
      : `The registry refused our credentials: the pasted token was not accepted (HTTP 401: ${said}). Paste a new token in the connection settings. Nothing was accepted.`;
  }

  private tokenFailure(failure: HttpFailure): UploadOutcome {
    // The records never left: whatever became of the token request, the upload is safe to send again.
    if (failure.kind === 'timeout' || failure.kind === 'server_error' || failure.kind === 'invalid_response') {
      return this.fail('token', { kind: 'unreachable', message: `Nothing was sent. ${failure.message}` });
    }
    return this.fail('token', failure);
  }

  private fail(stage: 'token' | 'upload', failure: HttpFailure, rejectedRecords: RecordRejection[] = []): UploadOutcome {
    this.logger.warn('records API upload failed', {
      stage,
      kind: failure.kind,
      status: 'status' in failure ? failure.status : undefined,
      rejectedRecords: rejectedRecords.length,
    });
    return { ok: false, stage, failure, rejectedRecords };
  }

  /** A 400's body → its message, and each refused record's errors on the form's field paths. */
  private readRefusal(body: unknown, items: readonly RecordsApiItem[], fallback: string): { message: string; rejectedRecords: RecordRejection[] } {
    const parsed = errorResponseSchema.safeParse(body);
    const said = this.tokens.scrub(parsed.success ? parsed.data.message : fallback);
    const perRecord = new Map<number, Record<string, string>>();
    const elsewhere: string[] = [];
    const addFor = (index: number, path: string, message: string) => {
      const errors = perRecord.get(index) ?? {};
      errors[path] = errors[path] === undefined ? message : `${errors[path]} ${message}`;
      perRecord.set(index, errors);
    };
    const indexOf = (index: number | undefined, reference: string | undefined): number => {
      if (index !== undefined && index < items.length && (reference === undefined || items[index]!.reference === reference)) return index;
      return reference === undefined ? -1 : items.findIndex((item) => item.reference === reference);
    };

    const detail = parsed.success ? parsed.data.detail : undefined;
    const ours = recordErrorsDetailSchema.safeParse(detail);
    const fastApi = ours.success ? undefined : fastApiDetailSchema.safeParse(detail);
    if (ours.success) {
      for (const entry of ours.data.records ?? []) {
        const at = indexOf(entry.index, entry.kyc_ref_no);
        for (const [path, message] of Object.entries(entry.errors)) {
          if (at >= 0) addFor(at, path, message);
          else elsewhere.push(`${entry.kyc_ref_no ?? `record ${String(entry.index)}`} ${path}: ${message}`);
        }
      }
      for (const [path, message] of Object.entries(ours.data.request ?? {})) elsewhere.push(`${path}: ${message}`);
    } else if (fastApi?.success) {
      for (const issue of fastApi.data) {
        const loc = issue.loc[0] === 'body' ? issue.loc.slice(1) : issue.loc;
        const at = loc[0] === 'records' && typeof loc[1] === 'number' && loc[1] < items.length ? loc[1] : -1;
        if (at >= 0) addFor(at, loc.slice(2).join('.'), issue.msg);
        else elsewhere.push(`${loc.join('.')}: ${issue.msg}`);
      }
    } else if (typeof detail === 'string' && detail !== said) {
      elsewhere.push(detail);
    }

    const rejectedRecords = [...perRecord.entries()].map(([index, errors]) => {
      const item = items[index]!;
      const mapped = wireErrorsToRecordFields(errors, item.record);
      return { reference: item.reference, errors: Object.fromEntries(Object.entries(mapped).map(([k, v]) => [k, this.tokens.scrub(v)])) };
    });
    const parts = [`The registry refused the request (HTTP 400): ${said}`];
    if (rejectedRecords.length > 0) parts.push(`${rejectedRecords.length} of ${items.length} records have errors; the others were not accepted either and can be sent again.`);
    if (elsewhere.length > 0) parts.push(this.tokens.scrub(elsewhere.join('; ').slice(0, 1000)));
    return { message: parts.join(' '), rejectedRecords };
  }
}

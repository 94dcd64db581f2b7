import { parse } from 'csv-parse/sync';
import { requestBoundedFile } from '../../transport/bounded-file';
import { requestStreamed, type HttpFailure } from '../../transport/http-client';
import { multipartUpload, type UploadFileSource } from '../../transport/multipart-upload';
import { endpointUrl } from '../endpoint-url';
import { refusalInWords, type BulkRefusal } from './refusal';
import { BULK_UPDATE_FILE_FIELD, BULK_UPDATE_PATH, bulkAnswerSchema, PARENT_COMPANY_QUERY, RESULT_REASON_COLUMN, RESULT_STATUS_COLUMN, type BulkAnswer } from './wire';

/**
 * Seed 004's bulk customer update over HTTP: the update file streamed as multipart (the part
 * `file`, the query `parentCompanyId`), the answer read into one of four outcomes the service acts
 * on, the result files fetched from the answer's URLs, and a connection test. The vendor prints no
 * authentication for this endpoint; KYC Desk sends the admin's token as a bearer (decision 0052).
 * The client never sends anything twice by itself: whether to send again is the service's call.
 */
export interface BulkUpdateConnection {
  baseUrl: string;
  token: string;
  /** Empty: the query is left out and the platform takes the token's own company. */
  parentCompanyId: string;
  timeoutMs: number;
  /** Origins besides the base URL's own that result files may come from (Training's sandbox). */
  resultOrigins?: readonly string[];
}

export type SendOutcome =
  /** The platform answered with counts: the update was taken (rows may still have failed). */
  | { kind: 'answered'; answer: BulkAnswer; raw: string }
  /** A definite refusal (4xx): nothing was applied. */
  | { kind: 'refused'; refusal: BulkRefusal; raw: string | null }
  /** Provably never delivered (or cut off before the body ended): nothing was applied. */
  | { kind: 'not_sent'; message: string }
  /** The update may or may not have been applied (a timeout, a 5xx, an answer KYC Desk cannot read). */
  | { kind: 'doubt'; message: string; raw: string | null };

export interface ResultRow {
  /** Row number in the result file (1 = the first row after its header). */
  line: number;
  customerReference: string;
  status: string;
  reason: string;
}

export type ResultFileOutcome = { ok: true; rows: ResultRow[] } | { ok: false; message: string };

/** The slowest uplink an upload is given time for, as for the registry's batch ZIPs: 256 KiB/s. */
const UPLOAD_FLOOR_BYTES_PER_SECOND = 256 * 1024;
/** The largest result file read: a failure file of the largest update, with a reason on each row. */
const RESULT_FILE_MAX_BYTES = 40 * 1024 * 1024;

export class BulkUpdateClient {
  constructor(private readonly connection: BulkUpdateConnection) {}

  private url(): string {
    const company = this.connection.parentCompanyId;
    return endpointUrl(this.connection.baseUrl, BULK_UPDATE_PATH, company === '' ? undefined : { [PARENT_COMPANY_QUERY]: company });
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.connection.token}` };
  }

  /** Sends the update file once. Rejects only when the file itself cannot be read (its stream fails, or is not `bytes` long). */
  async send(file: UploadFileSource, onProgress?: (sentBytes: number, totalBytes: number) => void): Promise<SendOutcome> {
    const upload = multipartUpload([], { field: BULK_UPDATE_FILE_FIELD, contentType: 'text/csv', source: file });
    const progress = onProgress && ((sent: number) => onProgress(upload.fileBytesSent(sent), file.bytes));
    try {
      const timeoutMs = this.connection.timeoutMs + Math.ceil((file.bytes / UPLOAD_FLOOR_BYTES_PER_SECOND) * 1000);
      const outcome = await requestStreamed({ url: this.url(), headers: this.headers(), body: upload.body, timeoutMs, ...(progress ? { onProgress: progress } : {}) }, bulkAnswerSchema);
      if (outcome.ok) return answered(outcome.body, outcome.raw ?? '');
      return failed(outcome.failure);
    } finally {
      upload.close();
    }
  }

  /** One result file (success or failure) the answer points to: only from the platform's own address, bounded, read as CSV. */
  async resultFile(url: string): Promise<ResultFileOutcome> {
    const refused = resultOriginProblem(url, this.connection.baseUrl, this.connection.resultOrigins ?? []);
    if (refused) return { ok: false, message: refused };
    const fetched = await requestBoundedFile(url, this.headers(), RESULT_FILE_MAX_BYTES, this.connection.timeoutMs);
    if (!fetched.ok) return { ok: false, message: `The result file could not be fetched: ${fetched.failure.message}` };
    return readResultFile(fetched.body.bytes);
  }

  /**
   * Reaches the endpoint with the token and an upload holding no file: the platform refuses it
   * (400, no file) or answers nothing to do, and applies nothing either way — yet a wrong token
   * (401), company (403) or address (404) shows as it would for a real update.
   */
  async testConnection(): Promise<{ ok: boolean; message: string }> {
    const empty = Buffer.from('--KycDeskConnectionTest--\r\n');
    async function* chunks() {
      yield empty;
    }
    const body = { contentType: 'multipart/form-data; boundary=KycDeskConnectionTest', length: empty.length, chunks: chunks() };
    const outcome = await requestStreamed({ url: this.url(), headers: this.headers(), body, timeoutMs: this.connection.timeoutMs }, bulkAnswerSchema);
    if (outcome.ok) return { ok: true, message: 'The platform answered and accepted the token.' };
    const { failure } = outcome;
    if (failure.kind === 'rejected' && (failure.status === 400 || failure.status === 422)) return { ok: true, message: 'The platform answered and accepted the token (it refused the empty test upload, as expected).' };
    if (failure.kind === 'rejected') return { ok: false, message: refusalInWords(failure.status, failure.body).message };
    return { ok: false, message: failure.message };
  }
}

function answered(answer: BulkAnswer, raw: string): SendOutcome {
  // A 200 that carries an errorResponse and no counts is a refusal said with the wrong status.
  if (!answer.payload && answer.errorResponse) return { kind: 'refused', refusal: refusalInWords(200, answer), raw };
  if (!answer.payload) return { kind: 'doubt', message: 'The platform answered without the update’s counts; whether it applied the file is not known.', raw };
  return { kind: 'answered', answer, raw };
}

function failed(failure: HttpFailure): SendOutcome {
  switch (failure.kind) {
    case 'unreachable':
      return { kind: 'not_sent', message: failure.message };
    case 'rejected':
      return { kind: 'refused', refusal: refusalInWords(failure.status, failure.body), raw: failure.raw ?? null };
    case 'rate_limited':
      // Refused before any work: a limiter answers at the door.
      return { kind: 'refused', refusal: { status: 429, errorType: null, message: 'The platform asked KYC Desk to slow down. Send the update again in a little while.', fields: [], requestId: null }, raw: null };
    default:
      return { kind: 'doubt', message: failure.message, raw: 'raw' in failure ? (failure.raw ?? null) : null };
  }
}

/** Why a result file's address is not fetched, in plain words; null when it may be. */
export function resultOriginProblem(url: string, baseUrl: string, extraOrigins: readonly string[]): string | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return 'The platform named a result file whose address is not a web address.';
  }
  const base = new URL(baseUrl);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return 'KYC Desk fetches result files only over https.';
  const listed = extraOrigins.some((origin) => new URL(origin).origin === target.origin);
  if (!listed && (target.host !== base.host || (base.protocol === 'https:' && target.protocol !== 'https:'))) {
    return `KYC Desk fetches result files only from the platform's own address (${base.host}), not from ${target.host}.`;
  }
  if (target.username || target.password) return 'The result file address carries a user name or password; KYC Desk does not follow such addresses.';
  return null;
}

/** A result file's rows: the customer reference, the status and the reason, whatever other columns it has. */
export function readResultFile(bytes: Uint8Array): ResultFileOutcome {
  let table: Record<string, string>[];
  try {
    table = parse(Buffer.from(bytes), { bom: true, columns: (header: string[]) => header.map((name) => name.trim()), skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
  } catch {
    return { ok: false, message: 'The result file is not a CSV file KYC Desk can read.' };
  }
  if (table.length > 0 && !('customer_reference' in table[0]!)) return { ok: false, message: 'The result file has no customer_reference column, so its rows cannot be matched to records.' };
  return {
    ok: true,
    rows: table.map((row, index) => ({ line: index + 1, customerReference: (row.customer_reference ?? '').trim(), status: (row[RESULT_STATUS_COLUMN] ?? '').trim(), reason: (row[RESULT_REASON_COLUMN] ?? '').trim() })),
  };
}

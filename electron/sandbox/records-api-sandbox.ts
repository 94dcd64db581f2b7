import type http from 'node:http';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { fieldLabel, kycVerifierSchema } from '../../shared/record/kyc-record';
import { localToday } from '../../shared/validation/dates';
import { validateKycRecord } from '../../shared/validation/kyc-record';
import type { Logger } from '../logging/logger';
import { silentLogger } from '../logging/logger';
import { isImageFileNameFor } from '../connectors/ckyc-bulk/batch-csv';
import { fromWireRecord, verifierFromWire, wirePathForRecord } from '../connectors/ckyc-records/map-record';
import {
  generateTokenRequestSchema,
  RECORDS_API_PATHS,
  uploadRequestSchema,
  type RecordErrorsDetail,
  type WireRecord,
} from '../connectors/ckyc-records/wire';

/**
 * Training mode's stand-in for seed 001 (`POST /ckycportalapi/ckyc-upload/`) and seed 002 §1
 * (`POST /agentapi/v1/agent/generate_token`). Transport-free: `handle()` takes the method, path,
 * headers and body text and returns `{ status, headers, body }`; `recordsApiListener()` serves it
 * from a node:http server (the main sandbox routes these two paths to it).
 *
 * - Token endpoint: the configured username and password (seed 002's rules: 3–20 and 8–32 letters
 *   and digits, else 400) give `{ Token, status_code, success }`, a JWT (HS256, key per sandbox) with
 *   `exp` after `tokenLifetimeSeconds` (short in tests, to see expiry); wrong ones give 401
 *   `{ msg, status_code, success: false }`. `revokeTokens()` makes every token issued so far
 *   invalid, as a password change at the vendor would. `pastedTokens` are accepted as they are.
 * - Upload: Bearer token checked (401 `{ detail: { reason }, message }`), body checked against the
 *   request schema, then every record judged with the shared rules (validateKycRecord on the
 *   record mapped back from the wire) plus its verifier block, its image file names, and its
 *   kyc_ref_no (unique in the request, and not accepted before). Any refused record → 400 refusing
 *   the whole request, with `detail` as wire.ts documents (`records[].errors` by wire field path);
 *   else 200 `{ message, status: "success" }` and `onAccepted` is told (the ledger's hook).
 */

export interface RecordsApiSandboxOptions {
  username: string;
  password: string;
  /** Tokens accepted without the token endpoint (an admin's pasted token, in Training mode). */
  pastedTokens?: readonly string[];
  /** Lifetime of an issued token; default 15 minutes. */
  tokenLifetimeSeconds?: number;
  now?: () => number;
  /** Refuse a kyc_ref_no accepted before (default true): a second upload of a record is a duplicate. */
  refuseDuplicates?: boolean;
  /** References accepted elsewhere (the main sandbox's ledger: bulk batches, earlier runs); refused like repeats. */
  alreadyAccepted?: (kycRefNo: string) => boolean;
  /** Told about the records a 200 accepted, e.g. to append them to the sandbox ledger. */
  onAccepted?: (records: readonly WireRecord[]) => void;
  logger?: Logger;
}

export interface SandboxAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export const RECORDS_API_SANDBOX_PATHS: readonly string[] = [RECORDS_API_PATHS.upload, RECORDS_API_PATHS.generateToken];

/** The message on `errors.kyc_ref_no` when a record's kyc_ref_no was accepted before (a repeat upload). */
export const ALREADY_UPLOADED_MESSAGE = 'A record with this kyc_ref_no was uploaded before.';

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const DEFAULT_TOKEN_LIFETIME_SECONDS = 15 * 60;

const json = (status: number, body: unknown): SandboxAnswer => ({ status, headers: { 'content-type': 'application/json' }, body });
const digest = (text: string) => createHash('sha256').update(text).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `/ckycportalapi/ckyc-upload` and `/ckycportalapi/ckyc-upload/` are the same endpoint. */
function samePath(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

export class RecordsApiSandbox {
  private readonly key = randomBytes(32);
  private generation = 0;
  private readonly accepted = new Set<string>();
  private readonly logger: Logger;
  private username: string;
  private password: string;

  constructor(private readonly options: RecordsApiSandboxOptions) {
    this.logger = options.logger ?? silentLogger;
    this.username = options.username;
    this.password = options.password;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Whether `path` is one of this handler's (for the main sandbox's router). */
  handles(path: string): boolean {
    const pathname = new URL(path, 'http://sandbox').pathname;
    return RECORDS_API_SANDBOX_PATHS.some((known) => samePath(pathname, known));
  }

  /** Change the credentials the token endpoint accepts (tests; an admin changing the password). */
  setCredentials(username: string, password: string): void {
    this.username = username;
    this.password = password;
  }

  /** Every token issued so far stops working. */
  revokeTokens(): void {
    this.generation += 1;
  }

  /** A token as the endpoint gives it (for tests and Training mode's pasted token). */
  issueToken(): string {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + (this.options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS);
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: this.username, iat, exp, gen: this.generation, jti: randomBytes(8).toString('hex') })}`;
    return `${unsigned}.${createHmac('sha256', this.key).update(unsigned).digest('base64url')}`;
  }

  handle(method: string, path: string, headers: http.IncomingHttpHeaders, bodyText: string): SandboxAnswer {
    try {
      const pathname = new URL(path, 'http://sandbox').pathname;
      if (method !== 'POST') return json(405, { detail: {}, message: 'Use POST.' });
      if (samePath(pathname, RECORDS_API_PATHS.generateToken)) return this.generateToken(bodyText);
      if (samePath(pathname, RECORDS_API_PATHS.upload)) return this.upload(headers.authorization, bodyText);
      return json(404, { detail: {}, message: `No such endpoint: ${pathname}` });
    } catch (error) {
      this.logger.error('records API sandbox request failed', { error });
      return json(500, { detail: {}, message: 'The sandbox had an internal error.' });
    }
  }

  // --- seed 002 §1 ----------------------------------------------------------------------------

  private generateToken(bodyText: string): SandboxAnswer {
    const refuse = (status: 400 | 401, msg: string) => json(status, { msg, status_code: status, success: false });
    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch {
      return refuse(400, 'The request body is not valid JSON.');
    }
    const parsed = generateTokenRequestSchema.safeParse(body);
    if (!parsed.success) return refuse(400, parsed.error.issues.map((issue) => issue.message).join('; '));
    // Both compared, always, in constant time: no hint which one was wrong.
    const userOk = sameSecret(parsed.data.username, this.username);
    const passwordOk = sameSecret(parsed.data.password, this.password);
    if (!userOk || !passwordOk) return refuse(401, 'Invalid username or password.');
    return json(200, { Token: this.issueToken(), status_code: 200, success: true });
  }

  /** null when `token` is valid, else why not. */
  /** Why a token is not accepted (or null when it is): the bulk API checks bearer tokens here too. */
  tokenProblem(token: string): 'invalid' | 'expired' | null {
    if (this.options.pastedTokens?.some((pasted) => sameSecret(pasted, token))) return null;
    const [header, payload, signature] = token.split('.');
    if (header === undefined || payload === undefined || signature === undefined) return 'invalid';
    const expected = createHmac('sha256', this.key).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number; gen?: number };
    if (claims.gen !== this.generation) return 'invalid';
    if (typeof claims.exp !== 'number' || this.now() >= claims.exp * 1000) return 'expired';
    return null;
  }

  // --- seed 001 -------------------------------------------------------------------------------

  private upload(authorization: string | undefined, bodyText: string): SandboxAnswer {
    const bearer = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const problem = bearer === undefined ? 'missing' : this.tokenProblem(bearer);
    if (problem !== null) {
      return json(401, { detail: { reason: problem }, message: problem === 'expired' ? 'Token expired.' : 'Invalid token.' });
    }
    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch {
      return json(400, { detail: { request: { '': 'The request body is not valid JSON.' } } satisfies RecordErrorsDetail, message: 'Invalid request.' });
    }
    const parsed = uploadRequestSchema.safeParse(body);
    if (!parsed.success) return this.schemaRefusal(parsed.error, body);

    const { records } = parsed.data;
    const today = localToday(new Date(this.now()));
    const seen = new Set<string>();
    const refused: NonNullable<RecordErrorsDetail['records']> = [];
    records.forEach((wire, index) => {
      const errors = this.judge(wire, today);
      if (seen.has(wire.kyc_ref_no)) errors.kyc_ref_no ??= 'This kyc_ref_no appears twice in this request.';
      else if (this.options.refuseDuplicates !== false && (this.accepted.has(wire.kyc_ref_no) || this.options.alreadyAccepted?.(wire.kyc_ref_no) === true)) {
        errors.kyc_ref_no ??= ALREADY_UPLOADED_MESSAGE;
      }
      seen.add(wire.kyc_ref_no);
      if (Object.keys(errors).length > 0) refused.push({ index, kyc_ref_no: wire.kyc_ref_no, errors });
    });
    if (refused.length > 0) {
      return json(400, { detail: { records: refused } satisfies RecordErrorsDetail, message: `${refused.length} of ${records.length} records failed validation.` });
    }
    for (const wire of records) this.accepted.add(wire.kyc_ref_no);
    this.options.onAccepted?.(records);
    return json(200, { message: `${records.length} records received.`, status: 'success' });
  }

  /** Schema problems: those inside a record go to that record, by its wire path; the rest to `request`. */
  private schemaRefusal(error: z.ZodError, body: unknown): SandboxAnswer {
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
  private judge(wire: WireRecord, today: ReturnType<typeof localToday>): Record<string, string> {
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
}

/** Serves `sandbox` from a node:http server: reads the body (capped), answers as handle() says. */
export function recordsApiListener(sandbox: RecordsApiSandbox): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const answer = tooLarge
        ? json(413, { detail: {}, message: 'The request body is too large.' })
        : sandbox.handle(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'));
      sendAnswer(res, answer);
    });
  };
}

export function sendAnswer(res: http.ServerResponse, answer: SandboxAnswer): void {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

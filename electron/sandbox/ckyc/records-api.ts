import type http from 'node:http';
import { localToday } from '../../../shared/validation/dates';
import type { Logger } from '../../logging/logger';
import { silentLogger } from '../../logging/logger';
import { RECORDS_API_PATHS, uploadRequestSchema, type RecordErrorsDetail, type WireRecord } from '../../connectors/ckyc-records/wire';
import { bearerToken, TokenIssuer } from '../shell/auth';
import { json, type SandboxAnswer } from './records-answer';
import { judgeRecord, schemaRefusal } from './records-judge';
import { generateToken } from './token-endpoint';

/**
 * Training mode's stand-in for seed 001 (`POST /ckycportalapi/ckyc-upload/`) and seed 002 §1
 * (`POST /agentapi/v1/agent/generate_token`, token-endpoint.ts). Transport-free: `handle()` takes the method, path,
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

export type { SandboxAnswer } from './records-answer';

export const RECORDS_API_SANDBOX_PATHS: readonly string[] = [RECORDS_API_PATHS.upload, RECORDS_API_PATHS.generateToken];

/** The message on `errors.kyc_ref_no` when a record's kyc_ref_no was accepted before (a repeat upload). */
export const ALREADY_UPLOADED_MESSAGE = 'A record with this kyc_ref_no was uploaded before.';

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const DEFAULT_TOKEN_LIFETIME_SECONDS = 15 * 60;

/** `/ckycportalapi/ckyc-upload` and `/ckycportalapi/ckyc-upload/` are the same endpoint. */
function samePath(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

export class RecordsApiSandbox {
  private readonly tokens: TokenIssuer;
  private readonly accepted = new Set<string>();
  private readonly logger: Logger;
  private username: string;
  private password: string;

  constructor(private readonly options: RecordsApiSandboxOptions) {
    this.logger = options.logger ?? silentLogger;
    this.username = options.username;
    this.password = options.password;
    this.tokens = new TokenIssuer({
      ...(options.pastedTokens ? { pastedTokens: options.pastedTokens } : {}),
      lifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
      now: () => this.now(),
    });
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
    this.tokens.revokeAll();
  }

  /** A token as the endpoint gives it (for tests and Training mode's pasted token). */
  issueToken(): string {
    return this.tokens.issue(this.username);
  }

  handle(method: string, path: string, headers: http.IncomingHttpHeaders, bodyText: string): SandboxAnswer {
    try {
      const pathname = new URL(path, 'http://sandbox').pathname;
      if (method !== 'POST') return json(405, { detail: {}, message: 'Use POST.' });
      if (samePath(pathname, RECORDS_API_PATHS.generateToken)) return generateToken(bodyText, { username: this.username, password: this.password }, () => this.issueToken());
      if (samePath(pathname, RECORDS_API_PATHS.upload)) return this.upload(headers.authorization, bodyText);
      return json(404, { detail: {}, message: `No such endpoint: ${pathname}` });
    } catch (error) {
      this.logger.error('records API sandbox request failed', { error });
      return json(500, { detail: {}, message: 'The sandbox had an internal error.' });
    }
  }

  /** Why a token is not accepted (or null when it is): the bulk API checks bearer tokens here too. */
  tokenProblem(token: string): 'invalid' | 'expired' | null {
    return this.tokens.problem(token);
  }

  // --- seed 001 -------------------------------------------------------------------------------

  private upload(authorization: string | undefined, bodyText: string): SandboxAnswer {
    const bearer = bearerToken(authorization);
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
    if (!parsed.success) return schemaRefusal(parsed.error, body);

    const { records } = parsed.data;
    const today = localToday(new Date(this.now()));
    const seen = new Set<string>();
    const refused: NonNullable<RecordErrorsDetail['records']> = [];
    records.forEach((wire, index) => {
      const errors = judgeRecord(wire, today);
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

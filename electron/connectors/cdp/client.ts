import type { Logger } from '../../logging/logger';
import { silentLogger } from '../../logging/logger';
import { requestJson, type HttpFailure, type HttpOutcome } from '../../transport/http-client';
import { endpointUrl } from '../endpoint-url';
import type { CdpTokenProvider } from './token';
import {
  CDP_CODES,
  CDP_PATHS,
  detailsToFieldPaths,
  gatewayErrorSchema,
  lookUpAnswerSchema,
  masterDataField,
  onboardAnswerSchema,
  type CdpLookUpRequest,
  type CdpOnboardingRequest,
  type LookUpAnswer,
  type OnboardAnswer,
} from './wire';

/**
 * The UAE Customer Data Platform (seed 003) over HTTP: the look-up and the onboarding call, each
 * with the bearer token of token.ts. Every request:
 * - on a 401 renews the token once and is sent once more — a refused request was not taken;
 * - is never repeated otherwise: a timeout, a 5xx or a garbled answer may have been taken, and only
 *   the service (which knows the record) decides what comes next — for onboarding, a look-up of
 *   the same id before anything is sent again (decision 0048).
 * The look-up answers HTTP 200 for every business outcome: it is judged by the body's `status`,
 * `statusCode` and `errorCode`, never by the 200. Messages never carry a secret or a token, and say
 * what the CDP answered, not what comes next: the service says that (after "It may have been taken",
 * the look-up before anything is sent again).
 */
export interface CdpClientOptions {
  baseUrl: string;
  timeoutMs: number;
  tokens: CdpTokenProvider;
  logger?: Logger;
}

/** What the CDP holds of a customer it found (the look-up's `data`, only what KYC Desk shows). */
export interface CdpCustomer {
  ecrn: string;
  customerStatus: string | null;
  amlScanStatus: string | null;
  idStatus: string | null;
  /** YYYY-MM-DD, or null when the CDP gave none it could read. */
  idExpiry: string | null;
}

/** A look-up's business outcome; `message` is the CDP's own words where it gave some. */
export type CdpLookUp =
  | { outcome: 'found'; customer: CdpCustomer }
  /** 45001: onboarding may go ahead. */
  | { outcome: 'not-found'; message: string }
  /** 45013 under compliance investigation, 45051 blocked: onboarding stops, a person acts. */
  | { outcome: 'stopped'; reason: 'under-investigation' | 'blocked'; code: number; message: string }
  /** 45003: the CDP knows the customer but not as subscribed to this partner. */
  | { outcome: 'not-subscribed'; code: number; message: string }
  /** 40001: the CDP read the id type or number as malformed. */
  | { outcome: 'invalid-input'; code: number; message: string }
  /** 45006: the CDP's search failed; ask again later. */
  | { outcome: 'retry-later'; code: number; message: string };

/** What onboarding gave: the customer's ECRN and how the CDP judged them. */
export interface CdpOnboarded {
  ecrn: string;
  customerStatus: string | null;
  amlScanStatus: string | null;
  pep: boolean | null;
  amlCategory: number | null;
  requestId: string | null;
}

/** Why an onboarding failed, as the CDP coded it (null for a failure it did not code). */
export type CdpFailureReason = 'under-investigation' | 'blocked' | 'invalid-master-data' | 'invalid-fields' | 'update-failed' | 'backend-problem' | 'unknown';

export interface CdpFailureDetail {
  code: number | null;
  reason: CdpFailureReason;
  /** Request field paths (wire spelling, `id_details.0.id_number`) and what the CDP said of each. */
  fields: Record<string, string>;
  requestId: string | null;
}

export type CdpOnboardOutcome = { ok: true; status: number; body: CdpOnboarded; raw?: string } | { ok: false; failure: HttpFailure; cdp: CdpFailureDetail | null };

export interface CdpConnectionTest {
  ok: boolean;
  message: string;
}

const STOPPED: Record<number, 'under-investigation' | 'blocked'> = { [CDP_CODES.underInvestigation]: 'under-investigation', [CDP_CODES.blocked]: 'blocked' };

export class CdpClient {
  private readonly logger: Logger;

  constructor(private readonly options: CdpClientOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  private get where(): string {
    return new URL(this.options.baseUrl).origin;
  }

  /** Whether the CDP knows a customer by id type and number (nothing changes at the CDP). */
  async lookUp(request: CdpLookUpRequest): Promise<HttpOutcome<CdpLookUp>> {
    const url = endpointUrl(this.options.baseUrl, CDP_PATHS.lookUp);
    const outcome = await this.authorised((headers) => requestJson({ url, body: { idType: request.idType, idNumber: request.idNumber }, headers, timeoutMs: this.options.timeoutMs }, lookUpAnswerSchema));
    if (!outcome.ok) return { ok: false, failure: this.plainFailure(outcome.failure, 'look-up') };
    const read = readLookUp(outcome.body);
    if ('problem' in read) return { ok: false, failure: { kind: 'invalid_response', status: outcome.status, message: this.options.tokens.scrub(read.problem), ...(outcome.raw !== undefined ? { raw: outcome.raw } : {}) } };
    this.logger.info('CDP look-up answered', { outcome: read.outcome });
    return { ok: true, status: outcome.status, body: read, ...(outcome.raw !== undefined ? { raw: outcome.raw } : {}) };
  }

  /**
   * One onboarding request, sent once (a 401 aside). Refusals the CDP coded come back as
   * `rejected` with the reason and, for 40002 and 45053, the fields to correct; a 502 with 40001
   * as `server_error` (the backend's problem: it may have been taken, look up before sending again).
   */
  async onboard(request: CdpOnboardingRequest): Promise<CdpOnboardOutcome> {
    const url = endpointUrl(this.options.baseUrl, CDP_PATHS.onboard);
    const outcome = await this.authorised((headers) => requestJson({ url, body: request, headers, timeoutMs: this.options.timeoutMs }, onboardAnswerSchema));
    if (!outcome.ok) return this.onboardFailure(outcome.failure);
    const answer = outcome.body;
    const customer = answer.customer;
    if (answer.errorCode === null && answer.status !== 'failed' && answer.status !== 'failure' && customer?.ecrn) {
      this.logger.info('CDP onboarding taken', { requestId: answer.requestId, customerStatus: customer.customerStatus });
      const body: CdpOnboarded = { ecrn: customer.ecrn, customerStatus: customer.customerStatus, amlScanStatus: customer.amlScanStatus, pep: customer.pep, amlCategory: customer.amlCategory, requestId: answer.requestId };
      return { ok: true, status: outcome.status, body, ...(outcome.raw !== undefined ? { raw: outcome.raw } : {}) };
    }
    // An HTTP 200 that is not a success (read tolerantly, as the look-up's are): judged by its code.
    if (answer.errorCode !== null && answer.errorCode !== CDP_CODES.backendProblem) return this.coded(answer, outcome.status, outcome.raw);
    return {
      ok: false,
      failure: { kind: 'invalid_response', status: outcome.status, message: `The CDP answered the onboarding with HTTP ${outcome.status} but no customer number (ECRN)${answer.message ? `: "${this.options.tokens.scrub(answer.message)}"` : ''}. It may have been taken.`, ...(outcome.raw !== undefined ? { raw: outcome.raw } : {}) },
      cdp: { code: answer.errorCode, reason: 'unknown', fields: {}, requestId: answer.requestId },
    };
  }

  /** One token request with the password grant, whatever is held: true when the CDP answered at all. */
  async reachable(): Promise<boolean> {
    this.options.tokens.forget();
    const outcome = await this.options.tokens.token();
    return outcome.ok || (outcome.failure.kind !== 'unreachable' && outcome.failure.kind !== 'timeout');
  }

  /** A fresh token by the password grant, or why there is none, in words an admin can act on. */
  async testConnection(): Promise<CdpConnectionTest> {
    this.options.tokens.forget();
    const outcome = await this.options.tokens.token();
    const where = `The UAE CDP at ${this.where}`;
    if (outcome.ok) {
      const left = this.options.tokens.secondsLeft();
      const life = left === null ? '' : `, to be renewed in about ${Math.max(1, Math.round(left / 60))} minute${Math.round(left / 60) === 1 ? '' : 's'}`;
      return { ok: true, message: `${where} accepted KYC Desk's client id, client secret, scope, username and password, and gave it a token${life}.` };
    }
    const failure = outcome.failure;
    switch (failure.kind) {
      case 'rejected':
        return { ok: false, message: failure.message };
      case 'unreachable':
        return { ok: false, message: `${where} could not be reached: ${failure.message} Check the base URL and this PC's network.` };
      case 'timeout':
        return { ok: false, message: `${where} did not answer in time: ${failure.message}` };
      case 'rate_limited':
        return { ok: false, message: `${where} asked KYC Desk to slow down (HTTP 429). Try the test again in ${Math.ceil((failure.retryAfterMs ?? 1000) / 1000)} seconds.` };
      default:
        return { ok: false, message: `${where} answered, but not with a token: ${failure.message}` };
    }
  }

  private onboardFailure(failure: HttpFailure): CdpOnboardOutcome {
    if (failure.kind === 'rejected' || failure.kind === 'server_error') {
      const raw = failure.raw;
      const read = onboardAnswerSchema.safeParse(failure.kind === 'rejected' ? failure.body : parsedRaw(raw));
      const answer = read.success ? read.data : null;
      if (answer && answer.errorCode !== null) return this.coded(answer, failure.status, raw);
    }
    return { ok: false, failure: this.plainFailure(failure, 'onboarding'), cdp: null };
  }

  /** A failure the CDP coded, in words a branch can act on. */
  private coded(answer: OnboardAnswer, status: number, raw: string | undefined): CdpOnboardOutcome {
    const code = answer.errorCode!;
    const said = this.options.tokens.scrub(answer.message ?? '').trim();
    const quoted = said ? ` ("${said.slice(0, 300)}")` : '';
    const base = { requestId: answer.requestId, code };
    const rawPart = raw !== undefined ? { raw } : {};
    const refused = (reason: CdpFailureReason, message: string, fields: Record<string, string> = {}): CdpOnboardOutcome => ({
      ok: false,
      failure: { kind: 'rejected', status, message, body: undefined, ...rawPart },
      cdp: { ...base, reason, fields },
    });
    const stopped = STOPPED[code];
    if (stopped) {
      return refused(
        stopped,
        stopped === 'blocked'
          ? `The CDP cannot accept this customer (${code}, blocked)${quoted}. Onboarding has stopped: do not send again; refer the customer to compliance.`
          : `The CDP has this customer under compliance investigation (${code})${quoted}. Onboarding has stopped: do not send again until compliance clears the customer.`,
      );
    }
    if (code === CDP_CODES.invalidMasterData) {
      const field = masterDataField(answer.message);
      return refused(
        'invalid-master-data',
        `The CDP did not accept a code from its lists${field ? ` in ${field.replace(/_/g, ' ')}` : ''} (${code})${quoted}. Correct it (the code lists may need updating from the CDP's) and send again. Nothing was taken.`,
        field ? { [field]: said || 'Not one of the CDP’s codes.' } : {},
      );
    }
    if (code === CDP_CODES.invalidFields) {
      const fields = detailsToFieldPaths(answer.details);
      const count = Object.keys(fields).length;
      return refused('invalid-fields', `The CDP refused the onboarding: a field is missing or not in its format (${code})${quoted}${count > 0 ? `; ${count} field${count === 1 ? '' : 's'} to correct` : ''}. Nothing was taken.`, fields);
    }
    if (code === CDP_CODES.updateFailed) {
      return refused('update-failed', `The CDP already holds this customer and could not update their details (${code})${quoted}. Look the customer up before doing anything else.`);
    }
    if (code === CDP_CODES.backendProblem && status >= 500) {
      return {
        ok: false,
        failure: { kind: 'server_error', status, message: `The CDP's backend had a technical problem (HTTP ${status}, ${code})${quoted}: try again later. It may have been taken.`, ...rawPart },
        cdp: { ...base, reason: 'backend-problem', fields: {} },
      };
    }
    if (status >= 400 && status < 500) return refused('unknown', `The CDP refused the onboarding with code ${code} (HTTP ${status})${quoted}. Nothing was taken.`);
    return {
      ok: false,
      failure: { kind: status >= 500 ? 'server_error' : 'invalid_response', status, message: `The CDP answered the onboarding with code ${code} (HTTP ${status})${quoted}, which KYC Desk does not know. It may have been taken.`, ...rawPart },
      cdp: { ...base, reason: 'unknown', fields: {} },
    } as CdpOnboardOutcome;
  }

  /** A transport failure with the CDP named, a web page called one, and nothing secret. */
  private plainFailure(failure: HttpFailure, what: 'look-up' | 'onboarding'): HttpFailure {
    const scrub = (text: string) => this.options.tokens.scrub(text);
    const page = 'raw' in failure && failure.raw !== undefined && /^\s*</.test(failure.raw);
    switch (failure.kind) {
      case 'rejected':
        return { ...failure, body: undefined, message: page ? `The CDP (or a gateway in front of it) refused the ${what} with a web page instead of its answer (HTTP ${failure.status}). Nothing was taken.` : `The CDP refused the ${what} (HTTP ${failure.status}: ${scrub(failure.message)}). Nothing was taken.` };
      case 'server_error':
        return { ...failure, message: page ? `The CDP (or a gateway in front of it) answered the ${what} with an error page (HTTP ${failure.status}).${what === 'onboarding' ? ' It may have been taken.' : ' Try again later.'}` : `The CDP had an error with the ${what} (HTTP ${failure.status}: ${scrub(failure.message)}).` };
      case 'invalid_response':
        return { ...failure, message: `The CDP's answer to the ${what} could not be read: ${scrub(failure.message)}` };
      default:
        return { ...failure, message: scrub(failure.message) } as HttpFailure;
    }
  }

  /** `send` with the bearer token: a 401 renews the token once and sends once more. No token: nothing sent. */
  private async authorised<T>(send: (headers: Record<string, string>) => Promise<HttpOutcome<T>>): Promise<HttpOutcome<T>> {
    const tokens = this.options.tokens;
    for (let renewed = false; ; renewed = true) {
      const token = await tokens.token();
      if (!token.ok) return { ok: false, failure: nothingSent(token.failure) };
      const outcome = await send({ authorization: `Bearer ${token.token}` });
      if (outcome.ok) return outcome;
      const failure = outcome.failure;
      if (failure.kind !== 'rejected' || failure.status !== 401) return outcome;
      if (!renewed) {
        this.logger.info('CDP refused the token; renewing it once', { status: 401 });
        tokens.invalidate();
        continue;
      }
      const read = gatewayErrorSchema.safeParse(failure.body);
      const said = read.success ? [read.data.error, read.data.message].filter((w) => w && w.trim() !== '').join(': ') : '';
      return {
        ok: false,
        failure: {
          kind: 'rejected',
          status: 401,
          message: `The CDP refused KYC Desk's token (HTTP 401${said ? `: ${tokens.scrub(said)}` : ''}), also a freshly issued one. Check the UAE CDP connection settings. Nothing was taken.`,
          body: undefined,
        },
      };
    }
  }
}

/** A look-up answer's business outcome, or why it cannot be read as one. */
function readLookUp(answer: LookUpAnswer): CdpLookUp | { problem: string } {
  const said = answer.message ?? '';
  const code = answer.errorCode;
  if (code === null && answer.status === 'success') {
    const customer = answer.customer;
    if (!customer?.ecrn) return { problem: 'The CDP said it found the customer but gave no customer number (ECRN).' };
    return { outcome: 'found', customer: { ecrn: customer.ecrn, customerStatus: customer.customer_status, amlScanStatus: customer.aml_scan_status, idStatus: customer.id_status, idExpiry: customer.id_date_of_expiry } };
  }
  const stopped = code === null ? undefined : STOPPED[code];
  if (stopped) {
    const fallback = stopped === 'blocked' ? 'Customer can not be accepted.' : 'Customer under compliance investigation.';
    return { outcome: 'stopped', reason: stopped, code: code!, message: said || fallback };
  }
  switch (code) {
    case CDP_CODES.notFound:
      return { outcome: 'not-found', message: said || 'Customer not found.' };
    case CDP_CODES.notSubscribed:
      return { outcome: 'not-subscribed', code, message: said || 'Customer not subscribed.' };
    case CDP_CODES.invalidInput:
      return { outcome: 'invalid-input', code, message: said || 'Invalid format input.' };
    case CDP_CODES.searchError:
      return { outcome: 'retry-later', code, message: said || 'Error while searching customer.' };
    default:
      return { problem: `The CDP answered the look-up with ${code === null ? `status "${answer.status ?? 'none'}"` : `code ${code}`}${said ? ` ("${said.slice(0, 300)}")` : ''}, which KYC Desk does not know.` };
  }
}

/** JSON of a server error's raw text, when it is JSON (a 502's coded body). */
function parsedRaw(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** A failed token request: the request itself never left, whatever became of the token request. */
function nothingSent(failure: HttpFailure): HttpFailure {
  if (failure.kind === 'timeout' || failure.kind === 'server_error' || failure.kind === 'invalid_response') {
    return { kind: 'unreachable', message: `Nothing was sent. ${failure.message}` };
  }
  return failure;
}

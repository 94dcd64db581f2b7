import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { CDP_CODES, CDP_PATHS } from '../../connectors/cdp/wire';
import { bearerToken, type TokenIssuer } from '../shell/auth';
import { HttpProblem, MAX_BODY_BYTES, readBody, type Answer } from '../shell/http';
import type { RouteCall, SandboxRoute } from '../shell/router';
import type { CdpLedger, CdpLedgerEntry } from './ledger';
import { judgeOnboarding } from './onboarding-checks';
import { luhnDigit, madeUpEcrn, type SeededCustomer } from './people';
import { BAD_GATEWAY_PAGE, cutShort, GATEWAY_TIMEOUT_PAGE, type CdpForcedAnswer, type CdpSwitches } from './switches';

/**
 * The Training CDP's look-up and onboarding (seed 003), each in the seed's envelope: the look-up
 * answers HTTP 200 for every business outcome (`status`, `statusCode`, `errorCode`); onboarding
 * answers 200, 406 (45013, 45051), 400 (40002 with `details`, 45053), 404 (45032) and 502 (40001);
 * both answer the gateway's own 401 (`{ timestamp, status, error, message, path }`).
 *
 * Who the customer is decides the answer: the seeded Emirates IDs (people.ts) give each documented
 * outcome; an id onboarded here is found by the look-up and, onboarded again, answered with the
 * ECRN it already has (a `repeat` in the ledger); `backendProblem` fails its first onboarding with
 * the 502 and takes the next. `backendProblemRate` and `errorPageRate` add the 502 (half of them
 * after the onboarding took effect) and a gateway's HTML error page to any onboarding;
 * `lostAnswerRate` takes the onboarding, then loses its answer (a gateway's page or a 200 cut
 * short). The switches (switches.ts) force one of these on the next request a test names, and
 * keep the customers whose answer was lost after the effect.
 */
export interface CdpRouteDeps {
  access: TokenIssuer;
  ledger: CdpLedger;
  seeded: readonly SeededCustomer[];
  now: () => number;
  /** In [0, 1): the sandbox's seeded draws for the rates below. */
  draw: () => number;
  backendProblemRate: number;
  errorPageRate: number;
  lostAnswerRate: number;
  switches: CdpSwitches;
}

const requestId = () => randomBytes(16).toString('hex');
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
/** The UAE's calendar date now (UTC+4, no daylight saving). */
const uaeToday = (now: number) => new Date(now + 4 * 3_600_000).toISOString().slice(0, 10);

export function cdpRoutes(deps: CdpRouteDeps): SandboxRoute[] {
  const failedOnce = new Set<string>();
  return [
    { paths: [CDP_PATHS.lookUp], method: 'POST', trailingSlash: true, handle: (call) => (deps.switches.take('look-up') === 'error-page' ? gatewayPage(call.req) : lookUp(deps, call)) },
    {
      paths: [CDP_PATHS.onboard],
      method: 'POST',
      trailingSlash: true,
      handle: (call) => {
        const forced = deps.switches.take('onboarding');
        return forced === 'error-page' ? gatewayPage(call.req) : onboard(deps, call, failedOnce, forced);
      },
    },
  ];
}

/** A gateway's page from in front of the CDP (a test switched one on): before any token check, nothing taken. */
async function gatewayPage(req: http.IncomingMessage): Promise<Answer> {
  await readBody(req, MAX_BODY_BYTES).catch(() => undefined);
  return BAD_GATEWAY_PAGE;
}

/** The gateway's 401, or null when the bearer token is good. */
function unauthorised(deps: CdpRouteDeps, req: http.IncomingMessage, path: string): Answer | null {
  const token = bearerToken(req.headers.authorization);
  if (token !== undefined && deps.access.problem(token) === null) return null;
  return { status: 401, body: { timestamp: new Date(deps.now()).toISOString().replace('Z', '+00:00'), status: 401, error: 'Unauthorized', message: '', path } };
}

async function jsonBody(req: http.IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse((await readBody(req, MAX_BODY_BYTES)).toString('utf8')) as unknown;
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    return undefined;
  }
}

const failure = (statusCode: number, errorCode: number, message: string): Answer => ({ status: 200, body: { status: 'failure', statusCode, errorCode, message } });

async function lookUp(deps: CdpRouteDeps, { req }: RouteCall): Promise<Answer> {
  const refused = unauthorised(deps, req, '/api/v2/customer/validate');
  if (refused) return refused;
  const body = await jsonBody(req);
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const idType = text(b.idType);
  const idNumber = text(b.idNumber).toUpperCase();
  const wellFormed = idType === '4' ? /^784\d{12}$/.test(idNumber) && luhnDigit(idNumber.slice(0, 14)) === idNumber[14] : idType === '2' && /^[A-Z0-9]{1,30}$/.test(idNumber);
  if (!wellFormed) return failure(400, CDP_CODES.invalidInput, 'Invalid format input');
  const seeded = idType === '4' ? deps.seeded.find((person) => person.emiratesId === idNumber) : undefined;
  const onboarded = deps.ledger.onboarded(deps.ledger.keyOf(idType, idNumber));
  if (onboarded) {
    deps.switches.noteFound(onboarded.id_key);
    return found(onboarded.ecrn!, onboarded.id_expiry);
  }
  switch (seeded?.outcome) {
    case 'existing':
      return found(seeded.ecrn, '2030-12-10');
    case 'notSubscribed':
      return failure(404, CDP_CODES.notSubscribed, 'Customer not Subscribed');
    case 'underInvestigation':
      return failure(500, CDP_CODES.underInvestigation, 'Customer under Compliance investigation!');
    case 'blocked':
      return failure(404, CDP_CODES.blocked, 'Customer can not be Accepted');
    case 'searchError':
      return failure(500, CDP_CODES.searchError, 'Error while searching customer!');
    default:
      return failure(404, CDP_CODES.notFound, 'Customer not found');
  }
}

function found(ecrn: string, expiry: string | null): Answer {
  return {
    status: 200,
    body: {
      status: 'success',
      statusCode: 200,
      data: { ecrn, first_name: 'TRAINING', middle_name: '', last_name: 'CUSTOMER', agent_location_id: '784101', customer_status: 'ACTIVE', aml_scan_status: 'Accepted', id_status: 'Active', id_date_of_expiry: expiry ? `${expiry}T00:00:00.000+00:00` : null },
    },
  };
}

const coded = (status: number, errorCode: number, message: string, id: string, extra: Record<string, unknown> = {}): Answer => ({
  status,
  body: { request_id: id, status: status === 400 && errorCode === CDP_CODES.invalidFields ? 'failure' : 'failed', status_code: status === 400 && errorCode === CDP_CODES.invalidMasterData ? 406 : status, error_code: errorCode, message, ...extra },
});

async function onboard(deps: CdpRouteDeps, { req }: RouteCall, failedOnce: Set<string>, forced: CdpForcedAnswer | undefined): Promise<Answer> {
  const refused = unauthorised(deps, req, '/api/v1/CAAS/onBoarding/customer');
  if (refused) return refused;
  const id = requestId();
  const body = await jsonBody(req);
  const judged = judgeOnboarding(body, uaeToday(deps.now()));
  const entry = (kind: CdpLedgerEntry['kind'], idKey: string, status: number, errorCode: number | null, ecrn: string | null, idExpiry: string | null): CdpLedgerEntry => ({
    at: new Date(deps.now()).toISOString(),
    kind,
    id_key: idKey,
    ecrn,
    status,
    error_code: errorCode,
    request_id: id,
    id_expiry: idExpiry,
  });
  if (!judged.ok) {
    deps.ledger.append(entry('refused', '', 400, judged.code, null, null));
    return judged.code === CDP_CODES.invalidFields
      ? coded(400, judged.code, 'Invalid format or missing mandatory request', id, { details: judged.details })
      : coded(400, judged.code, ` ${judged.message}`, id);
  }
  const idKey = deps.ledger.keyOf(judged.idType, judged.idNumber);
  const refuse = (status: number, code: number, message: string): Answer => {
    deps.ledger.append(entry('refused', idKey, status, code, null, judged.idExpiry));
    return coded(status, code, message, id);
  };
  if (forced === 'under-investigation') return refuse(406, CDP_CODES.underInvestigation, 'Customer Under Compliance Investigation');
  if (forced === 'blocked') return refuse(406, CDP_CODES.blocked, 'Customer Cannot be Accepted');
  if (forced === 'backend-problem') return refuse(502, CDP_CODES.backendProblem, 'Backend Technical Problem');
  if (deps.draw() < deps.errorPageRate) return BAD_GATEWAY_PAGE;
  const fault = deps.draw() < deps.backendProblemRate ? (deps.draw() < 0.5 ? 'before' : 'after') : null;
  if (fault === 'before') return refuse(502, CDP_CODES.backendProblem, 'Backend Technical Problem');
  const lost = lostAnswer(deps, forced);
  const seeded = judged.idType === 4 ? deps.seeded.find((person) => person.emiratesId === judged.idNumber) : undefined;
  const already = deps.ledger.onboarded(idKey);
  if (!already) {
    if (seeded?.outcome === 'underInvestigation') return refuse(406, CDP_CODES.underInvestigation, `Customer ${seeded.ecrn} Under Compliance Investigation`);
    if (seeded?.outcome === 'blocked') return refuse(406, CDP_CODES.blocked, `Customer ${seeded.ecrn} Cannot be Accepted`);
    if (seeded?.outcome === 'existing') return refuse(404, CDP_CODES.updateFailed, 'Customer update failed');
    if (seeded?.outcome === 'backendProblem' && !failedOnce.has(idKey)) {
      failedOnce.add(idKey);
      return refuse(502, CDP_CODES.backendProblem, 'Backend Technical Problem');
    }
  }
  const ecrn = already?.ecrn ?? seeded?.ecrn ?? freshEcrn(deps);
  deps.ledger.append(entry(already ? 'repeat' : 'onboarded', idKey, 200, null, ecrn, judged.idExpiry));
  const taken: Answer = { status: 200, body: { status: 'success', data: { aml_scan_status: 'Accepted', ecrn, customer_status: 'ACTIVE', pep: false, aml_category: 2 }, status_code: 200, request_id: id } };
  if (fault === 'after') {
    deps.switches.noteLost(idKey, 'backend-problem');
    return coded(502, CDP_CODES.backendProblem, 'Backend Technical Problem', id);
  }
  if (lost !== null) {
    deps.switches.noteLost(idKey, lost);
    return lost === 'error-page' ? GATEWAY_TIMEOUT_PAGE : cutShort(taken);
  }
  return taken;
}

/** Whether this onboarding's answer is to be lost once it has taken effect, and how. */
function lostAnswer(deps: CdpRouteDeps, forced: CdpForcedAnswer | undefined): 'error-page' | 'cut-short' | null {
  if (forced === 'taken-then-error-page') return 'error-page';
  if (forced === 'taken-then-cut-short') return 'cut-short';
  // Drawn only when asked for, so the draws (and ECRNs) of a sandbox without it stay as they were.
  if (deps.lostAnswerRate > 0 && deps.draw() < deps.lostAnswerRate) return deps.draw() < 0.5 ? 'error-page' : 'cut-short';
  return null;
}

/** An ECRN no customer of this sandbox has (bounded: the space is 10^12). */
function freshEcrn(deps: CdpRouteDeps): string {
  let ecrn = madeUpEcrn(deps.draw);
  for (let tries = 0; deps.ledger.ecrnTaken(ecrn) && tries < 100; tries += 1) ecrn = madeUpEcrn(deps.draw);
  return ecrn;
}

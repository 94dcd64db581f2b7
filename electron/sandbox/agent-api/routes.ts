import type http from 'node:http';
import { AGENT_API_PATHS, sendLinkRequestSchema } from '../../connectors/agent-api/wire';
import { checkPushData } from '../../connectors/agent-api/dkyc-fields';
import { bearerToken } from '../shell/auth';
import { HttpProblem, MAX_BODY_BYTES, readBody, type Answer } from '../shell/http';
import type { RouteCall, SandboxRoute } from '../shell/router';
import { detailsAnswer } from './details';
import { mediumOf } from './media';
import type { RateWindow } from './rate-window';
import type { AgentSessions } from './sessions';

/**
 * The agent API sandbox's routes (seed 002 §2–4, and the media its sessions point to), each in the
 * envelope the seed gives that endpoint: sendLink and get_details answer 401 `{ message }` and 400
 * `{ message, status }` / `{ e, msg, status }`; push_user_data answers 401 and 400 with
 * `{ msg, status_code, success, track[, errors] }`; every one answers 429 `{ status, message }`
 * with a Retry-After when the client goes faster than the sandbox's rate.
 */
export const MEDIA_PATH = '/agentapi/v1/session/media/';

export interface AgentRouteDeps {
  sessions: AgentSessions;
  rate: RateWindow;
  tokenProblem: (token: string) => 'invalid' | 'expired' | null;
  linkTypes: readonly string[];
  validitySeconds: number;
  stepMs: number;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Answer => ({ status, body, ...(headers ? { headers } : {}) });

export function agentRoutes(deps: AgentRouteDeps): SandboxRoute[] {
  const limited =
    (handle: (call: RouteCall) => Promise<Answer> | Answer) =>
    (call: RouteCall): Promise<Answer> | Answer => {
      const waitMs = deps.rate.admit();
      if (waitMs === null) return handle(call);
      return json(429, { status: 429, message: 'Rate limit exceeded. Try again later.' }, { 'retry-after': String(Math.ceil(waitMs / 1000)) });
    };
  return [
    { paths: [AGENT_API_PATHS.sendLink], method: 'POST', trailingSlash: true, handle: limited((call) => sendLink(deps, call)) },
    { paths: [AGENT_API_PATHS.sessionDetails], method: 'GET', prefix: true, handle: limited((call) => sessionDetails(deps, call)) },
    { paths: [AGENT_API_PATHS.pushUserData], method: 'POST', trailingSlash: true, handle: limited((call) => pushUserData(deps, call)) },
    { paths: [MEDIA_PATH], method: 'GET', prefix: true, handle: limited((call) => medium(deps, call)) },
  ];
}

/** Why the bearer token is refused (seed: 401 `{ message }`), or null. */
function bearerRefusal(deps: AgentRouteDeps, req: http.IncomingMessage): Answer | null {
  const token = bearerToken(req.headers.authorization);
  const problem = token === undefined ? 'missing' : deps.tokenProblem(token);
  if (problem === null) return null;
  return json(401, { message: problem === 'expired' ? 'Token expired.' : 'Invalid or missing token.' });
}

/**
 * A push carries its documents as base64: the in-person video alone may be 25 MB (about 34 MB as
 * base64), so push_user_data reads up to this much; every other route keeps the shell's cap.
 */
const PUSH_MAX_BODY_BYTES = 48 * 1024 * 1024;

async function bodyOf(req: http.IncomingMessage, cap = MAX_BODY_BYTES): Promise<{ ok: true; body: unknown } | { ok: false; problem: string }> {
  try {
    return { ok: true, body: JSON.parse((await readBody(req, cap)).toString('utf8')) as unknown };
  } catch (error) {
    return { ok: false, problem: error instanceof HttpProblem ? error.message : 'The request body is not valid JSON.' };
  }
}

async function sendLink(deps: AgentRouteDeps, { req }: RouteCall): Promise<Answer> {
  const refused = bearerRefusal(deps, req);
  if (refused) return refused;
  const read = await bodyOf(req);
  if (!read.ok) return json(400, { message: read.problem, status: 400 });
  const parsed = sendLinkRequestSchema.safeParse(read.body);
  if (!parsed.success) return json(400, { message: parsed.error.issues.map((issue) => issue.message).join('; '), status: 400 });
  const request = parsed.data;
  if (!deps.linkTypes.includes(request.link_type)) {
    return json(400, { message: `link_type "${request.link_type}" is not one of ${deps.linkTypes.join(', ')} (case-sensitive).`, status: 400 });
  }
  const session = deps.sessions.open({ origin: 'link', user_id: request.user_id, phone_number: request.phone_number, link_type: request.link_type, validitySeconds: deps.validitySeconds });
  return json(200, {
    link_expiry_time: String(Math.floor(session.expires_at / 1000)),
    link_id: session.link_id,
    link_url: `${originOf(req)}/vkyc/${session.link_id}`,
    phone_number: session.phone_number,
    session_id: session.session_id,
    user_id: session.user_id,
    validity_duration: session.validity_seconds,
    status: 200,
  });
}

function sessionDetails(deps: AgentRouteDeps, { req, url }: RouteCall): Answer {
  const refused = bearerRefusal(deps, req);
  if (refused) return refused;
  const id = decodeURIComponent(url.pathname.slice(AGENT_API_PATHS.sessionDetails.length)).replace(/\/+$/, '');
  const session = deps.sessions.get(id);
  if (!session) return json(400, { e: 'Invalid session', msg: `No session ${id}.`, status: 400 });
  return json(200, detailsAnswer(session, deps.sessions.at(session), `${originOf(req)}${MEDIA_PATH.replace(/\/$/, '')}`, deps.stepMs));
}

async function pushUserData(deps: AgentRouteDeps, { req }: RouteCall): Promise<Answer> {
  const header = req.headers.auth;
  const token = typeof header === 'string' && header !== '' ? header : undefined;
  const problem = token === undefined ? 'missing' : deps.tokenProblem(token);
  if (problem !== null) {
    return json(401, { msg: problem === 'expired' ? 'Token expired.' : 'Invalid or missing auth header.', status_code: 401, success: false, track: null });
  }
  const read = await bodyOf(req, PUSH_MAX_BODY_BYTES);
  if (!read.ok) return json(400, { msg: read.problem, status_code: 400, success: false, track: null, errors: {} });
  const body = (read.body && typeof read.body === 'object' ? read.body : {}) as Record<string, unknown>;
  const errors: Record<string, string> = {};
  const userId = typeof body.user_id === 'string' && /^\S{1,100}$/.test(body.user_id) ? body.user_id : null;
  if (userId === null) errors.user_id = 'is required: 1 to 100 characters without spaces';
  const phone = typeof body.phone_number === 'string' && /^\d{10}$/.test(body.phone_number) ? body.phone_number : null;
  if (phone === null) errors.phone_number = 'must be 10 digits';
  Object.assign(errors, checkPushData(body.data));
  const count = Object.keys(errors).length;
  if (count > 0 || userId === null || phone === null) {
    return json(400, { msg: `Validation failed: ${count} field${count === 1 ? '' : 's'}.`, status_code: 400, success: false, track: userId ? { user_id: userId, session_id: null } : null, errors });
  }
  const session = deps.sessions.open({ origin: 'push', user_id: userId, phone_number: phone, link_type: null, validitySeconds: deps.validitySeconds });
  return json(200, { success: true, session_id: session.session_id, track: { user_id: userId, session_id: session.session_id } });
}

function medium(deps: AgentRouteDeps, { req, url }: RouteCall): Answer {
  const refused = bearerRefusal(deps, req);
  if (refused) return refused;
  const [id = '', name = ''] = url.pathname.slice(MEDIA_PATH.length).split('/').map((part) => decodeURIComponent(part));
  const session = deps.sessions.get(id);
  const found = session ? mediumOf(name, session, deps.sessions.at(session)) : null;
  if (!found) return json(404, { message: 'No such file for this session.' });
  return { status: 200, body: found.bytes, headers: { 'content-type': found.contentType } };
}

/** The address the client used (loopback, http or https): media and link URLs point back to it. */
function originOf(req: http.IncomingMessage): string {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  return `${encrypted ? 'https' : 'http'}://${req.headers.host ?? '127.0.0.1'}`;
}

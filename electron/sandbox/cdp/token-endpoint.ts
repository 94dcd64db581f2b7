import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { CDP_PATHS } from '../../connectors/cdp/wire';
import { sameSecret, TokenIssuer } from '../shell/auth';
import { readBody, type Answer } from '../shell/http';
import type { RouteCall, SandboxRoute } from '../shell/router';

/**
 * The Training CDP's token endpoint (seed 003), answering as an OpenID Connect server does:
 * form-urlencoded only (a JSON body is refused with 415, as a server bound to forms refuses
 * another media type), a parameter given twice refused (400 `invalid_request`), a wrong client id
 * or secret 401 `invalid_client`, a wrong scope 400 `invalid_scope`, a wrong username or password
 * 401 `invalid_grant`, and a refresh token that expired or was never issued 400 `invalid_grant`.
 * Access and refresh tokens are signed by two different keys, so one is never taken for the other;
 * their lifetimes are the sandbox's settings (the seed's 7199 s unless a test shortens them).
 */
export interface CdpTrainingCredentials {
  client_id: string;
  client_secret: string;
  scope: string;
  username: string;
  password: string;
}

export interface CdpTokenSettings {
  credentials: CdpTrainingCredentials;
  accessSeconds: number;
  refreshSeconds: number;
  now: () => number;
}

const FORM = 'application/x-www-form-urlencoded';
const MAX_FORM_BYTES = 16 * 1024;

const oidcError = (status: number, error: string, description: string): Answer => ({ status, body: { error, error_description: description } });

export class CdpTokenEndpoint {
  readonly access: TokenIssuer;
  private readonly refresh: TokenIssuer;
  /** How many tokens each grant gave: tests prove which grant a client used. */
  readonly issued = { password: 0, refresh_token: 0 };

  constructor(private readonly settings: CdpTokenSettings) {
    this.access = new TokenIssuer({ lifetimeSeconds: settings.accessSeconds, now: settings.now });
    this.refresh = new TokenIssuer({ lifetimeSeconds: settings.refreshSeconds, now: settings.now });
  }

  /** Every token issued so far stops working, refresh tokens included (a password change at the CDP). */
  revokeAll(): void {
    this.access.revokeAll();
    this.refresh.revokeAll();
  }

  route(): SandboxRoute {
    return { paths: [CDP_PATHS.token], method: 'POST', trailingSlash: true, handle: (call) => this.answer(call) };
  }

  private async answer({ req }: RouteCall): Promise<Answer> {
    const form = await readForm(req);
    if ('refusal' in form) return form.refusal;
    const { credentials } = this.settings;
    const one = (name: string): string => form.params.get(name) ?? '';
    if (!sameSecret(one('client_id'), credentials.client_id) || !sameSecret(one('client_secret'), credentials.client_secret)) {
      return oidcError(401, 'invalid_client', 'Invalid client or Invalid client credentials');
    }
    const grant = one('grant_type');
    if (grant === 'password') {
      if (one('scope') !== credentials.scope) return oidcError(400, 'invalid_scope', 'Invalid scopes: ' + one('scope').slice(0, 100));
      if (!sameSecret(one('username'), credentials.username) || !sameSecret(one('password'), credentials.password)) return oidcError(401, 'invalid_grant', 'Invalid user credentials');
      this.issued.password += 1;
      return this.tokens(credentials.username);
    }
    if (grant === 'refresh_token') {
      const problem = this.refresh.problem(one('refresh_token'));
      if (problem === 'expired') return oidcError(400, 'invalid_grant', 'Token is not active');
      if (problem !== null) return oidcError(400, 'invalid_grant', 'Invalid refresh token');
      this.issued.refresh_token += 1;
      return this.tokens(credentials.username);
    }
    return oidcError(400, 'unsupported_grant_type', grant === '' ? 'Missing form parameter: grant_type' : 'Unsupported grant_type');
  }

  private tokens(subject: string): Answer {
    return {
      status: 200,
      body: {
        token_type: 'bearer',
        access_token: this.access.issue(subject),
        expires_in: this.settings.accessSeconds,
        refresh_expires_in: this.settings.refreshSeconds,
        refresh_token: this.refresh.issue(subject),
        scope: this.settings.credentials.scope,
        'not-before-policy': 0,
        session_state: randomUUID(),
      },
    };
  }
}

/** The request's form, or the refusal a form-only endpoint gives. */
async function readForm(req: http.IncomingMessage): Promise<{ params: URLSearchParams } | { refusal: Answer }> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== FORM) return { refusal: oidcError(415, 'invalid_request', `Content-Type must be ${FORM}.`) };
  const params = new URLSearchParams((await readBody(req, MAX_FORM_BYTES)).toString('utf8'));
  const names = [...params.keys()];
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) return { refusal: oidcError(400, 'invalid_request', `duplicated parameter: ${twice.slice(0, 40)}`) };
  return { params };
}

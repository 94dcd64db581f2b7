import type { ApiSettings } from '../../shared/connections/settings';
import type { InstitutionFields } from '../connectors/ckyc-records/client';
import { institutionOf } from '../connections/live-registry';
import { SFTP_SANDBOX_FOLDERS, TRAINING_AGENT_API_CREDENTIALS, TRAINING_BULK_UPDATE_CREDENTIALS, TRAINING_CDP_CREDENTIALS, TRAINING_PARENT_COMPANY_ID, type CkycSandbox } from '../sandbox';
import type { CdpConnection } from '../connectors/cdp/connect';
import type { BulkUpdateConnection } from '../connectors/bulk-update/client';
import { DEFAULT_SFTP_TIMEOUTS, type SftpConnectionSettings } from '../transport/sftp';

/**
 * Training mode's connections: the built-in sandbox for all three routes. Nothing here is a
 * secret of a real registry; the SFTP key is the sandbox's training key, made on this PC.
 * Part of the Training wiring, the only production code allowed to import sandbox/ (docs/architecture.md).
 */

/** The codes an admin saved on the connection screen, or training placeholders until then. */
export function institutionFields(saved: ApiSettings | null): InstitutionFields {
  const codes = saved ? institutionOf(saved) : null;
  return {
    fiCode: codes?.fiCode || 'IN0000',
    version: codes?.version || '1.0',
    regionCode: codes?.regionCode || 'TRAINING',
    username: codes?.username || 'TRAINING',
    branchCode: codes?.branchCode || 'TRAINING',
  };
}

/** The sandbox's SFTP server, or why there is none. Its host key is the sandbox's own, so it is pinned here. */
export function trainingSftpSettings(sandbox: CkycSandbox): SftpConnectionSettings | { problem: string } {
  const server = sandbox.sftp;
  if (!server) return { problem: 'The training sandbox runs without its SFTP server; choose another route on the Connections screen.' };
  const identity = server.identity;
  return {
    host: '127.0.0.1',
    port: server.port,
    username: identity.username,
    auth: { kind: 'key', privateKeyPem: identity.clientPrivateKeyPem },
    inputFolder: SFTP_SANDBOX_FOLDERS.input,
    responseFolder: SFTP_SANDBOX_FOLDERS.response,
    ...DEFAULT_SFTP_TIMEOUTS,
    hostKeyFingerprint: identity.hostFingerprint,
  };
}

/**
 * The sandbox's agent API (seed 002) and its training sign-in: the same token endpoint the CKYC
 * routes use, so the same training credentials. Nothing here is a real vendor's.
 */
export function trainingAgentConnection(sandboxUrl: string): { baseUrl: string; username: string; password: string } {
  return { baseUrl: sandboxUrl, ...TRAINING_AGENT_API_CREDENTIALS };
}

/** The sandbox's UAE CDP (seed 003) and its training sign-in. Nothing here is a real partner's. */
export function trainingCdpConnection(sandboxUrl: string): Omit<CdpConnection, 'timeoutMs'> {
  const c = TRAINING_CDP_CREDENTIALS;
  return { baseUrl: sandboxUrl, clientId: c.client_id, clientSecret: c.client_secret, scope: c.scope, username: c.username, password: c.password };
}

/** Training's bulk customer update platform: the sandbox's, at its own address, with its token and company (nothing secret). */
export function trainingBulkUpdateConnection(sandboxUrl: string): Omit<BulkUpdateConnection, 'timeoutMs'> {
  return { baseUrl: sandboxUrl, token: TRAINING_BULK_UPDATE_CREDENTIALS.token, parentCompanyId: TRAINING_PARENT_COMPANY_ID };
}

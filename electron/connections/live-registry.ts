import fs from 'node:fs';
import type { ApiSettings } from '../../shared/connections/settings';
import { secretAccount, type SecretSlot } from '../../shared/secrets/slots';
import type { Logger } from '../logging/logger';
import { assertConnectionAllowed } from '../connectors/connection-guard';
import { RecordsApiClient, type InstitutionFields } from '../connectors/ckyc-records/client';
import { TokenProvider, type BearerTokens, type TokenOutcome } from '../connectors/agent-api/token';
import { DEFAULT_SFTP_TIMEOUTS, type SftpConnectionSettings } from '../transport/sftp';
import type { Vault } from '../vault/vault';
import type { ConnectionRepository } from './connection-repository';

/**
 * Live mode's way to the registry: the connection an admin set up on the Connections screen,
 * read afresh for every request (a fixed setting takes effect at once), with its secrets read
 * from the OS keychain only when needed and never kept anywhere else.
 *
 * - API: the saved base URL (https, never the sandbox), and either a JWT from seed 002's token
 *   endpoint with the saved username and the keychain's password, renewed before it expires, or
 *   the pasted token from the keychain. The records API (seed 001) uses the same connection.
 * - SFTP: the saved host, port, folders and pinned host key; the private key read from the saved
 *   file (with its passphrase from the keychain, if any) or the keychain's password.
 */
export class LiveRegistry {
  private provider: { key: string; tokens: TokenProvider } | null = null;
  private retired: TokenProvider | null = null;
  private records: { key: string; client: RecordsApiClient } | null = null;

  constructor(
    private readonly options: { connections: ConnectionRepository; vault: Vault; timeoutMs: number; logger: Logger },
  ) {}

  /** Why nothing can be sent yet, in words an admin can act on; null when the API connection is set up. */
  problem(): string | null {
    return problemOf(this.options.connections.api());
  }

  private api(): ApiSettings {
    const api = this.options.connections.api();
    const problem = problemOf(api);
    if (!api || problem) throw new Error(problem ?? 'No API connection.');
    assertConnectionAllowed('live', api.baseUrl, null);
    return api;
  }

  /** The saved base URL, for a client built once and used for the whole run. */
  get baseUrl(): string {
    return this.api().baseUrl;
  }

  /** The institution's CERSAI codes as saved. */
  institution(): InstitutionFields {
    return institutionOf(this.api());
  }

  /** Bearer tokens for the saved connection, as it is now. */
  readonly tokens: BearerTokens = new LiveTokens(this);

  /** A password-based connection can get a fresh token; a pasted one cannot. */
  get renewable(): boolean {
    return this.options.connections.api()?.authMode === 'password';
  }

  /** Scrubbed of the secrets of the provider in use and of the one it replaced (a message may name either). */
  scrub(text: string): string {
    const once = this.provider?.tokens.scrub(text) ?? text;
    return this.retired?.scrub(once) ?? once;
  }

  /** The registry refused the token: the next request reads the keychain again and gets a new one. */
  invalidate(): void {
    this.retire();
  }

  async token(): Promise<TokenOutcome> {
    const outcome = await (await this.currentProvider()).token();
    // A refused password may have been corrected in the keychain since: read it again next time.
    if (!outcome.ok) this.retire();
    return outcome;
  }

  private retire(): void {
    if (this.provider) this.retired = this.provider.tokens;
    this.provider = null;
  }

  private async secret(slot: SecretSlot): Promise<string | null> {
    return this.options.vault.get(secretAccount('live', slot));
  }

  /**
   * The token provider for the connection as saved. The keychain is read only when one is made —
   * for a new connection, or after the registry refused a token or the password — not for every
   * request.
   */
  private async currentProvider(): Promise<TokenProvider> {
    const api = this.api();
    const key = JSON.stringify([api.baseUrl, api.authMode, api.username]);
    if (this.provider?.key !== key) {
      const secret = await this.secret(api.authMode === 'password' ? 'ckyc-api-password' : 'ckyc-api-token');
      const source = api.authMode === 'password' ? { kind: 'credentials' as const, username: api.username, password: secret ?? '' } : { kind: 'pasted' as const, token: secret ?? '' };
      this.provider = { key, tokens: new TokenProvider({ baseUrl: api.baseUrl, timeoutMs: this.options.timeoutMs, source, logger: this.options.logger }) };
    }
    return this.provider.tokens;
  }

  /** The records API client for the saved connection and institution codes. */
  recordsApi(): RecordsApiClient {
    const api = this.api();
    const institution = institutionOf(api);
    const key = JSON.stringify([api.baseUrl, institution]);
    if (this.records?.key !== key) {
      this.records = { key, client: new RecordsApiClient({ baseUrl: api.baseUrl, timeoutMs: this.options.timeoutMs, institution }, this.tokens, this.options.logger) };
    }
    return this.records.client;
  }

  /** The saved SFTP connection with its secret, or what is missing. */
  async sftp(): Promise<SftpConnectionSettings | { problem: string }> {
    const saved = this.options.connections.sftp();
    if (!saved || saved.host === '') return { problem: 'Live mode has no SFTP connection yet: a branch admin must set it up on the Connections screen.' };
    let auth: SftpConnectionSettings['auth'];
    if (saved.authMode === 'key') {
      let privateKeyPem: string;
      try {
        privateKeyPem = fs.readFileSync(saved.privateKeyPath, 'utf8');
      } catch {
        return { problem: `The SFTP private key file ${saved.privateKeyPath} cannot be read on this PC. Check the path on the Connections screen.` };
      }
      const passphrase = await this.secret('sftp-key-passphrase');
      auth = { kind: 'key', privateKeyPem, ...(passphrase ? { passphrase } : {}) };
    } else {
      const password = await this.secret('sftp-password');
      if (!password) return { problem: 'The SFTP password is not in the keychain: set it on the Connections screen.' };
      auth = { kind: 'password', password };
    }
    return {
      host: saved.host,
      port: saved.port,
      username: saved.username,
      auth,
      inputFolder: saved.inputFolder,
      responseFolder: saved.responseFolder,
      ...DEFAULT_SFTP_TIMEOUTS,
      hostKeyFingerprint: saved.hostKeyFingerprint,
    };
  }
}

function problemOf(api: ApiSettings | null): string | null {
  if (!api || api.baseUrl === '') return 'Live mode has no registry connection yet: a branch admin must set up the CKYC API on the Connections screen.';
  return null;
}

/** The saved connection's CERSAI codes as the connectors take them (batch-details.csv, seed 001's envelope). */
export function institutionOf(api: ApiSettings): InstitutionFields {
  return { fiCode: api.fiCode, version: api.version, regionCode: api.regionCode, username: api.cersaiUsername, branchCode: api.branchCode };
}

/** The registry's tokens as a client sees them: always those of the connection as saved now. */
class LiveTokens implements BearerTokens {
  constructor(private readonly registry: LiveRegistry) {}

  get renewable(): boolean {
    return this.registry.renewable;
  }

  token(): Promise<TokenOutcome> {
    return this.registry.token();
  }

  invalidate(): void {
    this.registry.invalidate();
  }

  scrub(text: string): string {
    return this.registry.scrub(text);
  }
}

import { AppFailure } from '../../shared/errors';
import type { AppMode } from '../../shared/mode';
import { can, type OperatorProfile } from '../../shared/operators/roles';
import {
  EMPTY_API_SETTINGS,
  EMPTY_SFTP_SETTINGS,
  FINGERPRINT_PATTERN,
  checkApiSettings,
  checkSftpSettingsInput,
  tidyApiSettings,
  tidySftpSettings,
  type ApiSettings,
  type SftpSettings,
  type SftpSettingsInput,
} from '../../shared/connections/settings';
import type { AuditLog } from '../audit/audit-log';
import type { Store } from '../store/database';
import type { SecretStatus } from '../vault/secret-service';
import { API_SETTINGS_KEY, ConnectionRepository, SFTP_SETTINGS_KEY } from './connection-repository';

export interface ConnectionsSnapshot {
  api: ApiSettings;
  sftp: SftpSettings;
  configured: { api: boolean; sftp: boolean };
  secrets: SecretStatus;
  mode: AppMode;
}

export type HostKeyCheck = { fingerprint: string; pinned: string | null; status: 'new' | 'same' | 'changed' };
export type ApiTestResult = { ok: boolean; message: string };

export interface ConnectionServiceOptions {
  store: Store;
  audit: AuditLog;
  mode: AppMode;
  /** Which keychain slots are set (booleans only). */
  secretStatus: () => Promise<SecretStatus>;
  /** Reads a server's host key fingerprint without logging in (`probeHostKey` of the SFTP transport). */
  probeHostKey: (target: { host: string; port: number }) => Promise<string>;
  /** One cheap request to the connection in force (in Training mode: the built-in sandbox). */
  testApi: (saved: ApiSettings | null) => Promise<ApiTestResult>;
  /** SFTP settings or the pinned key changed: transfers stopped by a changed key may try again. */
  onSftpChanged?: () => void;
}

const API_FIELDS = ['baseUrl', 'authMode', 'username', 'fiCode', 'regionCode', 'branchCode', 'cersaiUsername', 'version', 'organisationName'] as const;
const SFTP_FIELDS = ['host', 'port', 'username', 'authMode', 'privateKeyPath', 'inputFolder', 'responseFolder'] as const;

const normalise = (fingerprint: string) => fingerprint.trim().replace(/=+$/, '');

/**
 * The connection screen's service: non-secret settings of the CKYC API and SFTP connections,
 * and the SFTP server's pinned host key. Every change is audited as 'settings-change' with the
 * names of the fields that changed — never a secret (there is none here: secrets go to the vault
 * through SecretService). Saving settings never switches modes.
 */
export class ConnectionService {
  private readonly repository: ConnectionRepository;

  constructor(private readonly options: ConnectionServiceOptions) {
    this.repository = new ConnectionRepository(options.store);
  }

  async view(actor: OperatorProfile): Promise<ConnectionsSnapshot> {
    this.assertAdmin(actor);
    const api = this.repository.api();
    const sftp = this.repository.sftp();
    return {
      api: api ?? EMPTY_API_SETTINGS,
      sftp: sftp ?? EMPTY_SFTP_SETTINGS,
      configured: { api: api !== null, sftp: sftp !== null },
      secrets: await this.options.secretStatus(),
      mode: this.options.mode,
    };
  }

  /** Validates both parts first: nothing is written unless every given part is acceptable. */
  async save(actor: OperatorProfile, changes: { api?: ApiSettings; sftp?: SftpSettingsInput }): Promise<ConnectionsSnapshot> {
    this.assertAdmin(actor);
    const fields = {
      ...(changes.api ? checkApiSettings(changes.api) : {}),
      ...(changes.sftp ? checkSftpSettingsInput(changes.sftp) : {}),
    };
    const count = Object.keys(fields).length;
    if (count > 0) {
      throw new AppFailure('VALIDATION_FAILED', count === 1 ? 'One connection setting needs attention. Check the marked field.' : `${count} connection settings need attention. Check the marked fields.`, fields);
    }
    const who = { id: actor.id, name: actor.name };
    let sftpChanged = false;
    this.options.store.write(() => {
      if (changes.api) {
        const next = tidyApiSettings(changes.api);
        const before = this.repository.api();
        const changed = API_FIELDS.filter((field) => before?.[field] !== next[field]);
        if (changed.length > 0) {
          this.repository.writeApi(next);
          this.options.audit.append({ actor: who, action: 'settings-change', subject: API_SETTINGS_KEY, details: { changed: changed.join(', '), authMode: next.authMode, baseUrl: next.baseUrl } });
        }
      }
      if (changes.sftp) {
        const input = tidySftpSettings(changes.sftp);
        const before = this.repository.sftp();
        const changed = SFTP_FIELDS.filter((field) => before?.[field] !== input[field]);
        if (changed.length > 0) {
          // Another server (or port) is another identity: its key must be confirmed again.
          const sameServer = before !== null && before.host.toLowerCase() === input.host.toLowerCase() && before.port === input.port;
          const pin = sameServer ? before.hostKeyFingerprint : null;
          this.repository.writeSftp({ ...input, hostKeyFingerprint: pin });
          sftpChanged = true;
          this.options.audit.append({
            actor: who,
            action: 'settings-change',
            subject: SFTP_SETTINGS_KEY,
            details: { changed: changed.join(', '), authMode: input.authMode, host: input.host, port: input.port, hostKeyPin: before?.hostKeyFingerprint && !pin ? 'removed: another server' : pin ? 'kept' : 'none' },
          });
        }
      }
    });
    if (sftpChanged) this.options.onSftpChanged?.();
    return this.view(actor);
  }

  /** The saved server's fingerprint now, compared with the pin. */
  async probeSftpHostKey(actor: OperatorProfile): Promise<HostKeyCheck> {
    this.assertAdmin(actor);
    const sftp = this.savedSftp();
    const fingerprint = await this.probe(sftp);
    const pinned = sftp.hostKeyFingerprint;
    const status = pinned === null ? 'new' : normalise(pinned) === fingerprint ? 'same' : 'changed';
    return { fingerprint, pinned, status };
  }

  /**
   * Pins the fingerprint the admin compared with the one their IT team gave. The server is asked
   * again: if it now presents another key, nothing is pinned.
   */
  async pinSftpHostKey(actor: OperatorProfile, fingerprint: string): Promise<ConnectionsSnapshot> {
    this.assertAdmin(actor);
    if (!FINGERPRINT_PATTERN.test(fingerprint.trim())) {
      const message = 'A host key fingerprint looks like SHA256: followed by 43 letters, digits, + or /.';
      throw new AppFailure('VALIDATION_FAILED', message, { fingerprint: message });
    }
    const wanted = normalise(fingerprint);
    const sftp = this.savedSftp();
    const presented = await this.probe(sftp);
    if (presented !== wanted) {
      throw new AppFailure('CONFLICT', 'The server now shows a different identity from the one you checked. Nothing was trusted: check the server’s identity again and compare it with your IT team’s.');
    }
    this.options.store.write(() => {
      const current = this.repository.sftp();
      if (!current) throw new AppFailure('NOT_FOUND', 'Save the SFTP settings first.');
      if (current.hostKeyFingerprint === wanted) return;
      this.repository.writeSftp({ ...current, hostKeyFingerprint: wanted });
      this.options.audit.append({
        actor: { id: actor.id, name: actor.name },
        action: 'settings-change',
        subject: SFTP_SETTINGS_KEY,
        details: { changed: 'hostKeyFingerprint', host: current.host, port: current.port, from: current.hostKeyFingerprint, to: wanted },
      });
    });
    this.options.onSftpChanged?.();
    return this.view(actor);
  }

  async testApi(actor: OperatorProfile): Promise<ApiTestResult> {
    this.assertAdmin(actor);
    return this.options.testApi(this.repository.api());
  }

  private savedSftp(): SftpSettings {
    const sftp = this.repository.sftp();
    if (!sftp) throw new AppFailure('NOT_FOUND', 'Save the SFTP settings first, then check the server’s identity.');
    return sftp;
  }

  private async probe(sftp: SftpSettings): Promise<string> {
    try {
      return normalise(await this.options.probeHostKey({ host: sftp.host, port: sftp.port }));
    } catch (error) {
      const detail = error instanceof Error && error.name === 'SftpError' ? ` ${error.message}` : '';
      throw new AppFailure('REMOTE_UNREACHABLE', `Could not read the identity of ${sftp.host}:${sftp.port}.${detail} Check the host and port, and that this computer can reach the server.`);
    }
  }

  private assertAdmin(actor: OperatorProfile): void {
    if (!actor.active || !can(actor.role, 'connections.manage')) throw new AppFailure('FORBIDDEN', 'Only a branch admin can see or change the registry connections.');
  }
}

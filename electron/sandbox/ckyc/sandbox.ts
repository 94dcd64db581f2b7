import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../logging/logger';
import { DEFAULT_BATCH_CAPS } from '../../connectors/ckyc-bulk/batch-zip';
import type { WireRecord } from '../../connectors/ckyc-records/wire';
import { FaultInjector } from '../shell/faults';
import { iso } from '../shell/http';
import { SandboxRouter } from '../shell/router';
import { SandboxServer } from '../shell/server';
import type { RunningSandboxService, SandboxService } from '../shell/service';
import { SANDBOX_SERVICES } from '../services';
import { BatchLifecycle } from './batch-lifecycle';
import { DownloadLifecycle } from './download-lifecycle';
import { RegistryLookup } from './registry-lookup';
import type { SeededPerson } from './registry-people';
import { ckycNumberFor } from './registry-rules';
import { RecordsApiSandbox } from './records-api';
import { ckycRoutes } from './routes';
import { SftpDropDesk } from './sftp-drop';
import { SftpSandbox, type SftpDrop, type SftpDropOutcome } from './sftp/server';

export interface SandboxOptions {
  stateDir: string;
  token: string;
  /** How long a batch "processes" before it reaches its terminal state. */
  processingMs: number;
  logger: Logger;
  now?: () => number;
  /** KYC_DESK_SANDBOX_FAULTS: `name=probability[@timing],…` (see shell/faults.ts). Malformed → start throws. */
  faults?: string;
  /** KYC_DESK_SANDBOX_SEED: makes faults, registry rejections and CKYC numbers reproducible. */
  seed?: string;
  /** How long a `timeout` fault holds the response before dropping the connection (default 35 s). */
  faultHoldMs?: number;
  /** Retry-After of an `http429` fault, in whole seconds (default 1). */
  retryAfterSeconds?: number;
  /** Cap of an upload-file body (default: the batch byte cap + 1 MB); an SFTP drop has the same cap. */
  maxUploadBytes?: number;
  /**
   * Training credentials of the records API's token endpoint (seed 002 §1); default
   * TRAINING_RECORDS_API_CREDENTIALS. The pasted `token` is accepted there too. Never logged.
   */
  recordsApi?: { username: string; password: string; tokenLifetimeSeconds?: number };
  /** The SFTP server (sftp/server.ts), started with the sandbox unless `false`. */
  sftp?: false | { port?: number; username?: string };
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP on loopback. */
  tls?: { key: string; cert: string };
  /** The HTTP port on 127.0.0.1; default 0 (any free port). */
  port?: number;
  /** Other services served beside CKYC on the same URL; default SANDBOX_SERVICES (services.ts). */
  services?: readonly SandboxService[];
}

/**
 * The records API sandbox's credentials when none are configured: Training mode's own, for a
 * loopback stand-in that holds training data only (seed 002: 3–20 and 8–32 letters and digits).
 */
export const TRAINING_RECORDS_API_CREDENTIALS = Object.freeze({ username: 'kycdesktraining', password: 'TrainingOnly2026' });

/**
 * Training mode's agent API username and password (video KYC, digital-KYC push): the sandbox has
 * one token endpoint (seed 002 §1), so they are the records API's training credentials.
 */
export const TRAINING_AGENT_API_CREDENTIALS = TRAINING_RECORDS_API_CREDENTIALS;

/**
 * Training mode's stand-in for the CKYC vendor API (seed 000): same paths, same envelope, same
 * states, judging each individual with the shared rules the way the registry would, the batch ZIP
 * with the reader the app trusts for hostile files, and some individuals the way the registry
 * does (registry-rules.ts, the ledger). Every accepted individual is a line in ledger.jsonl.
 * Faults (shell/faults.ts) are injected in front of every HTTP request, before or after it took
 * effect. This file only assembles: the shell serves, each endpoint family answers in its own file
 * (routes.ts lists them), batch-lifecycle.ts moves batches, sftp/ and sftp-drop.ts take SFTP drops.
 */
export class CkycSandbox {
  private sweep: NodeJS.Timeout | undefined;
  private server: SandboxServer | null = null;
  private services: RunningSandboxService[] = [];
  private readonly batches: BatchLifecycle;
  private readonly registry: RegistryLookup;
  private readonly downloads: DownloadLifecycle;
  /** The Training admin's "Pretend the SFTP server is down" switch (not kept across restarts). */
  private sftpSwitchedDown = false;
  private readonly recordsApi: RecordsApiSandbox;
  private readonly drops: SftpDropDesk;

  private constructor(
    private readonly options: SandboxOptions,
    readonly faults: FaultInjector,
  ) {
    const now = () => this.now();
    this.batches = new BatchLifecycle({ stateDir: options.stateDir, processingMs: options.processingMs, logger: options.logger, now, faults });
    this.registry = new RegistryLookup(this.batches);
    this.downloads = new DownloadLifecycle(this.batches, this.registry, options.processingMs, options.stateDir);
    this.drops = new SftpDropDesk(this.batches, options.logger, this.maxUploadBytes());
    this.batches.afterSettle = (request) => this.drops.writeResult(request);
    const credentials = options.recordsApi ?? TRAINING_RECORDS_API_CREDENTIALS;
    this.recordsApi = new RecordsApiSandbox({
      username: credentials.username,
      password: credentials.password,
      ...(options.recordsApi?.tokenLifetimeSeconds !== undefined ? { tokenLifetimeSeconds: options.recordsApi.tokenLifetimeSeconds } : {}),
      pastedTokens: [options.token],
      ...(options.now ? { now: options.now } : {}),
      // The ledger, not only the records API's memory: a reference accepted by a bulk batch, or
      // before a restart, is a duplicate here too.
      alreadyAccepted: (ref) => this.batches.ledger.registered(ref) !== undefined,
      onAccepted: (records) => this.acceptRecords(records),
      logger: options.logger,
    });
  }

  static async start(options: SandboxOptions): Promise<CkycSandbox> {
    const faults = new FaultInjector(options.faults, options.seed); // throws on a malformed spec, before anything listens
    const sandbox = new CkycSandbox(options, faults);
    try {
      const router = new SandboxRouter().add(
        ckycRoutes({
          batches: sandbox.batches,
          downloads: sandbox.downloads,
          sftpStatus: () => sandbox.sftpStatus(),
          recordsApi: sandbox.recordsApi,
          pastedToken: options.token,
          maxUploadBytes: sandbox.maxUploadBytes(),
        }),
      );
      for (const service of await sandbox.startServices()) router.add(service.routes);
      sandbox.server = await SandboxServer.start({ ...sandbox.shellOptions(), faults, router });
      if (options.sftp !== false) sandbox.drops.server = await sandbox.startSftp(options.sftp);
    } catch (error) {
      await sandbox.close();
      throw error;
    }
    // Batches reach their end (and the ledger) even when nobody asks; status calls settle them too.
    const every = Math.max(50, Math.min(1000, Math.floor(options.processingMs / 3)));
    sandbox.sweep = setInterval(() => {
      sandbox.batches.settleAll();
      sandbox.downloads.settleAll();
    }, every);
    sandbox.sweep.unref();
    if (faults.rules.length > 0) options.logger.info('sandbox fault injection on', { faults: options.faults, seed: faults.seed });
    return sandbox;
  }

  private shellOptions() {
    const { logger, tls, faultHoldMs, retryAfterSeconds, port } = this.options;
    return {
      logger,
      ...(port !== undefined ? { port } : {}),
      drainBytes: this.maxUploadBytes(),
      ...(tls ? { tls } : {}),
      ...(faultHoldMs !== undefined ? { faultHoldMs } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    };
  }

  private async startServices(): Promise<RunningSandboxService[]> {
    for (const service of this.options.services ?? SANDBOX_SERVICES) {
      if (!/^[a-z0-9-]+$/.test(service.name) || service.name === 'sftp') throw new Error(`A sandbox service needs a plain folder name, not "${service.name}".`);
      const stateDir = path.join(this.options.stateDir, service.name);
      fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
      this.services.push(
        await service.start({
          stateDir,
          logger: this.options.logger,
          now: () => this.now(),
          faults: this.faults,
          tokenProblem: (token) => this.recordsApi.tokenProblem(token),
          processingMs: this.options.processingMs,
        }),
      );
    }
    return this.services;
  }

  private startSftp(sftp: SandboxOptions['sftp']): Promise<SftpSandbox> {
    return SftpSandbox.start({
      stateDir: this.options.stateDir,
      logger: this.options.logger,
      ...(sftp && sftp.port !== undefined ? { port: sftp.port } : {}),
      ...(sftp && sftp.username !== undefined ? { username: sftp.username } : {}),
      onDrop: (drop) => this.receiveDrop(drop),
      drawDrop: () => this.faults.draw('sftp_drop'),
      refuseConnections: () => this.sftpSwitchedDown,
      maxDropBytes: this.maxUploadBytes(),
    });
  }

  get url(): string {
    if (!this.server) throw new Error('The sandbox is not listening.');
    return this.server.url;
  }

  /** Every token issued so far stops working, on the bulk and the records API (tests: a token revoked mid-batch). */
  revokeTokens(): void {
    this.recordsApi.revokeTokens();
  }

  /**
   * The Training admin's switch: while down, sftp-health reports `down` and the SFTP server
   * refuses new connections (one already open is left to finish).
   */
  setSftpDown(down: boolean): void {
    this.sftpSwitchedDown = down;
    this.options.logger.info('sandbox SFTP switched', { down });
  }

  get sftpDown(): boolean {
    return this.sftpSwitchedDown;
  }

  /** What sftp-health answers: down while switched down, or when the `sftp_down` fault fires. */
  private sftpStatus(): 'up' | 'down' {
    const drawn = this.faults.draw('sftp_down'); // drawn on every health request, so the stream stays in step
    return this.sftpSwitchedDown || drawn ? 'down' : 'up';
  }

  /** The registry's seeded people (registry-people.ts), the same for the same seed. */
  seededPeople(): SeededPerson[] {
    return this.registry.people();
  }

  get ledgerFile(): string {
    return path.join(this.options.stateDir, 'ledger.jsonl');
  }

  /** The SFTP server (null when started with `sftp: false`): port, fingerprint, training key, folders. */
  get sftp(): SftpSandbox | null {
    return this.drops.server;
  }

  /** A batch ZIP dropped over SFTP with its trigger (see sftp-drop.ts). */
  receiveDrop(drop: SftpDrop): SftpDropOutcome {
    return this.drops.receiveDrop(drop);
  }

  async close(): Promise<void> {
    if (this.sweep) clearInterval(this.sweep);
    const sftp = this.drops.server;
    this.drops.server = null;
    const services = this.services;
    this.services = [];
    await Promise.all([this.server?.close(), sftp?.close(), ...services.map((service) => service.close?.())]);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private maxUploadBytes(): number {
    return this.options.maxUploadBytes ?? DEFAULT_BATCH_CAPS.maxBytes + 1024 * 1024;
  }

  /** Records the records API took (200): one ledger line each, under one client_id per request. */
  private acceptRecords(records: readonly WireRecord[]): void {
    const clientId = `records_api_${randomBytes(8).toString('hex')}`;
    const { ledger } = this.batches;
    for (const wire of records) {
      const ref = wire.kyc_ref_no;
      const basic = wire.basic_details;
      const fullName = [basic.applicant_first_name, basic.applicant_middle_name, basic.applicant_last_name].map((p) => p.trim().toUpperCase()).filter(Boolean).join(' ');
      ledger.append({
        client_id: clientId,
        kyc_ref_no: ref,
        ckyc_number: ckycNumberFor(this.faults.seed, clientId, ref, (n) => ledger.numberTaken(n)),
        at: iso(this.now()),
        kind: 'upload',
        pan_key: wire.pan === '' ? null : this.batches.keyOf(`pan:${wire.pan.toUpperCase()}`),
        name_key: fullName === '' ? null : this.batches.keyOf(`name:${fullName}`),
      });
    }
  }
}

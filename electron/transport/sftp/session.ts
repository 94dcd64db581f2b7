import type { Client, ConnectConfig, SFTPWrapper } from 'ssh2';
import SftpClient from 'ssh2-sftp-client';
import { classifySftpError, HostKeyChangedError, HostKeyUnknownError, SftpError, type SftpPhase } from './errors';
import { judgeHostKey, type HostKeyVerdict } from './host-key';
import type { SftpConnectionSettings } from './settings';

/** What ssh2-sftp-client v12 keeps on the instance (its v9 typings don't declare them). */
interface ClientInternals {
  client: Client;
  sftp?: SFTPWrapper & { _extensions?: Record<string, string> };
}

/** How long `end()` may take before the socket is simply destroyed. */
const END_TIMEOUT_MS = 3_000;

/**
 * One SFTP connection: a new ssh2-sftp-client per connection (v12 has no connect retries — the
 * caller retries with its own backoff), TCP no-delay on the ssh2 socket right after login (a
 * streamed put to OpenSSH is ~100× slower without it), every request bounded by the operation
 * timeout, and `close()` bounded too. After a drop or a timeout the session is dead: open a new one.
 */
export class SftpSession {
  private closed = false;
  private readonly closeListeners = new Set<() => void>();

  private constructor(
    private readonly client: SftpClient,
    readonly settings: SftpConnectionSettings,
    readonly hostFingerprint: string,
  ) {}

  /** Connects, checks the host key against the pin, logs in. Throws `SftpError` (never a raw error). */
  static async open(settings: SftpConnectionSettings): Promise<SftpSession> {
    let session: SftpSession | null = null;
    const client = new SftpClient('kyc-desk', {
      // The library's defaults print to the console; we turn events into typed errors instead.
      error: () => undefined,
      end: () => session?.markClosed(),
      close: () => session?.markClosed(),
    });
    const verdict = { value: null as HostKeyVerdict | null };
    try {
      await withTimeout(client.connect(connectConfig(settings, verdict)), settings.connectTimeoutMs + 1_000, () => destroy(client));
    } catch (error) {
      destroy(client);
      throw hostKeyError(verdict.value, settings.hostKeyFingerprint) ?? classifySftpError(error, 'connect', 'connecting');
    }
    const fingerprint = verdict.value?.fingerprint;
    if (!verdict.value?.ok || !fingerprint) {
      // Cannot happen (ssh2 always asks the verifier), but never transfer without a checked key.
      destroy(client);
      throw hostKeyError(verdict.value, settings.hostKeyFingerprint) ?? new SftpError('host_key_unknown', 'The SFTP server was not identified; nothing was sent.', 'not_sent');
    }
    internals(client).client.setNoDelay(true);
    session = new SftpSession(client, settings, fingerprint);
    return session;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** ssh2-sftp-client, for requests it wraps well (stat, list, rename, mkdir, delete). */
  get library(): SftpClient {
    this.assertOpen();
    return this.client;
  }

  /** The raw ssh2 SFTP channel, for streams and extensions. */
  get channel(): SFTPWrapper & { _extensions?: Record<string, string> } {
    this.assertOpen();
    const sftp = internals(this.client).sftp;
    if (!sftp) throw new SftpError('dropped', 'The SFTP connection is closed.', 'unknown');
    return sftp;
  }

  supports(extension: 'posix-rename@openssh.com' | 'statvfs@openssh.com'): boolean {
    return internals(this.client).sftp?._extensions?.[extension] !== undefined;
  }

  /** Called once when the connection ends, by us or by the network. */
  onClose(listener: () => void): () => void {
    if (this.closed) {
      queueMicrotask(listener);
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /**
   * One request with the operation timeout. A request that does not come back cannot be cancelled
   * in SFTP, so on timeout the connection is destroyed and the session is dead.
   */
  async request<T>(what: string, work: () => Promise<T>, phase: SftpPhase = 'request'): Promise<T> {
    this.assertOpen();
    try {
      return await withTimeout(work(), this.settings.operationTimeoutMs, () => this.destroy());
    } catch (error) {
      if (error instanceof TimeoutSignal) {
        throw new SftpError('timeout', `The SFTP server did not answer within ${Math.round(this.settings.operationTimeoutMs / 1000)} s while ${what}.`, phase === 'transfer' ? 'partial' : 'unknown');
      }
      throw classifySftpError(error, phase, what);
    }
  }

  /** Ends the connection politely; destroys the socket if that takes longer than a few seconds. */
  async close(): Promise<void> {
    if (this.closed) {
      destroy(this.client);
      return;
    }
    try {
      await withTimeout(this.client.end(), END_TIMEOUT_MS, () => undefined);
    } catch {
      // a dead connection or a slow goodbye: the socket goes either way
    }
    destroy(this.client);
    this.markClosed();
  }

  /** Kills the connection at once (timeouts, a stalled transfer). */
  destroy(): void {
    destroy(this.client);
    this.markClosed();
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners) listener();
    this.closeListeners.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new SftpError('dropped', 'The SFTP connection is closed.', 'unknown');
  }
}

/**
 * Only the server's fingerprint, for the confirm-on-first-use screen: the handshake stops at the
 * host key (the verifier refuses it), so no login is attempted and no secret is offered.
 */
export async function probeHostKey(settings: Pick<SftpConnectionSettings, 'host' | 'port' | 'connectTimeoutMs'>): Promise<string> {
  const client = new SftpClient('kyc-desk-probe', { error: () => undefined, end: () => undefined, close: () => undefined });
  let fingerprint: string | null = null;
  try {
    await withTimeout(
      client.connect({
        host: settings.host,
        port: settings.port,
        username: 'kyc-desk-host-key-probe',
        readyTimeout: settings.connectTimeoutMs,
        hostVerifier: (key: Buffer) => {
          fingerprint = judgeHostKey(key, null).fingerprint;
          return false;
        },
      }),
      settings.connectTimeoutMs + 1_000,
      () => destroy(client),
    );
  } catch (error) {
    if (fingerprint) return fingerprint;
    throw error instanceof TimeoutSignal ? new SftpError('timeout', 'The SFTP server did not answer in time while reading its host key.', 'not_sent') : classifySftpError(error, 'connect', 'reading the host key');
  } finally {
    destroy(client);
  }
  if (fingerprint) return fingerprint;
  throw new SftpError('failed', 'The SFTP server did not present a host key.', 'not_sent');
}

function connectConfig(settings: SftpConnectionSettings, verdict: { value: HostKeyVerdict | null }): ConnectConfig {
  const auth: Partial<ConnectConfig> =
    settings.auth.kind === 'key'
      ? { privateKey: settings.auth.privateKeyPem, ...(settings.auth.passphrase ? { passphrase: settings.auth.passphrase } : {}) }
      : { password: settings.auth.password };
  return {
    host: settings.host,
    port: settings.port,
    username: settings.username,
    ...auth,
    tryKeyboard: false,
    readyTimeout: settings.connectTimeoutMs,
    // A silent peer (cable pulled, NAT expired) is noticed within about one operation timeout.
    keepaliveInterval: Math.max(1_000, Math.min(15_000, Math.floor(settings.operationTimeoutMs / 3))),
    keepaliveCountMax: 3,
    hostVerifier: (key: Buffer) => {
      verdict.value = judgeHostKey(key, settings.hostKeyFingerprint);
      return verdict.value.ok;
    },
  };
}

function hostKeyError(verdict: HostKeyVerdict | null, pinned: string | null): SftpError | null {
  if (!verdict || verdict.ok) return null;
  return verdict.reason === 'unknown' ? new HostKeyUnknownError(verdict.fingerprint) : new HostKeyChangedError(verdict.fingerprint, pinned ?? '');
}

function internals(client: SftpClient): ClientInternals {
  return client as unknown as ClientInternals;
}

function destroy(client: SftpClient): void {
  try {
    internals(client).client.destroy();
  } catch {
    // already gone
  }
}

class TimeoutSignal extends Error {}

/** Resolves with `work`, or rejects with a TimeoutSignal after `ms` (calling `onTimeout` first). */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new TimeoutSignal(`timed out after ${ms} ms`));
    }, ms);
  });
  work.catch(() => undefined); // a late rejection after the timeout must not go unhandled
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function isTimeoutSignal(error: unknown): boolean {
  return error instanceof TimeoutSignal;
}

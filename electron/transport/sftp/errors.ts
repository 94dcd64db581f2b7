/**
 * What went wrong with an SFTP exchange, in the terms the sync engine needs to stay exactly-once.
 * Thrown as `SftpError` (a typed error; `toFailure()` gives the plain value for IPC and storage).
 * `delivery` says what may have reached the server:
 * - `not_sent`: provably nothing was written (no connection, refused auth, unknown/changed host key),
 *   or nothing is left of what was (an upload stopped by its own source, its `.part` removed again);
 * - `partial`: some bytes may be in a `.part` file — never under the final name, which only appears
 *   by a rename after the size was verified; retrying `uploadBatch` overwrites the `.part`;
 * - `unknown`: the last request may or may not have been applied (e.g. a rename whose answer was
 *   lost) — `uploadBatch` is idempotent, so the answer is to call it again, not to reconcile by hand.
 * Messages are plain words for people; they never carry a password, passphrase or key.
 */
export type SftpFailureKind =
  | 'unreachable'
  | 'auth_failed'
  | 'host_key_unknown'
  | 'host_key_changed'
  | 'dropped'
  | 'timeout'
  | 'permission_denied'
  | 'disk_full'
  | 'not_found'
  | 'conflict'
  | 'verify_failed'
  | 'invalid_name'
  | 'too_large'
  | 'failed';

export type SftpDelivery = 'not_sent' | 'partial' | 'unknown';

export interface SftpFailure {
  kind: SftpFailureKind;
  delivery: SftpDelivery;
  message: string;
  /** The server's host key fingerprint (`SHA256:…`) for the host-key kinds. */
  fingerprint?: string;
  /** The pinned fingerprint, for `host_key_changed`. */
  pinned?: string;
}

export class SftpError extends Error {
  override readonly name: string = 'SftpError';
  constructor(
    readonly kind: SftpFailureKind,
    message: string,
    readonly delivery: SftpDelivery,
    /** `cause`: what failed underneath, for code (e.g. the upload source's own error), never shown. */
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Worth retrying later without a person looking at it first. */
  get retryable(): boolean {
    return this.kind === 'unreachable' || this.kind === 'dropped' || this.kind === 'timeout' || this.kind === 'failed';
  }

  toFailure(): SftpFailure {
    return { kind: this.kind, delivery: this.delivery, message: this.message };
  }
}

/** No fingerprint is pinned for this connection yet: an administrator must confirm this one. */
export class HostKeyUnknownError extends SftpError {
  override readonly name = 'HostKeyUnknown';
  constructor(readonly fingerprint: string) {
    super('host_key_unknown', `The SFTP server's identity has not been confirmed yet. Its fingerprint is ${fingerprint}; an administrator must check and pin it before anything is sent.`, 'not_sent');
  }
  override toFailure(): SftpFailure {
    return { ...super.toFailure(), fingerprint: this.fingerprint };
  }
}

/** The server presented a different host key than the pinned one. Nothing is transferred. */
export class HostKeyChangedError extends SftpError {
  override readonly name = 'HostKeyChanged';
  constructor(
    readonly fingerprint: string,
    readonly pinned: string,
  ) {
    super(
      'host_key_changed',
      `The SFTP server's identity changed (it now presents ${fingerprint}, pinned was ${pinned}): all transfers stopped until an administrator checks it.`,
      'not_sent',
    );
  }
  override get retryable(): boolean {
    return false;
  }
  override toFailure(): SftpFailure {
    return { ...super.toFailure(), fingerprint: this.fingerprint, pinned: this.pinned };
  }
}

/** SFTP status codes (draft-ietf-secsh-filexfer; 14/15 exist from version 5, some servers send them). */
const FX = { NO_SUCH_FILE: 2, PERMISSION_DENIED: 3, FAILURE: 4, NO_CONNECTION: 6, CONNECTION_LOST: 7, NO_SPACE: 14, QUOTA: 15 } as const;

const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_STREAM_DESTROYED', 'ETIMEDOUT']);

/** Where in the exchange the error happened: decides what may have reached the server. */
export type SftpPhase = 'connect' | 'transfer' | 'request';

interface RawError {
  code?: unknown;
  level?: unknown;
  message?: unknown;
}

function codeOf(error: unknown): unknown {
  return (error as RawError | null)?.code;
}

/**
 * Maps a raw ssh2 / ssh2-sftp-client error onto a kind. Never copies the raw message (it may carry
 * paths and, from some servers, echoed input); the words here are ours.
 */
export function classifySftpError(error: unknown, phase: SftpPhase, what: string): SftpError {
  if (error instanceof SftpError) return error;
  const raw = (error ?? {}) as RawError;
  const code = codeOf(error);
  const text = typeof raw.message === 'string' ? raw.message : '';
  const afterConnect: SftpDelivery = phase === 'transfer' ? 'partial' : phase === 'request' ? 'unknown' : 'not_sent';

  if (typeof code === 'string' && NEVER_CONNECTED.has(code)) {
    return new SftpError('unreachable', `The SFTP server could not be reached (${code}); nothing was sent.`, 'not_sent');
  }
  if (raw.level === 'client-authentication' || /authentication methods failed/i.test(text)) {
    return new SftpError('auth_failed', 'The SFTP server refused the login: check the username and the key or password of this connection.', 'not_sent');
  }
  if (raw.level === 'client-timeout' || /timed out/i.test(text)) {
    return new SftpError('timeout', `The SFTP server did not answer in time while ${what}.`, phase === 'connect' ? 'not_sent' : afterConnect);
  }
  if (code === FX.PERMISSION_DENIED) {
    return new SftpError('permission_denied', `The SFTP server denied permission while ${what}.`, phase === 'transfer' ? 'partial' : 'not_sent');
  }
  if (code === FX.NO_SPACE || code === FX.QUOTA) {
    return new SftpError('disk_full', `The SFTP server's disk is full (or the quota is used up) while ${what}.`, 'partial');
  }
  if (code === FX.NO_SUCH_FILE) {
    return new SftpError('not_found', `A remote file or folder does not exist while ${what}.`, phase === 'transfer' ? 'partial' : 'not_sent');
  }
  if (
    code === FX.NO_CONNECTION ||
    code === FX.CONNECTION_LOST ||
    (typeof code === 'string' && CONNECTION_LOST.has(code)) ||
    /unexpected (close|end)|no response from server|not connected|no sftp connection|connection (lost|closed|reset)/i.test(text)
  ) {
    if (phase === 'connect') return new SftpError('unreachable', 'The connection to the SFTP server was closed before login; nothing was sent.', 'not_sent');
    return new SftpError('dropped', `The connection to the SFTP server dropped while ${what}.`, afterConnect);
  }
  if (phase === 'connect') {
    return new SftpError('unreachable', 'The SFTP connection could not be set up; nothing was sent.', 'not_sent');
  }
  return new SftpError('failed', `The SFTP server reported a failure while ${what}${typeof code === 'number' ? ` (status ${code})` : ''}.`, afterConnect);
}

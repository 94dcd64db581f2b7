import { isFingerprint } from './host-key';

/**
 * One SFTP connection, as the caller hands it over: secrets are values here (the vault lookup is the
 * caller's job) and never leave this folder in a message or log line.
 */
export type SftpAuth = { kind: 'key'; privateKeyPem: string; passphrase?: string } | { kind: 'password'; password: string };

export interface SftpConnectionSettings {
  host: string;
  port: number;
  username: string;
  auth: SftpAuth;
  /** Where batch files and trigger files go. */
  inputFolder: string;
  /** Where the server leaves result and error files; archived files move to `<responseFolder>/archive`. */
  responseFolder: string;
  /** TCP connect + SSH handshake + login. */
  connectTimeoutMs: number;
  /** One request's answer; for uploads, the longest time without progress. */
  operationTimeoutMs: number;
  /** `SHA256:<base64>` as OpenSSH prints it, or null before an administrator confirmed one. */
  hostKeyFingerprint: string | null;
}

export const DEFAULT_SFTP_TIMEOUTS = { connectTimeoutMs: 20_000, operationTimeoutMs: 60_000 } as const;

/** Problems a person can fix on the connection screen; empty when the settings can be used. */
export function checkSftpSettings(settings: SftpConnectionSettings): string[] {
  const problems: string[] = [];
  if (!settings.host.trim()) problems.push('The SFTP host is empty.');
  if (!Number.isInteger(settings.port) || settings.port < 1 || settings.port > 65_535) problems.push('The SFTP port must be a number from 1 to 65535.');
  if (!settings.username.trim()) problems.push('The SFTP username is empty.');
  if (settings.auth.kind === 'key' && !settings.auth.privateKeyPem.includes('PRIVATE KEY')) problems.push('The private key is not a PEM / OpenSSH private key.');
  if (settings.auth.kind === 'password' && settings.auth.password === '') problems.push('The SFTP password is empty.');
  for (const [label, folder] of [
    ['input', settings.inputFolder],
    ['response', settings.responseFolder],
  ] as const) {
    if (!folder.startsWith('/')) problems.push(`The remote ${label} folder must be an absolute path (starting with "/").`);
    if (folder.includes('\u0000') || folder.split('/').includes('..')) problems.push(`The remote ${label} folder may not contain ".." or NUL.`);
  }
  if (!(settings.connectTimeoutMs > 0) || !(settings.operationTimeoutMs > 0)) problems.push('The SFTP timeouts must be positive.');
  if (settings.hostKeyFingerprint !== null && !isFingerprint(settings.hostKeyFingerprint)) problems.push('The pinned host key fingerprint must look like SHA256:… as OpenSSH prints it.');
  return problems;
}

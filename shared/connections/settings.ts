import { z } from 'zod';
import { firstInvisibleCharacter, codePointName, FREE_TEXT_MESSAGES, freeTextProblem } from '../validation/free-text';

/**
 * The non-secret settings of the two registry connections (issue 5, "Connections"): the CKYC vendor
 * API and SFTP. Secrets (passwords, the pasted token, the key passphrase) are never part of these;
 * they go to the keychain through `secrets.set`. Pure data and zod, for main and the renderer alike.
 */
export const API_AUTH_MODES = ['password', 'token'] as const;
export type ApiAuthMode = (typeof API_AUTH_MODES)[number];
export const SFTP_AUTH_MODES = ['key', 'password'] as const;
export type SftpAuthMode = (typeof SFTP_AUTH_MODES)[number];

/** The shape the contract carries: plain strings with generous bounds; the rules are below. */
export const apiSettingsShape = z
  .object({
    baseUrl: z.string().max(500),
    authMode: z.enum(API_AUTH_MODES),
    username: z.string().max(200),
    fiCode: z.string().max(100),
    regionCode: z.string().max(100),
    branchCode: z.string().max(100),
    cersaiUsername: z.string().max(200),
    version: z.string().max(50),
    organisationName: z.string().max(300),
  })
  .strict();
export type ApiSettings = z.infer<typeof apiSettingsShape>;

export const sftpSettingsShape = z
  .object({
    host: z.string().max(300),
    port: z.number().int(),
    username: z.string().max(200),
    authMode: z.enum(SFTP_AUTH_MODES),
    privateKeyPath: z.string().max(1000),
    inputFolder: z.string().max(1000),
    responseFolder: z.string().max(1000),
  })
  .strict();
export type SftpSettingsInput = z.infer<typeof sftpSettingsShape>;
/** As stored: the input plus the host key an admin confirmed (`SHA256:…`), or null before that. */
export type SftpSettings = SftpSettingsInput & { hostKeyFingerprint: string | null };

export const FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}=?$/;

/** What the screen says beside each field; keys are `api.<field>` / `sftp.<field>`. */
export const CONNECTION_MESSAGES = {
  baseUrl: 'Enter the registry API address your vendor gave you, starting with https:// (for example https://api.example.in).',
  username: 'Enter the API username (up to 100 characters).',
  code: (what: string) => `Enter the ${what}: 1 to 50 letters or digits, as CERSAI issued it.`,
  cersaiUsername: 'Enter the CERSAI username (up to 100 characters).',
  version: 'Enter the API version your vendor gave you (up to 20 characters, for example 1.0).',
  organisationName: 'Enter the organisation name (up to 150 characters).',
  host: 'Enter the SFTP server’s name or IP address, without sftp:// or a port (for example sftp.example.in).',
  port: 'Enter a port number from 1 to 65535 (SFTP usually uses 22).',
  sftpUsername: 'Enter the SFTP username (up to 100 characters, no spaces).',
  privateKeyPath: 'Enter the full path of the private key file on this computer (for example C:\\Keys\\ckyc_ed25519).',
  folder: (which: string) => `Enter the remote ${which} folder as a full path starting with "/", without "..".`,
  fingerprint: 'A host key fingerprint looks like SHA256: followed by 43 letters, digits, + or /.',
} as const;

const CODE = /^[A-Za-z0-9]{1,50}$/;
const HOST = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^\[?[0-9A-Fa-f:.]{2,45}\]?$/;

/** https, a host name or IP, an optional port and path; no credentials, query or fragment (shared/ has no URL class). */
const HTTPS_URL = /^https:\/\/([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]{2,45}\])(:\d{1,5})?(\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/;

function isHttpsUrl(text: string): boolean {
  const port = /^https:\/\/[^/]*:(\d+)/.exec(text)?.[1];
  return text.length <= 500 && HTTPS_URL.test(text) && (port === undefined || (Number(port) >= 1 && Number(port) <= 65_535));
}

export function isRemoteFolder(text: string): boolean {
  return text.startsWith('/') && !text.includes('\u0000') && !text.split('/').includes('..') && !/[\r\n]/.test(text);
}

/** Trimmed copies: leading and trailing spaces are never part of a code, host or path. */
export function tidyApiSettings(input: ApiSettings): ApiSettings {
  return {
    baseUrl: input.baseUrl.trim().replace(/\/+$/, ''),
    authMode: input.authMode,
    username: input.username.trim(),
    fiCode: input.fiCode.trim(),
    regionCode: input.regionCode.trim(),
    branchCode: input.branchCode.trim(),
    cersaiUsername: input.cersaiUsername.trim(),
    version: input.version.trim(),
    organisationName: input.organisationName.trim(),
  };
}

export function tidySftpSettings(input: SftpSettingsInput): SftpSettingsInput {
  return {
    host: input.host.trim(),
    port: input.port,
    username: input.username.trim(),
    authMode: input.authMode,
    privateKeyPath: input.privateKeyPath.trim(),
    inputFolder: input.inputFolder.trim(),
    responseFolder: input.responseFolder.trim(),
  };
}

/** Field → plain-words message for everything wrong with the API settings; empty when they can be saved. */
export function checkApiSettings(input: ApiSettings): Record<string, string> {
  const s = tidyApiSettings(input);
  const fields: Record<string, string> = {};
  if (!isHttpsUrl(s.baseUrl)) fields['api.baseUrl'] = CONNECTION_MESSAGES.baseUrl;
  if (s.authMode === 'password' && (s.username === '' || s.username.length > 100)) fields['api.username'] = CONNECTION_MESSAGES.username;
  if (s.authMode === 'token' && s.username.length > 100) fields['api.username'] = CONNECTION_MESSAGES.username;
  if (!CODE.test(s.fiCode)) fields['api.fiCode'] = CONNECTION_MESSAGES.code('FI code');
  if (!CODE.test(s.regionCode)) fields['api.regionCode'] = CONNECTION_MESSAGES.code('region code');
  if (!CODE.test(s.branchCode)) fields['api.branchCode'] = CONNECTION_MESSAGES.code('branch code');
  if (s.cersaiUsername === '' || s.cersaiUsername.length > 100) fields['api.cersaiUsername'] = CONNECTION_MESSAGES.cersaiUsername;
  if (!/^[A-Za-z0-9._-]{1,20}$/.test(s.version)) fields['api.version'] = CONNECTION_MESSAGES.version;
  if (s.organisationName === '' || s.organisationName.length > 150) fields['api.organisationName'] = CONNECTION_MESSAGES.organisationName;
  // Typed freely and sent on (the CERSAI username goes into batch-details.csv): the free-text rules,
  // judged on what was typed, before trimming drops a U+FEFF unseen.
  for (const key of ['username', 'cersaiUsername', 'organisationName'] as const) {
    const problem = fields[`api.${key}`] === undefined ? freeTextProblem(input[key]) : undefined;
    if (problem !== undefined) fields[`api.${key}`] = problem;
  }
  return fields;
}

export function checkSftpSettingsInput(input: SftpSettingsInput): Record<string, string> {
  const s = tidySftpSettings(input);
  const fields: Record<string, string> = {};
  if (!(HOST.test(s.host) || IPV4.test(s.host) || (s.host.includes(':') && IPV6.test(s.host)))) fields['sftp.host'] = CONNECTION_MESSAGES.host;
  if (!Number.isInteger(s.port) || s.port < 1 || s.port > 65_535) fields['sftp.port'] = CONNECTION_MESSAGES.port;
  if (!/^[^\s:/\\]{1,100}$/.test(s.username)) fields['sftp.username'] = CONNECTION_MESSAGES.sftpUsername;
  else if (firstInvisibleCharacter(input.username) !== undefined) fields['sftp.username'] = FREE_TEXT_MESSAGES.invisible(codePointName(firstInvisibleCharacter(input.username)!));
  if (s.authMode === 'key' && (s.privateKeyPath === '' || !/^([A-Za-z]:[\\/]|\\\\|\/|~[\\/])/.test(s.privateKeyPath))) fields['sftp.privateKeyPath'] = CONNECTION_MESSAGES.privateKeyPath;
  if (!isRemoteFolder(s.inputFolder)) fields['sftp.inputFolder'] = CONNECTION_MESSAGES.folder('input');
  if (!isRemoteFolder(s.responseFolder)) fields['sftp.responseFolder'] = CONNECTION_MESSAGES.folder('response');
  return fields;
}

export const EMPTY_API_SETTINGS: ApiSettings = {
  baseUrl: '',
  authMode: 'password',
  username: '',
  fiCode: '',
  regionCode: '',
  branchCode: '',
  cersaiUsername: '',
  version: '',
  organisationName: '',
};

export const EMPTY_SFTP_SETTINGS: SftpSettings = {
  host: '',
  port: 22,
  username: '',
  authMode: 'key',
  privateKeyPath: '',
  inputFolder: '',
  responseFolder: '',
  hostKeyFingerprint: null,
};

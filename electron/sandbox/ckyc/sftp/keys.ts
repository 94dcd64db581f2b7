import fs from 'node:fs';
import path from 'node:path';
import ssh2, { type ParsedKey } from 'ssh2';
import { fingerprintOfHostKey } from '../../../transport/sftp/host-key';
import { SFTP_SANDBOX_USERNAME } from './layout';

// ssh2 is CommonJS: Node's ES-module loader (the preview host's bundle) cannot see its named
// exports, so they are taken from the default export.
const { utils } = ssh2;

/**
 * The SFTP sandbox's keys, in `<stateDir>/sftp/` (created at first start, kept, mode 0600):
 * `host_ed25519`, so the server's fingerprint is stable across restarts (the app pins it), and
 * `training_client_ed25519` (+ `.pub`), the only key allowed to log in.
 */
const HOST_KEY_FILE = 'host_ed25519';
const CLIENT_KEY_FILE = 'training_client_ed25519';

export interface SftpSandboxIdentity {
  username: string;
  /** The training client key (OpenSSH private key), the only one the sandbox server accepts. */
  clientPrivateKeyPem: string;
  /** The server's host key fingerprint (`SHA256:…`, as OpenSSH prints it), stable across restarts. */
  hostFingerprint: string;
}

export interface Keys {
  host: string;
  hostFingerprint: string;
  clientPrivate: string;
  clientPublic: ParsedKey;
}

/** Where the training client's private key (OpenSSH format) is kept under a sandbox state folder. */
export function clientKeyPath(stateDir: string): string {
  return path.join(stateDir, 'sftp', CLIENT_KEY_FILE);
}

function keyDir(stateDir: string): string {
  const dir = path.join(stateDir, 'sftp');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

function parsed(text: string, what: string): ParsedKey {
  const key = utils.parseKey(text);
  if (key instanceof Error) throw new Error(`The sandbox SFTP ${what} cannot be read (${key.message}); delete it to have a new one made.`);
  return Array.isArray(key) ? (key[0] as ParsedKey) : key;
}

/**
 * A fresh ed25519 pair that ssh2 can read back. ssh2's generator drops a leading zero byte of the
 * public key now and then (about 1 key in 300 here), giving a key its own parser calls malformed;
 * such a pair is thrown away and another made.
 */
function readableKeyPair(comment: string): { private: string; public: string } {
  for (let attempt = 0; attempt < 20; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519', { comment });
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error)) return pair;
  }
  throw new Error('Could not make a usable SFTP key for the training sandbox.');
}

/** The key pair in `file` (private) and `file.pub`, generated now if missing. */
function keyPair(file: string, comment: string): { privateKey: string; publicKey: string } {
  if (!fs.existsSync(file) || !fs.existsSync(`${file}.pub`)) {
    const pair = readableKeyPair(comment);
    fs.writeFileSync(file, pair.private, { mode: 0o600 });
    fs.writeFileSync(`${file}.pub`, `${pair.public}\n`, { mode: 0o600 });
  }
  return { privateKey: fs.readFileSync(file, 'utf8'), publicKey: fs.readFileSync(`${file}.pub`, 'utf8') };
}

export function loadKeys(stateDir: string): Keys {
  const dir = keyDir(stateDir);
  const host = keyPair(path.join(dir, HOST_KEY_FILE), 'kyc-desk-sandbox-host');
  const client = keyPair(path.join(dir, CLIENT_KEY_FILE), 'kyc-desk-training-client');
  return {
    host: host.privateKey,
    hostFingerprint: fingerprintOfHostKey(parsed(host.privateKey, 'host key').getPublicSSH()),
    clientPrivate: client.privateKey,
    clientPublic: parsed(client.publicKey, 'training client key'),
  };
}

/** The training key and the server's fingerprint (both generated on first use), without a running server. */
export function sandboxSftpIdentity(stateDir: string, username = SFTP_SANDBOX_USERNAME): SftpSandboxIdentity {
  const keys = loadKeys(stateDir);
  return { username, clientPrivateKeyPem: keys.clientPrivate, hostFingerprint: keys.hostFingerprint };
}

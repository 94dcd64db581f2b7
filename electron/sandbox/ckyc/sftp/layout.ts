import path from 'node:path';

/** The SFTP sandbox's folders as the client sees them, its login, and its trigger files. */
export const SFTP_SANDBOX_FOLDERS = { input: '/input', response: '/response' } as const;
export const SFTP_SANDBOX_USERNAME = 'kyc-desk-training';
export const TRIGGER_SUFFIX = '.trigger';

/** Where the jail and its folders are on the local disk. */
export function sftpSandboxPaths(stateDir: string): { root: string; input: string; response: string } {
  const root = path.join(stateDir, 'sftp', 'root');
  return { root, input: path.join(root, 'input'), response: path.join(root, 'response') };
}

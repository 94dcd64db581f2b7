import os from 'node:os';
import path from 'node:path';

/** KYC_DESK_DATA_DIR wins; otherwise the platform's per-user application-data folder. */
export function previewDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KYC_DESK_DATA_DIR) return path.resolve(env.KYC_DESK_DATA_DIR);
  const name = 'KYC Desk Preview';
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), name);
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', name);
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'kyc-desk-preview');
}

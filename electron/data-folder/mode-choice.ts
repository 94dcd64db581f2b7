import fs from 'node:fs';
import path from 'node:path';
import { APP_MODES, type AppMode } from '../../shared/mode';
import { writeFileAtomic } from '../store/atomic-file';

/**
 * Which mode KYC Desk opens in: Training (the default, with its sandbox) or Live (the branch's
 * real store, sent only to the registry connection an admin set up). Kept beside the two modes'
 * folders in `<data dir>/mode.json`, because each mode has its own store: the choice cannot live
 * inside either. An admin changes it from Settings; it takes effect when KYC Desk starts again,
 * so a store is never swapped under a running session. `KYC_DESK_MODE` overrides it (IT, tests).
 */
const FILE = 'mode.json';

export function readModeChoice(dataDir: string, env: NodeJS.ProcessEnv = process.env): AppMode {
  const forced = env.KYC_DESK_MODE?.trim();
  if (forced) {
    if (!(APP_MODES as readonly string[]).includes(forced)) throw new Error(`KYC_DESK_MODE must be training or live, not "${forced}".`);
    return forced as AppMode;
  }
  try {
    const saved = (JSON.parse(fs.readFileSync(path.join(dataDir, FILE), 'utf8')) as { mode?: unknown }).mode;
    return saved === 'live' ? 'live' : 'training';
  } catch {
    return 'training'; // never chosen, or unreadable: the safe mode, which sends nothing real
  }
}

export function writeModeChoice(dataDir: string, mode: AppMode): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileAtomic(path.join(dataDir, FILE), Buffer.from(`${JSON.stringify({ mode })}\n`));
}

import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/errors';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per data folder: two writers to one store would each overwrite the other's saves.
 * A lock left by a process that died is taken over.
 */
export function acquireInstanceLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'kyc-desk.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new AppFailure('CONFLICT', `KYC Desk is already running with this data folder (process ${holder}). Use that window.`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppFailure('STORAGE_FAILED', 'Could not take the data folder lock.');
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './temp-dir';

/**
 * A real, small filesystem (tmpfs) so "disk full" is the kernel's ENOSPC, not a mock. Needs Linux
 * and the right to mount, as root on CI has; elsewhere the caller is told why it cannot run.
 */
export function mountTinyDisk(bytes: number): { dir: string; fill(leaveFreeBytes: number): void; unfill(): void; unmount(): void } {
  const temp = makeTempDir('kyc-desk-tinydisk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', temp.dir], { stdio: 'pipe', timeout: 10_000 });
  } catch (error) {
    temp.remove();
    throw new Error(`Cannot mount a small tmpfs for the disk-full test (needs Linux and root): ${(error as Error).message}`);
  }
  const filler = path.join(temp.dir, 'filler');
  return {
    dir: temp.dir,
    fill(leaveFreeBytes) {
      const { bavail, bsize } = fs.statfsSync(temp.dir);
      const free = bavail * bsize;
      fs.writeFileSync(filler, Buffer.alloc(Math.max(0, free - leaveFreeBytes)));
    },
    unfill() {
      fs.rmSync(filler, { force: true });
    },
    unmount() {
      execFileSync('umount', [temp.dir], { stdio: 'pipe', timeout: 10_000 });
      temp.remove();
    },
  };
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Where Debian puts ImageMagick's `convert`: the real one, not whatever `convert` comes first on PATH. */
const CONVERT_CANDIDATES = ['/usr/bin/convert', '/usr/bin/convert-im6.q16', '/usr/bin/magick'];

/** The peer of the image benches, or null when ImageMagick is not installed (the bench then says so). */
export function findConvert(): string | null {
  for (const candidate of CONVERT_CANDIDATES) {
    if (!fs.existsSync(candidate)) continue;
    try {
      if (execFileSync(candidate, ['-version'], { encoding: 'utf8', timeout: 10_000 }).includes('ImageMagick')) return candidate;
    } catch {
      // not usable; try the next
    }
  }
  return null;
}

import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../store/atomic-file';

/**
 * A sandbox service's durable state: one JSON array in `<dir>/<name>`, replaced atomically on every
 * save, so what a service answered before a restart (or a crash) is still what it knows after.
 */
export class JsonStateFile<T> {
  private readonly file: string;

  constructor(dir: string, name: string) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = path.join(dir, name);
  }

  /** Everything saved so far (empty when nothing was). */
  load(): T[] {
    if (!fs.existsSync(this.file)) return [];
    return JSON.parse(fs.readFileSync(this.file, 'utf8')) as T[];
  }

  save(items: readonly T[]): void {
    writeFileAtomic(this.file, Buffer.from(JSON.stringify(items)));
  }
}

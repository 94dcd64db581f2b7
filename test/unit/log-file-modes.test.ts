import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../electron/logging/logger';
import { makeTempDir } from '../support/temp-dir';

/** The log folder and file are the owner's alone, like the store and the documents (POSIX modes; Windows has none). */
const modeOf = (target: string) => fs.statSync(target).mode & 0o777;

describe.skipIf(process.platform === 'win32')('log file modes', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let umask: number;

  beforeEach(() => {
    temp = makeTempDir();
    // The usual desktop umask, under which a plain mkdir/append gives 0755/0644.
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    temp.remove();
  });

  it('creates the log folder 0700 and the log file 0600', () => {
    const logDir = path.join(temp.dir, 'training', 'logs');
    createFileLogger(logDir).info('started');
    expect(modeOf(logDir)).toBe(0o700);
    expect(modeOf(path.join(temp.dir, 'training'))).toBe(0o700);
    expect(modeOf(path.join(logDir, 'kyc-desk.log'))).toBe(0o600);
  });

  it('closes up a folder and file an earlier version left readable by others, keeping what they hold', () => {
    const logDir = path.join(temp.dir, 'logs');
    fs.mkdirSync(logDir, { mode: 0o755 });
    const file = path.join(logDir, 'kyc-desk.log');
    fs.writeFileSync(file, '{"message":"earlier"}\n', { mode: 0o644 });
    fs.chmodSync(logDir, 0o755);
    fs.chmodSync(file, 0o644);
    createFileLogger(logDir).warn('later');
    expect(modeOf(logDir)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/earlier[\s\S]*later/);
  });
});

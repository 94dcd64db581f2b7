import fs from 'node:fs';
import path from 'node:path';
import { redact } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

function describe(details: Record<string, unknown> | undefined): string {
  if (!details) return '';
  return JSON.stringify(details, (_key, value: unknown) =>
    value instanceof Error ? { name: value.name, message: value.message, code: (value as NodeJS.ErrnoException).code } : value,
  );
}

/** Owner only, like every other file of a data folder: a log names references and operators. */
const LOG_DIR_MODE = 0o700;
const LOG_FILE_MODE = 0o600;

/** A folder or file an earlier version made group- or world-readable is closed up; where modes mean nothing (Windows), nothing happens. */
function restrict(target: string, mode: number): void {
  try {
    if ((fs.statSync(target).mode & 0o777) !== mode) fs.chmodSync(target, mode);
  } catch {
    // Not there yet, or a file system without modes: nothing to tighten.
  }
}

/**
 * One JSON line per entry, redacted before it is written. Appends synchronously: a log is most
 * needed right before a crash, and the volume here is a few lines a minute.
 */
export function createFileLogger(logDir: string, options: { echo?: boolean } = {}): Logger {
  fs.mkdirSync(logDir, { recursive: true, mode: LOG_DIR_MODE });
  restrict(logDir, LOG_DIR_MODE);
  const file = path.join(logDir, 'kyc-desk.log');
  restrict(file, LOG_FILE_MODE);
  const write = (level: LogLevel, message: string, details?: Record<string, unknown>) => {
    const line = redact(JSON.stringify({ time: new Date().toISOString(), level, message, details: describe(details) || undefined }));
    try {
      fs.appendFileSync(file, line + '\n', { mode: LOG_FILE_MODE });
    } catch {
      // A full disk must not take the app down with it; the entry is lost, the app keeps running.
    }
    if (options.echo && level !== 'debug') process.stderr.write(line + '\n');
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

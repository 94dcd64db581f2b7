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

/**
 * One JSON line per entry, redacted before it is written. Appends synchronously: a log is most
 * needed right before a crash, and the volume here is a few lines a minute.
 */
export function createFileLogger(logDir: string, options: { echo?: boolean } = {}): Logger {
  fs.mkdirSync(logDir, { recursive: true });
  const file = path.join(logDir, 'kyc-desk.log');
  const write = (level: LogLevel, message: string, details?: Record<string, unknown>) => {
    const line = redact(JSON.stringify({ time: new Date().toISOString(), level, message, details: describe(details) || undefined }));
    try {
      fs.appendFileSync(file, line + '\n');
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

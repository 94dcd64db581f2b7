import { formatLocalClock, formatLocalDateTime, readInstant } from '../../../shared/dates/local-time';

/*
 * Every moment the app shows goes through these, built by hand in shared/dates/local-time.ts:
 * DD/MM/YYYY and a 24-hour clock whatever the OS or browser locale. A page of 100 queue rows costs
 * no formatter objects (a `toLocaleString` with options builds one per call: 13–40 ms a page).
 */

/** A moment on this PC's clock: "22/11/2026, 14:05". */
export function formatTime(iso: string | null): string {
  const date = readInstant(iso);
  return date ? formatLocalDateTime(date) : '—';
}

/** A clock time on this PC's clock, HH:MM ("10:42") for something due soon, or HH:MM:SS. */
export function formatClock(iso: string | null, seconds = false): string {
  const date = readInstant(iso);
  return date ? formatLocalClock(date, seconds) : '—';
}

/** A time near now: only the clock time ("10:42") when it is today on this PC, else date and time. */
export function formatDue(iso: string | null, now: Date = new Date()): string {
  const date = readInstant(iso);
  if (!date) return '—';
  const today = date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
  return today ? formatLocalClock(date) : formatLocalDateTime(date);
}

const UNITS = [
  { unit: 'GB', size: 1e9 },
  { unit: 'MB', size: 1e6 },
  { unit: 'KB', size: 1e3 },
] as const;

function unitFor(bytes: number): { unit: string; size: number } {
  return UNITS.find(({ size }) => bytes >= size) ?? { unit: 'bytes', size: 1 };
}

function amount(bytes: number, size: number, round: (value: number) => number): string {
  if (size === 1) return String(bytes);
  const value = bytes / size;
  return value >= 100 ? String(round(value)) : (round(value * 10) / 10).toFixed(1);
}

/** A file size as people read it: "12.4 MB", "830 KB", "512 bytes" (decimal units: 1 MB is 1,000,000 bytes). */
export function formatBytes(bytes: number): string {
  const { unit, size } = unitFor(bytes);
  return `${amount(bytes, size, Math.round)} ${unit}`;
}

/** Progress of a transfer in the total's unit: "3.1 of 12.4 MB". The part sent is rounded down, so it never looks finished early. */
export function formatBytesOf(sent: number, total: number): string {
  const { unit, size } = unitFor(total);
  const whole = amount(total, size, Math.round);
  return `${sent >= total ? whole : amount(Math.max(0, sent), size, Math.floor)} of ${whole} ${unit}`;
}

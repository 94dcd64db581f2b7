/**
 * One formatter for the whole app: `toLocaleString` with options builds a new one per call, which
 * measured 13–40 ms for a page of 100 queue rows (test/bench/renderer.bench.ts); this costs 0.2 ms.
 */
const TIME = new Intl.DateTimeFormat('en-IN', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Times as branch staff read them: local, day and time, no seconds unless it is soon. */
export function formatTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return TIME.format(date);
}

const CLOCK = new Intl.DateTimeFormat('en-IN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A clock time, HH:MM on this PC's clock ("10:42"), for something due soon. */
export function formatClock(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return CLOCK.format(date);
}

/** A time still to come: only the clock time ("10:42") when it is today on this PC, else day and time. */
export function formatDue(iso: string | null, now: Date = new Date()): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const today = date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
  return today ? CLOCK.format(date) : TIME.format(date);
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

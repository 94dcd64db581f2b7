/**
 * Moments (ISO timestamps) as branch staff read them, on this PC's clock: `22/11/2026, 14:05`.
 * Built by hand rather than with Intl or toLocale*: the text is the same whatever the OS or browser
 * locale and whichever ICU version ships, and a page of 100 queue rows costs no formatter objects.
 * 24-hour times, as the rest of the app shows them, so no am/pm spelling can differ.
 */

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** DD/MM/YYYY of the local calendar day. */
export function formatLocalDate(date: Date): string {
  return `${pad2(date.getDate())}/${pad2(date.getMonth() + 1)}/${String(date.getFullYear()).padStart(4, '0')}`;
}

/** HH:MM (or HH:MM:SS) on the local clock, 24-hour. */
export function formatLocalClock(date: Date, seconds = false): string {
  const clock = `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
  return seconds ? `${clock}:${pad2(date.getSeconds())}` : clock;
}

/** DD/MM/YYYY, HH:MM (or with seconds) on the local clock. */
export function formatLocalDateTime(date: Date, seconds = false): string {
  return `${formatLocalDate(date)}, ${formatLocalClock(date, seconds)}`;
}

/** An ISO timestamp read as a Date, or null when it is missing or unreadable. */
export function readInstant(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

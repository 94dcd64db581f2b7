/**
 * Day boundaries of the date filters (queue, audit trail): a date picked on this PC means that local
 * day, sent as an ISO time with this PC's offset (`2025-03-01T00:00:00+05:30`). A filter's `to` is
 * exclusive, so "to 1 March" is sent as the start of 2 March and the whole of 1 March is included.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(value: number, width = 2): string {
  return String(Math.abs(value)).padStart(width, '0');
}

/** A Date as its local wall-clock time with the offset in force at that moment. */
export function toLocalIso(date: Date): string {
  const offset = -date.getTimezoneOffset(); // minutes ahead of UTC
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

/** The first moment of a local day (`YYYY-MM-DD`), `days` later; undefined for an unreadable date. */
function localDayStart(day: string, days: number): Date | undefined {
  const match = DAY.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setFullYear, not the constructor: the constructor reads years 0–99 as 1900–1999.
  const check = new Date(2000, 0, 1);
  check.setFullYear(year, month - 1, date);
  // A day that does not exist (31 February) would roll over into the next month: refuse it.
  if (check.getFullYear() !== year || check.getMonth() !== month - 1 || check.getDate() !== date) return undefined;
  const start = new Date(2000, 0, 1);
  start.setFullYear(year, month - 1, date + days);
  start.setHours(0, 0, 0, 0); // where a clock change skips midnight, this is the day's first real moment
  return Number.isNaN(start.getTime()) ? undefined : start;
}

/** Start of the picked local day, for the filter's inclusive `from`. */
export function fromOfDay(day: string): string | undefined {
  const start = localDayStart(day, 0);
  return start ? toLocalIso(start) : undefined;
}

/** Start of the local day AFTER the picked one, for the filter's exclusive `to`. */
export function toAfterDay(day: string): string | undefined {
  const start = localDayStart(day, 1);
  return start ? toLocalIso(start) : undefined;
}

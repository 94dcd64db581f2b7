import { whyNotADate } from '../dates/typed-date';
import type { CalendarDate } from '../dates/calendar-date';

export type { CalendarDate };

export function parseIsoDate(value: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0–99 as written
  // Date.UTC rolls 31 February over into March; a real date survives the round trip.
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Today's date where the operator sits: the branch's local calendar day, not UTC's. */
export function localToday(now: Date = new Date()): CalendarDate {
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

export function formatIsoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** The oldest birth year the form accepts; older dates are almost always typing mistakes. */
export const EARLIEST_BIRTH_YEAR = 1900;

export type DateCheck = { ok: true; value: string } | { ok: false; reason: string };

export function validateDateOfBirth(raw: string, today: CalendarDate = localToday()): DateCheck {
  if (raw.trim() === '') return { ok: false, reason: 'Enter the date of birth.' };
  const date = parseIsoDate(raw);
  if (!date) return { ok: false, reason: whyNotADate(raw) };
  if (compareDates(date, today) > 0) return { ok: false, reason: 'The date of birth cannot be in the future.' };
  if (date.year < EARLIEST_BIRTH_YEAR) return { ok: false, reason: `The date of birth cannot be before ${EARLIEST_BIRTH_YEAR}.` };
  return { ok: true, value: formatIsoDate(date) };
}

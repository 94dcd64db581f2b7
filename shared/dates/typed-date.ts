/**
 * Dates as branch staff type them: day first, then month, then the year in full —
 * `15/04/1990`, `15-04-1990`, `15.04.1990`, `15 04 1990` or `15041990`. A date is stored as its ISO
 * calendar date (`1990-04-15`) and shown as DD/MM/YYYY, whatever the PC's or browser's locale.
 * Pure code, no Date and no Intl: the answer never depends on where it runs.
 */
import type { CalendarDate } from './calendar-date';

export type TypedDate = { ok: true; date: CalendarDate; iso: string } | { ok: false; reason: string };

export const DATE_PLACEHOLDER = 'DD/MM/YYYY';

/** Day, month and year with one separator between each; spaces around a separator are forgiven. */
const SEPARATED = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d+)$/;
/** Digits only: DDMMYYYY, or DDMMYY (refused below, with the reason). */
const DIGITS_ONLY = /^(\d{2})(\d{2})(\d{4}|\d{2})$/;
/** The stored form, taken back as typed: four digits first cannot be read as a day. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const HOW_TO_WRITE = 'Write it as DD/MM/YYYY, for example 15/04/1990.';

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Judges day, month and year that were read from the text, naming the part that is wrong. */
function judge(day: number, month: number, year: number): TypedDate {
  if (month < 1 || month > 12) return { ok: false, reason: `This is not a real date: there is no month ${month}. ${HOW_TO_WRITE}` };
  const last = daysIn(year, month);
  if (day < 1) return { ok: false, reason: `This is not a real date: there is no day ${day}. ${HOW_TO_WRITE}` };
  if (day > last) return { ok: false, reason: `This is not a real date: ${MONTHS[month - 1]} ${year} has ${last} days.` };
  return { ok: true, date: { year, month, day }, iso: `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}` };
}

/**
 * Reads a date as typed. Two-digit years are refused, not guessed: `15/04/30` could be a birth in
 * 1930 or a passport expiring in 2030, and a wrong century on a KYC record is worse than a retyped field.
 */
export function readTypedDate(text: string): TypedDate {
  const typed = text.trim();
  if (typed === '') return { ok: false, reason: 'Enter the date.' };
  const iso = ISO.exec(typed);
  if (iso) return judge(Number(iso[3]), Number(iso[2]), Number(iso[1]));
  const parts = SEPARATED.exec(typed) ?? DIGITS_ONLY.exec(typed);
  if (!parts) return { ok: false, reason: `This is not a real date. ${HOW_TO_WRITE}` };
  const [day, month, year] = [parts[1]!, parts[2]!, parts[3]!];
  if (year.length === 2) return { ok: false, reason: `Write the year in full (four digits, such as 1990, not 90). ${HOW_TO_WRITE}` };
  if (year.length !== 4) return { ok: false, reason: `This is not a real date: the year needs four digits. ${HOW_TO_WRITE}` };
  return judge(Number(day), Number(month), Number(year));
}

/** DD/MM/YYYY of a calendar date. */
export function formatDayMonthYear(date: CalendarDate): string {
  return `${pad2(date.day)}/${pad2(date.month)}/${String(date.year).padStart(4, '0')}`;
}

/**
 * What a date field keeps in the record for what was typed: the ISO date when it is a real date,
 * '' when nothing was typed, and otherwise the text itself, so an unfinished or mistyped date is
 * never lost (a draft keeps it) and validation refuses it with its reason.
 */
export function storedDate(text: string): string {
  const typed = text.trim();
  if (typed === '') return '';
  const read = readTypedDate(typed);
  return read.ok ? read.iso : typed;
}

/**
 * What the record holds, for people to read (a date field, the review): DD/MM/YYYY for a real ISO
 * date, anything else (a mistyped date kept as typed) as it is.
 */
export function shownDate(stored: string): string {
  const iso = ISO.exec(stored.trim());
  if (!iso) return stored;
  const read = judge(Number(iso[3]), Number(iso[2]), Number(iso[1]));
  return read.ok ? formatDayMonthYear(read.date) : stored;
}

/**
 * Why a value is not a stored date, in the words the date field would use: validation keeps dates
 * ISO-only, and this names the part that is wrong when what was typed could not be read.
 */
export function whyNotADate(value: string): string {
  const read = readTypedDate(value);
  return read.ok ? 'This is not a real date. Use day, month and year.' : read.reason;
}

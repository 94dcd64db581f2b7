import { describe, expect, it } from 'vitest';
import { formatDayMonthYear, readTypedDate, shownDate, storedDate, whyNotADate } from '../../shared/dates/typed-date';
import { formatLocalClock, formatLocalDate, formatLocalDateTime, readInstant } from '../../shared/dates/local-time';
import { fromOfDay, toAfterDay } from '../../shared/dates/local-day';
import { validateDateOfBirth } from '../../shared/validation/dates';
import { formatClock, formatDue, formatTime } from '../../renderer/src/shell/formatting';

describe('readTypedDate: dates as branch staff type them, day first', () => {
  it.each([
    ['15/04/1990'],
    ['15-04-1990'],
    ['15.04.1990'],
    ['15 04 1990'],
    ['15041990'],
    [' 15/04/1990 '],
    ['15 / 04 / 1990'],
    ['1990-04-15'], // the stored form, pasted back
  ])('reads %j as 15 April 1990', (typed) => {
    expect(readTypedDate(typed)).toStrictEqual({ ok: true, date: { year: 1990, month: 4, day: 15 }, iso: '1990-04-15' });
  });

  it.each<[string, string]>([
    ['5/4/1990', '1990-04-05'],
    ['05/4/1990', '1990-04-05'],
    ['29/02/2024', '2024-02-29'],
    ['29022000', '2000-02-29'],
    ['31/12/2026', '2026-12-31'],
    ['01/01/0050', '0050-01-01'],
  ])('reads %j as %s', (typed, iso) => {
    const read = readTypedDate(typed);
    expect(read.ok && read.iso).toBe(iso);
  });

  it.each<[string, RegExp]>([
    ['31/02/1990', /^This is not a real date: February 1990 has 28 days\.$/],
    ['29/02/2023', /^This is not a real date: February 2023 has 28 days\.$/],
    ['29/02/1900', /^This is not a real date: February 1900 has 28 days\.$/],
    ['31/04/2026', /^This is not a real date: April 2026 has 30 days\.$/],
    ['32/01/2026', /^This is not a real date: January 2026 has 31 days\.$/],
    ['00/04/1990', /^This is not a real date: there is no day 0\. Write it as DD\/MM\/YYYY/],
    ['15/13/1990', /^This is not a real date: there is no month 13\. Write it as DD\/MM\/YYYY/],
    ['15/00/1990', /there is no month 0\./],
    ['04/15/1990', /there is no month 15\./], // the US order, refused rather than guessed
    ['1990-02-30', /^This is not a real date: February 1990 has 28 days\.$/],
  ])('refuses the impossible date %j, naming what is wrong', (typed, reason) => {
    const read = readTypedDate(typed);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toMatch(reason);
  });

  it.each(['15/04/90', '15-04-90', '150490'])('refuses the two-digit year in %j and asks for the year in full', (typed) => {
    const read = readTypedDate(typed);
    expect(read).toStrictEqual({ ok: false, reason: expect.stringMatching(/^Write the year in full \(four digits, such as 1990, not 90\)\. Write it as DD\/MM\/YYYY, for example 15\/04\/1990\.$/) });
  });

  it.each(['1', '15/04', '15/04/', '15/04/199', '15/04/19900', '1504199', '150419901', 'yesterday', '15th April 1990', '15/04-1990x', '15//04/1990', '+15/04/1990', '১৫/০৪/১৯৯০'])(
    'refuses %j, which is no date, saying how to write one',
    (typed) => {
      const read = readTypedDate(typed);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.reason).toMatch(/^[A-Z].*Write it as DD\/MM\/YYYY, for example 15\/04\/1990\.$/);
    },
  );

  it('asks for a date when nothing was typed', () => {
    expect(readTypedDate('   ')).toStrictEqual({ ok: false, reason: 'Enter the date.' });
  });
});

describe('storedDate and shownDate: what a date field keeps and shows', () => {
  it.each<[string, string]>([
    ['15/04/1990', '1990-04-15'],
    ['15-04-1990', '1990-04-15'],
    ['15041990', '1990-04-15'],
    ['', ''],
    ['   ', ''],
    ['31/02/1990', '31/02/1990'], // kept as typed: validation refuses it with its reason, nothing is lost
    ['15/04/19', '15/04/19'],
  ])('keeps %j as %j', (typed, stored) => {
    expect(storedDate(typed)).toBe(stored);
  });

  it.each<[string, string]>([
    ['1990-04-15', '15/04/1990'],
    ['2026-01-05', '05/01/2026'],
    ['', ''],
    ['31/02/1990', '31/02/1990'],
    ['2023-02-29', '2023-02-29'], // not a real date: shown as it is, not rolled into March
  ])('shows %j as %j', (stored, shown) => {
    expect(shownDate(stored)).toBe(shown);
  });

  it('round-trips every day of a leap year and a common year', () => {
    for (const year of [2023, 2024]) {
      const day = new Date(Date.UTC(year, 0, 1));
      let days = 0;
      while (day.getUTCFullYear() === year && days < 400) {
        const iso = day.toISOString().slice(0, 10);
        expect(storedDate(shownDate(iso))).toBe(iso);
        day.setUTCDate(day.getUTCDate() + 1);
        days += 1;
      }
      expect(days).toBe(year === 2024 ? 366 : 365);
    }
  });

  it('formats a calendar date as DD/MM/YYYY', () => {
    expect(formatDayMonthYear({ year: 2026, month: 11, day: 2 })).toBe('02/11/2026');
    expect(formatDayMonthYear({ year: 999, month: 1, day: 9 })).toBe('09/01/0999');
  });
});

describe('validation speaks the date field’s words', () => {
  it('says why a mistyped date of birth is not a date', () => {
    expect(validateDateOfBirth('31/02/1990', { year: 2026, month: 11, day: 22 })).toStrictEqual({ ok: false, reason: 'This is not a real date: February 1990 has 28 days.' });
    expect(whyNotADate('15/04/90')).toMatch(/^Write the year in full/);
  });

  it('still keeps the stored form ISO: a readable day-first date is not a stored date', () => {
    expect(whyNotADate('15-04-1990')).toBe('This is not a real date. Use day, month and year.');
  });
});

describe('moments on this PC’s clock', () => {
  const moment = new Date(2026, 10, 2, 9, 5, 7); // 2 November 2026, 09:05:07 local

  it('shows dates DD/MM/YYYY and a 24-hour clock', () => {
    expect(formatLocalDate(moment)).toBe('02/11/2026');
    expect(formatLocalClock(moment)).toBe('09:05');
    expect(formatLocalClock(moment, true)).toBe('09:05:07');
    expect(formatLocalDateTime(moment)).toBe('02/11/2026, 09:05');
    expect(formatLocalDateTime(new Date(2026, 11, 31, 23, 59, 59), true)).toBe('31/12/2026, 23:59:59');
  });

  it('gives the same text as an explicit en-IN formatter, without building one', () => {
    const enIn = new Intl.DateTimeFormat('en-IN', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    for (let hour = 0; hour < 24; hour++) {
      const at = new Date(2026, 0, 9, hour, 7);
      expect(formatLocalDateTime(at)).toBe(enIn.format(at));
    }
  });

  it('is what the screens show: formatTime, formatClock and formatDue', () => {
    const iso = moment.toISOString();
    expect(formatTime(iso)).toBe('02/11/2026, 09:05');
    expect(formatClock(iso)).toBe('09:05');
    expect(formatClock(iso, true)).toBe('09:05:07');
    expect(formatDue(iso, new Date(2026, 10, 2, 8, 0))).toBe('09:05'); // later today: the clock alone
    expect(formatDue(iso, new Date(2026, 10, 1, 8, 0))).toBe('02/11/2026, 09:05');
    expect([formatTime(null), formatTime('garbage'), formatDue(null)]).toEqual(['—', '—', '—']);
  });

  it('reads an ISO moment, and nothing for a missing or unreadable one', () => {
    expect(readInstant('2026-11-02T03:35:07.000Z')?.getTime()).toBe(Date.UTC(2026, 10, 2, 3, 35, 7));
    expect(readInstant(null)).toBeNull();
    expect(readInstant('')).toBeNull();
    expect(readInstant('not a time')).toBeNull();
  });
});

describe('filter day boundaries take the stored (ISO) day', () => {
  it('turns a day into its local start and the next day’s start, and refuses typed text', () => {
    const from = fromOfDay('2026-11-02');
    const to = toAfterDay('2026-11-02');
    expect(from && new Date(from).getTime()).toBe(new Date(2026, 10, 2).getTime());
    expect(to && new Date(to).getTime()).toBe(new Date(2026, 10, 3).getTime());
    expect(fromOfDay('31/02/2026')).toBeUndefined();
    expect(toAfterDay('2026-02-31')).toBeUndefined();
  });
});

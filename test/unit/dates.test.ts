import { describe, it, expect } from 'vitest';
import {
  EARLIEST_BIRTH_YEAR,
  compareDates,
  formatIsoDate,
  parseIsoDate,
  validateDateOfBirth,
  type CalendarDate,
} from '../../shared/validation/dates';

const TODAY: CalendarDate = { year: 2026, month: 11, day: 22 };

describe('parseIsoDate', () => {
  it.each<[string, CalendarDate]>([
    ['2026-11-22', { year: 2026, month: 11, day: 22 }],
    ['1990-04-15', { year: 1990, month: 4, day: 15 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }],
    ['2026-01-31', { year: 2026, month: 1, day: 31 }],
    ['2026-12-31', { year: 2026, month: 12, day: 31 }],
    [' 2026-11-22 ', { year: 2026, month: 11, day: 22 }],
  ])('parses %j', (raw, expected) => {
    expect(parseIsoDate(raw)).toStrictEqual(expected);
  });

  it.each([
    ['2023-02-29', 'not a leap year'],
    ['1900-02-29', 'century that is not a leap year'],
    ['2026-02-31', '31 February'],
    ['2026-04-31', '31 April'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-11-00', 'day 0'],
    ['2026-11-32', 'day 32'],
    ['22-11-2026', 'DD-MM-YYYY'],
    ['2026/11/22', 'slashes'],
    ['2026-1-22', 'one-digit month'],
    ['2026-11-2', 'one-digit day'],
    ['20261122', 'no separators'],
    ['2026-11-22T00:00:00Z', 'a timestamp'],
    ['', 'empty'],
    ['not a date', 'text'],
  ])('returns null for %j (%s)', (raw) => {
    expect(parseIsoDate(raw)).toBeNull();
  });
});

describe('compareDates', () => {
  it.each<[CalendarDate, CalendarDate, -1 | 0 | 1]>([
    [{ year: 2026, month: 11, day: 22 }, { year: 2026, month: 11, day: 22 }, 0],
    [{ year: 2026, month: 11, day: 21 }, { year: 2026, month: 11, day: 22 }, -1],
    [{ year: 2026, month: 11, day: 23 }, { year: 2026, month: 11, day: 22 }, 1],
    [{ year: 2026, month: 10, day: 31 }, { year: 2026, month: 11, day: 1 }, -1],
    [{ year: 2025, month: 12, day: 31 }, { year: 2026, month: 1, day: 1 }, -1],
    [{ year: 2027, month: 1, day: 1 }, { year: 2026, month: 12, day: 31 }, 1],
  ])('compares %o with %o as %i', (a, b, sign) => {
    expect(Math.sign(compareDates(a, b))).toBe(sign);
    expect(Math.sign(compareDates(b, a))).toBe(-sign || 0);
  });
});

describe('formatIsoDate', () => {
  it.each<[CalendarDate, string]>([
    [{ year: 2026, month: 11, day: 22 }, '2026-11-22'],
    [{ year: 2026, month: 1, day: 5 }, '2026-01-05'],
    [{ year: 5, month: 3, day: 9 }, '0005-03-09'],
    [{ year: 999, month: 12, day: 31 }, '0999-12-31'],
  ])('formats %o as %s', (date, expected) => {
    expect(formatIsoDate(date)).toBe(expected);
  });

  it('round-trips with parseIsoDate', () => {
    expect(formatIsoDate(parseIsoDate('2024-02-29') as CalendarDate)).toBe('2024-02-29');
  });
});

describe('validateDateOfBirth', () => {
  it.each([
    ['2026-11-22', 'today'],
    ['2026-11-21', 'yesterday'],
    ['1990-04-15', 'an ordinary date'],
    ['2024-02-29', 'a leap day'],
    [`${EARLIEST_BIRTH_YEAR}-01-01`, 'the earliest accepted day'],
  ])('accepts %s (%s)', (raw) => {
    expect(validateDateOfBirth(raw, TODAY)).toStrictEqual({ ok: true, value: raw });
  });

  it('returns the trimmed ISO date', () => {
    expect(validateDateOfBirth(' 1990-04-15 ', TODAY)).toStrictEqual({ ok: true, value: '1990-04-15' });
  });

  it.each([
    ['2026-11-23', /future/, 'tomorrow'],
    ['2026-12-01', /future/, 'next month'],
    ['2027-01-01', /future/, 'next year'],
    ['1899-12-31', /1900/, 'before 1900'],
    ['', /Enter/, 'empty'],
    ['   ', /Enter/, 'blank'],
    ['2023-02-29', /real date/, 'not a real date'],
    ['15-04-1990', /real date/, 'wrong format'],
    ['yesterday', /real date/, 'text'],
  ])('rejects %j with a reason matching %s (%s)', (raw, reasonPattern) => {
    const result = validateDateOfBirth(raw, TODAY);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result).sort()).toEqual(['ok', 'reason']);
    expect(result.reason).toMatch(/^[A-Z].*\.$/);
    expect(result.reason).toMatch(reasonPattern);
  });

  it('judges the future against the given today, not the machine clock', () => {
    expect(validateDateOfBirth('2026-11-22', { year: 2026, month: 11, day: 21 }).ok).toBe(false);
    expect(validateDateOfBirth('2030-01-01', { year: 2030, month: 1, day: 1 }).ok).toBe(true);
  });
});

describe('years before 100', () => {
  it('are real dates, so a date of birth in year 50 is refused as too early, not as unreal', () => {
    expect(parseIsoDate('0050-01-01')).toEqual({ year: 50, month: 1, day: 1 });
    const check = validateDateOfBirth('0050-01-01', { year: 2026, month: 11, day: 22 });
    expect(check).toEqual({ ok: false, reason: expect.stringMatching(/before 1900/) });
  });
});

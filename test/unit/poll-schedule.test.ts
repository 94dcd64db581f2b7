import { describe, it, expect } from 'vitest';
import { MAX_BACKOFF_MS, REAL_MIN_POLL_MS, backoffMs, pollIntervalMs } from '../../electron/sync/poll-schedule';

describe('pollIntervalMs', () => {
  it('never polls a real registry faster than every 30 s', () => {
    expect(REAL_MIN_POLL_MS).toBe(30_000);
  });

  it.each<['sandbox' | 'real', number | undefined, number]>([
    ['real', 1, 30_000],
    ['real', 29.9, 30_000],
    ['real', undefined, 30_000],
    ['real', 30, 30_000],
    ['real', 60, 60_000],
    ['real', 0, 30_000],
    ['real', -60, 30_000],
    ['real', Number.NaN, 30_000],
    ['real', Number.POSITIVE_INFINITY, 30_000],
    ['sandbox', 0.5, 500],
    ['sandbox', 5, 5_000],
    ['sandbox', undefined, 2_000],
    ['sandbox', 0, 2_000],
    ['sandbox', -1, 2_000],
    ['sandbox', Number.NaN, 2_000],
    ['sandbox', Number.POSITIVE_INFINITY, 2_000],
    ['sandbox', 0.01, 100],
  ])('%s with %s s → %i ms', (target, seconds, expected) => {
    expect(pollIntervalMs(target, seconds)).toBe(expected);
  });
});

describe('backoffMs', () => {
  const base = 2_000;
  const never = (): number => 0;
  const always = (): number => 1;

  it.each([
    [0, 2_000],
    [1, 4_000],
    [2, 8_000],
    [3, 16_000],
    [8, 512_000],
    [9, MAX_BACKOFF_MS],
    [50, MAX_BACKOFF_MS],
  ])('doubles from the base: %i failures, random 1 → %i ms', (failures, expected) => {
    expect(backoffMs(base, failures, null, always)).toBe(expected);
  });

  it.each([
    [0, 2_000],
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [50, MAX_BACKOFF_MS / 2],
  ])('jitters down to half the delay, never below the base: %i failures, random 0 → %i ms', (failures, expected) => {
    expect(backoffMs(base, failures, null, never)).toBe(expected);
  });

  it('grows with failures', () => {
    for (const random of [never, always, () => 0.5]) {
      let previous = 0;
      for (let failures = 0; failures <= 30; failures += 1) {
        const delay = backoffMs(base, failures, null, random);
        expect(delay).toBeGreaterThanOrEqual(previous);
        previous = delay;
      }
      expect(backoffMs(base, 5, null, random)).toBeGreaterThan(backoffMs(base, 0, null, random));
    }
  });

  it.each([0, 1, 2, 5, 10, 20, 100, 10_000])('stays within [base, MAX_BACKOFF_MS] after %i failures', (failures) => {
    for (const random of [never, always]) {
      const delay = backoffMs(base, failures, null, random);
      expect(delay).toBeGreaterThanOrEqual(base);
      expect(delay).toBeLessThanOrEqual(MAX_BACKOFF_MS);
    }
  });

  it('honours a Retry-After larger than the computed delay', () => {
    expect(backoffMs(base, 1, 45_000, always)).toBe(45_000);
    expect(backoffMs(base, 50, MAX_BACKOFF_MS + 60_000, always)).toBe(MAX_BACKOFF_MS + 60_000);
  });

  it('ignores a Retry-After smaller than the computed delay', () => {
    expect(backoffMs(base, 3, 1_000, always)).toBe(16_000);
    expect(backoffMs(base, 0, 0, always)).toBe(base);
  });

  it('uses Math.random by default and stays in range', () => {
    for (let i = 0; i < 50; i += 1) {
      const delay = backoffMs(base, 4, null);
      expect(delay).toBeGreaterThanOrEqual(16_000);
      expect(delay).toBeLessThanOrEqual(32_000);
    }
  });
});

import { describe, it, expect } from 'vitest';
import { parseRetryAfter, serverMessage } from '../../electron/transport/http-client';

const NOW = Date.parse('2026-11-22T07:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['1', 1_000],
    ['120', 120_000],
    ['1.5', 1_500],
  ])('reads delay-seconds %j as %i ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([
    ['Sun, 22 Nov 2026 07:00:30 GMT', 30_000],
    ['Sun, 22 Nov 2026 08:00:00 GMT', 3_600_000],
    ['Sun, 22 Nov 2026 07:00:00 GMT', 0],
  ])('reads an HTTP-date %j relative to now as %i ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([['Sun, 22 Nov 2026 06:59:00 GMT'], ['Wed, 21 Oct 2015 07:28:00 GMT']])('reads a date in the past (%j) as 0', (value) => {
    expect(parseRetryAfter(value, NOW)).toBe(0);
  });

  it('uses the given now, not the clock', () => {
    expect(parseRetryAfter('Sun, 22 Nov 2026 07:01:00 GMT', NOW - 60_000)).toBe(120_000);
  });

  it.each([[null], [''], ['soon'], ['garbage'], ['12abc']])('returns null for %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeNull();
  });

  // RFC 9110: delay-seconds is 1*DIGIT. A negative number is neither a delay nor an HTTP-date.
  it('returns null for negative delay-seconds, rather than reading "-5" as a date', () => {
    expect(parseRetryAfter('-5', NOW)).toBeNull();
  });
});

describe('serverMessage', () => {
  it.each<[unknown, string]>([
    [{ error: { message: 'Batch already exists.' } }, 'Batch already exists.'],
    [{ message: 'Invalid token.' }, 'Invalid token.'],
    [{ msg: 'Rate limited.' }, 'Rate limited.'],
    [{ detail: 'Not found.' }, 'Not found.'],
    [{ error: { message: 'nested wins' }, message: 'top', msg: 'm', detail: 'd' }, 'nested wins'],
    [{ message: 'message wins', msg: 'm', detail: 'd' }, 'message wins'],
    [{ msg: 'msg wins', detail: 'd' }, 'msg wins'],
    [{ error: { code: 'E1' }, message: 'falls back to message' }, 'falls back to message'],
    [{ error: 'not an object', detail: 'falls back to detail' }, 'falls back to detail'],
    [{ message: null, detail: 'skips null' }, 'skips null'],
    [{ message: '' }, ''],
  ])('picks the message from %j', (body, expected) => {
    expect(serverMessage(body)).toBe(expected);
  });

  it('truncates at 500 characters', () => {
    expect(serverMessage({ message: 'x'.repeat(500) })).toBe('x'.repeat(500));
    expect(serverMessage({ message: 'y'.repeat(501) })).toBe('y'.repeat(500));
    expect(serverMessage({ detail: 'z'.repeat(10_000) })?.length).toBe(500);
  });

  it.each<[unknown]>([[undefined], [null], ['plain text error'], [42], [true], [{}], [{ status: 'failure' }], [{ message: 42 }], [{ detail: ['a', 'b'] }], [{ error: { message: { text: 'x' } } }]])(
    'returns undefined for %j',
    (body) => {
      expect(serverMessage(body)).toBeUndefined();
    },
  );
});

describe('lenient but not naive parsing', () => {
  it('refuses hexadecimal Retry-After values', () => {
    expect(parseRetryAfter('0x10', 0)).toBeNull();
  });
  it('serverMessage skips a non-string message and uses the next string', () => {
    expect(serverMessage({ message: 42, detail: 'the real reason' })).toBe('the real reason');
  });
});

import { describe, it, expect } from 'vitest';
import { isVerhoeffValid, luhnCheckDigit, luhnValid, verhoeffCheckDigit } from '../../shared/validation';
import { VERHOEFF_TABLES } from '../../shared/validation/checksums';
import { mulberry32 } from '../../electron/sandbox/shell/faults';

/** The sandbox's seeded PRNG, so "random" cases are the same on every run. */
const seeded = mulberry32;

function randomDigits(next: () => number, length: number, first = '0123456789'): string {
  let out = first[Math.floor(next() * first.length)]!;
  while (out.length < length) out += String(Math.floor(next() * 10));
  return out;
}

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('Verhoeff tables', () => {
  const { d, p, inv } = VERHOEFF_TABLES;

  it('d is a group table with identity 0 (the dihedral group D5)', () => {
    for (const j of DIGITS) {
      expect(d[0]![j]).toBe(j);
      expect(d[j]![0]).toBe(j);
      expect([...d[j]!].sort()).toEqual(DIGITS); // each row is a permutation
    }
    for (const a of DIGITS) for (const b of DIGITS) for (const c of DIGITS) {
      expect(d[d[a]![b]!]![c]).toBe(d[a]![d[b]![c]!]); // associative
    }
    expect(d[1]![5]).not.toBe(d[5]![1]); // not commutative: that is what catches swapped digits
  });

  it('inv gives each element its inverse', () => {
    for (const j of DIGITS) expect(d[j]![inv[j]!]).toBe(0);
  });

  it('p holds the successive powers of one permutation, of order 8', () => {
    expect(p).toHaveLength(8);
    expect(p[0]).toEqual(DIGITS);
    for (let i = 1; i < 8; i++) {
      for (const j of DIGITS) expect(p[i]![j]).toBe(p[1]![p[i - 1]![j]!]);
    }
    for (const j of DIGITS) expect(p[1]![p[7]![j]!]).toBe(j); // the 8th power is the identity
  });
});

describe('verhoeffCheckDigit / isVerhoeffValid', () => {
  // Published vectors: Wikipedia's worked example (236 → 3), the Rust `verhoeff` crate docs
  // (12345 → 1), Perl Algorithm::CheckDigits docs (1456789 → 4), python-stdnum / stdnum-js
  // examples for Aadhaar (234123412346) and VID (2341234123412341).
  it.each([
    ['236', 3],
    ['12345', 1],
    ['1456789', 4],
    ['23412341234', 6],
    ['234123412341234', 1],
  ])('the check digit of %s is %i', (digits, check) => {
    expect(verhoeffCheckDigit(digits)).toBe(check);
    expect(isVerhoeffValid(`${digits}${check}`)).toBe(true);
  });

  it.each(['2363', '123451', '14567894', '234123412346', '2341234123412341', '0'])('accepts %s', (digits) => {
    expect(isVerhoeffValid(digits)).toBe(true);
  });

  it.each(['2364', '2336', '123456', '234123412347', '2341234123412342', '', '23a3', ' 2363', '2363 ', '２３６３'])(
    'rejects %j',
    (digits) => {
      expect(isVerhoeffValid(digits)).toBe(false);
    },
  );

  it.each(['', 'abc', '12 3', '-1', '１２３'])('refuses to compute a check digit for %j', (digits) => {
    expect(() => verhoeffCheckDigit(digits)).toThrow(RangeError);
  });

  it('for 500 random 11-digit prefixes starting 2–9, only the computed digit makes a valid number', () => {
    const next = seeded(20240611);
    const seen = new Set<string>();
    while (seen.size < 500) {
      const prefix = randomDigits(next, 11, '23456789');
      if (seen.has(prefix)) continue;
      seen.add(prefix);
      const check = verhoeffCheckDigit(prefix);
      for (const digit of DIGITS) {
        expect(isVerhoeffValid(`${prefix}${digit}`), `${prefix}${digit}`).toBe(digit === check);
      }
    }
  });

  it('catches every single-digit error and every swap of neighbouring digits', () => {
    const next = seeded(42);
    for (let n = 0; n < 200; n++) {
      const prefix = randomDigits(next, 11, '23456789');
      const good = `${prefix}${verhoeffCheckDigit(prefix)}`;
      for (let i = 0; i < good.length; i++) {
        for (const digit of DIGITS) {
          if (String(digit) === good[i]) continue;
          expect(isVerhoeffValid(`${good.slice(0, i)}${digit}${good.slice(i + 1)}`)).toBe(false);
        }
        if (i + 1 < good.length && good[i] !== good[i + 1]) {
          expect(isVerhoeffValid(`${good.slice(0, i)}${good[i + 1]}${good[i]}${good.slice(i + 2)}`)).toBe(false);
        }
      }
    }
  });
});

describe('luhnValid / luhnCheckDigit', () => {
  // Published vectors: Wikipedia's example 79927398713, the common 49927398716, the Visa test card
  // 4111 1111 1111 1111, and 1234 5678 1234 5670.
  it.each(['79927398713', '49927398716', '4111111111111111', '1234567812345670', '0', '18'])('accepts %s', (digits) => {
    expect(luhnValid(digits)).toBe(true);
  });

  it.each(['79927398710', '79927398714', '49927398717', '1234567812345678', '4111111111111112', '', 'abc', '7992 7398 713', '７９'])(
    'rejects %j',
    (digits) => {
      expect(luhnValid(digits)).toBe(false);
    },
  );

  it('79927398713 is the only valid completion of 7992739871', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    for (const digit of DIGITS) expect(luhnValid(`7992739871${digit}`)).toBe(digit === 3);
  });

  it('for 500 random 14-digit prefixes, only the computed digit makes a valid number', () => {
    const next = seeded(784);
    for (let n = 0; n < 500; n++) {
      const prefix = randomDigits(next, 14);
      const check = luhnCheckDigit(prefix);
      for (const digit of DIGITS) expect(luhnValid(`${prefix}${digit}`)).toBe(digit === check);
    }
  });

  it.each(['', 'x1', '1 2'])('refuses to compute a check digit for %j', (digits) => {
    expect(() => luhnCheckDigit(digits)).toThrow(RangeError);
  });
});

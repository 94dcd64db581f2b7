/**
 * Check-digit schemes used by identifier rules (docs/record-rules.md §3).
 * Pure functions on strings of ASCII digits; no Node, DOM or platform APIs.
 */

const DIGITS_ONLY = /^\d+$/;

function toDigits(digits: string): number[] {
  return Array.from(digits, (ch) => ch.charCodeAt(0) - 48);
}

// ---------------------------------------------------------------------------
// Verhoeff (Aadhaar, Aadhaar VID)
// ---------------------------------------------------------------------------

/**
 * Multiplication table of the dihedral group D5: d[j][k] is j·k, where 0–4 are rotations and 5–9
 * reflections. Not commutative, which is what lets Verhoeff catch swapped neighbours.
 */
const VERHOEFF_D: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

/**
 * Position-dependent permutation: row i is the permutation (1 5 7 6 2 8 3 0 9 4) applied i times,
 * so p[i][j] = p[1][p[i-1][j]]; it repeats every 8 positions.
 */
const VERHOEFF_P: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** Inverse in D5: d[j][inv[j]] = 0. */
const VERHOEFF_INV: readonly number[] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/** Exposed for tests that check the tables' algebra; do not mutate. */
export const VERHOEFF_TABLES = { d: VERHOEFF_D, p: VERHOEFF_P, inv: VERHOEFF_INV } as const;

/**
 * Folds the digits right to left; `offset` is the position of the rightmost given digit
 * (1 when computing a check digit that will be appended, 0 when the check digit is included).
 */
function verhoeffFold(digits: string, offset: number): number {
  const values = toDigits(digits).reverse();
  let c = 0;
  values.forEach((digit, i) => {
    c = VERHOEFF_D[c]![VERHOEFF_P[(i + offset) % 8]![digit]!]!;
  });
  return c;
}

/**
 * The Verhoeff check digit to append to `digits` (e.g. "236" → 3, giving "2363").
 * Throws a RangeError if `digits` is empty or holds anything but ASCII digits: that is a
 * programming error, not an operator's typing mistake.
 */
export function verhoeffCheckDigit(digits: string): number {
  if (!DIGITS_ONLY.test(digits)) throw new RangeError('verhoeffCheckDigit needs a non-empty string of digits');
  return VERHOEFF_INV[verhoeffFold(digits, 1)]!;
}

/** True when `digits` (check digit last) passes Verhoeff; false for empty or non-digit input. */
export function isVerhoeffValid(digits: string): boolean {
  return DIGITS_ONLY.test(digits) && verhoeffFold(digits, 0) === 0;
}

// ---------------------------------------------------------------------------
// Luhn (mod 10; Emirates ID)
// ---------------------------------------------------------------------------

function luhnSum(digits: string, doubleRightmost: boolean): number {
  const values = toDigits(digits).reverse();
  let sum = 0;
  values.forEach((digit, i) => {
    const doubled = (i % 2 === 0) === doubleRightmost;
    if (!doubled) sum += digit;
    else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  });
  return sum;
}

/** True when `digits` (check digit last) passes Luhn (e.g. "79927398713"); false for empty or non-digit input. */
export function luhnValid(digits: string): boolean {
  return DIGITS_ONLY.test(digits) && luhnSum(digits, false) % 10 === 0;
}

/** The Luhn check digit to append to `digits` ("7992739871" → 3). Throws a RangeError on non-digits. */
export function luhnCheckDigit(digits: string): number {
  if (!DIGITS_ONLY.test(digits)) throw new RangeError('luhnCheckDigit needs a non-empty string of digits');
  return (10 - (luhnSum(digits, true) % 10)) % 10;
}

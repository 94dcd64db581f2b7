/**
 * Rules for text a person types freely (remarks, reasons, an operator's designation or branch, a
 * connection's organisation name …), the same in the renderer and in main. Three things are
 * refused, each with a message that says why, and nothing is ever quietly altered:
 *
 * - a full Aadhaar number: a run of 12 digits, whole or split by spaces or hyphens, that is a valid
 *   Aadhaar number (first digit 2–9, Verhoeff check digit; validateAadhaar). A 12-digit run that
 *   fails the check (an account number, say) passes. A longer unbroken run (a 16-digit card or
 *   VID) is a different number and passes; 12 digits made of groups inside a longer grouped run
 *   ("1234 5678 9012 3456") are checked, because people split numbers where they like. Digits of
 *   Indian scripts (Devanagari ०–९ …) count as digits. A phone number written as one is not an
 *   Aadhaar number: digits right after a "+" (+91 98765 43210), or "91" then 5 and 5 digits.
 * - a spreadsheet formula prefix (= + - @, or their full-width forms) at the start: these fields
 *   reach the batch CSVs verbatim, and a cell that starts so runs as a formula when opened in a
 *   spreadsheet. Refusing it here keeps what is sent exactly what was typed. Leading white space
 *   (a tab or carriage return too) is trimmed from every field before it is kept, so the first
 *   character after it is the one that counts.
 * - invisible characters: control characters (U+0085 …), format characters (bidi overrides,
 *   zero-width spaces, U+FEFF …), the line and paragraph separators U+2028/U+2029, private-use and
 *   lone surrogate code points. They make text show differently from what it holds. Tab, line
 *   feed and carriage return are layout a person types and are collapsed by tidySpaces. The zero
 *   width joiner and non-joiner are allowed between letters of a script other than Latin: Indian
 *   scripts need them to choose a conjunct's shape.
 */
import { validateAadhaar } from './identifiers';

export const FREE_TEXT_MESSAGES = {
  fullAadhaar:
    'This looks like a full Aadhaar number. Keep only the last 4 digits (as XXXX XXXX 1234) or leave it out: the full number must never be kept.',
  formulaPrefix:
    'Start with a letter or a digit: text that begins with = + - or @ is run as a formula when the file is opened in a spreadsheet.',
  invisible: (codePoint: string) =>
    `Remove the invisible character ${codePoint}: it can make the text show differently from what it holds. Type the text again rather than pasting it.`,
} as const;

/** Characters that start a formula in Excel and LibreOffice, after the white space every field loses. */
const FORMULA_PREFIX = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Control, format, line/paragraph separator, private-use and surrogate code points. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/u;
const INVISIBLE_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/gu;
/** Typed layout, collapsed to one space by tidySpaces: never a problem in free text. */
const LAYOUT = new Set(['\t', '\n', '\r']);
const JOINERS = new Set(['\u200C', '\u200D']);
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const LATIN_OR_ASCII = /[\p{Script=Latin}\p{ASCII}]/u;

/** `U+202E`: how a code point is named in messages. */
export function codePointName(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function joinerBetweenLetters(chars: readonly string[], i: number): boolean {
  const before = chars[i - 1];
  const after = chars[i + 1];
  return (
    before !== undefined &&
    after !== undefined &&
    LETTER_OR_MARK.test(before) &&
    !LATIN_OR_ASCII.test(before) &&
    LETTER_OR_MARK.test(after)
  );
}

/** The first invisible character in `text` (see the module's comment), or undefined. */
export function firstInvisibleCharacter(text: string): string | undefined {
  if (!INVISIBLE.test(text)) return undefined;
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (LAYOUT.has(ch) || !INVISIBLE.test(ch)) continue;
    if (JOINERS.has(ch) && joinerBetweenLetters(chars, i)) continue;
    return ch;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Full Aadhaar numbers
// ---------------------------------------------------------------------------

const DECIMAL_DIGIT = /\p{Nd}/u;
/** Between two groups of digits: at most 3 spaces or dashes of any kind. */
const SEPARATOR = /^[\s\p{Pd}]{1,3}$/u;

/**
 * The value of a decimal digit of any script. Unicode encodes every script's digits 0–9 in
 * contiguous, ascending blocks of ten, so the distance back to the start of the block is the
 * value (bounded: no run of digits is longer than a few blocks).
 */
function digitValue(ch: string): string {
  if (ch >= '0' && ch <= '9') return ch;
  const cp = ch.codePointAt(0)!;
  let back = 0;
  while (back < 60 && DECIMAL_DIGIT.test(String.fromCodePoint(cp - back - 1))) back++;
  return String(back % 10);
}

interface DigitGroup {
  digits: string;
  /** Index (in code points) of the first and one past the last digit. */
  start: number;
  end: number;
}

function digitGroups(chars: readonly string[]): DigitGroup[] {
  const groups: DigitGroup[] = [];
  let i = 0;
  while (i < chars.length) {
    if (!DECIMAL_DIGIT.test(chars[i]!)) {
      i++;
      continue;
    }
    const start = i;
    let digits = '';
    while (i < chars.length && DECIMAL_DIGIT.test(chars[i]!)) digits += digitValue(chars[i++]!);
    groups.push({ digits, start, end: i });
  }
  return groups;
}

/** An Indian mobile with its country code, as people write one: +91… or 91 98765 43210. */
function looksLikePhone(chars: readonly string[], groups: readonly DigitGroup[], first: number, last: number): boolean {
  if (chars[groups[first]!.start - 1] === '+') return true;
  const lengths = groups.slice(first, last + 1).map((group) => group.digits.length);
  return groups[first]!.digits === '91' && lengths.join(',') === '2,5,5';
}

/**
 * True when `text` holds a full Aadhaar number: 12 digits, in one group or in neighbouring groups
 * split only by spaces or dashes, that validateAadhaar accepts.
 */
export function containsFullAadhaar(text: string): boolean {
  if (!DECIMAL_DIGIT.test(text)) return false;
  const chars = Array.from(text);
  const groups = digitGroups(chars);
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length && digits.length < 12; last++) {
      if (last > first && !SEPARATOR.test(chars.slice(groups[last - 1]!.end, groups[last]!.start).join(''))) break;
      digits += groups[last]!.digits;
      if (digits.length === 12 && validateAadhaar(digits).ok && !looksLikePhone(chars, groups, first, last)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// The rules together
// ---------------------------------------------------------------------------

/**
 * What is wrong with a piece of free text, in words for the person who typed it, or undefined.
 * Give it the text as typed, before tidySpaces or trim: those would turn U+2028 or U+FEFF into a
 * space or drop them, and the operator must hear about them rather than have them vanish.
 */
export function freeTextProblem(typed: string): string | undefined {
  const invisible = firstInvisibleCharacter(typed);
  if (invisible !== undefined) return FREE_TEXT_MESSAGES.invisible(codePointName(invisible));
  if (FORMULA_PREFIX.test(typed)) return FREE_TEXT_MESSAGES.formulaPrefix;
  if (containsFullAadhaar(typed)) return FREE_TEXT_MESSAGES.fullAadhaar;
  return undefined;
}

/**
 * `text` with every invisible character written as `\uXXXX` (`\u{XXXXX}` beyond the BMP), so what
 * it holds can be seen. For showing and storing what someone else typed (the audit trail's
 * subjects): tab, line feed and carriage return are kept as they are. Backslashes are not
 * doubled, so escaping twice changes nothing.
 */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE_ALL, (ch) => {
    if (LAYOUT.has(ch)) return ch;
    const cp = ch.codePointAt(0)!;
    return cp > 0xffff ? `\\u{${cp.toString(16).toUpperCase()}}` : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

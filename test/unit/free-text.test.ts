import { describe, expect, it } from 'vitest';
import { isVerhoeffValid, validateAadhaar, verhoeffCheckDigit } from '../../shared/validation';
import { containsFullAadhaar, escapeInvisible, FREE_TEXT_MESSAGES, freeTextProblem } from '../../shared/validation/free-text';

/** A valid Aadhaar number built from 11 digits and its Verhoeff check digit. */
const aadhaar = (first11: string): string => `${first11}${verhoeffCheckDigit(first11)}`;
const AADHAAR = aadhaar('23456789012'); // 234567890124
const OTHER_AADHAAR = aadhaar('49876543210');
const grouped = (n: string, sep: string) => `${n.slice(0, 4)}${sep}${n.slice(4, 8)}${sep}${n.slice(8)}`;
const DEVANAGARI = (n: string) => n.replace(/\d/g, (d) => String.fromCodePoint(0x0966 + Number(d)));

describe('full Aadhaar numbers in free text', () => {
  it('the samples are real Aadhaar numbers, and their last digit changed is not', () => {
    expect(validateAadhaar(AADHAAR).ok && validateAadhaar(OTHER_AADHAAR).ok).toBe(true);
    expect(isVerhoeffValid('234567890123')).toBe(false);
  });

  it.each([
    ['whole', `Customer gave ${AADHAAR} at the counter`],
    ['in groups of 4 with spaces', `Aadhaar ${grouped(AADHAAR, ' ')} seen`],
    ['with hyphens', `id ${grouped(AADHAAR, '-')}`],
    ['with doubled spaces and an en dash', `${AADHAAR.slice(0, 4)}  ${AADHAAR.slice(4, 8)} – ${AADHAAR.slice(8)}`],
    ['split 6 + 6', `${AADHAAR.slice(0, 6)} ${AADHAAR.slice(6)}`],
    ['with no-break spaces', grouped(AADHAAR, '\u00A0')],
    ['in Devanagari digits', `आधार ${DEVANAGARI(grouped(AADHAAR, ' '))}`],
    ['as the last 12 digits of a longer grouped run', `12 ${grouped(OTHER_AADHAAR, ' ')}`],
    ['beside letters', `SB${AADHAAR}X`],
  ])('is found when written %s', (_how, text) => {
    expect(containsFullAadhaar(text)).toBe(true);
    expect(freeTextProblem(text)).toBe(FREE_TEXT_MESSAGES.fullAadhaar);
  });

  it.each([
    ['a 12-digit account number that fails the check', 'Salary account 234567890123'],
    ['12 digits starting with 1', `Ref ${aadhaar('12345678901')}`],
    ['12 digits starting with 0', `Ref ${aadhaar('02345678901')}`],
    ['a 16-digit card number written unbroken', `Card ${AADHAAR}5678`],
    ['a 13-digit number', `ts 1${AADHAAR}`],
    ['the last 4 digits only', 'Aadhaar XXXX XXXX 0124'],
    ['two numbers split by a comma', `${AADHAAR.slice(0, 6)}, ${AADHAAR.slice(6)}`],
    ['a date and a PIN', 'Visited on 15/04/2026, PIN 411001'],
    ['an amount in lakh grouping', '₹12,34,567 deposited'],
    ['Devanagari text without numbers', 'ग्राहक ने पता बदला'],
  ])('is not claimed for %s', (_label, text) => {
    expect(containsFullAadhaar(text)).toBe(false);
    expect(freeTextProblem(text)).toBeUndefined();
  });

  it('a mobile number written with its country code is not an Aadhaar number, even when its 12 digits pass the check', () => {
    const phone = aadhaar('91987654321'); // 91 + a 10-digit mobile: 12 digits that pass Verhoeff
    expect(validateAadhaar(phone).ok).toBe(true);
    for (const text of [`Call +${phone}`, `Call +91 ${phone.slice(2, 7)} ${phone.slice(7)}`, `Call 91 ${phone.slice(2, 7)} ${phone.slice(7)}`, `Call +91-${phone.slice(2)}`]) {
      expect(containsFullAadhaar(text), text).toBe(false);
    }
    // Unbroken and without "+", the same 12 digits cannot be told from an Aadhaar number: refused.
    expect(containsFullAadhaar(`Call ${phone}`)).toBe(true);
  });

  it('the message says what to do and never repeats the number', () => {
    expect(FREE_TEXT_MESSAGES.fullAadhaar).toMatch(/last 4 digits/);
    expect(FREE_TEXT_MESSAGES.fullAadhaar).not.toMatch(/\d{5}/);
  });
});

describe('spreadsheet formula prefixes', () => {
  it.each([['=HYPERLINK("http://x")'], ['+1+1'], ['-2+3'], ['@SUM(A1)'], ['  =1+1'], ['\t=1+1'], ['\r-1'], ['\uFF1D1+1']])('refuses %j', (text) => {
    expect(freeTextProblem(text)).toBe(FREE_TEXT_MESSAGES.formulaPrefix);
  });

  it.each([['Near = temple'], ['Photo re-taken'], ['a+b'], ['asha@example.com is her mail'], ['1-2 days']])('allows the characters after the start: %j', (text) => {
    expect(freeTextProblem(text)).toBeUndefined();
  });
});

describe('invisible characters', () => {
  it.each([
    ['right-to-left override', '\u202E'],
    ['left-to-right embedding', '\u202A'],
    ['first strong isolate', '\u2068'],
    ['zero-width space', '\u200B'],
    ['word joiner', '\u2060'],
    ['byte-order mark', '\uFEFF'],
    ['line separator', '\u2028'],
    ['paragraph separator', '\u2029'],
    ['next line (U+0085)', '\u0085'],
    ['NUL', '\u0000'],
    ['escape', '\u001B'],
    ['soft hyphen', '\u00AD'],
    ['private use', '\uE000'],
    ['zero-width joiner between Latin letters', 'ad\u200Dmin'],
  ])('refuses a %s and names it', (_label, ch) => {
    const text = ch.length === 1 ? `Remarks ${ch}here` : ch;
    const problem = freeTextProblem(text);
    const named = ch.length === 1 ? ch : '\u200D';
    expect(problem).toBe(FREE_TEXT_MESSAGES.invisible(`U+${named.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`));
  });

  it('allows typed layout (tab, new line) and the joiners Indian scripts need inside words', () => {
    expect(freeTextProblem('First visit.\nSecond visit:\tphoto retaken')).toBeUndefined();
    expect(freeTextProblem('क्\u200Dष')).toBeUndefined(); // Devanagari half form
    expect(freeTextProblem('ന്\u200D')).toBe(FREE_TEXT_MESSAGES.invisible('U+200D')); // a joiner with nothing after it
    expect(freeTextProblem('കാര്\u200Dത്തിക')).toBeUndefined(); // Malayalam chillu
    expect(freeTextProblem('শ্\u200Cরী')).toBeUndefined(); // Bengali non-joiner
  });
});

describe('escapeInvisible', () => {
  it('writes each invisible character as \\uXXXX and leaves the rest, layout included', () => {
    expect(escapeInvisible('E10\u202E42')).toBe('E10\\u202E42');
    expect(escapeInvisible('a\u200Bb\u2028c\u0085d\uFEFF')).toBe('a\\u200Bb\\u2028c\\u0085d\\uFEFF');
    expect(escapeInvisible('line one\nline two\tend\r')).toBe('line one\nline two\tend\r');
    expect(escapeInvisible('\u{F0000}')).toBe('\\u{F0000}');
    expect(escapeInvisible('आधार सेवा')).toBe('आधार सेवा');
  });

  it('is idempotent, so escaping on export what was escaped when stored changes nothing', () => {
    const once = escapeInvisible('x\u202Ey');
    expect(escapeInvisible(once)).toBe(once);
  });
});

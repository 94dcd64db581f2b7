/**
 * Logs are read by IT staff and copied into tickets: no identifier a customer gave the branch may
 * reach them in clear. Redaction is by pattern, so it also catches values inside library messages.
 */
const NOT_ALNUM_BEFORE = '(?<![A-Za-z0-9])';
const NOT_ALNUM_AFTER = '(?![A-Za-z0-9])';
// Mobiles the way people write them: 98765 43210, 98765-43210, +91 98765 43210, 09876543210.
const MOBILE = '(?:(?:\\+91|91|0)[\\s-]?)?[6-9]\\d{4}[\\s-]?\\d{5}';

// Order matters: a +91 mobile is twelve digits and would otherwise read as an Aadhaar number.
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi, '[EMAIL]'],
  [new RegExp(`${NOT_ALNUM_BEFORE}[A-Z]{5}\\d{4}[A-Z]${NOT_ALNUM_AFTER}`, 'gi'), '[PAN]'],
  [new RegExp(`(?<!\\d)\\+91[\\s-]?[6-9]\\d{4}[\\s-]?\\d{5}(?!\\d)`, 'g'), '[MOBILE]'],
  [/(?<!\d)[2-9]\d{3}[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g, '[AADHAAR]'],
  [new RegExp(`(?<![\\d+])${MOBILE}(?!\\d)`, 'g'), '[MOBILE]'],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

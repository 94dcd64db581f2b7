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
  // Aadhaar numbers grouped any other way ("234567 890124", "2345  6789-0124", one digit at a
  // time): 12 digits starting 2–9 with up to 2 spaces or hyphens between any two, not part of a
  // longer run of digits. After the mobiles, so "98765 43210" is still named a mobile.
  [/(?<!\d[\s-]{0,2})(?<![\d+])[2-9](?:[\s-]{0,2}\d){11}(?![\s-]{0,2}\d)/g, '[AADHAAR]'],
];

/**
 * KYC Desk's own ids (`newId`: a short prefix, `_`, 20 hex digits) are no customer's data, but
 * their hex can hold a run of 10 or 12 decimal digits that reads as a mobile or an Aadhaar
 * number (a few ids in a hundred). They are kept whole; everything around them is redacted.
 */
const OWN_ID = /(?<![A-Za-z0-9])[a-z]{2,8}_[0-9a-f]{20}(?![A-Za-z0-9])/g;

function redactPart(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export function redact(text: string): string {
  let out = '';
  let from = 0;
  for (const id of text.matchAll(OWN_ID)) {
    out += redactPart(text.slice(from, id.index)) + id[0];
    from = id.index + id[0].length;
  }
  return out + redactPart(text.slice(from));
}

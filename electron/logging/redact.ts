/**
 * Logs are read by IT staff and copied into tickets: no identifier a customer gave the branch may
 * reach them in clear. Redaction is by pattern, so it also catches values inside library messages.
 */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi, '[EMAIL]'],
  [/\b[A-Z]{5}\d{4}[A-Z]\b/gi, '[PAN]'],
  [/(?<!\d)[2-9]\d{3}[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g, '[AADHAAR]'],
  [/(?<![\d])(?:\+?91[\s-]?)?[6-9]\d{9}(?!\d)/g, '[MOBILE]'],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

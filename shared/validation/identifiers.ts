/**
 * Identifier rules from ../shared/domain/kyc-reference.md §3. Each rule normalises what an
 * operator typed or pasted (case, stray spaces, separators) before judging it, so pasted text is
 * corrected rather than refused.
 */
export type IdentifierType = 'PAN' | 'MOBILE_IN' | 'PIN_CODE';

export type IdentifierResult = { ok: true; value: string } | { ok: false; reason: string };

const valid = (value: string): IdentifierResult => ({ ok: true, value });
const invalid = (reason: string): IdentifierResult => ({ ok: false, reason });

/** Spaces, hyphens, dots and slashes people type inside numbers. */
function stripSeparators(raw: string): string {
  return raw.replace(/[\s\-./]/g, '');
}

export function validatePan(raw: string): IdentifierResult {
  const value = stripSeparators(raw).toUpperCase();
  if (value === '') return invalid('Enter the PAN.');
  if (value.length !== 10) return invalid('A PAN has 10 characters, like ABCPE1234F.');
  if (!/^[A-Z]{5}\d{4}[A-Z]$/.test(value)) {
    return invalid('A PAN is 5 letters, 4 digits, then 1 letter, like ABCPE1234F.');
  }
  if (value[3] !== 'P') {
    return invalid('This PAN is not an individual’s: its 4th letter must be P.');
  }
  if (value.slice(5, 9) === '0000') return invalid('The 4 digits of a PAN cannot be 0000.');
  return valid(value);
}

export function validateIndianMobile(raw: string): IdentifierResult {
  let value = stripSeparators(raw).replace(/[()]/g, '');
  // Operators paste numbers with the country code or a trunk zero; the registry wants 10 digits.
  if (value.startsWith('+91')) value = value.slice(3);
  else if (value.length === 12 && value.startsWith('91')) value = value.slice(2);
  else if (value.length === 11 && value.startsWith('0')) value = value.slice(1);
  if (value === '') return invalid('Enter the mobile number.');
  if (!/^\d+$/.test(value)) return invalid('A mobile number has digits only.');
  if (value.length !== 10) return invalid(`A mobile number has 10 digits; this has ${value.length}.`);
  if (!/^[6-9]/.test(value)) return invalid('An Indian mobile number starts with 6, 7, 8 or 9.');
  return valid(value);
}

export function validatePinCode(raw: string): IdentifierResult {
  const value = stripSeparators(raw);
  if (value === '') return invalid('Enter the PIN code.');
  if (!/^\d+$/.test(value)) return invalid('A PIN code has digits only.');
  if (value.length !== 6) return invalid(`A PIN code has 6 digits; this has ${value.length}.`);
  if (value.startsWith('0')) return invalid('A PIN code cannot start with 0.');
  return valid(value);
}

const RULES: Record<IdentifierType, (raw: string) => IdentifierResult> = {
  PAN: validatePan,
  MOBILE_IN: validateIndianMobile,
  PIN_CODE: validatePinCode,
};

export function validateIdentifier(type: IdentifierType, raw: string): IdentifierResult {
  return RULES[type](raw);
}

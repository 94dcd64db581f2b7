/**
 * A mobile number in E.164 (`+971501234567`): a plus, the country calling code, the national
 * number, 15 digits at most. Where KYC Desk knows a country's mobile plan the national number is
 * checked by it (the UAE's: 9 digits starting 5; India's: validateIndianMobile); elsewhere only
 * E.164's own bounds apply. Spaces, hyphens, dots and brackets people type are dropped, and a
 * leading 00 is read as +. The reason never repeats the number.
 */
import { validateIndianMobile, type IdentifierResult } from './identifiers';

/** Mobile plans by calling code: what a national mobile number looks like there. */
const MOBILE_PLANS: ReadonlyArray<{ code: string; country: string; check(national: string): string | undefined }> = [
  {
    code: '971',
    country: 'UAE',
    check: (national) =>
      /^5\d{8}$/.test(national) ? undefined : national.startsWith('0') ? 'Leave out the 0 after +971: a UAE mobile is +971 then 9 digits starting with 5, like +971501234567.' : 'A UAE mobile is +971 then 9 digits starting with 5, like +971501234567.',
  },
  {
    code: '91',
    country: 'India',
    check: (national) => {
      const indian = validateIndianMobile(national);
      return indian.ok ? undefined : `An Indian mobile is +91 then 10 digits starting with 6, 7, 8 or 9.`;
    },
  },
];

export function validateE164Mobile(raw: string): IdentifierResult {
  let value = raw.replace(/[\s\-.()]/g, '');
  if (value === '') return { ok: false, reason: 'Enter the mobile number with its country code, like +971501234567.' };
  if (value.startsWith('00')) value = `+${value.slice(2)}`;
  if (!value.startsWith('+')) return { ok: false, reason: 'Start with + and the country code, like +971501234567 (UAE) or +919876543210 (India).' };
  const digits = value.slice(1);
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'After the +, a mobile number has digits only.' };
  if (digits.startsWith('0')) return { ok: false, reason: 'A country code never starts with 0: write + then the country code, like +971.' };
  if (digits.length < 8 || digits.length > 15) return { ok: false, reason: `A mobile number with its country code has 8 to 15 digits; this has ${digits.length}.` };
  const plan = MOBILE_PLANS.find((candidate) => digits.startsWith(candidate.code));
  const problem = plan?.check(digits.slice(plan.code.length));
  if (problem !== undefined) return { ok: false, reason: problem };
  return { ok: true, value: `+${digits}` };
}

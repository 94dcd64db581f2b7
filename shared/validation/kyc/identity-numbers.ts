/** The number of an identity document, judged by the document's code (docs/record-rules.md §2 and §3). */
import { containsFullAadhaar, FREE_TEXT_MESSAGES } from '../free-text';
import { KYC_FIELD_LIMITS } from './field-limits';
import { identifier, upperTidy } from './field-rules';
import type { Context } from './findings';

const FREE_TEXT_NUMBER = /^[A-Z0-9](?:[A-Z0-9 /-]*[A-Z0-9])?$/;

function freeTextNumber(c: Context, path: string, raw: string, what: string): string {
  const value = upperTidy(raw);
  const max = KYC_FIELD_LIMITS.freeTextDocumentNumber;
  if (value === '') return c.f.fail(path, `Enter the ${what} number.`) ?? '';
  if (value.length > max) c.f.fail(path, `A ${what} number can have at most ${max} characters; this has ${value.length}.`);
  else if (!FREE_TEXT_NUMBER.test(value)) c.f.fail(path, `A ${what} number has letters, digits, spaces, hyphens and slashes only.`);
  else if (containsFullAadhaar(value)) c.f.fail(path, FREE_TEXT_MESSAGES.fullAadhaar);
  return value;
}

/** E, H, I: the last 4 digits of the Aadhaar number, never more. Accepts `XXXX XXXX 1234`. */
function aadhaarLast4Number(c: Context, path: string, raw: string): string {
  const value = raw.replace(/[\s\-./]/g, '').toUpperCase();
  if (value === '') return c.f.fail(path, 'Enter the last 4 digits of the Aadhaar number.') ?? '';
  // More than 4 digits never gets here: kycRecordSchema refuses a full Aadhaar number first.
  const match = /^(?:X{8})?(\d{4})$/.exec(value);
  if (!match) return c.f.fail(path, 'Enter the last 4 digits of the Aadhaar number, like 1234.') ?? '';
  return match[1]!;
}

/** The number of an identity document, by its code (docs/record-rules.md §2 and §3). */
export function identityNumber(c: Context, path: string, code: string, raw: string, indianPassport: boolean): string {
  switch (code) {
    case 'A':
      return indianPassport ? identifier(c, path, 'PASSPORT', raw) : freeTextNumber(c, path, raw, 'passport');
    case 'B':
      return identifier(c, path, 'VOTER_ID', raw);
    case 'C':
      return identifier(c, path, 'PAN', raw);
    case 'D':
      return identifier(c, path, 'DRIVING_LICENCE', raw);
    case 'E':
    case 'H':
    case 'I':
      return aadhaarLast4Number(c, path, raw);
    case 'F':
      return identifier(c, path, 'NREGA', raw);
    case 'G':
      return freeTextNumber(c, path, raw, 'NPR letter');
    case 'J':
      return freeTextNumber(c, path, raw, 'document');
    default:
      // Unknown code: already reported on the code; keep the number as typed, tidied.
      return upperTidy(raw);
  }
}

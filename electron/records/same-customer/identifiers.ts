import type { SameCustomerFields } from '../../../shared/record-kinds/record-kind';
import { identityDocumentFlags } from '../../../shared/codes/ckyc-codes';

/** Which field of the form a match was found on. */
export type SameCustomerField = 'pan' | 'identity' | 'ckycNumber';

/**
 * One number that names a customer, normalised: `key` is what is hashed and compared ('pan:…',
 * 'id:A:…', 'ckyc:…'), `path` the form's field it came from, so the notice stands beside it.
 */
export interface CustomerIdentifier {
  field: SameCustomerField;
  path: string;
  key: string;
}

const PAN = /^[A-Z]{5}\d{4}[A-Z]$/;
const CKYC_NUMBER = /^\d{14}$/;
/** A document number shorter than this is too common to say "the same customer". */
const MIN_DOCUMENT_CHARACTERS = 5;
/** Identity code C is the PAN card: its number is a PAN, and matches the PAN field. */
const PAN_CARD = 'C';

/** Upper case, letters and digits only: 'abc pe-1234 f' and 'ABCPE1234F' are the same PAN. */
function compact(value: string): string {
  return value.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

function panKey(value: string | undefined): string | null {
  const pan = compact(value ?? '');
  return PAN.test(pan) ? `pan:${pan}` : null;
}

/**
 * The numbers that name the customer, as keys to compare. Only complete ones: a PAN of the PAN
 * shape, a CKYC number of 14 digits, a document number of at least 5 letters or digits. An
 * Aadhaar-based document (E, H, I) holds its last 4 digits only and is never matched.
 */
export function customerIdentifiers(fields: SameCustomerFields): CustomerIdentifier[] {
  const found: CustomerIdentifier[] = [];
  const pan = panKey(fields.pan);
  if (pan) found.push({ field: 'pan', path: 'pan', key: pan });
  (fields.identityDocuments ?? []).forEach((doc, i) => {
    const code = doc.code.trim().toUpperCase();
    const path = doc.path ?? `identityDocuments.${i}.number`;
    if (code === '' || identityDocumentFlags(code).last4Only) return;
    if (code === PAN_CARD) {
      const key = panKey(doc.number);
      if (key) found.push({ field: 'identity', path, key });
      return;
    }
    const number = compact(doc.number);
    if (number.length >= MIN_DOCUMENT_CHARACTERS) found.push({ field: 'identity', path, key: `id:${code}:${number}` });
  });
  const ckyc = (fields.ckycNumber ?? '').replace(/\D/g, '');
  if (CKYC_NUMBER.test(ckyc) && (fields.ckycNumber ?? '').replace(/[\s-]/g, '') === ckyc) found.push({ field: 'ckycNumber', path: 'ckycNumber', key: `ckyc:${ckyc}` });
  return found;
}

/** The CKYC number a `ckyc:` key holds (the registry's numbers are looked up on their own column). */
export function ckycNumberOf(key: string): string | null {
  return key.startsWith('ckyc:') ? key.slice('ckyc:'.length) : null;
}

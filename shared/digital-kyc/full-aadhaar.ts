import { validateAadhaar } from '../validation/identifiers';

/**
 * The full Aadhaar number typed for a digital-KYC push, checked the same way in the dialog (as the
 * person types) and again in main: 12 digits by UIDAI's rules (Verhoeff check digit included), and
 * its last four the same as the customer record's. The answer never repeats the number.
 */
export type FullAadhaarCheck = { ok: true; digits: string } | { ok: false; problem: string };

export function checkFullAadhaar(typed: string, recordLast4: string | null): FullAadhaarCheck {
  const checked = validateAadhaar(typed);
  if (!checked.ok) return { ok: false, problem: checked.reason };
  if (recordLast4 === null) return { ok: false, problem: 'The customer record keeps no last 4 digits of the Aadhaar number to check this one against: add them to the record first.' };
  if (!checked.value.endsWith(recordLast4)) return { ok: false, problem: `This Aadhaar number does not end in ${recordLast4}, the last 4 digits on the customer’s record. Check it against the card.` };
  return { ok: true, digits: checked.value };
}

/** The record's last four Aadhaar digits: its own field, else an Aadhaar identity document's (only 4 digits are ever kept). */
export function recordAadhaarLast4(record: { aadhaarLast4?: string | undefined; identityDocuments: ReadonlyArray<{ code: string; number: string }> }): string | null {
  if (record.aadhaarLast4 && /^\d{4}$/.test(record.aadhaarLast4)) return record.aadhaarLast4;
  const document = record.identityDocuments.find((candidate) => candidate.code.trim().toUpperCase() === 'E');
  const digits = document?.number.replace(/\D/g, '') ?? '';
  return digits.length === 4 ? digits : null;
}

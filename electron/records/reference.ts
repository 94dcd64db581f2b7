import { randomBytes } from 'node:crypto';

// Crockford's base32 minus look-alikes: a reference is read aloud at the counter.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The customer reference number: 14 upper-case alphanumerics (the registry's limit), "KD" then 12
 * random symbols — 60 bits, so collisions are negligible and the database's UNIQUE rule catches any.
 */
export function newCustomerReference(): string {
  const bytes = randomBytes(12);
  let out = 'KD';
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return out;
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}

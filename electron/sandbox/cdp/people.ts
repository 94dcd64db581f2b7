import { hash32, mulberry32 } from '../shell/faults';

/**
 * The Training CDP's seeded customers: one Emirates ID for each look-up outcome the seed documents,
 * the same for the same sandbox seed. Each is 15 digits starting 784, a birth year, and a Luhn
 * check digit (what KYC Desk's own validateEmiratesId checks), made up, never a real person's.
 * Onboarding them answers as the seed's refusals do (see routes.ts); any other valid id is unknown
 * to the CDP (45001) until it is onboarded.
 */
export type SeededOutcome = 'existing' | 'notSubscribed' | 'underInvestigation' | 'blocked' | 'searchError' | 'backendProblem';

export const SEEDED_OUTCOMES: readonly SeededOutcome[] = ['existing', 'notSubscribed', 'underInvestigation', 'blocked', 'searchError', 'backendProblem'];

export interface SeededCustomer {
  outcome: SeededOutcome;
  emiratesId: string;
  /** 16 digits starting 7841, as the seed's examples. */
  ecrn: string;
}

/** The Luhn check digit that makes `body` + digit valid. */
export function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A made-up, valid Emirates ID from a random source: 784, a year of birth from 1960 to 2005, seven digits, the check digit. */
export function madeUpEmiratesId(next: () => number): string {
  const year = 1960 + Math.floor(next() * 46);
  const serial = String(Math.floor(next() * 10_000_000)).padStart(7, '0');
  const body = `784${year}${serial}`;
  return `${body}${luhnDigit(body)}`;
}

/** A made-up ECRN from a random source. */
export function madeUpEcrn(next: () => number): string {
  return `7841${String(Math.floor(next() * 1e6)).padStart(6, '0')}${String(Math.floor(next() * 1e6)).padStart(6, '0')}`;
}

export function seededCustomers(seed: string): SeededCustomer[] {
  const next = mulberry32(hash32(seed, 'cdp-customers'));
  const used = new Set<string>();
  return SEEDED_OUTCOMES.map((outcome) => {
    let emiratesId = madeUpEmiratesId(next);
    for (let tries = 0; used.has(emiratesId) && tries < 100; tries += 1) emiratesId = madeUpEmiratesId(next);
    used.add(emiratesId);
    return { outcome, emiratesId, ecrn: madeUpEcrn(next) };
  });
}

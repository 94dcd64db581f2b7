import type { IndividualInput } from '../../shared/record/individual';

/** A valid individual as an operator would type it; `n` varies the PAN and mobile. */
export function sampleIndividual(n = 1, overrides: Partial<IndividualInput> = {}): IndividualInput {
  const serial = String(1000 + (n % 9000)).padStart(4, '0');
  return {
    firstName: 'Asha',
    lastName: 'Verma',
    gender: 'F',
    dateOfBirth: '1990-04-15',
    pan: `ABCPV${serial}K`,
    mobile: `98${String(10_000_000 + n).slice(-8)}`,
    addressLine1: '12, MG Road',
    city: 'Bengaluru',
    state: 'KA',
    pinCode: '560001',
    ...overrides,
  };
}

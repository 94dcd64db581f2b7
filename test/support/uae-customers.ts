import type { KycImage } from '../../shared/record/kyc-record';
import { blankUaeCustomer, UAE_IMAGE_CODES, type UaeCustomer } from '../../shared/record-kinds/uae-customer';
import type { CalendarDate } from '../../shared/validation/dates';

/** The day the UAE fixtures are judged on: the passport below expires after it, the old Emirates ID before. */
export const UAE_FIXTURE_TODAY: CalendarDate = { year: 2026, month: 11, day: 22 };

/** A Luhn-valid Emirates ID (784, year 1985, 7 digits, check digit). */
export const EMIRATES_ID = '784198512345673';

/** A stand-in document reference: 64 hex digits made from `n` (tests that save use real documents instead). */
export function fakeImage(code: string, n: number): KycImage {
  return { code, documentHash: n.toString(16).padStart(64, '0'), mime: 'image/jpeg', bytes: 1000 + n, masked: false };
}

/** A complete UAE customer as a maker would capture one: valid on UAE_FIXTURE_TODAY. */
export function completeUaeCustomer(overrides: Partial<UaeCustomer> = {}): UaeCustomer {
  const blank = blankUaeCustomer();
  const [emiratesId, passport] = blank.ids;
  const [uaeHome, homeCountry] = blank.addresses;
  return {
    ...blank,
    salutation: 'Mr',
    firstName: 'Irfan',
    middleName: 'Ismail',
    lastName: 'Nangarath',
    nationality: 'IN',
    countryOfBirth: 'IN',
    placeOfBirth: 'Kozhikode',
    dateOfBirth: '1985-07-28',
    residentType: '101',
    countryOfResidence: 'AE',
    gender: 'Male',
    primaryMobile: '+971 50 210 6707',
    email: 'Irfan@Example.com',
    occupation: '2856',
    addresses: [
      { ...uaeHome!, building: 'Mankhool Building', street: 'Electra Street', city: 'Abu Dhabi', state: 'Abu Dhabi' },
      { ...homeCountry!, building: 'ABC House', city: 'Thrikkaripur', district: 'Kasaragod', state: 'Kerala', country: 'IN', zip: '671310' },
    ],
    ids: [
      { ...emiratesId!, number: '784-1985-1234567-3', nameAsPerId: 'Irfan Ismail Nangarath', issuedBy: 'ICP', issuedOn: '2024-08-08', expiry: '2029-08-07', front: fakeImage(UAE_IMAGE_CODES.idFront, 1), back: fakeImage(UAE_IMAGE_CODES.idBack, 2) },
      { ...passport!, number: 'p4006315', issuedCountry: 'IN', visaNumber: 'visa123', visaExpiry: '2027-06-30', issuedAt: 'Kozhikode', issuedOn: '2019-04-28', expiry: '2029-04-27', front: fakeImage(UAE_IMAGE_CODES.idFront, 3) },
    ],
    classification: { ...blank.classification, incomeRange: '15', riskRating: '3', profilePhoto: fakeImage(UAE_IMAGE_CODES.profilePhoto, 5) },
    ...overrides,
  };
}
